// Problems met while finding and reading articles: what the indexer counts in
// its summary and lists in verbose mode. Readers report; they never print.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace segugio::corpus {

// One thing that went wrong with one file, line or feed item.
//
// `reason` is a short fixed phrase the summary can count, one of:
//   skipped (skipped = true):
//     "binary", "empty", "too large", "unreadable", "not found",
//     "not a regular file", "broken link", "link loop", "bad line",
//     "not an article format", "corrupt compressed data", "bad feed",
//     "duplicate id", "deleted with --delete" (the indexer: an article
//     deleted by id, met again in a changed file)
//   kept (skipped = false):
//     "no date"                     the article is indexed without a date
//     "duplicate id"                two names would share an id: both keep
//                                   their extension in the id
//     "invalid front matter"        YAML recovered line by line
//     "re-decoded as Windows-1252"  bytes that were not UTF-8 (verbose only)
// `detail` says more for a human ("unquoted ':' at line 2", a JSON parser
// message); it may be empty and is never counted.
struct Problem {
  std::string where;    // "path", "path:line" (JSON Lines, feeds)
  std::string reason;   // see above
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
  std::size_t count(const std::string& reason) const;
  // reason -> count, sorted by reason.
  std::map<std::string, std::size_t> counts() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Problem> problems_;
};

}  // namespace segugio::corpus
