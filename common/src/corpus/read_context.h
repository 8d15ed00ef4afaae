// What every format reader shares: the file, the limits, where articles and
// problems go, and the common last steps for each article (internal to
// segugio_corpus).
#pragma once

#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "byte_stream.h"
#include "field_keys.h"
#include "segugio/core/article.h"
#include "segugio/corpus/problem.h"
#include "segugio/corpus/reader.h"
#include "segugio/corpus/source_file.h"

namespace segugio::corpus::detail {

// Carries an exception thrown by the caller's on_article through the readers'
// own error handling, so read_file() can rethrow it unchanged.
struct CallbackFailure {
  std::exception_ptr error;
};

class ReadContext {
 public:
  ReadContext(const SourceFile& file, const ReadOptions& options,
              const std::function<void(Article&&)>& on_article, ProblemSink& problems);

  const SourceFile& file() const { return file_; }
  const ReadOptions& options() const { return options_; }
  // "path" and "path:line", for Problem::where.
  const std::string& path() const { return path_; }
  std::string where(std::size_t line) const;

  void report(std::string where, Reason reason, bool skipped, std::string detail = {});
  // Reports "re-decoded as Windows-1252" the first time per file.
  void note_redecoded(std::string where);

  // The field table with the user's --field-map, made on first use.
  const FieldKeys& field_keys();
  // A key of the current article that fills no field.
  void ignored_key(const std::string& key) { problems_.ignored_key(key); }

  // The common last steps: cleans every field, fills source from the URL's
  // domain and a missing date from the URL or (for a single-article file,
  // `single`) the file name; drops an article with no text at all ("empty");
  // reports "no date"; hands the article to on_article.
  void finish(Article&& article, const std::string& where, bool single);

 private:
  const SourceFile& file_;
  const ReadOptions& options_;
  const std::function<void(Article&&)>& on_article_;
  ProblemSink& problems_;
  std::string path_;
  bool redecoded_reported_ = false;
  std::optional<FieldKeys> field_keys_;
};

// The format readers. Single-article readers take the whole text (already
// valid UTF-8, except read_html which takes the raw bytes to honour a declared
// charset); streaming readers take the stream.
void read_scraped_text(std::string_view text, ReadContext& context);
void read_markdown(std::string_view text, ReadContext& context);
void read_html(std::string_view bytes, ReadContext& context);
void read_jsonl(BufferedStream& in, ReadContext& context);
void read_json(BufferedStream& in, ReadContext& context);
void read_feed(BufferedStream& in, ReadContext& context);

// Splits a list given as one string: on commas (or ';' / '|') when it has any,
// else on spaces when `spaces` ("eventi sviluppatori" in Jekyll front matter).
std::vector<std::string> split_list(std::string_view text, bool spaces);

// Day from a front-matter, JSON or feed value; tries parse_italian_date.
std::optional<Date> parse_date_value(std::string_view text);

}  // namespace segugio::corpus::detail
