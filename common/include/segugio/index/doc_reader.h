// Reading stored articles back: what the searcher calls for every hit it shows.
//
//   index::DocReader reader = index::DocReader::open(db_path);
//   Xapian::Enquire enquire(reader.database());
//   ...
//   for (auto it = mset.begin(); it != mset.end(); ++it)
//     index::StoredArticle a = reader.read(*it);       // or reader.decode(*it, data)
//
// Why a class and not Document::get_data(): the data is zstd-compressed with a
// dictionary kept in the metadata of the shard holding the document, and
// Database::get_metadata() on a combined database reads only the first shard.
// DocReader keeps each shard as its own Database, maps a combined docid to its
// shard by Xapian's interleaving (shard_layout.h, split_docid), looks the
// dictionary up there first, then in the combined database, then in every
// other shard; dictionaries are digested once and kept (by id).
//
// Thread contract: like Xapian::Database, a DocReader belongs to one thread;
// open one per thread.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "segugio/index/doc_store.h"
#include "segugio/index/stored_article.h"

namespace segugio::index {

class DocReader {
 public:
  // `database` is the database searched; `shards` are its sub-databases in the
  // order they were added to it (empty: `database` is one database, or its
  // parts are unknown and dictionaries are looked up through it alone).
  // Throws std::invalid_argument when shards are given and their number is not
  // database.size().
  explicit DocReader(Xapian::Database database, std::vector<Xapian::Database> shards = {});

  // Opens the Segugio database at `path`: a database folder, a sharded folder
  // (its stub, "auto" and "remote HOST:PORT" lines), or a compacted file; each
  // shard is also opened on its own. Throws DatabaseError when it cannot.
  static DocReader open(const std::filesystem::path& path);

  // The stored article of combined docid `did`. Throws DatabaseError for a
  // missing document or damaged data.
  StoredArticle read(Xapian::docid did);
  // The same from the data already in hand (MSetIterator::get_document()).
  StoredArticle decode(Xapian::docid did, std::string_view data);

  const Xapian::Database& database() const { return database_; }
  const std::vector<Xapian::Database>& shards() const { return shards_; }

 private:
  std::optional<std::string> find_dictionary(std::uint64_t id, Xapian::docid did);

  Xapian::Database database_;
  std::vector<Xapian::Database> shards_;
  DocDecompressor decompressor_;
};

}  // namespace segugio::index
