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

std::vector<double> time_searches(search::Searcher& searcher,
                                  const std::vector<BenchQuery>& queries, bool facets) {
  std::vector<double> ms;
  ms.reserve(queries.size());
  for (const BenchQuery& q : queries) {
    search::SearchOptions o;
    o.query = q.text;
    o.facets = facets;
    const auto start = std::chrono::steady_clock::now();
    searcher.search(o);
    ms.push_back(elapsed_ms(start));
  }
  return ms;
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
  if (ms.empty()) return f;
  std::sort(ms.begin(), ms.end());
  const auto rank = [&](double p) {
    const std::size_t r = static_cast<std::size_t>(std::ceil(p * static_cast<double>(ms.size())));
    return ms[std::clamp<std::size_t>(r, 1, ms.size()) - 1];
  };
  f.median_ms = rank(0.5);
  f.p99_ms = rank(0.99);
  f.mean_ms = std::accumulate(ms.begin(), ms.end(), 0.0) / static_cast<double>(ms.size());
  f.max_ms = ms.back();
  return f;
}

LatencyReport run_latency(const LatencyOptions& options) {
  search::Searcher searcher(options.db);
  LatencyReport report;
  report.seed = options.seed;
  report.documents = searcher.database().get_doccount();
  report.drawn = title_queries(searcher, options.db, options.queries, options.seed);
  report.queries = report.drawn.size();
  if (!options.save_queries.empty()) {
    std::ofstream out(options.save_queries, std::ios::binary | std::ios::trunc);
    write_queries(out, report.drawn);
    if (!out) throw DataError(options.save_queries.string() + ": cannot write");
  }
  time_searches(searcher, report.drawn, options.facets);  // warm-up
  report.figures.push_back(
      latency_figures("no facets", time_searches(searcher, report.drawn, false)));
  if (options.facets)
    report.figures.push_back(
        latency_figures("facets", time_searches(searcher, report.drawn, true)));
  if (!options.batch.empty()) {
    const std::vector<BenchQuery> batch = read_queries_file(options.batch.string());
    const BatchRun run = run_batch(searcher, batch, search::RankingOptions{}, 10);
    report.batch_queries = batch.size();
    report.batch_queries_per_second =
        run.seconds > 0 ? static_cast<double>(batch.size()) / run.seconds : 0;
  }
  return report;
}

void write_latency_report(std::ostream& out, const LatencyReport& report, ReportFormat format) {
  const auto r2 = [](double v) { return std::round(v * 100) / 100; };
  if (format == ReportFormat::json) {
    nlohmann::json figures = nlohmann::json::array();
    for (const LatencyFigures& f : report.figures)
      figures.push_back({{"searches", f.label},
                         {"median_ms", r2(f.median_ms)},
                         {"p99_ms", r2(f.p99_ms)},
                         {"mean_ms", r2(f.mean_ms)},
                         {"max_ms", r2(f.max_ms)}});
    nlohmann::json j = {{"queries", report.queries},
                        {"seed", report.seed},
                        {"documents", report.documents},
                        {"latency", figures}};
    if (report.batch_queries_per_second) {
      j["batch_queries"] = report.batch_queries;
      j["batch_queries_per_second"] = std::round(*report.batch_queries_per_second * 10) / 10;
    }
    out << j.dump(2) << '\n';
    return;
  }
  char line[200];
  std::snprintf(line, sizeof line,
                "%zu title queries of 1-3 words (seed %llu) over %zu articles, warm, one thread\n",
                report.queries, static_cast<unsigned long long>(report.seed), report.documents);
  out << line;
  std::snprintf(line, sizeof line, "%-10s %10s %10s %10s %10s\n", "searches", "median ms", "p99 ms",
                "mean ms", "max ms");
  out << line;
  for (const LatencyFigures& f : report.figures) {
    std::snprintf(line, sizeof line, "%-10s %10.2f %10.2f %10.2f %10.2f\n", f.label.c_str(),
                  f.median_ms, f.p99_ms, f.mean_ms, f.max_ms);
    out << line;
  }
  if (report.batch_queries_per_second) {
    std::snprintf(line, sizeof line,
                  "batch: %zu queries, %.1f queries/s (ids and scores, top 10)\n",
                  report.batch_queries, *report.batch_queries_per_second);
    out << line;
  }
}

}  // namespace segugio::eval
