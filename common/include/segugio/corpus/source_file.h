// Finding article files under the paths a user names on the command line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "segugio/corpus/problem.h"

namespace segugio::corpus {

// The layout of an article file. list_files() guesses it from the name;
// read_file() confirms it from the content (a .txt holding JSON Lines or HTML,
// a file without extension).
enum class Format {
  scraped_text,  // .txt: text copied from a news page, or plain text
  markdown,      // .md .markdown: Markdown, usually with YAML front matter
  jsonl,         // .jsonl .ndjson: one JSON article per line
  json,          // .json: an array of articles, one article, or JSON Lines
  html,          // .html .htm: a page saved from a browser
  feed,          // .rss .atom, .xml with an <rss>, <feed> or <rdf:RDF> root
  unknown,       // no or unknown extension: decided from the content
};

// "scraped_text", "markdown", ... for logs and tests.
std::string_view format_name(Format format);

// One file found under a path given on the command line.
struct SourceFile {
  std::filesystem::path path;  // as found: root / relative path
  // Id for single-article files: the path relative to the root named on the
  // command line, '/'-separated, without format extensions (.md .txt .html
  // .zst ...): "posts/2021-03-04-nuovo-motore". A file named directly on the
  // command line is relative to its own folder. With two or more folders
  // named, each folder's ids begin with its name ("innovazione/articles"; two
  // folders of one name add their parents' names: "a/notizie/x", "b/notizie/x").
  // When two files would share an id (a.md beside a.txt) both keep their
  // extensions ("a.md", "a.txt").
  // Multi-article files (JSON Lines, feeds) derive record ids from it.
  std::string id_base;
  std::uintmax_t size = 0;    // bytes on disk (compressed size for .zst)
  std::int64_t mtime_ns = 0;  // last modification, ns since the Unix epoch
  Format format = Format::unknown;
  bool zstd = false;  // .zst / .zstd: decompressed while reading
};

// Finds the files under `roots` (files or folders), recursively, following
// symbolic links safely. The result is in a stable order: roots in the order
// given, then by path (byte order of names). Hidden entries (".git",
// ".DS_Store") under a folder are ignored; a hidden file named as a root is
// not. A file reached twice (two roots, or a link) is listed once.
// Reported to `problems`, skipped: "not found" roots, "broken link", "link
// loop", "unreadable" folders, "not a regular file" (FIFOs, devices), a
// "duplicate id" that extensions do not settle (two files of one name named
// on the command line: the first is kept); kept with a warning: "duplicate
// id" settled by extensions. Ids depend only on the paths named, never on
// what the folders hold. Never throws for what it finds on disk.
// Thread-safe: holds no state between calls.
std::vector<SourceFile> list_files(const std::vector<std::filesystem::path>& roots,
                                   ProblemSink& problems);

// The names of the folders of an absolute `path`, outermost first
// ("/srv/notizie" -> "srv", "notizie").
std::vector<std::string> path_names(const std::filesystem::path& path);

// The last `n` of `names` (all of them if it has fewer), '/'-separated: what
// a folder's ids begin with when its name must tell it apart ("notizie",
// "b/notizie"), in list_files() and when the indexer keeps the ids of
// separate runs apart.
std::string last_names(const std::vector<std::string>& names, std::size_t n);

// The SourceFile for one path, as list_files() would describe it when `path`
// is named on the command line (id relative to its own folder). Does not touch
// the disk beyond stat(); size and mtime are 0 when stat() fails.
SourceFile describe_file(const std::filesystem::path& path);

}  // namespace segugio::corpus
