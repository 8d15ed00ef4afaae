// --full over an existing database: the new one is built in a hidden folder
// beside it (".DB.segugio-rebuild") while the old one stays locked and
// searchable, and the two folders are swapped in one step at the end
// (renameat2 with RENAME_EXCHANGE). A kill -9 or a Ctrl-C at any moment
// therefore leaves the old database whole; the next run removes what a killed
// rebuild left. Rebuilding in place instead (Xapian's DB_CREATE_OR_OVERWRITE)
// truncates the tables before the new version file is written, and a kill in
// that window left a database that no longer opened.
//
// Costs room for both databases until the swap. Where folders cannot be
// swapped (a file system without RENAME_EXCHANGE, DB a mount point, a parent
// folder that is not writable) begin() says so and the caller rebuilds in place.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include <xapian.h>

#include "segugio/index/shard_layout.h"

namespace segugio::index {

class Rebuild {
 public:
  // Locks the shards of `old` (Xapian::DatabaseLockError when another run
  // holds one; shards that do not open, being broken or missing, are
  // replaced anyway), clears a folder left by a killed rebuild and creates an
  // empty one. nullopt when the folders could not be swapped.
  static std::optional<Rebuild> begin(const ShardLayout& old);

  Rebuild(Rebuild&&) noexcept;
  Rebuild& operator=(Rebuild&&) = delete;
  // Not swapped in (an error, an interrupt): removes the new database.
  ~Rebuild();

  // Where the new database is built.
  const std::filesystem::path& folder() const { return folder_; }

  // Swaps the new database in (atomically), releases the old one's locks and
  // removes it. Files in the old folder that Segugio did not write move into
  // the new one. Throws DatabaseError when the swap fails: the old database is
  // then unchanged.
  void swap_in();

 private:
  Rebuild(std::filesystem::path db, std::filesystem::path folder,
          std::vector<Xapian::WritableDatabase> locks);

  std::filesystem::path db_;      // canonical
  std::filesystem::path folder_;  // beside it
  std::vector<Xapian::WritableDatabase> old_locks_;
  bool done_ = false;
};

// Opens each shard for writing, which takes its lock (Xapian::DatabaseLockError
// when another run holds one); shards that do not open otherwise (missing,
// broken: about to be replaced) are skipped.
std::vector<Xapian::WritableDatabase> lock_shards(const std::vector<std::filesystem::path>& shards);

// Removes the folder a killed --full run left beside `db`, unless a running
// rebuild still holds it. Never throws.
void clear_abandoned_rebuild(const std::filesystem::path& db);

}  // namespace segugio::index
