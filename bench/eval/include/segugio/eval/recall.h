// `segugio-bench recall`: benchmark queries through the search library in one
// process, scored against TREC qrels.
#pragma once

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "segugio/eval/measures.h"
#include "segugio/eval/queries.h"
#include "segugio/eval/trec.h"
#include "segugio/search/search_options.h"

namespace segugio::search {
class Searcher;
}

namespace segugio::eval {

enum class ReportFormat { text, json };

// "text" or "json"; throws UsageError for anything else.
ReportFormat parse_report_format(std::string_view name);

// Cut-offs written "1,5,10,100"; throws UsageError for a bad list.
std::vector<std::size_t> parse_cutoffs(std::string_view list);

// Changes `ranking` as "k1=0.9,b=0.9,operator=any,title_weight=0.5,proximity=off"
// says. Keys: k1, b, operator (all, any, any_bonus), all_words_weight,
// title_weight, proximity (on, off), proximity_weight, proximity_slack,
// proximity_max_words, synonym_weight, company_weight. Throws UsageError for an
// unknown key or a bad value.
void apply_ranking_overrides(std::string_view list, search::RankingOptions& ranking);

// The search a benchmark query becomes: its text and filters, ids and scores
// only (no stored articles, snippets, facets or spelling), `depth` hits.
search::SearchOptions bench_search_options(const BenchQuery& query,
                                           const search::RankingOptions& ranking, unsigned depth);

// A query the searcher refused (a syntax error): it counts as answering nothing.
struct QueryFailure {
  std::string qid;
  std::string message;
};

struct BatchRun {
  Run run;  // qid -> hits, best first
  std::vector<QueryFailure> failures;
  double seconds = 0;  // wall time of the searches alone
};

// Runs every query with one Searcher (the database opened once).
BatchRun run_batch(search::Searcher& searcher, const std::vector<BenchQuery>& queries,
                   const search::RankingOptions& ranking, unsigned depth);

struct RecallOptions {
  std::filesystem::path db;
  std::filesystem::path queries;  // JSON Lines or TSV (queries.h)
  std::filesystem::path qrels;    // TREC qrels
  std::vector<std::size_t> cutoffs = kDefaultCutoffs;
  unsigned depth = 100;            // hits kept per query
  search::RankingOptions ranking;  // the searcher's defaults unless changed
};

struct RecallReport {
  std::string db;
  std::vector<std::size_t> cutoffs;
  unsigned depth = 0;
  std::size_t queries_run = 0;  // queries of the query file
  Evaluation evaluation;        // over the queries of the qrels
  Run run;
  std::vector<QueryFailure> failures;
  double seconds = 0;
  double queries_per_second() const {
    return seconds > 0 ? static_cast<double>(queries_run) / seconds : 0;
  }
};

// Reads the queries and qrels, runs the queries, scores the run. Throws
// DataError for unreadable files, DatabaseError for a database that does not
// open, UsageError when no query of the file is in the qrels.
RecallReport run_recall(const RecallOptions& options);

// The means (text: one measure a line, with what mrr@10 and ndcg@10 mean;
// json: one object with the means and, when `per_query`, every query's
// measures).
void write_recall_report(std::ostream& out, const RecallReport& report, ReportFormat format,
                         bool per_query);

// What the measures mean, printed under every table that shows them.
inline constexpr std::string_view kMeasureNotes =
    "mrr@10: reciprocal rank of the first relevant hit in the top 10, 0 past it "
    "(trec_eval's recip_rank has no cut-off); ndcg@10: trec_eval's ndcg_cut_10 "
    "(gain = grade, discount log2(rank+1)); map: over the hits retrieved; means over "
    "the queries of the qrels, a query without hits counting 0 (trec_eval -c)";

}  // namespace segugio::eval
