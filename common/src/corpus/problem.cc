#include "segugio/corpus/problem.h"

namespace segugio::corpus {

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

std::size_t ProblemList::count(const std::string& reason) const {
  const std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (const Problem& p : problems_) n += p.reason == reason ? 1 : 0;
  return n;
}

std::map<std::string, std::size_t> ProblemList::counts() const {
  const std::lock_guard lock(mutex_);
  std::map<std::string, std::size_t> out;
  for (const Problem& p : problems_) ++out[p.reason];
  return out;
}

}  // namespace segugio::corpus
