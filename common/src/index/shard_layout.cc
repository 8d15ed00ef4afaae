#include "segugio/index/shard_layout.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <system_error>

#include "segugio/core/error.h"
#include "segugio/index/schema.h"
#include "segugio/text/strings.h"

namespace segugio::index {

namespace fs = std::filesystem;

namespace {

// The number of shards of a stub this indexer wrote.
unsigned shards_in_stub(const fs::path& db) {
  const fs::path stub = db / schema::kStubFile;
  const std::optional<std::vector<schema::StubLine>> lines = schema::read_stub(stub);
  if (!lines) throw DatabaseError(stub.string() + ": cannot read");
  unsigned n = 0;
  for (const schema::StubLine& line : *lines) {
    if (line.kind != "auto" || line.rest != shard_folder_name(n))
      throw DatabaseError(stub.string() + ": line '" + line.text + "' is not 'auto " +
                          shard_folder_name(n) +
                          "': this stub was not written by segugio-index, which only updates "
                          "the databases it made");
    if (++n > schema::kMaxShards) throw DatabaseError(stub.string() + ": too many shards");
  }
  if (n == 0) throw DatabaseError(stub.string() + ": names no shard");
  return n;
}

}  // namespace

std::string shard_folder_name(unsigned index) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u", index);
  return std::string(schema::kShardFolderPrefix) + buf;
}

std::vector<fs::path> ShardLayout::shard_paths() const {
  std::vector<fs::path> paths;
  if (shards == 1 && !stub) {
    paths.push_back(db);
    return paths;
  }
  for (unsigned i = 0; i < shards; ++i) paths.push_back(db / shard_folder_name(i));
  return paths;
}

ShardLayout read_layout(const fs::path& db) {
  ShardLayout layout;
  layout.db = db;
  std::error_code ec;
  const fs::file_status st = fs::status(db, ec);
  if (!fs::exists(st)) return layout;
  if (fs::is_regular_file(st)) {  // a compacted single-file database
    layout.shards = 1;
    return layout;
  }
  if (!fs::is_directory(st))
    throw DatabaseError(db.string() + ": not a folder, not a database");
  if (fs::exists(db / schema::kStubFile, ec)) {
    layout.stub = true;
    layout.shards = shards_in_stub(db);
    return layout;
  }
  if (fs::exists(db / "iamglass", ec)) {
    layout.shards = 1;
    return layout;
  }
  // Shard folders without their stub: a run killed between creating the shards
  // and writing the stub. The shards are sound; the indexer writes the stub.
  unsigned n = 0;
  while (n < schema::kMaxShards && fs::is_directory(db / shard_folder_name(n), ec)) ++n;
  if (n > 0) {
    layout.shards = n;
    return layout;
  }
  if (fs::directory_iterator(db, ec) != fs::directory_iterator())
    throw DatabaseError(db.string() +
                        ": this folder holds other files and no Segugio database; name an empty "
                        "or new folder");
  return layout;  // an empty folder: a new database
}

bool database_entry(std::string_view name) {
  return name == "iamglass" || name == "flintlock" || name.ends_with(".glass") ||
         name.ends_with(".tmp") || name.ends_with(".rtmp") || name.starts_with(schema::kStubFile) ||
         name.starts_with(schema::kShardFolderPrefix);
}

void write_shard_stub(const fs::path& db, unsigned shards) {
  std::ostringstream text;
  for (unsigned i = 0; i < shards; ++i) text << "auto " << shard_folder_name(i) << "\n";
  const fs::path stub = db / schema::kStubFile;
  const fs::path tmp = db / (std::string(schema::kStubFile) + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text.str();
    out.flush();
    if (!out) throw DatabaseError(tmp.string() + ": cannot write the shard stub");
  }
  std::error_code ec;
  fs::rename(tmp, stub, ec);
  if (ec) throw DatabaseError(stub.string() + ": cannot write the shard stub: " + ec.message());
}

unsigned shard_of(std::string_view id, unsigned shards) {
  return static_cast<unsigned>(schema::stable_hash(id) % shards);
}

}  // namespace segugio::index
