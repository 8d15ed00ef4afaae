// The slow half of the reliability tests (ctest label "slow"): segugio-index
// killed 30 times with SIGKILL, each time followed by xapian-check and a
// search; stopped with SIGINT; fed a 100 MB article, a 2 GB JSON Lines file
// and a folder of 100,000 tiny files, with the child's peak memory measured.
// index_crash_test.cc (the indexer's own) checks the documents after each
// kill; this file adds the count of kills, the search after each, the message
// on SIGINT and the sizes.
#include <doctest/doctest.h>

#include <signal.h>

#include <xapian.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "child_process.h"
#include "reliability_support.h"
#include "run_program.h"
#include "temp_dir.h"

using segugio::testing::ChildExit;
using segugio::testing::ProgramResult;
using segugio::testing::run_program;
using segugio::testing::run_search;
using segugio::testing::spawn_index;
using segugio::testing::synthetic_body;
using segugio::testing::TempDir;
using segugio::testing::wait_child;
namespace fs = std::filesystem;

namespace {

// Runs segugio-index to the end; its stderr in `err`.
ChildExit index_measured(const std::vector<std::string>& args, const fs::path& err_file,
                         std::string& err) {
  const ChildExit o = wait_child(spawn_index(args, err_file));
  err = segugio::testing::read_file(err_file);
  return o;
}

long long search_total(const fs::path& db) {
  const ProgramResult r =
      run_search({"-d", db.string(), "--format", "json", "--no-facets", "segugioprova"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return nlohmann::json::parse(r.out).at("total").get<long long>();
}

// Whether a sanitizer build: the limits on memory then do not apply.
bool sanitized() {
#if defined(__SANITIZE_ADDRESS__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return true;
#else
  return false;
#endif
#else
  return false;
#endif
}

}  // namespace

TEST_CASE("30 SIGKILLs: after each the database checks sound and searches, nothing is lost") {
  TempDir dir;
  constexpr int kArticles = 3000;
  for (int i = 0; i < kArticles; ++i)
    dir.write("corpus/" + std::to_string(i % 20) + "/" + std::to_string(i) + ".md",
              "---\ntitle: \"Notizia " + std::to_string(i) + "\"\ndate: 2024-07-" +
                  std::to_string(10 + i % 20) + "\nurl: https://example.it/k/" +
                  std::to_string(i) + "\n---\n" + synthetic_body(i, 60) + "\n");
  const fs::path corpus = dir.path() / "corpus";
  const fs::path db = dir.path() / "db";
  const fs::path err = dir.path() / "err.txt";
  setenv("SEGUGIO_INDEX_BATCH_DOCUMENTS", "100", 1);
  // Time a whole run, so that the kills spread over it.
  const auto t0 = std::chrono::steady_clock::now();
  std::string message;
  REQUIRE(index_measured({"-d", db.string(), "-j2", corpus.string()}, err, message).code == 0);
  const long whole_ms = static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                              std::chrono::steady_clock::now() - t0)
                                              .count());
  fs::remove_all(db);

  std::mt19937 random(20261126);
  int kills = 0;
  int empty_uncommitted = 0;  // killed after creating the database, before its first commit
  long long last_total = 0;
  for (int round = 0; round < 30; ++round) {
    CAPTURE(round);
    // Early rounds anywhere in a whole run; each run resumes the previous one,
    // so later rounds aim at the shorter remaining work, and a run that
    // finished anyway starts again with --full to give the next kill work.
    std::uniform_int_distribution<long> when(5, std::max(40L, whole_ms / 3));
    const long ms = when(random);
    CAPTURE(ms);
    std::vector<std::string> args = {"-d", db.string(), "-j2", corpus.string()};
    if (last_total == kArticles) args.insert(args.begin(), "--full");
    const pid_t pid = spawn_index(args, err);
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    kill(pid, SIGKILL);
    const ChildExit o = wait_child(pid);
    if (o.code == 128 + SIGKILL) ++kills;
    if (!fs::exists(db / "iamglass")) {
      last_total = 0;
      continue;  // killed before the first commit
    }
    const ProgramResult check = run_program("/usr/bin/xapian-check", {db.string()});
    CHECK_MESSAGE(check.exit_code == 0, check.out);
    // A kill before the first batch leaves an empty database that still
    // answers: the indexer writes segugio:schema as it creates a shard, and the
    // searcher accepts an empty database with no metadata at all (a kill in
    // the moment between). Regression: these were refused as foreign.
    if (Xapian::Database(db.string()).get_doccount() == 0) ++empty_uncommitted;
    const ProgramResult info = run_search({"-d", db.string(), "--info"});
    CHECK_MESSAGE(info.exit_code == 0, info.err);
    last_total = search_total(db);
    CHECK(last_total == static_cast<long long>(Xapian::Database(db.string()).get_doccount()));
    CHECK(last_total <= kArticles);
  }
  unsetenv("SEGUGIO_INDEX_BATCH_DOCUMENTS");
  MESSAGE(kills << " of 30 runs were killed mid-way (a whole run takes " << whole_ms << " ms); "
                << empty_uncommitted << " left an empty database, searchable");
  CHECK(kills >= 20);
  // The rerun ends with exactly the articles of the corpus, each once.
  REQUIRE(index_measured({"-d", db.string(), "-j2", corpus.string()}, err, message).code == 0);
  CHECK(search_total(db) == kArticles);
  const Xapian::Database d(db.string());
  CHECK(d.get_doccount() == kArticles);
  for (int i = 0; i < kArticles; i += 97)
    CHECK(d.get_termfreq("parola" + std::to_string(i)) == 1);
}

TEST_CASE("SIGINT: a clean stop with a message, the last batch committed, a rerun completes") {
  TempDir dir;
  constexpr int kArticles = 3000;
  std::string lines;
  for (int i = 0; i < kArticles; ++i)
    lines += "{\"id\": \"s" + std::to_string(i) + "\", \"title\": \"Agenzia " + std::to_string(i) +
             "\", \"date\": \"2024-08-01\", \"text\": \"" + synthetic_body(i, 200) + "\"}\n";
  dir.write("corpus/feed.jsonl", lines);
  const fs::path corpus = dir.path() / "corpus";
  const fs::path db = dir.path() / "db";
  const fs::path err = dir.path() / "err.txt";
  setenv("SEGUGIO_INDEX_BATCH_DOCUMENTS", "100", 1);
  // Wait for the first commit, then interrupt.
  const pid_t pid = spawn_index({"-d", db.string(), "-j2", corpus.string()}, err);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    try {
      if (Xapian::Database(db.string()).get_doccount() > 0) break;
    } catch (const Xapian::Error&) {
    }
  }
  kill(pid, SIGINT);
  const ChildExit o = wait_child(pid);
  unsetenv("SEGUGIO_INDEX_BATCH_DOCUMENTS");
  const std::string message = segugio::testing::read_file(err);
  CHECK_MESSAGE((o.code == 130 || o.code == 0), message);
  if (o.code == 130) {
    CHECK_MESSAGE(message.find("interrupted") != std::string::npos, message);
    const ProgramResult check = run_program("/usr/bin/xapian-check", {db.string()});
    CHECK_MESSAGE(check.exit_code == 0, check.out);
    const long long committed = search_total(db);
    CHECK(committed > 0);
    CHECK(committed < kArticles);
    // What was read before the signal is committed, and said.
    CHECK_MESSAGE(message.find(std::to_string(committed) + " indexed") != std::string::npos,
                  message);
  }
  std::string rerun;
  REQUIRE(index_measured({"-d", db.string(), corpus.string()}, err, rerun).code == 0);
  CHECK(search_total(db) == kArticles);
}

TEST_CASE("a 100 MB article is skipped or cut with a message, in bounded memory") {
  TempDir dir;
  {
    fs::create_directories(dir.path() / "corpus");
    std::ofstream out(dir.path() / "corpus/huge.md", std::ios::binary);
    out << "---\ntitle: Enorme\n---\nsegugioprova ";
    const std::string line = synthetic_body(1, 200) + "\n";
    for (std::size_t written = 0; written < (std::size_t(100) << 20); written += line.size())
      out << line;
  }
  dir.write("corpus/small.md", "---\ntitle: Piccolo\n---\n" + synthetic_body(2, 20) + "\n");
  const fs::path db = dir.path() / "db";
  std::string err;
  const ChildExit o = index_measured({"-d", db.string(), (dir.path() / "corpus").string()},
                                     dir.path() / "err.txt", err);
  CHECK_MESSAGE(o.code == 0, err);
  CHECK_MESSAGE(err.find("huge.md") != std::string::npos, err);  // says which file
  MESSAGE("100 MB article: peak RSS " << o.peak_rss_kb / 1024 << " MB; " << err);
  // Twice the measured peak (36 MB on 2026-12-05, Release): holding the
  // article whole would show here.
  if (!sanitized()) CHECK(o.peak_rss_kb < 72 * 1024);
  CHECK(search_total(db) >= 1);
}

TEST_CASE("a 2 GB JSON Lines file is streamed in bounded memory") {
  TempDir dir;
  // 1,000 records of 2 MB (over --max-article-size 1 MB, so skipped with a
  // message) between 2,000 ordinary ones, 2 GB in all: the reader must stream
  // the file, not hold it.
  const fs::path file = dir.path() / "corpus/big.jsonl";
  fs::create_directories(file.parent_path());
  {
    std::ofstream out(file, std::ios::binary);
    std::string filler;
    while (filler.size() < (std::size_t(2) << 20)) filler += "rete dati cloud chip ";
    for (int i = 0; i < 2000; ++i) {
      out << "{\"id\": \"j" << i << "\", \"title\": \"Titolo " << i << "\", \"text\": \"" << synthetic_body(i, 30)
          << "\"}\n";
      if (i % 2 == 0)
        out << "{\"id\": \"big" << i << "\", \"title\": \"Grande\", \"text\": \"" << filler << "\"}\n";
    }
  }
  MESSAGE("JSON Lines file: " << fs::file_size(file) / (1 << 20) << " MB");
  CHECK(fs::file_size(file) > (std::uintmax_t(2000) << 20));
  const fs::path db = dir.path() / "db";
  std::string err;
  const ChildExit o =
      index_measured({"-d", db.string(), "--max-article-size", "1048576", "-j2", file.parent_path().string()},
                     dir.path() / "err.txt", err);
  CHECK_MESSAGE(o.code == 0, err);
  MESSAGE("2 GB JSON Lines: peak RSS " << o.peak_rss_kb / 1024 << " MB");
  // Twice the measured peak (32 MB on 2026-12-05, Release): reading the file
  // whole, or queues that stop bounding their text, would show here.
  if (!sanitized()) CHECK(o.peak_rss_kb < 64 * 1024);
  CHECK(search_total(db) == 2000);
}

TEST_CASE("a folder of 100,000 tiny files") {
  TempDir dir;
  constexpr int kFiles = 100000;
  for (int i = 0; i < kFiles; ++i) {
    const fs::path p = dir.path() / "corpus" / std::to_string(i % 100) / (std::to_string(i) + ".md");
    if (i < 100) fs::create_directories(p.parent_path());
    std::ofstream(p) << "---\ntitle: Titolo " << i << "\n---\nsegugioprova parola" << i << ".\n";
  }
  const fs::path db = dir.path() / "db";
  std::string err;
  const auto t0 = std::chrono::steady_clock::now();
  const ChildExit o = index_measured({"-d", db.string(), "-j2", (dir.path() / "corpus").string()},
                                     dir.path() / "err.txt", err);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK_MESSAGE(o.code == 0, err);
  MESSAGE("100,000 files: " << seconds << " s, peak RSS " << o.peak_rss_kb / 1024 << " MB");
  if (!sanitized()) CHECK(o.peak_rss_kb < 1024 * 1024);
  CHECK(search_total(db) == kFiles);
}
