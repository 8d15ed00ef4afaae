#include "segugio/eval/recall.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ostream>

#include <nlohmann/json.hpp>

#include "segugio/core/error.h"
#include "segugio/search/searcher.h"

namespace segugio::eval {

namespace {

std::string fixed(double v, int decimals = 4) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// Rounded so that JSON shows 0.7271, not 0.72707...
double rounded(double v) {
  return std::round(v * 1e6) / 1e6;
}

nlohmann::json means_json(const MeanScores& m) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : m.recall) j["recall@" + std::to_string(k)] = rounded(v);
  for (const auto& [k, v] : m.precision) j["precision@" + std::to_string(k)] = rounded(v);
  j["mrr@10"] = rounded(m.mrr10);
  j["ndcg@10"] = rounded(m.ndcg10);
  j["map"] = rounded(m.map);
  return j;
}

}  // namespace

ReportFormat parse_report_format(std::string_view name) {
  if (name == "text") return ReportFormat::text;
  if (name == "json") return ReportFormat::json;
  throw UsageError("--format takes text or json, not '" + std::string(name) + "'");
}

std::vector<std::size_t> parse_cutoffs(std::string_view list) {
  std::vector<std::size_t> cutoffs;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = list.find(',', start);
    if (end == std::string_view::npos) end = list.size();
    const std::string item(list.substr(start, end - start));
    std::size_t used = 0;
    unsigned long k = 0;
    try {
      k = std::stoul(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != item.size() || k == 0 || k > 10000)
      throw UsageError("--k takes cut-offs like 1,5,10,100, not '" + std::string(list) + "'");
    cutoffs.push_back(k);
    start = end + 1;
  }
  return cutoffs;
}

void apply_ranking_overrides(std::string_view list, search::RankingOptions& r) {
  std::size_t start = 0;
  while (start < list.size()) {
    std::size_t end = list.find(',', start);
    if (end == std::string_view::npos) end = list.size();
    const std::string item(list.substr(start, end - start));
    start = end + 1;
    const std::size_t eq = item.find('=');
    const std::string key = item.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : item.substr(eq + 1);
    const auto bad = [&] {
      return UsageError("--ranking: bad setting '" + item +
                        "' (keys: k1, b, operator, all_words_weight, informative_max_doc_fraction, "
                        "bonus_max_doc_fraction, title_weight, proximity, "
                        "proximity_weight, proximity_slack, proximity_max_words, "
                        "answer_type_weight, synonym_weight, company_weight, correct_typos, "
                        "join_written_apart, split_written_whole)");
    };
    const auto number = [&] {
      std::size_t used = 0;
      double v = 0;
      try {
        v = std::stod(value, &used);
      } catch (const std::exception&) {
        throw bad();
      }
      if (used != value.size() || v < 0) throw bad();
      return v;
    };
    if (key == "k1")
      r.k1 = number();
    else if (key == "b")
      r.b = number();
    else if (key == "all_words_weight")
      r.all_words_weight = number();
    else if (key == "informative_max_doc_fraction")
      r.informative_max_doc_fraction = number();
    else if (key == "title_weight")
      r.title_weight = number();
    else if (key == "bonus_max_doc_fraction")
      r.bonus_max_doc_fraction = number();
    else if (key == "proximity_weight")
      r.proximity_weight = number();
    else if (key == "proximity_slack")
      r.proximity_slack = static_cast<unsigned>(number());
    else if (key == "proximity_max_words")
      r.proximity_max_words = static_cast<unsigned>(number());
    else if (key == "coarse_max_doc_fraction")
      r.coarse_max_doc_fraction = number();
    else if (key == "exact_weight")
      r.exact_weight = number();
    else if (key == "coarse_max_ratio")
      r.coarse_max_ratio = number();
    else if (key == "coarse_weight")
      r.coarse_weight = number();
    else if (key == "answer_type_weight")
      r.answer_type_weight = number();
    else if (key == "synonym_weight")
      r.synonym_weight = number();
    else if (key == "company_weight")
      r.company_weight = number();
    else if (key == "correct_typos" && (value == "on" || value == "off"))
      r.correct_typos = value == "on";
    else if (key == "join_written_apart" && (value == "on" || value == "off"))
      r.join_written_apart = value == "on";
    else if (key == "split_written_whole" && (value == "on" || value == "off"))
      r.split_written_whole = value == "on";
    else if (key == "proximity" && (value == "on" || value == "off"))
      r.proximity = value == "on";
    else if (key == "operator" && value == "all")
      r.default_operator = search::DefaultOperator::all;
    else if (key == "operator" && value == "any")
      r.default_operator = search::DefaultOperator::any;
    else if (key == "operator" && value == "any_bonus")
      r.default_operator = search::DefaultOperator::any_bonus;
    else
      throw bad();
  }
}

search::SearchOptions bench_search_options(const BenchQuery& query,
                                           const search::RankingOptions& ranking, unsigned depth) {
  search::SearchOptions o;
  o.query = query.text;
  o.filters.companies = query.filters.companies;
  o.filters.topics = query.filters.topics;
  if (query.filters.from) o.filters.from = query.filters.from->iso();
  if (query.filters.to) o.filters.to = query.filters.to->iso();
  o.ranking = ranking;
  o.limit = depth;
  o.facets = false;
  o.articles = false;
  o.snippets = false;
  o.spelling = false;
  return o;
}

BatchRun run_batch(search::Searcher& searcher, const std::vector<BenchQuery>& queries,
                   const search::RankingOptions& ranking, unsigned depth) {
  BatchRun batch;
  const auto start = std::chrono::steady_clock::now();
  for (const BenchQuery& q : queries) {
    std::vector<RankedDoc>& hits = batch.run[q.id];
    try {
      const search::SearchResult result = searcher.search(bench_search_options(q, ranking, depth));
      hits.reserve(result.hits.size());
      for (const search::Hit& h : result.hits) hits.push_back({h.id, h.score});
    } catch (const UsageError& e) {
      batch.failures.push_back({q.id, e.what()});
    }
  }
  batch.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return batch;
}

RecallReport run_recall(const RecallOptions& options) {
  const std::vector<BenchQuery> queries = read_queries_file(options.queries.string());
  const Qrels qrels = read_qrels_file(options.qrels.string());
  std::size_t judged = 0;
  for (const BenchQuery& q : queries) judged += qrels.count(q.id);
  if (judged == 0)
    throw UsageError(options.queries.string() + ": none of its queries is in " +
                     options.qrels.string());
  search::Searcher searcher(options.db);
  BatchRun batch = run_batch(searcher, queries, options.ranking, options.depth);
  RecallReport report;
  report.db = options.db.string();
  report.cutoffs = options.cutoffs;
  report.depth = options.depth;
  report.queries_run = queries.size();
  report.evaluation = evaluate(batch.run, qrels, options.cutoffs);
  report.run = std::move(batch.run);
  report.failures = std::move(batch.failures);
  report.seconds = batch.seconds;
  return report;
}

void write_recall_report(std::ostream& out, const RecallReport& report, ReportFormat format,
                         bool per_query) {
  const MeanScores& m = report.evaluation.mean;
  if (format == ReportFormat::json) {
    nlohmann::json j;
    j["db"] = report.db;
    j["queries"] = report.queries_run;
    j["judged_queries"] = m.queries;
    j["answered_queries"] = m.queries_answered;
    j["depth"] = report.depth;
    j["mean"] = means_json(m);
    j["queries_per_second"] = std::round(report.queries_per_second() * 10) / 10;
    j["notes"] = kMeasureNotes;
    nlohmann::json failures = nlohmann::json::array();
    for (const QueryFailure& f : report.failures)
      failures.push_back({{"qid", f.qid}, {"error", f.message}});
    j["failures"] = failures;
    if (per_query) {
      nlohmann::json rows = nlohmann::json::array();
      for (const QueryScores& s : report.evaluation.per_query) {
        nlohmann::json row = {{"qid", s.qid},
                              {"relevant", s.relevant},
                              {"retrieved", s.retrieved},
                              {"first_relevant", s.first_relevant}};
        for (const auto& [k, v] : s.recall) row["recall@" + std::to_string(k)] = rounded(v);
        for (const auto& [k, v] : s.precision) row["precision@" + std::to_string(k)] = rounded(v);
        row["mrr@10"] = rounded(s.mrr10);
        row["ndcg@10"] = rounded(s.ndcg10);
        row["ap"] = rounded(s.ap);
        rows.push_back(row);
      }
      j["per_query"] = rows;
    }
    out << j.dump(2) << '\n';
    return;
  }
  out << "database    " << report.db << "\n"
      << "queries     " << report.queries_run << " run, " << m.queries << " judged, "
      << m.queries_answered << " answered, " << report.failures.size() << " refused\n";
  for (const auto& [k, v] : m.recall)
    out << "recall@" << k << std::string(k < 10 ? 5 : k < 100 ? 4 : 3, ' ') << fixed(v) << '\n';
  for (const auto& [k, v] : m.precision)
    out << "P@" << k << std::string(k < 10 ? 10 : k < 100 ? 9 : 8, ' ') << fixed(v) << '\n';
  out << "mrr@10      " << fixed(m.mrr10) << '\n'
      << "ndcg@10     " << fixed(m.ndcg10) << '\n'
      << "map         " << fixed(m.map) << "   (top " << report.depth << ")\n"
      << "queries/s   " << fixed(report.queries_per_second(), 1) << '\n';
  for (const QueryFailure& f : report.failures)
    out << "refused     " << f.qid << ": " << f.message << '\n';
  out << "note: " << kMeasureNotes << '\n';
}

}  // namespace segugio::eval
