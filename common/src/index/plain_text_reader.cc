// Fallback for builds without the corpus library (segugio_corpus): the thin
// reader of the first indexer behind the corpus interface. Plain UTF-8 .txt
// files only; title = first non-empty line, body = the rest. Compiled only
// when common/CMakeLists.txt has no segugio_corpus target.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <system_error>

#include "segugio/corpus/problem.h"
#include "segugio/corpus/reader.h"
#include "segugio/corpus/source_file.h"

namespace segugio::corpus {

namespace fs = std::filesystem;

ProblemSink::~ProblemSink() = default;

void ProblemList::problem(const Problem& p) {
  std::lock_guard lock(mutex_);
  problems_.push_back(p);
}

std::vector<Problem> ProblemList::problems() const {
  std::lock_guard lock(mutex_);
  return problems_;
}

std::size_t ProblemList::count(const std::string& reason) const {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(std::count_if(
      problems_.begin(), problems_.end(), [&](const Problem& p) { return p.reason == reason; }));
}

std::map<std::string, std::size_t> ProblemList::counts() const {
  std::lock_guard lock(mutex_);
  std::map<std::string, std::size_t> c;
  for (const Problem& p : problems_) ++c[p.reason];
  return c;
}

std::string_view format_name(Format format) {
  return format == Format::scraped_text ? "scraped_text" : "unknown";
}

namespace {

SourceFile describe(const fs::path& path, const fs::path& root) {
  SourceFile f;
  f.path = path;
  f.id_base = fs::relative(path, root).replace_extension().generic_string();
  f.format = Format::scraped_text;
  std::error_code ec;
  f.size = fs::file_size(path, ec);
  if (ec) f.size = 0;
  const fs::file_time_type t = fs::last_write_time(path, ec);
  if (!ec)
    f.mtime_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                     std::chrono::file_clock::to_sys(t).time_since_epoch())
                     .count();
  return f;
}

}  // namespace

SourceFile describe_file(const fs::path& path) { return describe(path, path.parent_path()); }

std::vector<SourceFile> list_files(const std::vector<fs::path>& roots, ProblemSink& problems) {
  std::vector<SourceFile> files;
  for (const fs::path& root : roots) {
    std::error_code ec;
    if (fs::is_directory(root, ec)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(root, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file() && it->path().extension() == ".txt") found.push_back(it->path());
      std::sort(found.begin(), found.end());
      for (const fs::path& p : found) files.push_back(describe(p, root));
    } else if (fs::is_regular_file(root, ec)) {
      files.push_back(describe_file(root));
    } else {
      problems.problem({root.string(), "not found", true, {}});
    }
  }
  return files;
}

void read_file(const SourceFile& file, const ReadOptions& options,
               const std::function<void(Article&&)>& on_article, ProblemSink& problems) {
  std::ifstream in(file.path, std::ios::binary);
  if (!in) {
    problems.problem({file.path.string(), "unreadable", true, {}});
    return;
  }
  std::ostringstream all;
  all << in.rdbuf();
  const std::string text = all.str();
  if (text.size() > options.max_article_bytes) {
    problems.problem({file.path.string(), "too large", true, {}});
    return;
  }
  Article a;
  a.source_path = file.path.string();
  a.id = file.id_base;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line) && line.find_first_not_of(" \t\r") == std::string::npos) {
  }
  a.title = line;
  std::ostringstream rest;
  rest << lines.rdbuf();
  a.body = rest.str();
  on_article(std::move(a));
}

}  // namespace segugio::corpus
