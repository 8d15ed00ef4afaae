#include "segugio/eval/latency.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <ostream>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "segugio/analysis/analyzer.h"
#include "segugio/core/error.h"
#include "segugio/index/doc_reader.h"
#include "segugio/search/searcher.h"
#include "segugio/eval/xapian_baseline.h"

namespace segugio::eval {

namespace {

// splitmix64, as in the synthetic corpus: the same draws on every platform.
std::uint64_t next(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// The words of a title a user might type: no stopwords, no punctuation.
std::vector<std::string> title_words(analysis::Analyzer& analyzer, const std::string& title) {
  std::vector<std::string> words;
  const analysis::Analysis a = analyzer.analyze(title);
  for (const analysis::Word& w : a.words)
    if (!w.stopword && w.end > w.begin && w.surface.size() >= 2)
      words.push_back(title.substr(w.begin, w.end - w.begin));
  return words;
}

double elapsed_ms(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

struct Timings {
  std::vector<double> xapian, no_facets, facets;
  std::vector<std::uint64_t> no_facets_matches, facets_matches;
};

void time_search(search::Searcher& searcher, const std::string& text, bool facets,
                 std::vector<double>& ms, std::vector<std::uint64_t>& matches) {
  search::SearchOptions o;
  o.query = text;
  o.facets = facets;
  const auto start = std::chrono::steady_clock::now();
  const search::SearchResult result = searcher.search(o);
  ms.push_back(elapsed_ms(start));
  matches.push_back(result.total);
}

// One round over the queries: each query through the baseline, Segugio
// without facets and (the first `facet_count`) Segugio with facets, in turn.
Timings time_round(search::Searcher& searcher, XapianBaseline& baseline,
                   const std::vector<BenchQuery>& queries, std::size_t facet_count) {
  Timings t;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    const auto start = std::chrono::steady_clock::now();
    baseline.search(queries[i].text);
    t.xapian.push_back(elapsed_ms(start));
    time_search(searcher, queries[i].text, false, t.no_facets, t.no_facets_matches);
    if (i < facet_count)
      time_search(searcher, queries[i].text, true, t.facets, t.facets_matches);
  }
  return t;
}

}  // namespace

std::vector<BenchQuery> title_queries(search::Searcher& searcher, const std::filesystem::path& db,
                                      std::size_t count, std::uint64_t seed) {
  const Xapian::Database& database = searcher.database();
  const Xapian::docid last = database.get_lastdocid();
  if (database.get_doccount() == 0 || last == 0) throw DataError(db.string() + ": no article");
  index::DocReader reader = index::DocReader::open(db);
  analysis::Analyzer analyzer;
  std::uint64_t state = seed;
  std::vector<BenchQuery> queries;
  std::size_t attempts = 0;
  while (queries.size() < count && attempts++ < count * 20) {
    const auto did = static_cast<Xapian::docid>(1 + next(state) % last);
    std::string title;
    try {
      title = reader.read(did).title;
    } catch (const DatabaseError&) {
      continue;  // a docid left free by a deletion
    }
    const std::vector<std::string> words = title_words(analyzer, title);
    if (words.empty()) continue;
    const std::size_t length = std::min<std::size_t>(1 + next(state) % 3, words.size());
    const std::size_t first = next(state) % (words.size() - length + 1);
    std::string text;
    for (std::size_t i = first; i < first + length; ++i)
      text += (text.empty() ? "" : " ") + words[i];
    queries.push_back({"t" + std::to_string(queries.size() + 1), text, {}});
  }
  if (queries.empty()) throw DataError(db.string() + ": its titles give no query words");
  return queries;
}

LatencyFigures latency_figures(std::string label, std::vector<double> ms) {
  LatencyFigures f;
  f.label = std::move(label);
  f.queries = ms.size();
  if (ms.empty()) return f;
  std::sort(ms.begin(), ms.end());
  const auto rank = [&](double p) {
    const std::size_t r = static_cast<std::size_t>(std::ceil(p * static_cast<double>(ms.size())));
    return ms[std::clamp<std::size_t>(r, 1, ms.size()) - 1];
  };
  f.median_ms = rank(0.5);
  f.p90_ms = rank(0.9);
  f.p99_ms = rank(0.99);
  f.mean_ms = std::accumulate(ms.begin(), ms.end(), 0.0) / static_cast<double>(ms.size());
  f.max_ms = ms.back();
  return f;
}

std::vector<SlowSearch> slowest_searches(const std::string& label,
                                         const std::vector<BenchQuery>& queries,
                                         const std::vector<double>& ms,
                                         const std::vector<double>& xapian_ms,
                                         const std::vector<std::uint64_t>& matches,
                                         std::size_t count) {
  std::vector<std::size_t> order(ms.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return ms[a] > ms[b]; });
  order.resize(std::min(count, order.size()));
  std::vector<SlowSearch> rows;
  for (const std::size_t i : order)
    rows.push_back({label, queries[i].id, queries[i].text, ms[i], xapian_ms[i], matches[i]});
  return rows;
}

LatencyReport run_latency(const LatencyOptions& options) {
  search::Searcher searcher(options.db);
  XapianBaseline baseline(options.db);
  LatencyReport report;
  report.seed = options.seed;
  report.documents = searcher.database().get_doccount();
  if (options.query_file.empty()) {
    report.drawn = title_queries(searcher, options.db, options.queries, options.seed);
    report.source = "title queries of 1-3 words (seed " + std::to_string(options.seed) + ")";
  } else {
    report.drawn = read_queries_file(options.query_file.string());
    if (report.drawn.empty()) throw DataError(options.query_file.string() + ": no query");
    report.source = "queries of " + options.query_file.string();
  }
  report.queries = report.drawn.size();
  if (!options.save_queries.empty()) {
    std::ofstream out(options.save_queries, std::ios::binary | std::ios::trunc);
    write_queries(out, report.drawn);
    if (!out) throw DataError(options.save_queries.string() + ": cannot write");
  }
  const std::size_t facet_count =
      options.facets ? std::min(report.queries, options.facet_queries.value_or(report.queries))
                     : 0;
  time_round(searcher, baseline, report.drawn, facet_count);  // warm-up
  Timings t = time_round(searcher, baseline, report.drawn, facet_count);
  report.figures.push_back(latency_figures("no facets", t.no_facets));
  report.xapian.push_back(latency_figures("plain xapian", t.xapian));
  report.slowest = slowest_searches("no facets", report.drawn, t.no_facets, t.xapian,
                                    t.no_facets_matches, options.slowest);
  if (facet_count > 0) {
    report.figures.push_back(latency_figures("facets", t.facets));
    for (SlowSearch& s : slowest_searches("facets", report.drawn, t.facets, t.xapian,
                                          t.facets_matches, options.slowest))
      report.slowest.push_back(std::move(s));
    t.xapian.resize(facet_count);
    report.xapian.push_back(latency_figures("plain xapian", t.xapian));
  }
  if (!options.batch.empty()) {
    const std::vector<BenchQuery> batch = read_queries_file(options.batch.string());
    const BatchRun run = run_batch(searcher, batch, search::RankingOptions{}, 10);
    report.batch_queries = batch.size();
    report.batch_queries_per_second =
        run.seconds > 0 ? static_cast<double>(batch.size()) / run.seconds : 0;
  }
  return report;
}

namespace {

double ratio(double segugio_ms, double xapian_ms) {
  return xapian_ms > 0 ? segugio_ms / xapian_ms : 0;
}

nlohmann::json figures_json(const LatencyFigures& f) {
  const auto r2 = [](double v) { return std::round(v * 100) / 100; };
  return {{"searches", f.label},   {"queries", f.queries},  {"median_ms", r2(f.median_ms)},
          {"p90_ms", r2(f.p90_ms)}, {"p99_ms", r2(f.p99_ms)}, {"mean_ms", r2(f.mean_ms)},
          {"max_ms", r2(f.max_ms)}};
}

void write_json(std::ostream& out, const LatencyReport& report) {
  const auto r2 = [](double v) { return std::round(v * 100) / 100; };
  nlohmann::json figures = nlohmann::json::array();
  for (std::size_t i = 0; i < report.figures.size(); ++i) {
    const LatencyFigures& f = report.figures[i];
    const LatencyFigures& x = report.xapian[i];
    nlohmann::json j = figures_json(f);
    j["xapian_median_ms"] = r2(x.median_ms);
    j["xapian_p90_ms"] = r2(x.p90_ms);
    j["xapian_p99_ms"] = r2(x.p99_ms);
    j["median_vs_xapian"] = r2(ratio(f.median_ms, x.median_ms));
    j["p90_vs_xapian"] = r2(ratio(f.p90_ms, x.p90_ms));
    j["p99_vs_xapian"] = r2(ratio(f.p99_ms, x.p99_ms));
    figures.push_back(std::move(j));
  }
  nlohmann::json j = {{"queries", report.queries},
                      {"source", report.source},
                      {"seed", report.seed},
                      {"documents", report.documents},
                      {"latency", figures},
                      {"xapian", figures_json(report.xapian.front())}};
  if (!report.slowest.empty()) {
    nlohmann::json rows = nlohmann::json::array();
    for (const SlowSearch& s : report.slowest)
      rows.push_back({{"searches", s.label},   {"query_id", s.query_id},
                      {"query", s.text},       {"ms", r2(s.ms)},
                      {"xapian_ms", r2(s.xapian_ms)}, {"matches", s.matches}});
    j["slowest"] = std::move(rows);
  }
  if (report.batch_queries_per_second) {
    j["batch_queries"] = report.batch_queries;
    j["batch_queries_per_second"] = std::round(*report.batch_queries_per_second * 10) / 10;
  }
  out << j.dump(2) << '\n';
}

void write_row(std::ostream& out, const LatencyFigures& f, const LatencyFigures* xapian) {
  char line[240];
  std::snprintf(line, sizeof line, "%-14s %7zu %9.2f %9.2f %9.2f %9.2f %9.2f", f.label.c_str(),
                f.queries, f.median_ms, f.p90_ms, f.p99_ms, f.mean_ms, f.max_ms);
  out << line;
  if (xapian) {
    std::snprintf(line, sizeof line, " %8.2f %8.2f %8.2f", ratio(f.median_ms, xapian->median_ms),
                  ratio(f.p90_ms, xapian->p90_ms), ratio(f.p99_ms, xapian->p99_ms));
    out << line;
  }
  out << '\n';
}

}  // namespace

void write_latency_report(std::ostream& out, const LatencyReport& report, ReportFormat format) {
  if (format == ReportFormat::json) return write_json(out, report);
  out << report.queries << ' ' << report.source << " over " << report.documents
      << " articles, warm, one thread; plain xapian = QueryParser, Italian stemmer, OR, BM25, "
         "10 hits\n";
  char line[240];
  std::snprintf(line, sizeof line, "%-14s %7s %9s %9s %9s %9s %9s %8s %8s %8s\n", "searches",
                "queries", "median", "p90", "p99", "mean", "max", "x median", "x p90", "x p99");
  out << line;
  write_row(out, report.xapian.front(), nullptr);
  for (std::size_t i = 0; i < report.figures.size(); ++i)
    write_row(out, report.figures[i], &report.xapian[i]);
  out << "(times in ms; x: Segugio over plain xapian on the same queries)\n";
  for (std::size_t i = 0; i < report.slowest.size(); ++i) {
    const SlowSearch& s = report.slowest[i];
    if (i == 0 || s.label != report.slowest[i - 1].label)
      out << "slowest, " << s.label << ": ms, plain xapian ms, matches, query\n";
    std::snprintf(line, sizeof line, "%9.2f %9.2f %10llu  ", s.ms, s.xapian_ms,
                  static_cast<unsigned long long>(s.matches));
    out << line << s.query_id << ' ' << s.text << '\n';
  }
  if (report.batch_queries_per_second) {
    std::snprintf(line, sizeof line,
                  "batch: %zu queries, %.1f queries/s (ids and scores, top 10)\n",
                  report.batch_queries, *report.batch_queries_per_second);
    out << line;
  }
}

}  // namespace segugio::eval
