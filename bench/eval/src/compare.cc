#include "segugio/eval/compare.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <ostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "segugio/core/error.h"
#include "segugio/eval/plain_path.h"
#include "segugio/search/searcher.h"

namespace segugio::eval {

namespace {

std::string short_number(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

std::string fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string analysis_key(const analysis::AnalyzerOptions& a) {
  return std::string(a.stemming ? "s" : "-") + (a.split_elisions ? "e" : "-") +
         (a.fold_accents ? "f" : "-");
}

}  // namespace

std::vector<Configuration> standard_configurations(const search::RankingOptions& defaults,
                                                   const std::vector<double>& k1_grid,
                                                   const std::vector<double>& b_grid,
                                                   bool with_analysis) {
  std::vector<Configuration> list;
  const auto add = [&](std::string name, auto change) {
    Configuration c;
    c.name = std::move(name);
    c.ranking = defaults;
    change(c.ranking);
    list.push_back(std::move(c));
  };
  using R = search::RankingOptions;
  add("default", [](R&) {});
  add("operator all (AND)", [](R& r) { r.default_operator = search::DefaultOperator::all; });
  add("operator any (OR)", [](R& r) { r.default_operator = search::DefaultOperator::any; });
  if (defaults.default_operator != search::DefaultOperator::any_bonus)
    add("operator any_bonus",
        [](R& r) { r.default_operator = search::DefaultOperator::any_bonus; });
  add("title weight 0", [](R& r) { r.title_weight = 0; });
  add("title weight x0.5", [](R& r) { r.title_weight *= 0.5; });
  add("title weight x2", [](R& r) { r.title_weight *= 2; });
  add("proximity off", [](R& r) { r.proximity = false; });
  add("proximity weight x0.2", [](R& r) {
    r.proximity = true;
    r.proximity_weight *= 0.2;
  });
  add("proximity weight x2", [](R& r) {
    r.proximity = true;
    r.proximity_weight *= 2;
  });
  for (const double k1 : k1_grid)
    for (const double b : b_grid) {
      if (k1 == defaults.k1 && b == defaults.b) continue;
      add("bm25 k1=" + short_number(k1) + " b=" + short_number(b), [&](R& r) {
        r.k1 = k1;
        r.b = b;
      });
    }
  if (with_analysis) {
    const auto plain = [&](std::string name, auto change) {
      Configuration c;
      c.name = std::move(name);
      c.ranking = defaults;
      c.plain = true;
      change(c.analysis);
      list.push_back(std::move(c));
    };
    using A = analysis::AnalyzerOptions;
    plain("plain: default analysis", [](A&) {});
    plain("plain: stemming off", [](A& a) { a.stemming = false; });
    plain("plain: elisions whole", [](A& a) { a.split_elisions = false; });
    plain("plain: question words dropped", [](A&) {});
    list.back().drop_question_words = true;
    plain("plain: 6-byte prefixes", [](A&) {});
    list.back().prefix_bytes = 6;
    plain("plain: prefixes + question words", [](A&) {});
    list.back().prefix_bytes = 6;
    list.back().drop_question_words = true;
  }
  return list;
}

CompareReport run_compare(const CompareOptions& options, std::ostream& log) {
  const std::vector<BenchQuery> queries = read_queries_file(options.queries.string());
  const Qrels qrels = read_qrels_file(options.qrels.string());
  CompareReport report;
  report.queries = queries.size();
  report.cutoffs = options.cutoffs;

  const bool any_plain = std::any_of(options.configurations.begin(), options.configurations.end(),
                                     [](const Configuration& c) { return c.plain; });
  if (any_plain && options.corpus.empty())
    throw UsageError("the analysis configurations rebuild the index: give --corpus FILE|DIR");

  search::Searcher searcher(options.db);
  std::map<std::string, std::filesystem::path> plain_dbs;  // analysis key -> database
  for (const Configuration& config : options.configurations) {
    log << "running: " << config.name << "\n" << std::flush;
    ConfigurationResult result;
    result.configuration = config;
    Run run;
    if (config.plain) {
      const std::string key =
          analysis_key(config.analysis) + "-p" + std::to_string(config.prefix_bytes);
      if (!plain_dbs.count(key)) {
        const std::filesystem::path db = options.work_dir / ("plain-" + key);
        const PlainIndexReport built =
            build_plain_index(options.corpus, db, config.analysis, config.prefix_bytes);
        report.notes.push_back(config.name + ": " + std::to_string(built.articles) +
                               " articles indexed on the plain path in " + fixed(built.seconds, 1) +
                               " s");
        plain_dbs[key] = db;
      }
      PlainQueryOptions plain;
      plain.analysis = config.analysis;
      plain.k1 = config.ranking.k1;
      plain.b = config.ranking.b;
      plain.depth = options.depth;
      plain.prefix_bytes = config.prefix_bytes;
      plain.drop_question_words = config.drop_question_words;
      const auto start = std::chrono::steady_clock::now();
      run = run_plain_queries(plain_dbs[key], queries, plain);
      result.seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    } else {
      BatchRun batch = run_batch(searcher, queries, config.ranking, options.depth);
      run = std::move(batch.run);
      result.failures = batch.failures.size();
      result.seconds = batch.seconds;
    }
    result.mean = evaluate(run, qrels, options.cutoffs).mean;
    result.curve = recall_curve(run, qrels, options.depth);
    report.results.push_back(std::move(result));
  }
  return report;
}

void write_compare_report(std::ostream& out, const CompareReport& report, ReportFormat format) {
  const auto qps = [&](const ConfigurationResult& r) {
    return r.seconds > 0 ? static_cast<double>(report.queries) / r.seconds : 0.0;
  };
  if (format == ReportFormat::json) {
    nlohmann::json rows = nlohmann::json::array();
    for (const ConfigurationResult& r : report.results) {
      nlohmann::json row = {{"configuration", r.configuration.name},
                            {"plain_path", r.configuration.plain}};
      for (const auto& [k, v] : r.mean.recall)
        row["recall@" + std::to_string(k)] = std::round(v * 1e6) / 1e6;
      row["mrr@10"] = std::round(r.mean.mrr10 * 1e6) / 1e6;
      row["ndcg@10"] = std::round(r.mean.ndcg10 * 1e6) / 1e6;
      row["map"] = std::round(r.mean.map * 1e6) / 1e6;
      row["queries_per_second"] = std::round(qps(r) * 10) / 10;
      row["refused"] = r.failures;
      rows.push_back(row);
    }
    nlohmann::json j = {{"queries", report.queries},
                        {"configurations", rows},
                        {"notes", report.notes},
                        {"measures", std::string(kMeasureNotes)}};
    out << j.dump(2) << '\n';
    return;
  }
  // Columns: name, recall@k..., mrr@10, ndcg@10, map, q/s. The best of each
  // measure column gets a '*'.
  std::vector<std::string> headers = {"configuration"};
  for (const std::size_t k : report.cutoffs) headers.push_back("R@" + std::to_string(k));
  for (const char* h : {"MRR@10", "nDCG@10", "MAP", "q/s"}) headers.push_back(h);
  std::vector<std::vector<double>> values;
  for (const ConfigurationResult& r : report.results) {
    std::vector<double> row;
    for (const std::size_t k : report.cutoffs)
      row.push_back(r.mean.recall.count(k) ? r.mean.recall.at(k) : 0);
    row.push_back(r.mean.mrr10);
    row.push_back(r.mean.ndcg10);
    row.push_back(r.mean.map);
    row.push_back(qps(r));
    values.push_back(row);
  }
  const std::size_t measures = report.cutoffs.size() + 3;
  std::vector<double> best(measures, -1);
  for (const auto& row : values)
    for (std::size_t c = 0; c < measures; ++c) best[c] = std::max(best[c], row[c]);
  std::size_t name_width = headers[0].size();
  for (const ConfigurationResult& r : report.results)
    name_width = std::max(name_width, r.configuration.name.size());
  const auto pad = [](std::string s, std::size_t width, bool left) {
    if (s.size() < width)
      s = left ? s + std::string(width - s.size(), ' ') : std::string(width - s.size(), ' ') + s;
    return s;
  };
  out << pad(headers[0], name_width, true);
  for (std::size_t c = 1; c < headers.size(); ++c) out << "  " << pad(headers[c], 8, false);
  out << '\n';
  for (std::size_t i = 0; i < values.size(); ++i) {
    out << pad(report.results[i].configuration.name, name_width, true);
    for (std::size_t c = 0; c < values[i].size(); ++c) {
      std::string cell = c < measures ? fixed(values[i][c], 4) : fixed(values[i][c], 0);
      if (c < measures) cell += values[i][c] >= best[c] - 1e-12 ? "*" : " ";
      out << "  " << pad(cell, 8, false);
    }
    out << '\n';
  }
  out << "queries: " << report.queries << "; * best of its column\n";
  for (const std::string& n : report.notes) out << "note: " << n << '\n';
  out << "note: plain-path rows (analysis variants) compare with \"plain: default analysis\", "
         "not with the searcher's rows\n";
  out << "note: " << kMeasureNotes << '\n';
}

std::vector<PlotSeries> recall_series(const CompareReport& report) {
  std::vector<PlotSeries> series;
  for (const ConfigurationResult& r : report.results)
    series.push_back({r.configuration.name, r.curve});
  return series;
}

}  // namespace segugio::eval
