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

TEST_CASE("a missing database is a failure with a message naming it") {
  TempDir dir;
  const auto r = run_search({"-d", (dir.path() / "nope").string(), "ciao"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("nope") != std::string::npos);
}
