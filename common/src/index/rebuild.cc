#include "rebuild.h"

#include <fcntl.h>
#include <stdio.h>  // renameat2, RENAME_EXCHANGE (glibc >= 2.28)
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>
#include <utility>

#include "segugio/core/error.h"
#include "segugio/index/schema.h"

namespace segugio::index {

namespace fs = std::filesystem;

namespace {

fs::path rebuild_folder_of(const fs::path& canonical_db) {
  return canonical_db.parent_path() /
         ("." + canonical_db.filename().string() + ".segugio-rebuild");
}

fs::path probe_of(const fs::path& folder) { return folder.string() + "-probe"; }

bool exchange(const fs::path& a, const fs::path& b) {
  return ::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0;
}

// Makes a rename in `folder` durable.
void sync_folder(const fs::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// True when nothing holds a lock on the rebuild folder's shards (a killed
// run's), false while a running rebuild holds one.
bool abandoned(const fs::path& folder) {
  try {
    const ShardLayout layout = read_layout(folder);
    std::vector<Xapian::WritableDatabase> locks = lock_shards(layout.shard_paths());
    for (Xapian::WritableDatabase& db : locks) db.close();
    return true;
  } catch (const Xapian::DatabaseLockError&) {
    return false;
  } catch (const std::exception&) {
    return true;  // not a layout we read: still only ours, by its name
  }
}

}  // namespace

std::vector<Xapian::WritableDatabase> lock_shards(const std::vector<fs::path>& shards) {
  std::vector<Xapian::WritableDatabase> locks;
  for (const fs::path& p : shards) {
    try {
      locks.emplace_back(p.string(), Xapian::DB_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
      throw;
    } catch (const Xapian::Error&) {
    }
  }
  return locks;
}

std::optional<Rebuild> Rebuild::begin(const ShardLayout& old) {
  std::error_code ec;
  const fs::path db = fs::canonical(old.db, ec);
  if (ec || db.filename().empty() || !fs::is_directory(db, ec)) return std::nullopt;
  std::vector<Xapian::WritableDatabase> locks = lock_shards(old.shard_paths());
  const fs::path folder = rebuild_folder_of(db);
  // Taking the old locks first: a folder found now is a killed run's.
  if (fs::exists(folder, ec) && !abandoned(folder))
    throw Xapian::DatabaseLockError(folder.string() + " is held by another rebuild");
  fs::remove_all(folder, ec);
  fs::remove(probe_of(folder), ec);
  struct stat here {}, above {};
  if (::stat(db.c_str(), &here) != 0 || ::stat(db.parent_path().c_str(), &above) != 0 ||
      here.st_dev != above.st_dev)
    return std::nullopt;  // a mount point: only its contents can change
  if (!fs::create_directory(folder, ec)) return std::nullopt;
  // Can this file system swap two folders? Try it on two empty ones.
  const fs::path probe = probe_of(folder);
  fs::create_directory(probe, ec);
  const bool swaps = !ec && exchange(folder, probe);
  fs::remove(probe, ec);
  if (!swaps) {
    fs::remove(folder, ec);
    return std::nullopt;
  }
  return Rebuild(db, folder, std::move(locks));
}

Rebuild::Rebuild(fs::path db, fs::path folder, std::vector<Xapian::WritableDatabase> locks)
    : db_(std::move(db)), folder_(std::move(folder)), old_locks_(std::move(locks)) {}

Rebuild::Rebuild(Rebuild&& other) noexcept
    : db_(std::move(other.db_)),
      folder_(std::move(other.folder_)),
      old_locks_(std::move(other.old_locks_)),
      done_(other.done_) {
  other.done_ = true;
}

Rebuild::~Rebuild() {
  if (done_) return;
  std::error_code ec;
  fs::remove_all(folder_, ec);
}

void Rebuild::swap_in() {
  if (!exchange(folder_, db_))
    throw DatabaseError(db_.string() + ": cannot swap in the rebuilt database (" +
                        std::strerror(errno) + "); the database is unchanged");
  done_ = true;
  sync_folder(db_.parent_path());
  // `folder_` holds the old database now: release it, keep what is not ours.
  for (Xapian::WritableDatabase& db : old_locks_) db.close();
  old_locks_.clear();
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(folder_, ec)) {
    const std::string name = e.path().filename().string();
    std::error_code moved;
    if (!database_entry(name) && !fs::exists(db_ / name, moved)) fs::rename(e.path(), db_ / name, moved);
  }
  fs::remove_all(folder_, ec);
}

void clear_abandoned_rebuild(const fs::path& db) {
  std::error_code ec;
  const fs::path canonical = fs::canonical(db, ec);
  if (ec || canonical.filename().empty()) return;
  const fs::path folder = rebuild_folder_of(canonical);
  if (fs::exists(folder, ec) && abandoned(folder)) fs::remove_all(folder, ec);
  fs::remove(probe_of(folder), ec);
}

}  // namespace segugio::index
