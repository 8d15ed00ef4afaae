// segugio-index killed at random moments (kill -9, Ctrl-C): the database
// always opens, passes xapian-check, holds each document once and readable,
// and one more run brings it to the exact count. Slow: labelled "slow".
#include <doctest/doctest.h>

#include <signal.h>

#include <xapian.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "child_process.h"
#include "run_program.h"
#include "segugio/index/doc_reader.h"
#include "segugio/index/shard_layout.h"
#include "temp_dir.h"

using segugio::testing::ProgramResult;
using segugio::testing::run_index;
using segugio::testing::run_program;
using segugio::testing::spawn_index;
using segugio::testing::TempDir;
using segugio::testing::wait_child;

namespace {

constexpr int kFiles = 1200;        // one article each
constexpr int kFeeds = 3;           // JSON Lines files...
constexpr int kFeedRecords = 600;   // ...of this many articles
constexpr std::size_t kArticles = kFiles + kFeeds * kFeedRecords;

std::string paragraph(int i) {
  static const char* kWords[] = {"rete", "dati", "cloud", "chip", "governo", "mercato", "utenti",
                                 "sicurezza", "energia", "satellite", "banca", "algoritmo"};
  std::string s;
  for (int w = 0; w < 40; ++w) s += std::string(kWords[(i * 7 + w * 3) % 12]) + " ";
  return s + "fine.";
}

void write_corpus(const TempDir& dir) {
  for (int i = 0; i < kFiles; ++i)
    dir.write("corpus/md/" + std::to_string(i % 10) + "/" + std::to_string(i) + ".md",
              "---\ntitle: \"Notizia " + std::to_string(i) + "\"\ndate: 2024-07-" +
                  std::to_string(10 + i % 20) + "\nurl: https://example.it/md/" +
                  std::to_string(i) + "\n---\n" + paragraph(i) + "\n\n" + paragraph(i + 1) + "\n");
  for (int f = 0; f < kFeeds; ++f) {
    std::string lines;
    for (int r = 0; r < kFeedRecords; ++r) {
      const std::string id = "feed" + std::to_string(f) + "-" + std::to_string(r);
      lines += "{\"id\": \"" + id + "\", \"title\": \"Agenzia " + id +
               "\", \"date\": \"2024-08-0" + std::to_string(1 + r % 9) +
               "\", \"url\": \"https://example.it/feed/" + id + "\", \"text\": \"" +
               paragraph(r) + "\"}\n";
    }
    dir.write("corpus/feed" + std::to_string(f) + ".jsonl", lines);
  }
}

// The database after a crash: opens, checks, every document once and readable.
void check_sound(const std::filesystem::path& db, unsigned shards) {
  if (!std::filesystem::exists(db)) return;  // killed before it was created
  const segugio::index::ShardLayout layout = segugio::index::read_layout(db);
  if (layout.shards == 0) return;
  for (const auto& shard : layout.shard_paths()) {
    const ProgramResult check = run_program("/usr/bin/xapian-check", {shard.string()});
    CHECK_MESSAGE(check.exit_code == 0, check.out);
  }
  if (shards > 1 && !layout.stub) return;  // killed between creating shards and the stub
  segugio::index::DocReader reader = segugio::index::DocReader::open(db);
  const Xapian::Database& d = reader.database();
  CHECK(d.get_doccount() <= kArticles);
  std::set<std::string> ids;
  for (auto t = d.allterms_begin("Q"); t != d.allterms_end("Q"); ++t) {
    CHECK(d.get_termfreq(*t) == 1);
    ids.insert((*t).substr(1));
  }
  CHECK(ids.size() == d.get_doccount());
  std::size_t read = 0;
  for (auto p = d.postlist_begin(""); p != d.postlist_end(""); ++p) {
    CHECK(ids.count(reader.read(*p).id) == 1);
    ++read;
  }
  CHECK(read == d.get_doccount());
}

void check_complete(const std::filesystem::path& db, const std::filesystem::path& corpus) {
  ProgramResult r = run_index({"-d", db.string(), "-j2", corpus.string()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  check_sound(db, 1);
  CHECK(Xapian::Database(db.string()).get_doccount() == kArticles);
  r = run_index({"-d", db.string(), corpus.string()});
  CHECK(r.exit_code == 0);
  CHECK_MESSAGE(r.err.find("0 indexed, 0 skipped; ") == 0, r.err);
  CHECK(r.err.find("files unchanged; " + std::to_string(kArticles) + " articles") !=
        std::string::npos);
}

// Runs segugio-index, which must succeed; its time in milliseconds (so that
// kills can spread over a whole run).
long timed_index(const std::vector<std::string>& args) {
  const auto t0 = std::chrono::steady_clock::now();
  const ProgramResult r = run_index(args);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::steady_clock::now() - t0)
                               .count());
}

// The corpus above, and small batches (50 documents per shard) so that kills
// fall between and during many commits.
struct KillSetup {
  TempDir dir;
  std::filesystem::path corpus = dir.path() / "corpus";
  KillSetup() {
    write_corpus(dir);
    setenv("SEGUGIO_INDEX_BATCH_DOCUMENTS", "50", 1);
  }
  ~KillSetup() { unsetenv("SEGUGIO_INDEX_BATCH_DOCUMENTS"); }
};

}  // namespace

TEST_CASE("kill -9 at random points never leaves a broken or half-written database") {
  const KillSetup setup;
  const TempDir& dir = setup.dir;
  const auto& corpus = setup.corpus;
  for (const unsigned shards : {1u, 3u}) {
    CAPTURE(shards);
    const auto db = dir.path() / ("db" + std::to_string(shards));
    const long whole =
        timed_index({"-d", db.string(), "--shards", std::to_string(shards), "-j2", corpus.string()});
    std::filesystem::remove_all(db);

    // Each run resumes the last, so it has less left to do: kills within the
    // first third of a whole run keep landing in the middle of the work.
    std::mt19937 random(20240228 + shards);
    std::uniform_int_distribution<long> when(10, std::max(50L, whole / 3));
    for (int kill_no = 0; kill_no < 6; ++kill_no) {
      const long ms = when(random);
      CAPTURE(kill_no);
      CAPTURE(ms);
      const pid_t pid = spawn_index(
          {"-d", db.string(), "--shards", std::to_string(shards), "-j2", corpus.string()});
      std::this_thread::sleep_for(std::chrono::milliseconds(ms));
      kill(pid, SIGKILL);
      wait_child(pid);
      check_sound(db, shards);
    }
    check_complete(db, corpus);
  }
}

TEST_CASE("Ctrl-C commits what is complete and exits 130, and a rerun finishes") {
  TempDir dir;
  write_corpus(dir);
  const auto corpus = dir.path() / "corpus";
  const auto db = dir.path() / "db";
  setenv("SEGUGIO_INDEX_BATCH_DOCUMENTS", "50", 1);  // per shard
  const pid_t pid = spawn_index({"-d", db.string(), "-j2", corpus.string()});
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  kill(pid, SIGINT);
  const int code = wait_child(pid).code;
  unsetenv("SEGUGIO_INDEX_BATCH_DOCUMENTS");
  CHECK((code == 130 || code == 0));  // 0: it had finished already
  check_sound(db, 1);
  if (code == 130) CHECK(Xapian::Database(db.string()).get_doccount() < kArticles);
  check_complete(db, corpus);
}

TEST_CASE("--full killed or interrupted at any point leaves the old database whole") {
  const KillSetup setup;
  const TempDir& dir = setup.dir;
  const auto& corpus = setup.corpus;
  for (const unsigned shards : {1u, 3u}) {
    CAPTURE(shards);
    const std::string name = "db" + std::to_string(shards);
    const auto db = dir.path() / name;
    const auto beside = dir.path() / ("." + name + ".segugio-rebuild");
    REQUIRE(run_index({"-d", db.string(), "--shards", std::to_string(shards), "-j2",
                       corpus.string()})
                .exit_code == 0);
    const long whole = timed_index(
        {"--full", "-d", db.string(), "--shards", std::to_string(shards), "-j2", corpus.string()});
    CHECK_FALSE(std::filesystem::exists(beside));

    // Rebuilds with the same and with another number of shards, stopped
    // anywhere: the database holds every article, old or rebuilt, never part.
    std::mt19937 random(20261127 + shards);
    std::uniform_int_distribution<long> when(5, std::max(60L, whole));
    for (int round = 0; round < 8; ++round) {
      const bool interrupt = round % 4 == 3;
      const unsigned layout = round % 2 == 0 ? shards : 2;
      const long ms = when(random);
      CAPTURE(round);
      CAPTURE(ms);
      const auto err = dir.path() / "err.txt";
      const pid_t pid = spawn_index({"--full", "-d", db.string(), "--shards",
                                     std::to_string(layout), "-j2", corpus.string()},
                                    err);
      std::this_thread::sleep_for(std::chrono::milliseconds(ms));
      kill(pid, interrupt ? SIGINT : SIGKILL);
      const int code = wait_child(pid).code;
      check_sound(db, segugio::index::read_layout(db).shards);
      CHECK(segugio::index::DocReader::open(db).database().get_doccount() == kArticles);
      if (interrupt) {
        CHECK((code == 130 || code == 0));
        if (code == 130)
          CHECK(segugio::testing::read_file(err).find("the rebuild is abandoned") !=
                std::string::npos);
        CHECK_FALSE(std::filesystem::exists(beside));  // a clean stop removes its own work
      }
    }
    // The next run removes what a killed rebuild left, and finds nothing to do.
    const ProgramResult r = run_index({"-d", db.string(), corpus.string()});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK_MESSAGE(r.err.find("0 indexed, 0 skipped; ") == 0, r.err);
    CHECK_FALSE(std::filesystem::exists(beside));
  }
}
