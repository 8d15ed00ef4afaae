// `segugio-bench recall --compare`: several ranking and analysis
// configurations over the same queries in one run, one table, recall curves.
//
// Ranking configurations run through the searcher on the given database, each
// with its own RankingOptions. Analysis configurations (stemming off, elisions
// kept whole) change what is indexed, and neither segugio-index nor the
// searcher takes analysis options, so they run on the plain path
// (plain_path.h) over temporary databases built from the corpus, next to a
// plain-path baseline with the default analysis: compare them with that row.
#pragma once

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "segugio/analysis/analyzer.h"
#include "segugio/eval/measures.h"
#include "segugio/eval/recall.h"
#include "segugio/eval/svg_plot.h"
#include "segugio/search/search_options.h"

namespace segugio::eval {

struct Configuration {
  std::string name;
  search::RankingOptions ranking;
  bool plain = false;                  // run on the plain path, with `analysis`
  analysis::AnalyzerOptions analysis;  // plain path only
  std::size_t prefix_bytes = 0;        // plain path only: prefix terms (plain_path.h)
  bool drop_question_words = false;    // plain path only
};

// What --compare runs: the searcher's defaults; default operator all (AND),
// any (OR) and any_bonus; title weight 0, halved and doubled; proximity off,
// at a fifth and doubled; a BM25 grid of k1 x b; and, when `with_analysis`, the
// plain path with the default analysis, stemming off, elisions kept whole,
// question words dropped, 6-byte prefix terms, and both of those.
std::vector<Configuration> standard_configurations(const search::RankingOptions& defaults,
                                                   const std::vector<double>& k1_grid,
                                                   const std::vector<double>& b_grid,
                                                   bool with_analysis);

struct CompareOptions {
  std::filesystem::path db;                   // built with the default analysis
  std::vector<std::filesystem::path> corpus;  // for the plain-path databases
  std::filesystem::path work_dir;             // where they go (removed by the caller)
  std::filesystem::path queries;
  std::filesystem::path qrels;
  std::vector<std::size_t> cutoffs = kDefaultCutoffs;
  unsigned depth = 100;
  std::vector<Configuration> configurations;
};

struct ConfigurationResult {
  Configuration configuration;
  MeanScores mean;
  std::vector<double> curve;  // mean recall@k, k = 1..depth
  std::size_t failures = 0;
  double seconds = 0;  // searching only
};

struct CompareReport {
  std::size_t queries = 0;
  std::vector<std::size_t> cutoffs;
  std::vector<ConfigurationResult> results;  // in the order of the configurations
  std::vector<std::string> notes;            // e.g. "plain path: 2010 articles indexed in 3.1 s"
};

// Runs every configuration. Progress lines go to `log`. Throws like
// run_recall(); UsageError when a plain configuration is asked without corpus.
CompareReport run_compare(const CompareOptions& options, std::ostream& log);

// One row per configuration: recall at each cut-off, mrr@10, ndcg@10, map,
// queries/s (text: aligned columns, the best value of each column marked *;
// json: an array of objects).
void write_compare_report(std::ostream& out, const CompareReport& report, ReportFormat format);

// The recall curves, one series per configuration, for write_recall_plot().
std::vector<PlotSeries> recall_series(const CompareReport& report);

}  // namespace segugio::eval
