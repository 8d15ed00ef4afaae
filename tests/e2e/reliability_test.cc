// Trying to break Segugio from the outside: damaged and foreign databases,
// hostile queries, searching while the indexer commits, a full disk, words and
// URLs longer than Xapian's term limit. Whatever happens, the programs answer
// or refuse with one clear message and exit 0, 1 or 2: never a crash, a hang
// or a lost commit. See docs/reliability.md.
#include <doctest/doctest.h>

#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xapian.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "child_process.h"
#include "reliability_support.h"
#include "run_program.h"
#include "temp_dir.h"
#include "skip.h"

using segugio::testing::ProgramResult;
using segugio::testing::run_index;
using segugio::testing::run_program;
using segugio::testing::run_search;
using segugio::testing::spawn_index;
using segugio::testing::synthetic_body;
using segugio::testing::TempDir;
namespace fs = std::filesystem;

namespace {

// `count` Markdown articles under dir/name/, each with the word `segugioprova`.
fs::path write_corpus(const TempDir& dir, const std::string& name, int count, int words = 40) {
  for (int i = 0; i < count; ++i)
    dir.write(name + "/" + std::to_string(i % 10) + "/" + std::to_string(i) + ".md",
              "---\ntitle: \"Notizia " + std::to_string(i) + "\"\ndate: 2024-07-" +
                  std::to_string(10 + i % 20) + "\nurl: https://example.it/" + name + "/" +
                  std::to_string(i) + "\n---\n" + synthetic_body(i, words) + "\n");
  return dir.path() / name;
}

// What every failure must look like: one line naming the program, no crash,
// no sanitizer report, no uncaught exception.
void check_clean_failure(const ProgramResult& r, const std::string& program) {
  CHECK_MESSAGE(r.exit_code == 1, r.err);
  CHECK_MESSAGE(r.err.rfind(program + ": ", 0) == 0, r.err);
  CHECK_MESSAGE(r.err.find("terminate") == std::string::npos, r.err);
  CHECK_MESSAGE(r.err.find("Sanitizer") == std::string::npos, r.err);
  CHECK_MESSAGE(r.err.find("runtime error") == std::string::npos, r.err);
}

void check_no_crash(const ProgramResult& r) {
  CHECK_MESSAGE((r.exit_code == 0 || r.exit_code == 2), r.err);
  CHECK_MESSAGE(r.err.find("Sanitizer") == std::string::npos, r.err);
  CHECK_MESSAGE(r.err.find("runtime error") == std::string::npos, r.err);
  CHECK_MESSAGE(r.err.find("terminate") == std::string::npos, r.err);
}

long long json_total(const ProgramResult& r) {
  return nlohmann::json::parse(r.out).at("total").get<long long>();
}

// Overwrites `bytes` bytes of `file` from `offset` with a pattern.
void scribble(const fs::path& file, std::uintmax_t offset, std::size_t bytes) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(static_cast<std::streamoff>(offset));
  const std::string junk(bytes, '\xA5');
  f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
}

// A tmpfs of `size` ("4m") mounted at `at` for the life of the object, when
// this process may mount (root, a kernel that lets it); else why not.
class Tmpfs {
 public:
  Tmpfs(const fs::path& at, const std::string& size) : at_(at) {
    fs::create_directories(at_);
    if (geteuid() != 0)
      why_not_ = "mounting a small filesystem needs root";
    else if (mount("tmpfs", at_.c_str(), "tmpfs", 0, ("size=" + size).c_str()) != 0)
      why_not_ = "cannot mount a tmpfs here (" + std::string(std::strerror(errno)) + ")";
  }
  ~Tmpfs() {
    if (why_not_.empty()) umount2(at_.c_str(), MNT_DETACH);
  }
  Tmpfs(const Tmpfs&) = delete;
  Tmpfs& operator=(const Tmpfs&) = delete;
  bool mounted() const { return why_not_.empty(); }
  const std::string& why_not() const { return why_not_; }

 private:
  fs::path at_;
  std::string why_not_;
};

// About 8 MB of distinct words in 16 articles under dir/big/: more than a
// 4 MB filesystem holds.
fs::path write_big_corpus(const TempDir& dir) {
  for (int f = 0; f < 16; ++f) {
    std::string text;
    for (int w = 0; text.size() < 500000; ++w) text += "w" + std::to_string(f * 1000003 + w * 7) + " ";
    dir.write("big/" + std::to_string(f) + ".md", "---\ntitle: Grande " + std::to_string(f) +
                                                      "\ndate: 2024-07-10\n---\n" + text + "\n");
  }
  return dir.path() / "big";
}

}  // namespace

TEST_CASE("damaged, empty and foreign databases: one message and exit 1, never a crash") {
  TempDir dir;
  const fs::path corpus = write_corpus(dir, "corpus", 30);
  const fs::path good = dir.path() / "good";
  REQUIRE(run_index({"-d", good.string(), corpus.string()}).exit_code == 0);

  struct Case {
    std::string name;
    bool index_too;  // segugio-index must refuse it as well
  };
  std::vector<Case> cases;
  auto copy_of = [&](const std::string& name) {
    const fs::path p = dir.path() / name;
    fs::copy(good, p, fs::copy_options::recursive);
    return p;
  };
  // A truncated B-tree file.
  {
    const fs::path p = copy_of("truncated");
    fs::resize_file(p / "postlist.glass", fs::file_size(p / "postlist.glass") / 2);
    fs::resize_file(p / "termlist.glass", 100);
    cases.push_back({"truncated", true});
  }
  // Garbage over every file, version file included.
  {
    const fs::path p = copy_of("overwritten");
    for (const auto& e : fs::directory_iterator(p))
      if (e.is_regular_file()) scribble(e.path(), 0, static_cast<std::size_t>(e.file_size()));
    cases.push_back({"overwritten", true});
  }
  // Garbage over the version file only.
  {
    const fs::path p = copy_of("bad-version");
    std::ofstream(p / "iamglass", std::ios::trunc) << "not a version file";
    cases.push_back({"bad-version", true});
  }
  // An empty folder: nothing to search (the indexer may create a database in it).
  fs::create_directories(dir.path() / "empty");
  cases.push_back({"empty", false});
  // A folder of ordinary files.
  dir.write("not-a-db/notes.txt", "appunti\n");
  dir.write("not-a-db/photo.jpg", std::string(4096, '\x7f'));
  cases.push_back({"not-a-db", true});
  // A regular file where a database should be.
  dir.write("a-file", "hello\n");
  cases.push_back({"a-file", true});
  // Another program's Xapian database: no segugio:schema metadata.
  {
    Xapian::WritableDatabase w((dir.path() / "foreign").string(), Xapian::DB_CREATE_OR_OPEN);
    Xapian::Document d;
    d.add_term("segugioprova");
    d.set_data("someone else's data");
    w.add_document(d);
    w.commit();
    cases.push_back({"foreign", true});
  }
  // A database from a newer Segugio.
  {
    const fs::path p = copy_of("newer");
    Xapian::WritableDatabase w(p.string(), Xapian::DB_OPEN);
    w.set_metadata("segugio:schema", "999");
    w.commit();
    cases.push_back({"newer", true});
  }
  // A database that does not exist (the indexer creates it, so search only).
  cases.push_back({"missing", false});

  for (const Case& c : cases) {
    CAPTURE(c.name);
    const fs::path db = dir.path() / c.name;
    check_clean_failure(run_search({"-d", db.string(), "segugioprova"}), "segugio-search");
    check_clean_failure(run_search({"-d", db.string(), "--info"}), "segugio-search");
    if (c.index_too)
      check_clean_failure(run_index({"-d", db.string(), corpus.string()}), "segugio-index");
  }
  // The good database is untouched by all of this.
  const ProgramResult ok = run_search({"-d", good.string(), "--format", "json", "segugioprova"});
  CHECK(ok.exit_code == 0);
  CHECK(json_total(ok) == 30);
}

TEST_CASE("hostile queries are answered or refused within 10 s, never a crash") {
  TempDir dir;
  const fs::path corpus = write_corpus(dir, "corpus", 60);
  // Many distinct words starting with "p", so that `p*` has plenty to expand.
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "p" + std::to_string(i * 7919) + "x ";
  dir.write("corpus/many.md", "---\ntitle: Tante parole\n---\n" + many + "\n");
  const fs::path db = dir.path() / "db";
  REQUIRE(run_index({"-d", db.string(), corpus.string()}).exit_code == 0);

  std::string long_words;
  while (long_words.size() < 10000) long_words += "rete dati cloud ";
  std::string long_or = "rete";
  while (long_or.size() < 10000) long_or += " OR dati";
  std::string long_not = "rete";
  while (long_not.size() < 10000) long_not += " NOT dati";
  const std::string nested = std::string(10000, '(') + "rete" + std::string(10000, ')');
  const std::string nested_unclosed = std::string(10000, '(') + "rete";
  std::string nested_mixed;
  for (int i = 0; i < 3000; ++i) nested_mixed += "a (";
  nested_mixed += "rete" + std::string(3000, ')');
  std::string controls = "rete";
  for (char c = 1; c < 32; ++c) controls += std::string(1, c) + "dati";
  controls += "\x7f";
  const std::string invalid_utf8 = "rete \xff\xfe\xc3 dati \xe2\x82 \xed\xa0\x80 \xf4\x90\x80\x80";
  std::string long_quote = "\"";
  while (long_quote.size() < 10000) long_quote += "rete dati ";
  long_quote += "\"";
  std::string many_prefixes;
  while (many_prefixes.size() < 10000) many_prefixes += "p* ";
  const std::string long_word(10000, 'x');

  const std::vector<std::pair<std::string, std::string>> queries = {
      {"10,000 characters of words", long_words},
      {"10,000 characters of OR", long_or},
      {"10,000 characters of NOT", long_not},
      {"10,000 nested brackets", nested},
      {"10,000 unclosed brackets", nested_unclosed},
      {"3,000 nested groups", nested_mixed},
      {"control characters", controls},
      {"invalid UTF-8", invalid_utf8},
      {"a 10,000-character phrase", long_quote},
      {"a 10,000-character word", long_word},
      {"wildcard over 20,000 words", "p*"},
      {"a lone star", "*"},
      {"many wildcards", many_prefixes},
      {"fields without values", "azienda: titolo: data: id:"},
      {"a 10,000-character field value", "titolo:" + long_word},
      {"a date field of junk", "data:" + std::string(5000, '9')},
  };
  for (const auto& [name, query] : queries) {
    CAPTURE(name);
    for (const bool plain : {false, true}) {
      CAPTURE(plain);
      std::vector<std::string> args = {"-d", db.string(), "--format", "json"};
      if (plain) args.push_back("--plain");
      args.push_back(query);
      const auto t0 = std::chrono::steady_clock::now();
      const ProgramResult r = run_search(args);
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      CHECK(seconds < 10.0);
      check_no_crash(r);
      if (r.exit_code == 2) CHECK_MESSAGE(r.err.rfind("segugio-search: ", 0) == 0, r.err);
      if (r.exit_code == 0) CHECK(nlohmann::json::accept(r.out));
    }
  }
  // Bug: a query of one word over the analyser's 64 bytes (never indexed)
  // matched every article; it matches none.
  const ProgramResult too_long = run_search({"-d", db.string(), "--format", "json", std::string(300, 'x')});
  CHECK_MESSAGE(too_long.exit_code == 0, too_long.err);
  if (too_long.exit_code == 0) CHECK(json_total(too_long) == 0);
  // Bug: 3,000 wildcards took over 20 s (each scanned the index); refused now.
  CHECK(run_search({"-d", db.string(), many_prefixes}).exit_code == 2);
  // Bug: 10,000 nested brackets overflowed the stack; refused now.
  CHECK(run_search({"-d", db.string(), nested}).exit_code == 2);

  // Queries from a file: the same hostile texts, one a line, answered one by one.
  std::string batch;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    std::string q = queries[i].second;
    for (char& c : q)
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    batch += "q" + std::to_string(i) + "\t" + q + "\n";
  }
  const ProgramResult r = run_search({"-d", db.string(), "--queries", "-", "--format", "trec"}, batch);
  check_no_crash(r);
}

TEST_CASE("searching while the indexer commits: no error, every total a committed count") {
  TempDir dir;
  constexpr int kArticles = 3000;
  constexpr int kBatch = 100;
  std::string lines;
  for (int i = 0; i < kArticles; ++i)
    lines += "{\"id\": \"c" + std::to_string(i) + "\", \"title\": \"Agenzia " + std::to_string(i) +
             "\", \"date\": \"2024-08-01\", \"text\": \"" + synthetic_body(i, 200) + "\"}\n";
  dir.write("corpus/feed.jsonl", lines);
  const fs::path corpus = dir.path() / "corpus";
  const fs::path db = dir.path() / "db";
  // A first, small commit, so that the database exists before searching starts.
  const fs::path first = write_corpus(dir, "first", 1);
  REQUIRE(run_index({"-d", db.string(), first.string()}).exit_code == 0);

  setenv("SEGUGIO_INDEX_BATCH_DOCUMENTS", std::to_string(kBatch).c_str(), 1);
  const pid_t pid = spawn_index({"-d", db.string(), "-j2", corpus.string()});
  unsetenv("SEGUGIO_INDEX_BATCH_DOCUMENTS");

  // Search in a loop while it runs: every answer holds whole batches.
  std::set<long long> seen;
  int searches = 0;
  int status = 0;
  bool done = false;
  while (!done) {
    done = waitpid(pid, &status, WNOHANG) == pid;
    const ProgramResult r =
        run_search({"-d", db.string(), "--format", "json", "--no-facets", "segugioprova"});
    ++searches;
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK_MESSAGE(r.err.find("segugio-search:") == std::string::npos, r.err);
    if (r.exit_code != 0) continue;
    const long long total = json_total(r);
    seen.insert(total);
    // One document from the first run, then whole batches, then the rest.
    CHECK_MESSAGE(((total - 1) % kBatch == 0 || total == kArticles + 1), total);
  }
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  const ProgramResult last = run_search({"-d", db.string(), "--format", "json", "segugioprova"});
  CHECK(json_total(last) == kArticles + 1);
  MESSAGE(searches << " searches during the run saw " << seen.size() << " different totals");
  CHECK(seen.size() >= 2);
}

TEST_CASE("a full disk: exit 1 with a clear message, the database still at its last commit") {
  TempDir dir;
  const Tmpfs small_disk(dir.path() / "small", "4m");
  if (!small_disk.mounted()) {
    return segugio::testing::skip(small_disk.why_not());
  }
  const fs::path db = dir.path() / "small" / "db";
  const fs::path small = write_corpus(dir, "small-corpus", 20);
  REQUIRE(run_index({"-d", db.string(), small.string()}).exit_code == 0);
  REQUIRE(Xapian::Database(db.string()).get_doccount() == 20);

  std::vector<std::string> args = {"-d", db.string(), write_big_corpus(dir).string()};
  bool full = false;
  SUBCASE("adding articles") {}
  SUBCASE("rebuilding with --full") {
    full = true;
    args.insert(args.begin(), "--full");
  }
  CAPTURE(full);
  setenv("SEGUGIO_INDEX_BATCH_DOCUMENTS", "5", 1);
  const ProgramResult r = run_index(args);
  unsetenv("SEGUGIO_INDEX_BATCH_DOCUMENTS");
  check_clean_failure(r, "segugio-index");
  CHECK_MESSAGE((r.err.find("space") != std::string::npos ||
                 r.err.find("full") != std::string::npos),
                r.err);
  // Still opens, passes the check, and holds a committed state: adding, the
  // first run's 20 articles plus whole batches of the second; rebuilding,
  // the old database whole (the rebuild failed beside it and is gone).
  const ProgramResult check = run_program("/usr/bin/xapian-check", {db.string()});
  CHECK_MESSAGE(check.exit_code == 0, check.out);
  const Xapian::doccount n = Xapian::Database(db.string()).get_doccount();
  if (full) {
    CHECK(n == 20);
    CHECK_FALSE(fs::exists(dir.path() / "small" / ".db.segugio-rebuild"));
  } else {
    CHECK(n >= 20);
    CHECK((n - 20) % 5 == 0);
  }
  const ProgramResult s = run_search({"-d", db.string(), "--format", "json", "segugioprova"});
  CHECK_MESSAGE(s.exit_code == 0, s.err);
  if (s.exit_code == 0) CHECK(json_total(s) == 20);  // the big ones hold no `segugioprova`
  MESSAGE("full disk: " << r.err << "; " << n << " documents kept");
}

TEST_CASE("--full on a database that is a mount point rebuilds it in place") {
  TempDir dir;
  const fs::path db = dir.path() / "db";
  const Tmpfs own_disk(db, "64m");
  if (!own_disk.mounted()) {
    return segugio::testing::skip(own_disk.why_not());
  }
  for (const int shards : {1, 2}) {
    CAPTURE(shards);
    REQUIRE(run_index({"--full", "--shards", std::to_string(shards), "-d", db.string(),
                       write_corpus(dir, "first", 20).string()})
                .exit_code == 0);
    // A folder cannot be swapped with a mount point: the rebuild happens in it.
    const ProgramResult r = run_index({"--full", "--shards", std::to_string(3 - shards), "-d",
                                       db.string(), write_corpus(dir, "second", 30).string()});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(Xapian::Database(db.string()).get_doccount() == 30);
    CHECK(fs::exists(db / (shards == 1 ? "XAPIANDB" : "iamglass")));
    CHECK_FALSE(fs::exists(dir.path() / ".db.segugio-rebuild"));
  }
}

TEST_CASE("words and URLs longer than Xapian's 245-byte term limit are indexed") {
  TempDir dir;
  const std::string long_word(3000, 'k');
  const std::string long_url = "https://example.it/" + std::string(2000, 'u') + "?q=" + std::string(600, 'v');
  const std::string long_tag(1000, 't');
  const std::string long_author = "Autore " + std::string(800, 'a');
  dir.write("corpus/long.md", "---\ntitle: Lungo " + long_word + "\nurl: " + long_url +
                                  "\nauthor: " + long_author + "\ntags: [" + long_tag +
                                  "]\n---\nsegugioprova " + long_word + " " +
                                  std::string(300, '\xC3') + " fine.\n");
  dir.write("corpus/feed.jsonl", "{\"id\": \"" + std::string(1000, 'i') + "\", \"title\": \"T\", \"url\": \"" +
                                     long_url + "x\", \"text\": \"segugioprova " + long_word + "\"}\n");
  const fs::path db = dir.path() / "db";
  const ProgramResult r = run_index({"-d", db.string(), (dir.path() / "corpus").string()});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  const ProgramResult s = run_search({"-d", db.string(), "--format", "json", "segugioprova"});
  CHECK_MESSAGE(s.exit_code == 0, s.err);
  if (s.exit_code == 0) CHECK(json_total(s) == 2);
  check_no_crash(run_search({"-d", db.string(), long_word}));
  check_no_crash(run_search({"-d", db.string(), "tag:" + long_tag}));
  check_no_crash(run_search({"-d", db.string(), "autore:\"" + long_author + "\""}));
  check_no_crash(run_search({"-d", db.string(), "id:" + std::string(1000, 'i')}));
  // A second run finds nothing changed (the long keys round-trip).
  const ProgramResult again = run_index({"-d", db.string(), (dir.path() / "corpus").string()});
  CHECK(again.exit_code == 0);
  CHECK_MESSAGE(again.err.find("0 indexed") == 0, again.err);
}
