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
  CHECK(report["company"]["f1"].get<double>() >= 0.95);
  CHECK(report["topic"]["top1_accuracy"].get<double>() >= 0.85);
}
