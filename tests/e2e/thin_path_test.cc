// End to end through the real programs: index a temporary folder, search it.
#include <doctest/doctest.h>

#include "run_program.h"
#include "temp_dir.h"

using segugio::testing::run_index;
using segugio::testing::run_search;
using segugio::testing::TempDir;

TEST_CASE("an elided word is found by its bare, capitalised, curly and phrase forms") {
  TempDir dir;
  dir.write("articoli/ia.txt",
            "La corsa dell'intelligenza artificiale\n\nLe aziende investono "
            "nell'innovazione.\n");
  dir.write("articoli/altro.txt", "Le reti 5G in Italia\n\nNuove antenne nella città.\n");
  const std::string db = (dir.path() / "db").string();
  const auto indexed = run_index({"-d", db, (dir.path() / "articoli").string()});
  REQUIRE_MESSAGE(indexed.exit_code == 0, indexed.err);

  for (const char* query : {"intelligenza", "INTELLIGENZA", "l\u2019intelligenza",
                            "\"intelligenza artificiale\""}) {
    CAPTURE(query);
    const auto found = run_search({"-d", db, query});
    CHECK(found.exit_code == 0);
    CHECK(found.out.find("La corsa dell'intelligenza artificiale") != std::string::npos);
    CHECK(found.out.find("Le reti 5G") == std::string::npos);
  }
}

TEST_CASE("programs answer --help with exit 0 and bad usage with exit 2") {
  CHECK(run_index({"--help"}).exit_code == 0);
  CHECK(run_search({"--help"}).exit_code == 0);
  const auto no_db = run_index({"somewhere"});
  CHECK(no_db.exit_code == 2);
  CHECK(no_db.err.find("--db") != std::string::npos);
  CHECK(run_index({"--bogus"}).exit_code == 2);
}

TEST_CASE("a command-line error names the option and suggests the nearest one") {
  struct Case {
    std::vector<std::string> args;
    std::string said;  // in stderr
  };
  const std::vector<Case> cases = {
      // "-n abc" used to say only "Argument 'abc' failed to parse".
      {{"-d", "db", "-n", "abc", "q"}, "-n: Argument"},
      {{"-d", "db", "--limit=abc", "q"}, "--limit: Argument"},
      {{"-d", "db", "--limt", "3", "q"}, "did you mean --limit?"},
      {{"-d", "db", "--colapse", "q"}, "did you mean --collapse?"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.said);
    const auto r = run_search(c.args);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(c.said) != std::string::npos);
    CHECK(r.err.find("(try segugio-search --help)") != std::string::npos);
  }
  const auto index = run_index({"--jbos", "2", "-d", "db", "x"});
  CHECK(index.exit_code == 2);
  CHECK(index.err.find("did you mean --jobs?") != std::string::npos);
  const auto far = run_index({"--zzzzzz"});
  CHECK(far.exit_code == 2);
  CHECK(far.err.find("did you mean") == std::string::npos);
}

TEST_CASE("a missing database is a failure with a message naming it") {
  TempDir dir;
  const auto r = run_search({"-d", (dir.path() / "nope").string(), "ciao"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("nope") != std::string::npos);
}
