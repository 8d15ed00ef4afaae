// segugio-bench gen, index, latency and peers end to end, on small inputs.
// Only the shape of the output is checked: timings never are.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "run_program.h"
#include "segugio/eval/xapian_baseline.h"
#include "temp_dir.h"

namespace fs = std::filesystem;
using segugio::testing::run_bench;
using segugio::testing::run_index;
using segugio::testing::TempDir;

TEST_CASE("gen writes the same corpus for the same seed") {
  TempDir dir;
  const auto a = run_bench(
      {"gen", "--articles", "12", "--seed", "5", "--format", "jsonl", (dir.path() / "a").string()});
  const auto b = run_bench(
      {"gen", "--articles", "12", "--seed", "5", "--format", "jsonl", (dir.path() / "b").string()});
  REQUIRE_MESSAGE(a.exit_code == 0, a.err);
  REQUIRE(b.exit_code == 0);
  CHECK(nlohmann::json::parse(a.out)["articles"] == 12);
  CHECK(segugio::testing::read_file(dir.path() / "a/articles.jsonl") ==
        segugio::testing::read_file(dir.path() / "b/articles.jsonl"));
  CHECK(run_bench({"gen", "--format", "pdf", (dir.path() / "c").string()}).exit_code == 2);
  CHECK(run_bench({"gen"}).exit_code == 2);
}

TEST_CASE("a generated corpus indexes and index and latency report on it") {
  TempDir dir;
  const fs::path corpus = dir.path() / "corpus";
  REQUIRE(run_bench({"gen", "--articles", "40", "--seed", "3", corpus.string()}).exit_code == 0);
  CHECK(fs::exists(corpus / "0000/000039.txt"));

  const auto speed =
      run_bench({"index", "--corpus", corpus.string(), "--jobs", "1", "--shards", "1,2",
                 "--format", "json"});
  REQUIRE_MESSAGE(speed.exit_code == 0, speed.err);
  const auto s = nlohmann::json::parse(speed.out);
  CHECK(s["articles"] == 40);
  REQUIRE(s["runs"].size() == 2);
  CHECK(s["runs"][0]["engine"] == "segugio -j1");
  CHECK(s["runs"][1]["engine"] == "segugio -j1 --shards 2");
  for (const auto& run : s["runs"]) {
    CHECK_MESSAGE(run["ran"] == true, speed.out);
    CHECK(run["peak_rss_bytes"].get<double>() > 0);
    CHECK(run["cores_busy"].get<double>() > 0);
    CHECK(run["compact_bytes"].get<double>() > 0);
  }
  // A second path needs a second --corpus: a stray word is refused, not dropped.
  const auto stray = run_bench({"index", "--corpus", corpus.string(), corpus.string()});
  CHECK(stray.exit_code == 2);
  CHECK(stray.err.find("unexpected argument") != std::string::npos);

  const std::string db = (dir.path() / "db").string();
  REQUIRE(run_index({"-q", "-d", db, corpus.string()}).exit_code == 0);
  const std::string saved = (dir.path() / "drawn.jsonl").string();
  const auto latency = run_bench({"latency", "-d", db, "--queries", "15", "--seed", "9", "--facets",
                                  "--format", "json", "--save-queries", saved, "--batch", saved});
  REQUIRE_MESSAGE(latency.exit_code == 0, latency.err);
  const auto l = nlohmann::json::parse(latency.out);
  CHECK(l["queries"] == 15);
  CHECK(l["seed"] == 9);
  REQUIRE(l["latency"].size() == 2);
  CHECK(l["latency"][0]["searches"] == "no facets");
  CHECK(l["latency"][1]["searches"] == "facets");
  CHECK(l["batch_queries"] == 15);
  // Plain Xapian on the same queries, and Segugio's ratio to it.
  CHECK(l["xapian"]["searches"] == "plain xapian");
  CHECK(l["xapian"]["queries"] == 15);
  CHECK(l["xapian"]["median_ms"].get<double>() > 0);
  for (const auto& f : l["latency"]) {
    CHECK(f["p90_ms"].get<double>() >= f["median_ms"].get<double>());
    CHECK(f["median_vs_xapian"].get<double>() > 0);
  }
  // A query file instead of a draw, facets over its first queries only.
  const auto from_file = run_bench({"latency", "-d", db, "--query-file", saved, "--facets",
                                    "--facet-queries", "4", "--format", "json"});
  REQUIRE_MESSAGE(from_file.exit_code == 0, from_file.err);
  const auto f = nlohmann::json::parse(from_file.out);
  CHECK(f["queries"] == 15);
  CHECK(f["latency"][0]["queries"] == 15);
  CHECK(f["latency"][1]["queries"] == 4);
  CHECK(!f.contains("slowest"));
  // The slow tail, query by query: the slowest of each kind, slowest first.
  const auto slow = run_bench({"latency", "-d", db, "--query-file", saved, "--facets",
                               "--facet-queries", "4", "--slowest", "2", "--format", "json"});
  REQUIRE_MESSAGE(slow.exit_code == 0, slow.err);
  const auto tail = nlohmann::json::parse(slow.out);
  REQUIRE(tail["slowest"].size() == 4);
  CHECK(tail["slowest"][0]["searches"] == "no facets");
  CHECK(tail["slowest"][2]["searches"] == "facets");
  CHECK(tail["slowest"][0]["ms"] == tail["latency"][0]["max_ms"]);
  CHECK(tail["slowest"][2]["ms"] == tail["latency"][1]["max_ms"]);
  CHECK(tail["slowest"][0]["ms"].get<double>() >= tail["slowest"][1]["ms"].get<double>());
  CHECK(!tail["slowest"][0]["query"].get<std::string>().empty());
  const auto slow_text = run_bench({"latency", "-d", db, "--query-file", saved, "--slowest", "1"});
  REQUIRE(slow_text.exit_code == 0);
  CHECK(slow_text.out.find("slowest, no facets") != std::string::npos);
  CHECK(run_bench({"latency", "-d", db, "--facet-queries", "4"}).exit_code == 2);
  // The same seed draws the same queries.
  const std::string again = (dir.path() / "again.jsonl").string();
  REQUIRE(
      run_bench({"latency", "-d", db, "--queries", "15", "--seed", "9", "--save-queries", again})
          .exit_code == 0);
  CHECK(segugio::testing::read_file(saved) == segugio::testing::read_file(again));
}

// The baseline of `latency` must find what Segugio indexed, or its times
// would be those of empty answers: Segugio's text terms are unprefixed stems,
// so QueryParser's default STEM_SOME (`Z` terms) matched nothing.
TEST_CASE("plain Xapian finds the articles of a Segugio database by their stems") {
  TempDir dir;
  dir.write("corpus/reti.txt", "Le antenne della rete\n\nNuove antenne coprono le città.\n");
  dir.write("corpus/cloud.txt", "Il cloud\n\nI data center consumano energia.\n");
  const std::string db = (dir.path() / "db").string();
  REQUIRE(run_index({"-q", "-d", db, (dir.path() / "corpus").string()}).exit_code == 0);
  segugio::eval::XapianBaseline baseline(db);
  CHECK(baseline.search("antenna").size() == 1);  // stem `antenn` of `antenne`
  CHECK(baseline.search("consumare energia").size() == 1);
  CHECK(baseline.search("antenna energia").size() == 2);  // OR
  CHECK(baseline.search("antenna energia", 1).size() == 1);
  CHECK(baseline.search("ornitorinco").empty());
}

TEST_CASE("peers runs Segugio and SQLite or says how to install what is missing") {
  TempDir dir;
  dir.write(
      "corpus.jsonl",
      "{\"_id\": \"d1\", \"title\": \"Reti mobili\", \"text\": \"Le antenne 5G coprono la "
      "città.\"}\n"
      "{\"_id\": \"d2\", \"title\": \"Cloud\", \"text\": \"I data center consumano energia.\"}\n");
  dir.write("queries.tsv", "q1\tantenne 5G\nq2\tconsumo dei data center\n");
  dir.write("qrels.trec", "q1 0 d1 1\nq2 0 d2 1\n");
  const auto r = run_bench({"peers", "--corpus", (dir.path() / "corpus.jsonl").string(),
                            "--queries", (dir.path() / "queries.tsv").string(), "--qrels",
                            (dir.path() / "qrels.trec").string(), "--engines", "segugio,sqlite",
                            "--format", "json"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["engines"].size() == 2);
  CHECK(j["engines"][0]["engine"] == "segugio");
  CHECK_MESSAGE(j["engines"][0]["ran"] == true, r.out);
  CHECK(j["engines"][0]["recall@10"] == 1.0);
  const auto& sqlite = j["engines"][1];
  if (sqlite["ran"] == true)
    CHECK(sqlite["recall@10"] == 1.0);
  else
    CHECK(sqlite["problem"].get<std::string>().find("apt-get install") != std::string::npos);
  CHECK(
      run_bench({"peers", "--corpus", "x", "--queries", "y", "--qrels", "z", "--engines", "lucene"})
          .exit_code == 2);
}

TEST_CASE("peers --run writes each engine's ranking as a TREC run file") {
  TempDir dir;
  dir.write(
      "corpus.jsonl",
      "{\"_id\": \"d1\", \"title\": \"Reti mobili\", \"text\": \"Le antenne 5G coprono la "
      "città.\"}\n"
      "{\"_id\": \"d2\", \"title\": \"Cloud\", \"text\": \"I data center consumano energia "
      "e le antenne no.\"}\n");
  dir.write("queries.tsv", "q1\tantenne 5G\nq2\tconsumo dei data center\n");
  dir.write("qrels.trec", "q1 0 d1 1\nq2 0 d2 1\n");
  const fs::path runs = dir.path() / "runs";
  const auto r = run_bench({"peers", "--corpus", (dir.path() / "corpus.jsonl").string(),
                            "--queries", (dir.path() / "queries.tsv").string(), "--qrels",
                            (dir.path() / "qrels.trec").string(), "--engines", "segugio,sqlite",
                            "--run", runs.string(), "--format", "json"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["engines"].size() == 2);

  // Segugio always runs: its file ranks d1 first for q1, six fields a line,
  // tagged with the engine's name.
  const std::string segugio = segugio::testing::read_file(runs / "segugio.run");
  CHECK(segugio.rfind("q1 Q0 d1 1 ", 0) == 0);
  CHECK(segugio.find(" segugio\n") != std::string::npos);
  CHECK(segugio.find("q2 Q0 d2 1 ") != std::string::npos);
  std::istringstream lines(segugio);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string field;
    int n = 0;
    while (fields >> field) ++n;
    CHECK_MESSAGE(n == 6, line);
  }

  // SQLite writes its own file when it ran, and none when it is missing.
  if (j["engines"][1]["ran"] == true) {
    const std::string sqlite = segugio::testing::read_file(runs / "sqlite.run");
    CHECK(sqlite.rfind("q1 Q0 d1 1 ", 0) == 0);
    CHECK(sqlite.find(" sqlite\n") != std::string::npos);
  } else {
    MESSAGE("SQLite FTS5 missing: its run file is not checked");
    CHECK_FALSE(fs::exists(runs / "sqlite.run"));
  }
}
