// `segugio-bench index`: indexing throughput, memory and size, with Xapian
// Omega's omindex on the same corpus in the same run as the baseline.
//
// Every run is a child process (segugio-index -j N --full, or omindex
// --stemmer=italian) on a fresh database, so its peak resident memory comes
// from wait4() and is its own. Throughput counts the article text (title, lead,
// body, code) the readers find in the corpus, not the bytes of markup around
// it. Each database is then compacted to one file with Xapian's compactor, the
// form a finished archive is kept in.
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "segugio/eval/recall.h"

namespace segugio::eval {

struct IndexSpeedOptions {
  std::vector<std::filesystem::path> corpus;  // files or folders
  std::vector<unsigned> jobs = {1, 2};
  std::vector<unsigned> shards = {1};  // each run with every jobs value
  bool omindex = false;
  std::filesystem::path segugio_index;  // the program
  std::filesystem::path work_dir;       // scratch (the caller removes it)
};

struct IndexRun {
  std::string engine;  // "segugio -j2", "segugio -j2 --shards 2", "omindex"
  bool ran = false;
  std::string problem;  // why not
  double seconds = 0;
  std::uint64_t peak_rss_bytes = 0;
  // CPU time over wall time: 1.9 = on average 1.9 cores busy (how well a run
  // keeps the machine busy; a stalled pipeline shows here first).
  double cores_busy = 0;
  std::uint64_t db_bytes = 0;
  std::uint64_t compact_bytes = 0;
};

struct IndexSpeedReport {
  std::size_t articles = 0;
  std::uint64_t text_bytes = 0;  // article text the readers found
  std::uint64_t file_bytes = 0;  // bytes of the corpus files
  std::vector<IndexRun> runs;
};

// Throws DataError when the corpus holds no article.
IndexSpeedReport run_index_speed(const IndexSpeedOptions& options, std::ostream& log);

// Articles/s, MB/s of text, peak RSS, database and compacted size over the text.
void write_index_speed_report(std::ostream& out, const IndexSpeedReport& report,
                              ReportFormat format);

}  // namespace segugio::eval
