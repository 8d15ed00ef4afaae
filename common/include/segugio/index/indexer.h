// The indexer: reads articles from files and folders into a Segugio database.
#pragma once

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace segugio::index {

enum class Progress { automatic, always, never };

struct IndexOptions {
  std::filesystem::path db;                  // database folder (created when missing)
  std::vector<std::filesystem::path> inputs;  // folders or files
  unsigned jobs = 0;                          // 0: all cores
  unsigned shards = 0;                        // 0: keep what the database has (1 when new)
  bool full = false;                          // rebuild from scratch
  std::filesystem::path compact_to;           // also write a single-file copy here
  bool dry_run = false;                       // read and report, write nothing
  std::size_t max_article_bytes = 16u << 20;
  std::string id_prefix;                      // prefixes every id
  int verbosity = 1;                          // 0 quiet, 1 normal, 2 verbose
  Progress progress = Progress::automatic;
};

struct IndexReport {
  std::size_t files_seen = 0;
  std::size_t articles_indexed = 0;
  std::size_t articles_deleted = 0;
  std::size_t skipped = 0;
  std::size_t total_documents = 0;
};

// Runs one indexing job. Messages (problems, progress, the summary) go to `log`.
// Throws UsageError for options that cannot work together, DataError/DatabaseError
// when the database cannot be written.
IndexReport run_index(const IndexOptions& options, std::ostream& log);

}  // namespace segugio::index
