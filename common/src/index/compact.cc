#include "compact.h"

#include <string>

#include <unistd.h>

#include <xapian.h>

#include "segugio/core/error.h"

namespace segugio::index {

namespace fs = std::filesystem;

namespace {

// A view of a shard without its termlist table: hard links (copies on another
// file system) to every table file but `termlist.*`, which Xapian then opens
// as a database without termlists (`Xapian::DB_NO_TERMLIST`).
void link_without_termlist(const fs::path& shard, const fs::path& view) {
  fs::create_directories(view);
  for (const fs::directory_entry& e : fs::directory_iterator(shard)) {
    const std::string name = e.path().filename().string();
    if (!e.is_regular_file() || name == "flintlock" || name.rfind("termlist.", 0) == 0) continue;
    std::error_code ec;
    fs::create_hard_link(e.path(), view / name, ec);
    if (ec) fs::copy_file(e.path(), view / name);
  }
}

// The copy's block size. Xapian reads a block with a system call each time
// a cursor moves into it, and a search reading values and postings across a
// big database moves into many: 32 KiB blocks (Xapian's default is 8) cut a
// faceted search's median at 1,000,000 articles by 38-51% (a sixth of its
// CPU at 100,000), and the copy is a little smaller (bench/RESULTS.md,
// section 47). Not for the shards the indexer writes: there half-filled
// blocks grew the database by more than half.
constexpr unsigned kCopyBlockSize = 32768;

}  // namespace

void compact_copy(const std::vector<fs::path>& shard_paths, const fs::path& to) {
  const std::string tmp_name = to.string() + ".tmp-" + std::to_string(::getpid());
  const fs::path tmp = tmp_name, views = tmp_name + "-shards";
  std::error_code ec;
  auto clean_up = [&] {
    fs::remove_all(tmp, ec);
    fs::remove_all(views, ec);
  };
  try {
    Xapian::Database all;
    for (std::size_t i = 0; i < shard_paths.size(); ++i) {
      const fs::path view = views / std::to_string(i);
      link_without_termlist(shard_paths[i], view);
      all.add_database(Xapian::Database(view.string()));
    }
    all.compact(tmp.string(), Xapian::DBCOMPACT_SINGLE_FILE, kCopyBlockSize);
  } catch (const Xapian::Error& e) {
    clean_up();
    throw DatabaseError(to.string() + ": cannot write the compacted copy: " + e.get_description());
  } catch (const fs::filesystem_error& e) {
    clean_up();
    throw DatabaseError(to.string() + ": cannot write the compacted copy: " + e.what());
  }
  fs::remove_all(views, ec);
  fs::rename(tmp, to, ec);
  if (ec) {
    const std::string why = ec.message();
    clean_up();
    throw DatabaseError(to.string() + ": cannot write the compacted copy: " + why);
  }
}

}  // namespace segugio::index
