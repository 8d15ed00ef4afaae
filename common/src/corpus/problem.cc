#include "segugio/corpus/problem.h"

namespace segugio::corpus {

std::string_view reason_name(Reason reason) {
  switch (reason) {
    case Reason::binary:
      return "binary";
    case Reason::empty:
      return "empty";
    case Reason::too_large:
      return "too large";
    case Reason::unreadable:
      return "unreadable";
    case Reason::not_found:
      return "not found";
    case Reason::not_regular_file:
      return "not a regular file";
    case Reason::broken_link:
      return "broken link";
    case Reason::link_loop:
      return "link loop";
    case Reason::bad_line:
      return "bad line";
    case Reason::bad_article:
      return "bad article";
    case Reason::not_json_articles:
      return "not JSON articles";
    case Reason::not_json:
      return "not JSON";
    case Reason::not_article_format:
      return "not an article format";
    case Reason::corrupt_compressed_data:
      return "corrupt compressed data";
    case Reason::bad_feed:
      return "bad feed";
    case Reason::not_indexable:
      return "not indexable";
    case Reason::internal_error:
      return "internal error";
    case Reason::deleted_by_id:
      return "deleted with --delete";
    case Reason::duplicate_id:
      return "duplicate id";
    case Reason::no_date:
      return "no date";
    case Reason::invalid_front_matter:
      return "invalid front matter";
    case Reason::redecoded:
      return "re-decoded as Windows-1252";
  }
  return "unknown";
}

ProblemSink::~ProblemSink() = default;

void ProblemSink::ignored_key(const std::string& /*key*/) {}

void ProblemList::problem(const Problem& p) {
  const std::lock_guard lock(mutex_);
  problems_.push_back(p);
}

std::vector<Problem> ProblemList::problems() const {
  const std::lock_guard lock(mutex_);
  return problems_;
}

std::size_t ProblemList::count(Reason reason) const {
  const std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (const Problem& p : problems_) n += p.reason == reason ? 1 : 0;
  return n;
}

std::map<Reason, std::size_t> ProblemList::counts() const {
  const std::lock_guard lock(mutex_);
  std::map<Reason, std::size_t> out;
  for (const Problem& p : problems_) ++out[p.reason];
  return out;
}

}  // namespace segugio::corpus
