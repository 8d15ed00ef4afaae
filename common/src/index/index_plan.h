// The first half of run_index(): check the options, open the database
// (taking its locks), and plan the run — which files to read, which are
// unchanged, which are gone. Nothing here writes a document.
#pragma once

#include <filesystem>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "article_pipeline.h"
#include "rebuild.h"
#include "segugio/corpus/problem.h"
#include "segugio/index/file_state.h"
#include "segugio/index/indexer.h"
#include "segugio/index/shard_layout.h"

namespace segugio::index {

// The state path of a root given on the command line: state_path() of the
// path with symbolic links and ".." resolved, so that every way of typing one
// folder gives one path (states and XP terms are keyed on it).
std::string root_state_path(const std::filesystem::path& input);

// Throws UsageError for options that cannot work together, DataError when
// none of the inputs exists. Returns the inputs that exist, as root_state_path()s.
std::vector<std::string> check_options(const IndexOptions& options);

[[noreturn]] void throw_locked(const std::filesystem::path& db);

// The database a run writes, open.
struct OpenDatabase {
  ShardLayout layout;  // as found before the run
  unsigned shards = 1;
  // --full over an existing database: the new one is built beside it.
  std::optional<Rebuild> rebuild;
  std::vector<Xapian::WritableDatabase> writable;  // empty on a dry run
  std::vector<Xapian::Database> readers;  // the shards written to, as of their last commit
  bool empty_at_start = true;             // no shard holds a document
};

// Opens (or creates) the database of `options` for writing. Throws
// DatabaseError when it is locked, damaged, a compacted copy, or written by
// another schema version; UsageError for a --shards that needs --full.
OpenDatabase open_database(const IndexOptions& options);

// A file whose documents go: its state's metadata key and the state.
using GoneFile = std::pair<std::string, FileState>;

struct IndexPlan {
  std::vector<FileTask> tasks;          // files to read, in listing order
  std::vector<GoneFile> gone;           // sorted by path
  std::vector<corpus::Problem> listing;  // problems met listing the inputs
  std::size_t files_seen = 0;
  std::size_t files_unchanged = 0;      // same size and time as their state
  // content hash -> state path, of the files with a state not listed this run
  std::unordered_map<std::uint64_t, std::string> known_contents;
};

// Lists the inputs and compares them with the states in `readers[0]`.
// `roots`: check_options()'s result. A state under a root whose file is no
// longer listed is gone, unless it lies under a folder that could not be listed.
IndexPlan plan_files(const IndexOptions& options, const std::vector<std::string>& roots,
                     std::vector<Xapian::Database>& readers);

}  // namespace segugio::index
