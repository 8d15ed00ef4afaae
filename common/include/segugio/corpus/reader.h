// Reading article files: every supported format becomes clean Articles.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "segugio/core/article.h"
#include "segugio/corpus/problem.h"
#include "segugio/corpus/source_file.h"

namespace segugio::corpus {

// The Article field a JSON key or front-matter key fills (docs/formats.md has
// the table of the names each one accepts).
enum class Field {
  id,
  title,
  lead,
  body,
  date,
  url,
  author,
  tags,
  category,  // the section when no key names one, and a tag as well
  section,
  source,
  ignore,    // a key read as no field, and not reported as ignored
};
inline constexpr std::size_t kFieldCount = static_cast<std::size_t>(Field::ignore) + 1;

// "title" -> Field::title; nullopt for a name that is not a field's.
std::optional<Field> field_named(std::string_view name);
std::string_view field_name(Field field);

struct ReadOptions {
  // An article (a whole single-article file, one JSON line, one feed item)
  // whose decompressed text is larger is skipped as "too large". It also
  // bounds the memory one read_file() call uses.
  std::size_t max_article_bytes = 16u << 20;
  // The user's own key names (--field-map KEY=FIELD), tried before the
  // built-in names; keys compare without regard to case. A key given here
  // loses the field it had built in ("description" mapped to body is no lead).
  std::vector<std::pair<std::string, Field>> field_map;
};

// Reads `file` and calls `on_article` once per article, in file order.
//
// Formats: scraped text, Markdown with front matter, JSON Lines, HTML pages,
// RSS 2.0 / RSS 1.0 / Atom feeds, each optionally compressed with zstd
// (file.zstd). The format comes from file.format when the content agrees,
// otherwise from the content. JSON Lines and feeds are streamed: memory stays
// bounded by max_article_bytes whatever the file size.
//
// Articles: id = file.id_base for single-article files; a record's own id (or
// guid, or link) for JSON Lines and feeds, else "<id_base>#<line>" /
// "<id_base>#<item>". Text fields are valid NFC UTF-8 with whitespace
// normalised; body paragraphs are separated by "\n\n". source = the record's
// source, else the site named in the front matter or page, else the URL's
// domain without "www.".
//
// JSON records and front matter: each key is looked up in the field table
// (docs/formats.md, then options.field_map); a key that names no field is
// passed to problems.ignored_key() once per article.
//
// Bad content never throws: it is reported to `problems` (see problem.h for
// the reasons) and the rest of the file is still read when possible. Only an
// exception thrown by `on_article` itself leaves read_file(), unchanged.
//
// Thread-safe: no shared mutable state; call it from any number of threads at
// once (with a thread-safe `problems` if it is shared).
void read_file(const SourceFile& file, const ReadOptions& options,
               const std::function<void(Article&&)>& on_article, ProblemSink& problems);

}  // namespace segugio::corpus
