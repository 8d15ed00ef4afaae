// Benchmark query files: JSON Lines with optional filters, or TSV.
#include <doctest/doctest.h>

#include <sstream>

#include "segugio/core/error.h"
#include "segugio/eval/queries.h"

using namespace segugio::eval;

TEST_CASE("JSON Lines queries carry optional filters, unknown members are ignored") {
  std::istringstream in(
      "{\"_id\": \"q1\", \"text\": \"accordo Microsoft Mistral\", \"answers\": [\"x\"]}\n"
      "\n"
      "{\"_id\": \"q2\", \"text\": \"chip\", \"filters\": {\"company\": [\"Nvidia\", \"AMD\"], "
      "\"topic\": \"semiconduttori\", \"from\": \"2024-01-01\", \"to\": \"2024-03-31\"}}\n");
  const auto queries = read_queries(in, "q.jsonl");
  REQUIRE(queries.size() == 2);
  CHECK(queries[0].id == "q1");
  CHECK(queries[0].text == "accordo Microsoft Mistral");
  CHECK(queries[0].filters.empty());
  CHECK(queries[1].filters.companies == std::vector<std::string>{"Nvidia", "AMD"});
  CHECK(queries[1].filters.topics == std::vector<std::string>{"semiconduttori"});
  CHECK(queries[1].filters.from == segugio::Date{2024, 1, 1});
  CHECK(queries[1].filters.to == segugio::Date{2024, 3, 31});
}

TEST_CASE("TSV queries are qid<TAB>text") {
  std::istringstream in("1\tl'intelligenza artificiale\r\n2\tcloud Azure\n");
  const auto queries = read_queries(in, "q.tsv");
  REQUIRE(queries.size() == 2);
  CHECK(queries[0].id == "1");
  CHECK(queries[0].text == "l'intelligenza artificiale");
  CHECK(queries[1].text == "cloud Azure");
}

TEST_CASE("bad query lines are errors naming the file and line") {
  for (const char* text :
       {"{\"_id\": \"q1\"}\n",                            // no text
        "{\"text\": \"x\"}\n",                            // no id
        "{\"_id\": \"q1\", \"text\": \"a\"}\n{broken\n",  // bad JSON
        "{\"_id\": \"q1\", \"text\": \"a\", \"filters\": {\"from\": \"ieri\"}}\n",
        "q1\ta\nq1\tb\n",  // id twice
        "q1 senza tab\n",
        "{\"_id\": \"q1\", \"text\": \"a\", \"filters\": {\"company\": [1]}}\n"}) {
    CAPTURE(text);
    std::istringstream in(text);
    CHECK_THROWS_WITH_AS(read_queries(in, "q.txt"), doctest::Contains("q.txt:"),
                         segugio::DataError);
  }
}

TEST_CASE("queries written as JSON Lines read back the same") {
  std::vector<BenchQuery> queries = {{"a", "uno due", {}},
                                     {"b", "tre", {{"Apple"}, {}, segugio::Date{2023, 5, 4}, {}}}};
  std::ostringstream out;
  write_queries(out, queries);
  std::istringstream in(out.str());
  const auto back = read_queries(in, "back");
  REQUIRE(back.size() == 2);
  CHECK(back[1].filters.companies == std::vector<std::string>{"Apple"});
  CHECK(back[1].filters.from == segugio::Date{2023, 5, 4});
  CHECK(!back[1].filters.to);
}
