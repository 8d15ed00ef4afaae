// Text repair and clean-up shared by the readers (internal to segugio_corpus).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "segugio/core/date.h"

namespace segugio::corpus::detail {

// Turns arbitrary bytes into valid UTF-8: valid UTF-8 sequences are kept and
// every other byte is decoded as Windows-1252 ("perch\xe9" -> "perché"). Works
// on a stream: feed() keeps an incomplete sequence at the end of a chunk for the
// next call. redecoded() tells whether any byte needed Windows-1252.
class Utf8Repairer {
 public:
  void feed(std::string_view chunk, std::string& out);
  // Flushes a sequence left incomplete at the end of the input.
  void finish(std::string& out);
  bool redecoded() const { return redecoded_; }

 private:
  std::string pending_;
  bool redecoded_ = false;
};

// Repairs a whole text (see Utf8Repairer); sets `redecoded` when it had to.
std::string repair_utf8(std::string_view bytes, bool& redecoded);

// Decodes UTF-16 with a byte-order mark to UTF-8; nullopt without a BOM.
std::optional<std::string> decode_utf16(std::string_view bytes);

// One line of clean text: NFC, every run of white space (including no-break
// and other Unicode spaces, newlines) one ' ', control and format characters
// (zero-width space, soft hyphen, BOM) removed, trimmed.
std::string clean_line(std::string_view text);

// Paragraphs: blocks separated by blank lines become paragraphs joined with
// "\n\n"; inside a paragraph lines are joined as by clean_line().
std::string clean_paragraphs(std::string_view text);

// Code keeps its lines and indentation: NFC, control characters other than
// '\n' and '\t' removed, trailing spaces trimmed, runs of blank lines folded
// to one, no leading or trailing blank lines.
std::string clean_code(std::string_view text);

// Splits `text` into blocks: separated by blank lines when it has any,
// otherwise one block per line. Blocks are cleaned with clean_line(); empty
// blocks are dropped.
std::vector<std::string> split_blocks(std::string_view text);

// "&egrave;" -> "è", "&#8217;" -> "’", "&amp;" -> "&"; unknown entities stay.
std::string decode_entities(std::string_view text);

// The host of `url` without "www." and port: "https://www.example.it/a" ->
// "example.it"; empty when `url` has no host.
std::string domain_of(std::string_view url);

// A YYYY-MM-DD date in a file name ("2021-03-04-slug.md",
// "microsoft-mistral-2024-02-28.txt") or a URL path ("/2025/03/31/"), when it
// names a real day.
std::optional<Date> date_in_name(std::string_view name);

// True when `text` looks like HTML markup rather than prose ("<p>", "</div>").
bool looks_like_html(std::string_view text);

// True when `text` (not HTML) carries Markdown that would show in snippets
// and be indexed as words: an inline link or image ("[testo](https://...)"),
// a fenced code block, a heading line ("## Novità") or bold ("**nuovo**").
// JSON Lines exported from Markdown sites hold their posts so.
bool looks_like_markdown(std::string_view text);

}  // namespace segugio::corpus::detail
