// Batch query lines: JSON Lines with filters, qid<TAB>text, bare text.
#include <doctest/doctest.h>

#include "segugio/core/error.h"
#include "segugio/search/query_batch.h"

using segugio::search::parse_batch_line;

TEST_CASE("batch lines in each form") {
  auto q = parse_batch_line(
      R"({"_id": "q7", "text": "cloud italiano", "answers": ["x"],)"
      R"( "filters": {"company": "Microsoft", "topic": ["cloud", "Sicurezza informatica"],)"
      R"( "from": "2024-01", "to": "2024-03-31", "tag": "data center"}})",
      3, "q.jsonl");
  REQUIRE(q);
  CHECK(q->id == "q7");
  CHECK(q->text == "cloud italiano");
  CHECK(q->filters.companies == std::vector<std::string>{"Microsoft"});
  CHECK(q->filters.topics == std::vector<std::string>{"cloud", "Sicurezza informatica"});
  CHECK(q->filters.from == "2024-01");
  CHECK(q->filters.to == "2024-03-31");
  CHECK(q->filters.tags == std::vector<std::string>{"data center"});

  q = parse_batch_line("q2\tintelligenza artificiale\r", 5, "q.tsv");
  REQUIRE(q);
  CHECK(q->id == "q2");
  CHECK(q->text == "intelligenza artificiale");

  q = parse_batch_line("solo testo", 9, "-");
  REQUIRE(q);
  CHECK(q->id == "9");
  CHECK(q->text == "solo testo");

  CHECK_FALSE(parse_batch_line("   ", 1, "-"));
  CHECK_FALSE(parse_batch_line("# commento", 1, "-"));
  q = parse_batch_line(R"({"_id": 12, "text": "x"})", 1, "-");
  REQUIRE(q);
  CHECK(q->id == "12");
}

TEST_CASE("malformed batch lines name the file and line") {
  for (const char* line : {R"({"_id": "q1"})", R"({"_id": "q1", "text": "x",)",
                           R"({"text": "x", "filters": {"colour": "red"}})",
                           R"({"text": "x", "filters": {"company": 3}})",
                           R"({"text": "x", "filters": {"from": ["2024", "2025"]}})",
                           "\tsenza id"}) {
    CAPTURE(line);
    CHECK_THROWS_WITH_AS(parse_batch_line(line, 4, "q.jsonl"), doctest::Contains("q.jsonl:4: "),
                         segugio::UsageError);
  }
}
