// End to end, what a new user trips over (issue 20): files and paths that are
// not what the programs expect, told apart and named in one clear line.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "run_program.h"
#include "temp_dir.h"

using segugio::testing::run_index;
using segugio::testing::run_search;
using segugio::testing::TempDir;

namespace {

// The titles of the hits of a search of `db` for `args` (a query, options).
std::set<std::string> titles_found(const std::string& db, const std::vector<std::string>& args) {
  std::vector<std::string> all{"-d", db, "--format", "json", "-n", "50"};
  all.insert(all.end(), args.begin(), args.end());
  const auto r = run_search(all);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const nlohmann::json answer = nlohmann::json::parse(r.out);
  std::set<std::string> titles;
  for (const auto& h : answer["hits"]) titles.insert(h["title"].get<std::string>());
  return titles;
}

}  // namespace

// Issue 20, item 1: an array export was one article titled "[" with raw JSON
// as its text, and a .json file that was not JSON was indexed as text.
TEST_CASE("a .json file is read as articles, and one that is not JSON is refused by name") {
  TempDir dir;
  dir.write("in/export.json",
            "[\n  {\"id\": \"uno\", \"title\": \"Satelliti in orbita bassa\",\n"
            "   \"text\": \"Una costellazione di satelliti.\", \"date\": \"2024-01-02\"},\n"
            "  {\"title\": \"Satelliti e meteo\", \"body\": \"Previsioni dai satelliti.\",\n"
            "   \"date\": \"2024-01-03\"}\n]\n");
  dir.write("in/single.json",
            "{\n  \"title\": \"Satelliti italiani\",\n  \"text\": \"Un satellite solo.\",\n"
            "  \"date\": \"2024-02-01\"\n}\n");
  dir.write("in/lines.json",
            "{\"title\": \"Satelliti in fila\", \"text\": \"Riga uno.\", \"date\": \"2024-03-01\"}\n"
            "{\"title\": \"Satelliti in coda\", \"text\": \"Riga due.\", \"date\": \"2024-03-02\"}\n");
  dir.write("in/notes.json", "Satelliti: appunti in testo,\nnon JSON.\n");
  const std::string db = (dir.path() / "db").string();
  const auto indexed = run_index({"-d", db, (dir.path() / "in").string()});
  REQUIRE_MESSAGE(indexed.exit_code == 0, indexed.err);
  const std::string said = indexed.out + indexed.err;
  CHECK(said.find("notes.json: not JSON (parse error at line 1, column 1") != std::string::npos);

  CHECK(titles_found(db, {"satelliti"}) ==
        std::set<std::string>{"Satelliti in orbita bassa", "Satelliti e meteo",
                              "Satelliti italiani", "Satelliti in fila", "Satelliti in coda"});
  CHECK(titles_found(db, {"appunti"}).empty());
}

// Issue 20, item 7: an article file given as -d was "a compacted copy" to the
// indexer and "not a stub line" to the searcher.
TEST_CASE("a file given as the database is named for what it is, in one line") {
  TempDir dir;
  dir.write("in/nota.md", "---\ntitle: Una nota\n---\n\nTesto della nota.\n");
  const std::string db = (dir.path() / "db").string();
  REQUIRE(run_index({"-d", db, (dir.path() / "in").string()}).exit_code == 0);
  struct Case {
    std::string file;
    const char* what;
  };
  const Case cases[] = {
      {(dir.path() / "in/nota.md").string(), "an article file (markdown), not a database"},
      {dir.write("dati.bin", std::string("\x01\x02\0\x03", 4)).string(), "not a database"},
      {dir.write("appunti", "cose da fare\n").string(), "a text file, not a database"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.file);
    const auto index = run_index({"-d", c.file, (dir.path() / "in").string()});
    const auto search = run_search({"-d", c.file, "nota"});
    for (const auto& r : {index, search}) {
      CHECK(r.exit_code == 1);
      CHECK(r.err.find(c.file + ": " + c.what) != std::string::npos);
      CHECK(r.err.find("compacted copy, which") == std::string::npos);
      CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
  }
  // A stub and a compacted copy are still what they were.
  const auto stub = dir.write("shards.txt", "# one shard\nauto db\n");
  CHECK(run_search({"-d", stub.string(), "nota"}).exit_code == 0);
}

// Issue 20, item 3: `autore:mirko` and `fonte:repubblica` found nothing while
// `autore:"Mirko B."` and `fonte:"la repubblica"` worked.
TEST_CASE("author, source, tag and section match by word or word start, any case or accents") {
  TempDir dir;
  const auto article = [&](const std::string& name, const std::string& meta) {
    dir.write("in/" + name + ".md", "---\ntitle: Articolo " + name + "\ndate: 2024-01-10\n" +
                                        meta + "---\n\nTesto dell'articolo " + name + ".\n");
  };
  article("primo", "author: Mirko B.\nsource: La Repubblica\ntags: [Intelligenza Artificiale]\n"
                   "section: Economia e Finanza\n");
  article("secondo", "author: Niccolò Ferrà\nsource: Corriere Tecnico\ntags: [Reti]\n"
                     "section: Scienza\n");
  article("terzo", "author: Marco Rossi\nsource: Rassegna\ntags: [Cloud]\nsection: Lavoro\n");
  article("quarto", "author: Marco Rossini\nsource: Rassegna\ntags: [Cloud]\nsection: Lavoro\n");
  const std::string db = (dir.path() / "db").string();
  REQUIRE(run_index({"-d", db, (dir.path() / "in").string()}).exit_code == 0);
  struct Case {
    std::vector<std::string> args;
    std::set<std::string> titles;
  };
  const Case cases[] = {
      {{"autore:mirko"}, {"Articolo primo"}},
      {{"--author", "MIRKO"}, {"Articolo primo"}},
      {{"autore:\"Mirko B.\""}, {"Articolo primo"}},
      {{"fonte:repubblica"}, {"Articolo primo"}},
      {{"--source", "repubb"}, {"Articolo primo"}},
      {{"fonte:\"la repubblica\""}, {"Articolo primo"}},
      {{"autore:niccolo"}, {"Articolo secondo"}},
      {{"autore:\"ferra niccolo\""}, {"Articolo secondo"}},
      {{"tag:artificiale"}, {"Articolo primo"}},
      {{"--section", "finanza"}, {"Articolo primo"}},
      {{"sezione:scienza"}, {"Articolo secondo"}},
      // An exact value stays exact; a word reaches every value holding it.
      {{"autore:\"Marco Rossi\""}, {"Articolo terzo"}},
      {{"autore:marco"}, {"Articolo terzo", "Articolo quarto"}},
      {{"autore:giulia"}, {}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.args.front());
    CHECK(titles_found(db, c.args) == c.titles);
  }
}
