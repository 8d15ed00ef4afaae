// segugio-bench facets on the bundled corpus against the hand-labelled gold
// set (tests/data/facets-gold.jsonl, labelled by someone other than the
// articles' writer). The targets of the facets issue: company micro-F1 at
// least 0.95, topic top-1 accuracy at least 0.85.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "run_program.h"
#include "temp_dir.h"

TEST_CASE("facets of the bundled corpus meet the gold-set targets") {
  segugio::testing::TempDir dir;
  const std::string db = (dir.path() / "db").string();
  const auto indexed = segugio::testing::run_index({"-q", "-d", db, SEGUGIO_CORPUS_DIR});
  REQUIRE_MESSAGE(indexed.exit_code == 0, indexed.err);
  const auto scored = segugio::testing::run_program(
      SEGUGIO_BENCH_BIN, {"facets", "-d", db, "--gold", SEGUGIO_TEST_DATA "/facets-gold.jsonl",
                          "--format", "json"});
  REQUIRE_MESSAGE(scored.exit_code == 0, scored.err);
  const auto report = nlohmann::json::parse(scored.out);
  CHECK(report["articles"] == 65);
  CHECK(report["not_found"] == 0);
  // 0.93, not 0.95: this gold set was labelled when a product stood for its
  // maker (PlayStation -> Sony); since issue 16 a product or an epithet names
  // no company (the real-article gold set labels only companies and brands the
  // article names), which costs about 20 of its 246 labels.
  CHECK(report["company"]["f1"].get<double>() >= 0.93);
  CHECK(report["topic"]["top1_accuracy"].get<double>() >= 0.85);
}

TEST_CASE("facets prints strict top-1 beside top-1 among gold topics, for each gold file") {
  segugio::testing::TempDir dir;
  const std::string db = (dir.path() / "db").string();
  const auto indexed = segugio::testing::run_index({"-q", "-d", db, SEGUGIO_CORPUS_DIR});
  REQUIRE_MESSAGE(indexed.exit_code == 0, indexed.err);
  // What the article is filed under first, read from the details of a gold
  // set whose only topic it cannot have (no article of the corpus is about space).
  const std::string id = "2019/iliad-un-anno-prezzi";
  const auto probe_gold = dir.write("probe.jsonl", "{\"id\": \"" + id + "\", \"topics\": [\"spazio\"]}\n");
  const auto probe = segugio::testing::run_program(
      SEGUGIO_BENCH_BIN,
      {"facets", "-d", db, "--gold", probe_gold.string(), "--format", "json", "--details"});
  REQUIRE_MESSAGE(probe.exit_code == 0, probe.err);
  const std::string main_topic =
      nlohmann::json::parse(probe.out)["misses"][0]["main_topic"].get<std::string>();
  REQUIRE(!main_topic.empty());
  // A second gold file where that topic is a gold topic but not the main one.
  const auto second = dir.write("second.jsonl", "{\"id\": \"" + id + "\", \"topics\": [\"spazio\", \"" +
                                                    main_topic + "\"]}\n");
  const std::string bundled = SEGUGIO_TEST_DATA "/facets-gold.jsonl";
  const auto scored = segugio::testing::run_program(
      SEGUGIO_BENCH_BIN,
      {"facets", "-d", db, "--gold", bundled, "--gold", second.string(), "--format", "json"});
  REQUIRE_MESSAGE(scored.exit_code == 0, scored.err);
  const auto reports = nlohmann::json::parse(scored.out);
  REQUIRE(reports.is_array());
  REQUIRE(reports.size() == 2);
  CHECK(reports[0]["articles"] == 65);
  CHECK(reports[0]["topic"]["strict_top1"].get<double>() <=
        reports[0]["topic"]["top1_accuracy"].get<double>());
  CHECK(reports[1]["topic"]["top1_accuracy"].get<double>() == 1.0);
  CHECK(reports[1]["topic"]["strict_top1"].get<double>() == 0.0);
  const auto text = segugio::testing::run_program(
      SEGUGIO_BENCH_BIN, {"facets", "-d", db, "--gold", bundled, "--gold", second.string()});
  CHECK(text.out.find("== " + second.string()) != std::string::npos);
  CHECK(text.out.find("strict top-1") != std::string::npos);
}
