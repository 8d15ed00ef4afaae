// How a Segugio database lies on disk.
//
// One shard: DB is an ordinary Xapian (glass) database folder, or a compacted
// single file. N shards (N >= 2): DB is a folder holding the glass databases
// DB/shard-00 ... DB/shard-<N-1> and the stub file DB/XAPIANDB, one line
// "auto shard-NN" per shard, in order. Xapian opens DB (through the stub) as
// one database whose document ids interleave the shards': the combined docid
// d lives in shard (d - 1) % N as local docid (d - 1) / N + 1.
//
// A document goes to shard schema::stable_hash(id) % N, so its id alone finds
// it again on a later run.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

namespace segugio::index {

struct ShardLayout {
  std::filesystem::path db;
  unsigned shards = 0;  // 0: nothing there yet; 1: one database at `db`; N: shard folders
  bool stub = false;    // DB/XAPIANDB exists (always, for N >= 2 once written)

  // The folders (or the file) of the shards, in stub order.
  std::vector<std::filesystem::path> shard_paths() const;
};

// What is at `db`. Throws DatabaseError for something that is neither absent,
// nor an empty folder, nor a database this indexer wrote (a stub with other
// lines than "auto shard-NN", a folder of other files).
ShardLayout read_layout(const std::filesystem::path& db);

// "shard-07"
std::string shard_folder_name(unsigned index);

// True for a name that Xapian or segugio-index writes in a database folder
// (glass tables, the version and lock files, their temporary files, the stub
// and shard folders). The rest of a database folder is the user's: a
// relayout deletes only these, and a rebuild carries the rest over.
bool database_entry(std::string_view name);

// Writes DB/XAPIANDB for `shards` shards, atomically (a temporary file renamed).
void write_shard_stub(const std::filesystem::path& db, unsigned shards);

// The shard that holds document `id` in a database of `shards` shards.
unsigned shard_of(std::string_view id, unsigned shards);

// Combined docid -> (shard index, docid inside that shard), for `shards` >= 1.
inline std::pair<unsigned, Xapian::docid> split_docid(Xapian::docid did, unsigned shards) {
  return {static_cast<unsigned>((did - 1) % shards), (did - 1) / shards + 1};
}

}  // namespace segugio::index
