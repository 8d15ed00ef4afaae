// `segugio-bench latency`: how long one search takes as a user runs it, warm,
// in one process, against plain Xapian on the same database and queries, and
// how many a batch answers per second.
//
// Queries: `count` queries of one to three consecutive words of the titles of
// randomly drawn articles (seeded, so a seed names the set; the set can be
// saved as JSON Lines), or the queries of a file. Each search is what
// segugio-search does by default (ten hits, stored articles, snippets,
// spelling), with facets on or off; beside it the same text goes through the
// XapianBaseline (xapian_baseline.h: QueryParser, Italian stemmer, OR, BM25,
// ten hits, no facets). The three are timed in turn query by query, so that
// a change of the machine's load weighs on all of them alike, after one
// untimed warm-up round over the same queries. The ratios (Segugio's median,
// p90, p99 over the baseline's on the same queries) are what compares across
// machines.
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
  // With facets: only the first `facet_queries` queries (all when unset);
  // searches with facets cost far more on a large database.
  std::optional<std::size_t> facet_queries;
  std::filesystem::path query_file;    // time these queries instead of drawing (optional)
  std::filesystem::path batch;         // a query file for batch throughput (optional)
  std::filesystem::path save_queries;  // write the drawn set here (optional)
  // Also list the `slowest` slowest searches of each kind, so a slow tail
  // can be read and profiled query by query (0: none).
  std::size_t slowest = 0;
};

struct LatencyFigures {
  std::string label;  // "no facets", "facets", "plain xapian"
  std::size_t queries = 0;
  double median_ms = 0;
  double p90_ms = 0;
  double p99_ms = 0;
  double mean_ms = 0;
  double max_ms = 0;
};

// One timed search of the slow tail, beside plain Xapian's time for the
// same text in the same round.
struct SlowSearch {
  std::string label;  // "no facets" or "facets"
  std::string query_id;
  std::string text;
  double ms = 0;
  double xapian_ms = 0;
  std::uint64_t matches = 0;  // Segugio's total (an estimate when not exact)
};

struct LatencyReport {
  std::size_t queries = 0;
  std::uint64_t seed = 0;
  std::size_t documents = 0;
  std::string source;  // "title queries of 1-3 words (seed 1)" or the query file
  std::vector<LatencyFigures> figures;  // Segugio: no facets, then facets
  // The baseline over the same queries as figures[i] (the ratios' divisor).
  std::vector<LatencyFigures> xapian;
  std::optional<double> batch_queries_per_second;
  std::size_t batch_queries = 0;
  std::vector<BenchQuery> drawn;  // the query set
  std::vector<SlowSearch> slowest;  // each kind's slowest, slowest first
};

// The `count` slowest of `ms` (one per query, in query order) as SlowSearch
// rows, slowest first; ties keep query order.
std::vector<SlowSearch> slowest_searches(const std::string& label,
                                         const std::vector<BenchQuery>& queries,
                                         const std::vector<double>& ms,
                                         const std::vector<double>& xapian_ms,
                                         const std::vector<std::uint64_t>& matches,
                                         std::size_t count);

// The figures of a list of latencies in milliseconds: median, p90 and p99 by
// the nearest-rank method (p99 of 1,000 values is the 990th smallest).
LatencyFigures latency_figures(std::string label, std::vector<double> ms);

LatencyReport run_latency(const LatencyOptions& options);

void write_latency_report(std::ostream& out, const LatencyReport& report, ReportFormat format);

}  // namespace segugio::eval
