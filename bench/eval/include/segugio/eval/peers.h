// `segugio-bench peers`: the same corpus and queries through other engines,
// each set up the way its documentation suggests for Italian, next to Segugio:
//
//   segugio     segugio-index (the binary next to segugio-bench), then the
//               queries through the Searcher with its default RankingOptions.
//   sqlite      SQLite FTS5, `unicode61 remove_diacritics 2`, ranked by bm25();
//               the query's words joined by OR. Through libsqlite3 when the
//               build found it, else the `sqlite3` program.
//   postgresql  full-text search with the `italian` configuration, GIN index,
//               ts_rank over an OR of the query's lexemes. A throw-away cluster
//               (initdb, run as the `postgres` user when we are root, since the
//               server refuses root) on a free port of 127.0.0.1 and a private
//               socket folder, stopped at the end.
//   omega       Xapian Omega's `omindex` with the Italian stemmer over one text
//               file per article, then the queries as `quest` runs them
//               (QueryParser, Stem("italian"), STEM_SOME, default OR), in this
//               process through the Xapian library.
//
// An engine whose program is missing is not an error: its row says which
// `apt-get install` brings it, and the others still run.
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "segugio/eval/measures.h"
#include "segugio/eval/recall.h"

namespace segugio::eval {

struct PeersOptions {
  std::filesystem::path corpus;  // articles, any format the readers take (JSON Lines...)
  std::filesystem::path queries;
  std::filesystem::path qrels;
  std::filesystem::path segugio_index;  // the segugio-index program
  std::filesystem::path work_dir;       // scratch space (the caller removes it)
  std::vector<std::string> engines = {"segugio", "sqlite", "postgresql", "omega"};
  unsigned depth = 100;
};

struct PeerResult {
  std::string engine;
  std::string setup;  // what was run, for the reader
  bool ran = false;
  std::string problem;  // why it did not run (with the apt-get command)
  MeanScores mean;
  double index_seconds = 0;
  std::uint64_t index_bytes = 0;
  double queries_per_second = 0;
  Run run;  // each query's ranked documents, best first (empty when it did not run)
};

struct PeersReport {
  std::size_t articles = 0;
  std::size_t queries = 0;
  std::vector<PeerResult> results;
};

// "segugio", "sqlite", "postgresql", "omega"; throws UsageError for others.
std::vector<std::string> parse_engines(const std::string& list);

// Runs every engine of options.engines. Progress goes to `log`. Throws
// DataError for unreadable corpus, queries or qrels.
PeersReport run_peers(const PeersOptions& options, std::ostream& log);

// One row per engine: Recall@1/10/100, MRR@10, nDCG@10, index seconds, index
// bytes, queries per second; a row that did not run says why.
void write_peers_report(std::ostream& out, const PeersReport& report, ReportFormat format);

// `segugio-bench peers --run DIR`: each engine that ran as DIR/ENGINE.run, a
// TREC run file (`qid Q0 docid rank score ENGINE`, see trec.h) for comparing
// engines query by query with trec_eval or `segugio-bench recall`. Creates
// DIR if needed; returns the files written. Throws DataError when a file
// cannot be written.
std::vector<std::filesystem::path> write_peer_runs(const std::filesystem::path& dir,
                                                   const PeersReport& report);

}  // namespace segugio::eval
