// `--compact FILE`: a read-only single-file copy of a database, for searching.
#pragma once

#include <filesystem>
#include <vector>

namespace segugio::index {

// Merges the shards at `shard_paths` into the single file `to`
// (DBCOMPACT_SINGLE_FILE, docids renumbered), written under a temporary name
// beside it and renamed. The copy leaves out the termlists (a fifth of a
// compacted database), which only updating documents needs, in 32 KiB
// blocks (faster to search than Xapian's default 8 KiB). Throws
// DatabaseError naming `to` when it cannot be written; nothing is left behind.
void compact_copy(const std::vector<std::filesystem::path>& shard_paths,
                  const std::filesystem::path& to);

}  // namespace segugio::index
