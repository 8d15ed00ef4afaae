// Deleting articles by id, leaving their files alone (segugio-index --delete).
//
// Each article's document goes from its shard, its spelling words with it
// (facet counts are counted at query time, so nothing else holds it), in one
// commit per shard. Its id is remembered in the first shard
// (`segugio:deleted:<id>`): a later run that reads the article again (its file
// changed) skips it as "deleted with --delete" and says so; an unchanged file
// is not read at all. `--full` builds a new database and forgets the deletions.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <unordered_set>
#include <vector>

#include <xapian.h>

namespace segugio::index {

struct DeleteOptions {
  std::filesystem::path db;
  std::vector<std::string> ids;  // as segugio-search prints them; any case
};

struct DeleteReport {
  std::vector<std::string> deleted;  // the ids as stored, in the order asked
  std::size_t total_documents = 0;   // in the database afterwards
};

// Throws DataError naming every id no article has (nothing is deleted then),
// DatabaseError when the database is missing, locked or cannot be written,
// UsageError when no id is given. An id that differs from a stored one only in
// case names that article, unless it would name two.
DeleteReport delete_articles(const DeleteOptions& options);

// The ids deleted with --delete, as recorded in `first_shard`.
std::unordered_set<std::string> deleted_ids(const Xapian::Database& first_shard);

}  // namespace segugio::index
