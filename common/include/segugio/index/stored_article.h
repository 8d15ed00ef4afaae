// What each document stores for the searcher to show: the fields of a hit and
// the text that snippets are cut from. Kept in the document data as a zstd
// frame compressed with a dictionary trained on the collection (see
// doc_store.h); this header is the uncompressed record.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "segugio/core/date.h"

namespace segugio::index {

struct StoredArticle {
  std::string id;
  std::string title;
  std::string lead;
  std::optional<Date> date;
  std::string url;
  std::string path;       // source file, as given to the indexer
  std::string source;     // outlet
  std::string section;
  std::string author;
  std::vector<std::string> tags;
  std::vector<std::string> companies;  // canonical names, most salient first
  std::vector<std::string> topics;     // slugs, main first
  std::string text;       // prose for snippets (body; no code blocks)
};

// The record as bytes (before compression) and back. decode throws
// DatabaseError on bytes that are not a record of this schema.
std::string encode(const StoredArticle& article);
StoredArticle decode(std::string_view bytes);

}  // namespace segugio::index
