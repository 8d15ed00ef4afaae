#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <map>
#include <set>
#include <system_error>
#include <utility>

#include "segugio/corpus/source_file.h"
#include "text.h"
#include "segugio/text/normalize.h"

namespace segugio::corpus {

namespace fs = std::filesystem;

namespace {

struct Extension {
  const char* name;
  Format format;
};

constexpr Extension kExtensions[] = {
    {".txt", Format::scraped_text},  {".text", Format::scraped_text}, {".md", Format::markdown},
    {".markdown", Format::markdown}, {".mdown", Format::markdown},    {".mkd", Format::markdown},
    {".jsonl", Format::jsonl},       {".ndjson", Format::jsonl},      {".jsonlines", Format::jsonl},
    {".json", Format::json},
    {".html", Format::html},         {".htm", Format::html},          {".xhtml", Format::html},
    {".rss", Format::feed},          {".atom", Format::feed},         {".xml", Format::feed},
};

struct Naming {
  std::string id;  // without format extensions
  Format format = Format::unknown;
  bool zstd = false;
};

// "posts/a.md.zst" -> id "posts/a", markdown, zstd.
Naming name_of(const std::string& relative) {
  Naming n;
  n.id = relative;
  const std::size_t slash = relative.rfind('/');
  const std::size_t name_at = slash == std::string::npos ? 0 : slash + 1;
  auto strip = [&](std::string_view ext) {
    const std::string lower = text::ascii_lower(n.id);
    if (lower.size() > name_at + ext.size() &&
        lower.compare(lower.size() - ext.size(), ext.size(), ext) == 0) {
      n.id.erase(n.id.size() - ext.size());
      return true;
    }
    return false;
  };
  n.zstd = strip(".zst") || strip(".zstd");
  for (const Extension& e : kExtensions) {
    if (strip(e.name)) {
      n.format = e.format;
      break;
    }
  }
  return n;
}

std::int64_t mtime_ns(const struct stat& st) {
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

using FileKey = std::pair<dev_t, ino_t>;

class Walker {
 public:
  explicit Walker(ProblemSink& problems) : problems_(problems) {}

  // `prefix`: what the ids of the files under this root begin with ("" or
  // "innovazione/", root_prefixes()).
  void root(const fs::path& path, const std::string& prefix) {
    prefix_ = prefix;
    struct stat lst {
    }, st{};
    if (::lstat(path.c_str(), &lst) != 0) {
      report(path, errno == ENOENT ? Reason::not_found : Reason::unreadable, std::strerror(errno));
      return;
    }
    if (::stat(path.c_str(), &st) != 0) {
      link_problem(path, errno);
      return;
    }
    if (S_ISDIR(st.st_mode)) {
      directory(path, "", st);
    } else if (S_ISREG(st.st_mode)) {
      file(path, path.filename().string(), st, true);
    } else {
      report(path, Reason::not_regular_file, "");
    }
  }

  std::vector<SourceFile> take() { return std::move(files_); }
  std::vector<std::string> take_relatives() { return std::move(relatives_); }
  std::vector<bool> take_named() { return std::move(named_); }

 private:
  void report(const fs::path& path, Reason reason, std::string detail) {
    problems_.problem(Problem{path.string(), reason, true, std::move(detail)});
  }

  void link_problem(const fs::path& path, int error) {
    if (error == ENOENT || error == ENOTDIR)
      report(path, Reason::broken_link, "the target does not exist");
    else if (error == ELOOP)
      report(path, Reason::link_loop, "too many levels of symbolic links");
    else
      report(path, Reason::unreadable, std::strerror(error));
  }

  void directory(const fs::path& path, const std::string& relative, const struct stat& st) {
    const FileKey key{st.st_dev, st.st_ino};
    if (std::find(ancestors_.begin(), ancestors_.end(), key) != ancestors_.end()) {
      report(path, Reason::link_loop, "leads back to a folder that contains it");
      return;
    }
    if (!seen_dirs_.insert(key).second) return;  // already listed through another path
    std::error_code ec;
    fs::directory_iterator it(path, ec);
    if (ec) {
      report(path, Reason::unreadable, ec.message());
      return;
    }
    std::vector<std::string> names;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (!name.empty() && name[0] != '.') names.push_back(std::move(name));
    }
    if (ec) report(path, Reason::unreadable, ec.message());
    std::sort(names.begin(), names.end());

    ancestors_.push_back(key);
    const bool has_ignore_file = push_ignore_patterns(path, relative);
    for (const std::string& name : names) {
      const fs::path child = path / name;
      std::string child_relative = relative;
      if (!child_relative.empty()) child_relative += '/';
      child_relative += name;
      if (ignored(child_relative)) continue;
      struct stat lst {
      }, cst{};
      if (::lstat(child.c_str(), &lst) != 0) {
        report(child, Reason::unreadable, std::strerror(errno));
        continue;
      }
      if (S_ISLNK(lst.st_mode)) {
        if (::stat(child.c_str(), &cst) != 0) {
          link_problem(child, errno);
          continue;
        }
      } else {
        cst = lst;
      }
      if (S_ISDIR(cst.st_mode))
        directory(child, child_relative, cst);
      else if (S_ISREG(cst.st_mode))
        file(child, child_relative, cst, false);
      else
        report(child, Reason::not_regular_file, "");
    }
    if (has_ignore_file) ignores_.pop_back();
    ancestors_.pop_back();
  }

  // A `.segugioignore` file names what a folder holds that is not articles
  // (`queries.jsonl`, `README.md`): one shell pattern per line, `#` comments,
  // matched against the path below that folder (a pattern without `/` against
  // the name alone), for the folder and everything under it.
  bool push_ignore_patterns(const fs::path& folder, const std::string& relative) {
    std::ifstream in(folder / kIgnoreFile);
    if (!in) return false;
    IgnoreRules rules;
    rules.base = relative.empty() ? "" : relative + "/";
    std::string line;
    while (std::getline(in, line)) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      if (line.empty() || line[0] == '#') continue;
      if (line.back() == '/') line.pop_back();
      rules.patterns.push_back(line);
    }
    ignores_.push_back(std::move(rules));
    return true;
  }

  bool ignored(const std::string& relative) const {
    for (const IgnoreRules& rules : ignores_) {
      if (relative.compare(0, rules.base.size(), rules.base) != 0) continue;
      const std::string below = relative.substr(rules.base.size());
      const std::string name = below.substr(below.rfind('/') + 1);
      for (const std::string& pattern : rules.patterns) {
        const bool by_name = pattern.find('/') == std::string::npos;
        if (fnmatch(pattern.c_str(), by_name ? name.c_str() : below.c_str(), FNM_PATHNAME) == 0)
          return true;
      }
    }
    return false;
  }

  // `named`: the file was named on the command line (not found in a folder).
  void file(const fs::path& path, const std::string& relative, const struct stat& st, bool named) {
    if (!seen_files_.insert({st.st_dev, st.st_ino}).second) return;  // listed already
    const Naming n = name_of(relative);
    SourceFile f;
    f.path = path;
    f.id_base = prefix_ + n.id;
    f.size = static_cast<std::uintmax_t>(st.st_size);
    f.mtime_ns = mtime_ns(st);
    f.format = n.format;
    f.zstd = n.zstd;
    files_.push_back(std::move(f));
    relatives_.push_back(prefix_ + relative);
    named_.push_back(named);
  }

  struct IgnoreRules {
    std::string base;  // the folder holding the .segugioignore, relative, with a final '/'
    std::vector<std::string> patterns;
  };
  static constexpr const char* kIgnoreFile = ".segugioignore";

  ProblemSink& problems_;
  std::vector<IgnoreRules> ignores_;
  std::vector<SourceFile> files_;
  std::vector<std::string> relatives_;  // parallel to files_: the id with extensions
  std::vector<bool> named_;             // parallel to files_: named on the command line
  std::string prefix_;                  // the current root's, see root()
  std::set<FileKey> seen_files_;
  std::set<FileKey> seen_dirs_;
  std::vector<FileKey> ancestors_;
};

// What the ids under each of `roots` begin with. One folder named: nothing
// (its ids are the paths below it). Two or more: each folder's name and a
// '/', the name of its path with symbolic links resolved (so that "news",
// "./news/" and a link to it give one name); two folders of one name take as
// many of their parent folders' names as tell them apart
// ("a/notizie/", "b/notizie/"). Files named on the command line: nothing.
// Depends only on the command line, never on what the folders hold, so that
// the same command gives the same ids run after run.
std::vector<std::string> root_prefixes(const std::vector<fs::path>& roots) {
  std::vector<std::string> prefixes(roots.size());
  std::vector<std::vector<std::string>> folders;  // each folder once, its real path's names
  std::vector<std::size_t> folder_of(roots.size(), SIZE_MAX);
  for (std::size_t i = 0; i < roots.size(); ++i) {
    std::error_code ec;
    if (!fs::is_directory(roots[i], ec)) continue;
    std::vector<std::string> parts =
        path_names(fs::weakly_canonical(fs::absolute(roots[i], ec), ec));
    const auto same = std::find(folders.begin(), folders.end(), parts);
    folder_of[i] = static_cast<std::size_t>(same - folders.begin());
    if (same == folders.end()) folders.push_back(std::move(parts));
  }
  if (folders.size() < 2) return prefixes;
  std::vector<std::string> names(folders.size());
  for (std::size_t f = 0; f < folders.size(); ++f) {
    for (std::size_t n = 1;; ++n) {
      names[f] = last_names(folders[f], n);
      const auto clash = [&](std::size_t g) {
        return g != f && last_names(folders[g], n) == names[f];
      };
      bool unique = true;
      for (std::size_t g = 0; g < folders.size() && unique; ++g) unique = !clash(g);
      if (unique || n >= folders[f].size()) break;
    }
  }
  for (std::size_t i = 0; i < roots.size(); ++i)
    if (folder_of[i] != SIZE_MAX && !names[folder_of[i]].empty())
      prefixes[i] = names[folder_of[i]] + "/";
  return prefixes;
}

}  // namespace

std::vector<std::string> path_names(const fs::path& path) {
  std::vector<std::string> names;
  for (const fs::path& part : path.relative_path())
    if (!part.empty()) names.push_back(part.string());
  return names;
}

std::string last_names(const std::vector<std::string>& names, std::size_t n) {
  std::string out;
  for (std::size_t i = names.size() - std::min(n, names.size()); i < names.size(); ++i)
    out += (out.empty() ? "" : "/") + names[i];
  return out;
}

std::string_view format_name(Format format) {
  switch (format) {
    case Format::scraped_text:
      return "scraped_text";
    case Format::markdown:
      return "markdown";
    case Format::jsonl:
      return "jsonl";
    case Format::json:
      return "json";
    case Format::html:
      return "html";
    case Format::feed:
      return "feed";
    case Format::unknown:
      return "unknown";
  }
  return "unknown";
}

std::vector<SourceFile> list_files(const std::vector<fs::path>& roots, ProblemSink& problems) {
  Walker walker(problems);
  const std::vector<std::string> prefixes = root_prefixes(roots);
  for (std::size_t i = 0; i < roots.size(); ++i) walker.root(roots[i], prefixes[i]);
  std::vector<SourceFile> files = walker.take();
  const std::vector<std::string> relatives = walker.take_relatives();
  const std::vector<bool> named = walker.take_named();

  // a.md beside a.txt: both keep their extensions.
  std::map<std::string, std::vector<std::size_t>> by_id;
  for (std::size_t i = 0; i < files.size(); ++i) by_id[files[i].id_base].push_back(i);
  for (const auto& [id, members] : by_id) {
    // The same name under two roots gains nothing from its extension: that
    // case is left to the check below.
    std::set<std::string> names;
    for (std::size_t i : members) names.insert(relatives[i]);
    if (names.size() < 2) continue;
    for (std::size_t i : members) {
      files[i].id_base = relatives[i];
      problems.problem(Problem{files[i].path.string(), Reason::duplicate_id, false,
                               "another file would also have the id '" + id +
                                   "'; this one keeps its extension: '" + relatives[i] + "'"});
    }
  }
  // Still one id for two files (two files of one name named on the command
  // line, a file named beside a folder holding its name): the first one wins.
  std::set<std::string> ids;
  std::vector<SourceFile> out;
  out.reserve(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    SourceFile& f = files[i];
    if (!ids.insert(f.id_base).second) {
      problems.problem(Problem{
          f.path.string(), Reason::duplicate_id, true,
          "an earlier file already has the id '" + f.id_base + "'" +
              (named[i] ? " (name their folders instead: with several folders named, each "
                          "folder's ids begin with its name)"
                        : "")});
      continue;
    }
    out.push_back(std::move(f));
  }
  return out;
}

SourceFile describe_file(const fs::path& path) {
  const Naming n = name_of(path.filename().string());
  SourceFile f;
  f.path = path;
  f.id_base = n.id;
  f.format = n.format;
  f.zstd = n.zstd;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    f.size = static_cast<std::uintmax_t>(st.st_size);
    f.mtime_ns = mtime_ns(st);
  }
  return f;
}

}  // namespace segugio::corpus
