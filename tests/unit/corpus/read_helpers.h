// Small helpers for the corpus tests: read a file or a folder into vectors.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "segugio/core/article.h"
#include "segugio/corpus/problem.h"
#include "segugio/corpus/reader.h"
#include "segugio/corpus/source_file.h"

namespace segugio::corpus::testing {

struct ReadResult {
  std::vector<Article> articles;
  std::vector<Problem> problems;

  // The problems with `reason`.
  std::vector<Problem> with_reason(Reason reason) const {
    std::vector<Problem> out;
    for (const Problem& p : problems)
      if (p.reason == reason) out.push_back(p);
    return out;
  }
  const Article* by_id(const std::string& id) const {
    for (const Article& a : articles)
      if (a.id == id) return &a;
    return nullptr;
  }
};

inline ReadResult read_one(const SourceFile& file, const ReadOptions& options = {}) {
  ReadResult r;
  ProblemList problems;
  read_file(
      file, options, [&](Article&& a) { r.articles.push_back(std::move(a)); }, problems);
  r.problems = problems.problems();
  return r;
}

inline ReadResult read_path(const std::filesystem::path& path, const ReadOptions& options = {}) {
  return read_one(describe_file(path), options);
}

// Lists `roots` and reads every file, in order.
inline ReadResult read_tree(const std::vector<std::filesystem::path>& roots,
                            const ReadOptions& options = {}) {
  ReadResult r;
  ProblemList problems;
  for (const SourceFile& f : list_files(roots, problems))
    read_file(
        f, options, [&](Article&& a) { r.articles.push_back(std::move(a)); }, problems);
  r.problems = problems.problems();
  return r;
}

inline const std::filesystem::path kCorpusData =
    std::filesystem::path(SEGUGIO_TEST_DATA) / "corpus";

}  // namespace segugio::corpus::testing
