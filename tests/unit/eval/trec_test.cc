// TREC qrels and runs: the forms trec_eval reads, ids with blanks, ties.
#include <doctest/doctest.h>

#include <sstream>

#include "segugio/core/error.h"
#include "segugio/eval/trec.h"

using namespace segugio::eval;

TEST_CASE("ids with a space or a percent sign are percent-encoded and decoded back") {
  struct Case {
    const char* id;
    const char* field;
  };
  for (const Case c : {Case{"plain", "plain"}, Case{"a b", "a%20b"}, Case{"50%", "50%25"},
                       Case{"a b%c", "a%20b%25c"}, Case{"posts/2024-01-01", "posts/2024-01-01"}}) {
    CAPTURE(c.id);
    CHECK(encode_trec_id(c.id) == c.field);
    CHECK(decode_trec_id(c.field) == c.id);
  }
  CHECK(decode_trec_id("100%") == "100%");  // a lone percent stays
  CHECK(decode_trec_id("%41x") == "%41x");  // only %20 and %25 are decoded
}

TEST_CASE("qrels are read as qid 0 docid grade") {
  std::istringstream in("q1 0 d1 1\nq1 0 d2 0\n\nq2\t0\tdoc%20two\t2\r\n");
  const Qrels qrels = read_qrels(in, "qrels.trec");
  REQUIRE(qrels.size() == 2);
  CHECK(qrels.at("q1").at("d1") == 1);
  CHECK(qrels.at("q1").at("d2") == 0);
  CHECK(qrels.at("q2").at("doc two") == 2);
}

TEST_CASE("a malformed qrels line is an error naming the file and line") {
  struct Case {
    const char* text;
    const char* message;
  };
  for (const Case c : {Case{"q1 0 d1 1\nq1 0 d2\n", "qrels.trec:2"},
                       Case{"q1 0 d1 high\n", "grade"}, Case{"q1 0 d1 1\nq1 0 d1 2\n", "twice"}}) {
    CAPTURE(c.text);
    std::istringstream in(c.text);
    try {
      read_qrels(in, "qrels.trec");
      FAIL("no error");
    } catch (const segugio::DataError& e) {
      CHECK(std::string(e.what()).find(c.message) != std::string::npos);
    }
  }
}

TEST_CASE("a run is written with ranks from 1 and strictly decreasing scores") {
  Run run;
  run["q 1"] = {{"a b", 2.0}, {"c", 2.0}, {"d", 1.5}, {"e", 1.4999999}, {"f", -0.25}};
  run["q0"] = {{"x", 0.1234567}};
  std::ostringstream out;
  write_run(out, run, "segugio");
  CHECK(out.str() ==
        "q%201 Q0 a%20b 1 2.000000 segugio\n"
        "q%201 Q0 c 2 1.999999 segugio\n"
        "q%201 Q0 d 3 1.500000 segugio\n"
        "q%201 Q0 e 4 1.499999 segugio\n"
        "q%201 Q0 f 5 -0.250000 segugio\n"
        "q0 Q0 x 1 0.123457 segugio\n");
}

TEST_CASE("a run read back keeps the ranking written in trec_eval's order") {
  Run run;
  run["q1"] = {{"b", 3.0}, {"a", 3.0}, {"c", 3.0}, {"d", 0.5}};
  std::ostringstream out;
  write_run(out, run, "t");
  std::istringstream in(out.str());
  const Run back = read_run(in, "run");
  REQUIRE(back.at("q1").size() == 4);
  CHECK(back.at("q1")[0].id == "b");
  CHECK(back.at("q1")[1].id == "a");
  CHECK(back.at("q1")[2].id == "c");
  CHECK(back.at("q1")[3].id == "d");

  // Without strictly decreasing scores trec_eval breaks ties by decreasing docid.
  std::istringstream tied("q1 Q0 a 1 1.0 t\nq1 Q0 c 2 1.0 t\nq1 Q0 b 3 2.0 t\n");
  const Run reordered = read_run(tied, "tied");
  CHECK(reordered.at("q1")[0].id == "b");
  CHECK(reordered.at("q1")[1].id == "c");
  CHECK(reordered.at("q1")[2].id == "a");
}

TEST_CASE("a malformed run line is an error") {
  std::istringstream in("q1 Q0 d1 1 1.0\n");
  CHECK_THROWS_AS(read_run(in, "run"), segugio::DataError);
  std::istringstream score("q1 Q0 d1 1 high t\n");
  CHECK_THROWS_AS(read_run(score, "run"), segugio::DataError);
}
