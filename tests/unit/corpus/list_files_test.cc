#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "read_helpers.h"
#include "segugio/corpus/source_file.h"
#include "temp_dir.h"
#include "skip.h"

namespace fs = std::filesystem;
using segugio::corpus::describe_file;
using segugio::corpus::Format;
using segugio::corpus::list_files;
using segugio::corpus::Problem;
using segugio::corpus::ProblemList;
using segugio::corpus::Reason;
using segugio::corpus::SourceFile;
using segugio::testing::TempDir;

namespace {

std::vector<std::string> ids(const std::vector<SourceFile>& files) {
  std::vector<std::string> out;
  out.reserve(files.size());
  for (const SourceFile& f : files) out.push_back(f.id_base);
  return out;
}

std::optional<Problem> find_problem(const ProblemList& problems, Reason reason) {
  for (const Problem& p : problems.problems())
    if (p.reason == reason) return p;
  return std::nullopt;
}

}  // namespace

TEST_CASE("list_files finds files recursively in a stable order, ids without extensions") {
  TempDir dir;
  dir.write("posts/2021-03-04-nuovo-motore.md", "x");
  dir.write("posts/b.txt", "x");
  dir.write("posts/sub/c.html", "x");
  dir.write("a.jsonl.zst", "x");
  dir.write("feed.rss", "x");
  dir.write("senza-estensione", "x");
  dir.write("foto.jpg", "x");
  dir.write(".nascosto.md", "x");
  dir.write(".git/config", "x");
  ProblemList problems;
  const std::vector<SourceFile> files = list_files({dir.path()}, problems);
  CHECK(problems.problems().empty());
  CHECK(ids(files) == std::vector<std::string>{"a", "feed", "foto.jpg",
                                               "posts/2021-03-04-nuovo-motore", "posts/b",
                                               "posts/sub/c", "senza-estensione"});
  REQUIRE(files.size() == 7);
  CHECK(files[0].format == Format::jsonl);
  CHECK(files[0].zstd);
  CHECK(files[1].format == Format::feed);
  CHECK(files[2].format == Format::unknown);
  CHECK(files[3].format == Format::markdown);
  CHECK(files[3].path == dir.path() / "posts/2021-03-04-nuovo-motore.md");
  CHECK(files[3].size == 1);
  CHECK(files[3].mtime_ns > 0);
  CHECK(files[4].format == Format::scraped_text);
  CHECK(files[5].format == Format::html);
  CHECK_FALSE(files[5].zstd);
}

TEST_CASE("a file named on the command line is relative to its own folder") {
  TempDir dir;
  const fs::path file = dir.write("cartella/2024-03-05-chip.txt", "x");
  ProblemList problems;
  const std::vector<SourceFile> files = list_files({file}, problems);
  REQUIRE(files.size() == 1);
  CHECK(files[0].id_base == "2024-03-05-chip");
  CHECK(describe_file(file).id_base == "2024-03-05-chip");
  CHECK(describe_file(dir.path() / "x.md.zst").format == Format::markdown);
}

TEST_CASE("a.md beside a.txt: both keep their extension, with a warning") {
  TempDir dir;
  dir.write("a.md", "x");
  dir.write("a.txt", "x");
  dir.write("b.md", "x");
  ProblemList problems;
  const std::vector<SourceFile> files = list_files({dir.path()}, problems);
  CHECK(ids(files) == std::vector<std::string>{"a.md", "a.txt", "b"});
  CHECK(problems.count(Reason::duplicate_id) == 2);
  for (const Problem& p : problems.problems()) CHECK_FALSE(p.skipped);
}

TEST_CASE("the same file reached twice is listed once, and several folders' ids begin with their names") {
  // Regression: `segugio-index -d db innovazione ils`, each holding an
  // articles.jsonl, indexed the first folder's file only ("duplicate id").
  TempDir dir;
  dir.write("uno/a.md", "x");
  dir.write("due/a.md", "y");
  dir.write("due/sub/b.md", "y");
  ProblemList problems;
  const std::vector<SourceFile> files = list_files(
      {dir.path() / "uno", dir.path() / "uno", dir.path() / ".." / dir.path().filename() / "due/"},
      problems);
  CHECK(problems.problems().empty());
  CHECK(ids(files) == std::vector<std::string>{"uno/a", "due/a", "due/sub/b"});
  CHECK(files[0].path == dir.path() / "uno" / "a.md");
  // One folder named (however often, however typed): the paths below it, as always.
  CHECK(ids(list_files({dir.path() / "due", dir.path() / "due/"}, problems)) ==
        std::vector<std::string>{"a", "sub/b"});
  // Files named on the command line: their names; two of one name, the first.
  const std::vector<SourceFile> named =
      list_files({dir.path() / "uno/a.md", dir.path() / "due/a.md"}, problems);
  CHECK(ids(named) == std::vector<std::string>{"a"});
  const std::optional<Problem> dup = find_problem(problems, Reason::duplicate_id);
  REQUIRE(dup.has_value());
  CHECK(dup->skipped);
  CHECK(dup->where == (dir.path() / "due" / "a.md").string());
  CHECK(dup->detail.find("name their folders instead") != std::string::npos);
}

TEST_CASE("two folders of one name take their parents' names, whatever they hold") {
  TempDir dir;
  dir.write("roma/notizie/a.md", "x");
  dir.write("milano/notizie/b.md", "x");
  dir.write("altro/c.md", "x");
  fs::create_directory_symlink(dir.path() / "altro", dir.path() / "collegamento");
  ProblemList problems;
  // A link is named by the folder it leads to, as the indexer keys its files.
  CHECK(ids(list_files({dir.path() / "roma/notizie", dir.path() / "milano/notizie",
                        dir.path() / "collegamento"},
                       problems)) ==
        std::vector<std::string>{"roma/notizie/a", "milano/notizie/b", "altro/c"});
  CHECK(problems.problems().empty());
}

TEST_CASE("broken links, link loops and special files are reported, not followed") {
  TempDir dir;
  dir.write("dati/vero.md", "x");
  fs::create_symlink(dir.path() / "non-esiste.md", dir.path() / "dati/rotto.md");
  fs::create_directory_symlink(dir.path() / "dati", dir.path() / "dati/ciclo");
  fs::create_symlink(dir.path() / "dati/l2", dir.path() / "dati/l1");
  fs::create_symlink(dir.path() / "dati/l1", dir.path() / "dati/l2");
  REQUIRE(::mkfifo((dir.path() / "dati/tubo").c_str(), 0600) == 0);
  ProblemList problems;
  const std::vector<SourceFile> files = list_files({dir.path() / "dati"}, problems);
  CHECK(ids(files) == std::vector<std::string>{"vero"});

  const std::optional<Problem> broken = find_problem(problems, Reason::broken_link);
  REQUIRE(broken.has_value());
  CHECK(broken->where == (dir.path() / "dati/rotto.md").string());
  CHECK(broken->skipped);
  CHECK(problems.count(Reason::link_loop) == 3);  // ciclo, l1, l2
  CHECK(problems.count(Reason::not_regular_file) == 1);
}

TEST_CASE("a link to a folder elsewhere is followed") {
  TempDir dir;
  dir.write("altrove/x.md", "x");
  dir.write("radice/y.md", "x");
  fs::create_directory_symlink(dir.path() / "altrove", dir.path() / "radice/collegato");
  ProblemList problems;
  CHECK(ids(list_files({dir.path() / "radice"}, problems)) ==
        std::vector<std::string>{"collegato/x", "y"});
  CHECK(problems.problems().empty());
}

TEST_CASE("a missing root is reported as not found") {
  TempDir dir;
  ProblemList problems;
  CHECK(list_files({dir.path() / "manca"}, problems).empty());
  REQUIRE(problems.problems().size() == 1);
  CHECK(problems.problems()[0].reason == Reason::not_found);
}

TEST_CASE("an unreadable folder is reported") {
  if (::geteuid() == 0)
    return segugio::testing::skip("runs as root, which reads every folder: nothing to test");
  TempDir dir;
  dir.write("chiusa/a.md", "x");
  fs::permissions(dir.path() / "chiusa", fs::perms::none);
  ProblemList problems;
  CHECK(list_files({dir.path()}, problems).empty());
  CHECK(problems.count(Reason::unreadable) == 1);
  fs::permissions(dir.path() / "chiusa", fs::perms::owner_all);
}

TEST_CASE(".segugioignore leaves out what a folder holds that is not articles") {
  // Regression: the bundled corpus's queries.jsonl was indexed as 67 articles.
  TempDir dir;
  dir.write("corpus/.segugioignore", "# demo files\nqueries.jsonl\nREADME.md\ndrafts/\n2024/*.bak\n");
  dir.write("corpus/queries.jsonl", "{\"_id\":\"q1\",\"text\":\"una domanda\"}\n");
  dir.write("corpus/README.md", "# Note\n");
  dir.write("corpus/drafts/bozza.txt", "Bozza\n");
  dir.write("corpus/2024/a.txt", "Titolo\n\nTesto.\n");
  dir.write("corpus/2024/a.txt.bak", "Titolo\n\nTesto.\n");
  dir.write("corpus/2024/README.md", "# Ignored too: a pattern without a slash matches the name\n");
  ProblemList problems;
  const auto files = list_files({dir.path() / "corpus"}, problems);
  // A name-only pattern applies at every depth below the folder.
  CHECK(ids(files) == std::vector<std::string>{"2024/a"});
  CHECK(problems.problems().empty());
}
