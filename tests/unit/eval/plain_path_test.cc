// The plain path: its index and queries, prefix terms and question words.
#include <doctest/doctest.h>

#include "segugio/eval/plain_path.h"
#include "temp_dir.h"

using namespace segugio::eval;
using segugio::testing::TempDir;

TEST_CASE("a word prefix is folded and never cuts a character") {
  CHECK(word_prefix("produzione", 6) == "produz");
  CHECK(word_prefix("Città", 6) == "citta");
  CHECK(word_prefix("perché", 5) == "perch");
  CHECK(word_prefix("sì", 6) == "si");
  CHECK(word_prefix("αβγδ", 3) == "α");  // two-byte letters: three bytes hold one
}

TEST_CASE("the plain path ranks by stems while prefixes reach derivations and question words go") {
  TempDir dir;
  dir.write("a/vendite.txt", "Le vendite di telefoni\n\nI negozi vendono più smartphone.\n");
  dir.write("a/rete.txt", "Quale futuro per la rete\n\nIl dibattito sulla fibra.\n");
  const auto db = dir.path() / "db";
  const PlainIndexReport built = build_plain_index({dir.path() / "a"}, db, {}, 6);
  CHECK(built.articles == 2);

  PlainQueryOptions o;
  Run run = run_plain_queries(
      db, {{"q1", "telefoni", {}}, {"q2", "venditori", {}}, {"q3", "quale telefoni", {}}}, o);
  REQUIRE(run["q1"].size() == 1);
  CHECK(run["q1"][0].id == "vendite");
  CHECK(run["q2"].empty());      // stems `venditor` and `vendit` differ
  // `quale` is a stopword of the analysis itself now (it asks, it does not say
  // what about), so it no longer matches the other article's title.
  CHECK(run["q3"].size() == 1);

  o.prefix_bytes = 6;
  o.drop_question_words = true;
  run = run_plain_queries(db, {{"q2", "venditori", {}}, {"q3", "quale telefoni", {}}}, o);
  REQUIRE(run["q2"].size() == 1);  // `vendit` = `vendit`
  CHECK(run["q2"][0].id == "vendite");
  REQUIRE(run["q3"].size() == 1);
  CHECK(run["q3"][0].id == "vendite");
}
