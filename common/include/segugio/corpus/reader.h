// Reading article files: every supported format becomes clean Articles.
#pragma once

#include <cstddef>
#include <functional>

#include "segugio/core/article.h"
#include "segugio/corpus/problem.h"
#include "segugio/corpus/source_file.h"

namespace segugio::corpus {

struct ReadOptions {
  // An article (a whole single-article file, one JSON line, one feed item)
  // whose decompressed text is larger is skipped as "too large". It also
  // bounds the memory one read_file() call uses.
  std::size_t max_article_bytes = 16u << 20;
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
// Bad content never throws: it is reported to `problems` (see problem.h for
// the reasons) and the rest of the file is still read when possible. Only an
// exception thrown by `on_article` itself leaves read_file(), unchanged.
//
// Thread-safe: no shared mutable state; call it from any number of threads at
// once (with a thread-safe `problems` if it is shared).
void read_file(const SourceFile& file, const ReadOptions& options,
               const std::function<void(Article&&)>& on_article, ProblemSink& problems);

}  // namespace segugio::corpus
