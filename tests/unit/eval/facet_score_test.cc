// Facet scoring against hand-computed values.
#include <doctest/doctest.h>

#include "segugio/core/error.h"
#include "segugio/eval/facet_score.h"
#include "temp_dir.h"

using segugio::eval::Counts;

TEST_CASE("company precision, recall and F1 are micro-averaged counts") {
  Counts c;
  c.true_positives = 9;
  c.false_positives = 1;
  c.false_negatives = 3;
  CHECK(c.precision() == doctest::Approx(0.9));
  CHECK(c.recall() == doctest::Approx(0.75));
  CHECK(c.f1() == doctest::Approx(2 * 0.9 * 0.75 / 1.65));
  CHECK(Counts{}.f1() == 0.0);  // nothing found, nothing wanted: no division by zero
}

TEST_CASE("a gold set with a bad line names the file and the line") {
  segugio::testing::TempDir dir;
  const auto path = dir.write("gold.jsonl",
                              "{\"id\":\"a\",\"companies\":[\"TIM\"],\"topics\":[\"cloud\"]}\n"
                              "{\"id\": 3}\n");
  try {
    segugio::eval::read_facet_gold(path);
    FAIL("expected a DataError");
  } catch (const segugio::DataError& e) {
    CHECK(std::string(e.what()).find("gold.jsonl:2") != std::string::npos);
  }
}
