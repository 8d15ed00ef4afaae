// What a regular file named as the database (-d) is. A database is usually a
// folder; a file is a compacted single-file copy or a stub naming shards, and
// a new user often gives an article file instead (issue 20: the indexer
// called an article "a compacted copy", the searcher "not a stub line").
#pragma once

#include <filesystem>
#include <string>

namespace segugio::index {

enum class DatabaseFileKind {
  compacted_copy,  // a single-file Xapian database ("\x0f\x0dXapian Glass...")
  stub,            // text whose first line (past comments) is `auto PATH`, `remote HOST:PORT`...
  article_file,    // an extension Segugio reads articles from (.txt .md .json .html ...)
  text,            // some other text
  other,           // binary, unreadable
};

// Reads at most the first 4 KB of `file`. Never throws.
DatabaseFileKind database_file_kind(const std::filesystem::path& file);

// For people, what `file` is, e.g. "an article file (markdown), not a
// database"; "a compacted copy of a database" for a compacted copy.
std::string describe_database_file(const std::filesystem::path& file);

}  // namespace segugio::index
