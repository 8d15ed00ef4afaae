// Problems met while finding and reading articles: what the indexer counts in
// its summary and lists in verbose mode. Readers report; they never print.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace segugio::corpus {

// Why a file, line or feed item went wrong: a fixed reason the summary can
// count, printed as reason_name() says.
enum class Reason {
  // skipped (Problem::skipped = true): the file, line or item gave no article
  binary,                   // "binary"
  empty,                    // "empty"
  too_large,                // "too large"
  unreadable,               // "unreadable"
  not_found,                // "not found"
  not_regular_file,         // "not a regular file"
  broken_link,              // "broken link"
  link_loop,                // "link loop"
  bad_line,                 // "bad line" (JSON Lines)
  bad_article,              // "bad article" (a .json item that is not an object)
  not_json,                 // "not JSON"
  not_json_articles,        // "not JSON articles"
  not_article_format,       // "not an article format"
  corrupt_compressed_data,  // "corrupt compressed data"
  bad_feed,                 // "bad feed"
  not_indexable,            // "not indexable" (the indexer refused the file's articles)
  internal_error,           // "internal error" (a bug: the indexer stops)
  deleted_by_id,            // "deleted with --delete" (the indexer: an article
                            // deleted by id, met again in a changed file)
  duplicate_id,             // "duplicate id"; kept (skipped = false) when two
                            // names would share an id: both keep their extension
  // kept (skipped = false)
  no_date,                  // "no date": indexed without a date
  invalid_front_matter,     // "invalid front matter": YAML recovered line by line
  redecoded,                // "re-decoded as Windows-1252": bytes that were not UTF-8
                            // (shown with -v only)
};

// "too large", "re-decoded as Windows-1252": what the summary and the log print.
std::string_view reason_name(Reason reason);

// One thing that went wrong with one file, line or feed item. `detail` says
// more for a human ("unquoted ':' at line 2", a JSON parser message); it may
// be empty and is never counted.
struct Problem {
  std::string where;    // "path", "path:line" (JSON Lines, feeds)
  Reason reason = Reason::unreadable;
  bool skipped = true;  // true: the file, line or item produced no article
  std::string detail;
};

// Receives problems. Readers call it from the thread they run on: a sink shared
// by several worker threads must be thread-safe (ProblemList is).
class ProblemSink {
 public:
  virtual ~ProblemSink();
  virtual void problem(const Problem& p) = 0;
  // A JSON or front-matter key that fills no field (`section_from_url` before
  // it had a name), once per article that has it. Not a problem: the article
  // is indexed; the indexer names such keys once at the end of a run.
  virtual void ignored_key(const std::string& key);
};

// A thread-safe sink that keeps every problem; handy for tests and summaries.
class ProblemList : public ProblemSink {
 public:
  void problem(const Problem& p) override;

  // Copies, so callers never hold a reference into a list another thread grows.
  std::vector<Problem> problems() const;
  // How many problems had `reason` (skipped or not).
  std::size_t count(Reason reason) const;
  // reason -> count.
  std::map<Reason, std::size_t> counts() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Problem> problems_;
};

}  // namespace segugio::corpus
