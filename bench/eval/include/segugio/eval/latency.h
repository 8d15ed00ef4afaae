// `segugio-bench latency`: how long one search takes as a user runs it, warm,
// in one process, and how many a batch answers per second.
//
// Queries: `count` queries of one to three consecutive words of the titles of
// randomly drawn articles (seeded, so a seed names the set; the set can be
// saved as JSON Lines). Each search is what segugio-search does by default
// (ten hits, stored articles, snippets, spelling), with facets on or off. One
// warm-up pass over the set runs before the timed passes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "segugio/eval/queries.h"
#include "segugio/eval/recall.h"

namespace segugio::search {
class Searcher;
}

namespace segugio::eval {

// Draws `count` title queries from the database (its stored articles). Throws
// DataError for an empty database or one whose titles give no words.
std::vector<BenchQuery> title_queries(search::Searcher& searcher, const std::filesystem::path& db,
                                      std::size_t count, std::uint64_t seed);

struct LatencyOptions {
  std::filesystem::path db;
  std::size_t queries = 1000;
  std::uint64_t seed = 1;
  bool facets = false;                 // also time the searches with facets
  std::filesystem::path batch;         // a query file for batch throughput (optional)
  std::filesystem::path save_queries;  // write the drawn set here (optional)
};

struct LatencyFigures {
  std::string label;  // "no facets", "facets"
  double median_ms = 0;
  double p99_ms = 0;
  double mean_ms = 0;
  double max_ms = 0;
};

struct LatencyReport {
  std::size_t queries = 0;
  std::uint64_t seed = 0;
  std::size_t documents = 0;
  std::vector<LatencyFigures> figures;
  std::optional<double> batch_queries_per_second;
  std::size_t batch_queries = 0;
  std::vector<BenchQuery> drawn;  // the query set
};

// The figures of a list of latencies in milliseconds: median and p99 by the
// nearest-rank method (p99 of 1,000 values is the 990th smallest).
LatencyFigures latency_figures(std::string label, std::vector<double> ms);

LatencyReport run_latency(const LatencyOptions& options);

void write_latency_report(std::ostream& out, const LatencyReport& report, ReportFormat format);

}  // namespace segugio::eval
