// End to end, what a new user of segugio-search trips over (issue 20): typos
// answered by their correction, facets of authors, sources, tags and
// sections, --explain, and the command line's language.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "run_program.h"
#include "temp_dir.h"

using segugio::testing::run_index;
using segugio::testing::run_search;
using segugio::testing::TempDir;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

nlohmann::json json_search(const std::string& db, std::vector<std::string> args) {
  args.insert(args.begin(), {"-d", db, "--format", "json", "-n", "50"});
  const auto r = run_search(args);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return nlohmann::json::parse(r.out);
}

// One JSON Lines article.
std::string article(const std::string& id, const std::string& title, const std::string& text) {
  return "{\"id\": \"" + id + "\", \"title\": \"" + title + "\", \"text\": \"" + text +
         "\", \"date\": \"2024-05-06\"}\n";
}

}  // namespace

// Issue 20, item 5: a typo found nothing and only offered "Forse cercavi";
// and `dazi`, a word two articles use, was "corrected" to the common `dati`.
TEST_CASE("a typo that finds nothing is answered by its confident correction") {
  TempDir dir;
  std::string lines;
  for (int i = 0; i < 3; ++i)
    lines += article("distro-" + std::to_string(i), "Ubuntu e le distribuzioni " + std::to_string(i),
                     "Installare Ubuntu sul portatile.");
  // `dati` in 210 articles, `dazi` used for real (three times each) in two.
  for (int i = 0; i < 210; ++i)
    lines += article("dati-" + std::to_string(i), "I dati aperti numero " + std::to_string(i),
                     "Raccolta di dati pubblici.");
  for (int i = 0; i < 2; ++i)
    lines += article("dazi-" + std::to_string(i), "Commercio " + std::to_string(i),
                     "I dazi sulle merci: dazi nuovi, dazi vecchi.");
  dir.write("in/articoli.jsonl", lines);
  const std::string db = (dir.path() / "db").string();
  const auto indexed = run_index({"-d", db, (dir.path() / "in").string()});
  REQUIRE_MESSAGE(indexed.exit_code == 0, indexed.err);

  const auto text = run_search({"-d", db, "ubunut"});
  REQUIRE(text.exit_code == 0);
  CHECK(contains(text.out, "3 risultati per \u00abubuntu\u00bb"));
  CHECK(contains(text.out, "Risultati per \u00abubuntu\u00bb; cerca invece \u00abubunut\u00bb"));
  const nlohmann::json corrected = json_search(db, {"ubunut"});
  CHECK(corrected["query"] == "ubunut");
  CHECK(corrected["total"] == 3);
  CHECK(corrected["correction"]["query"] == "ubuntu");
  CHECK(corrected["correction"]["original"] == "ubunut");

  // The original stays reachable: --no-correct searches it as typed.
  const nlohmann::json as_typed = json_search(db, {"--no-correct", "ubunut"});
  CHECK(as_typed["total"] == 0);
  CHECK(as_typed["suggestion"] == "ubuntu");
  CHECK(as_typed["correction"].is_null());

  // A word the articles use is a word: neither corrected nor suggested away.
  const nlohmann::json dazi = json_search(db, {"dazi"});
  CHECK(dazi["total"] == 2);
  CHECK(dazi["suggestion"].is_null());
  CHECK(dazi["correction"].is_null());
}

// Issue 20, item 3: authors, sources, tags and sections could be filtered on
// but not listed, so a user had to guess the values that exist.
TEST_CASE("--facet author,source,tag,section lists the values that exist, with counts") {
  TempDir dir;
  const auto write = [&](const std::string& name, const std::string& meta) {
    dir.write("in/" + name + ".md", "---\ntitle: Reti e satelliti " + name +
                                        "\ndate: 2024-01-10\n" + meta +
                                        "---\n\nTesto sulle reti di " + name + ".\n");
  };
  write("uno", "author: Mirko B.\nsource: La Repubblica\ntags: [Reti, Spazio]\n");
  write("due", "author: Mirko B.\nsource: La Repubblica\ntags: [Reti]\n");
  write("tre", "author: Niccolò Ferrà\nsource: Corriere Tecnico\ntags: [Reti]\n");
  write("quattro", "author: Giulia Neri\nsource: Corriere Tecnico\ntags: [Cavi]\n");
  dir.write("in/altro.md", "---\ntitle: Cucina\nauthor: Giulia Neri\n---\n\nRicette.\n");
  const std::string db = (dir.path() / "db").string();
  const auto indexed = run_index({"-d", db, (dir.path() / "in").string()});
  REQUIRE_MESSAGE(indexed.exit_code == 0, indexed.err);

  const nlohmann::json j = json_search(db, {"--facet", "author,source", "--facet", "tag,section", "reti"});
  REQUIRE(j["total"] == 4);
  const auto values = [&](const char* field) {
    std::vector<std::pair<std::string, int>> out;
    for (const auto& v : j["facets"][field]) out.emplace_back(v["value"], v["count"]);
    return out;
  };
  using Counts = std::vector<std::pair<std::string, int>>;
  // As the articles write them, most matches first; the cooking article
  // does not match, so Giulia Neri counts once.
  CHECK(values("author") == Counts{{"Mirko B.", 2}, {"Giulia Neri", 1}, {"Niccolò Ferrà", 1}});
  CHECK(values("source") == Counts{{"Corriere Tecnico", 2}, {"La Repubblica", 2}});
  CHECK(values("tag") == Counts{{"Reti", 3}, {"Cavi", 1}, {"Spazio", 1}});
  CHECK(values("section").empty());
  CHECK(j["facets"]["company"].is_array());  // the default facets stay

  const auto text = run_search({"-d", db, "--facet", "autore,fonte,sezione", "reti"});
  REQUIRE(text.exit_code == 0);
  CHECK(contains(text.out, "Autori:     Mirko B. (2) \u00b7 Giulia Neri (1) \u00b7 Niccol\u00f2 Ferr\u00e0 (1)"));
  CHECK(contains(text.out, "Fonti:      Corriere Tecnico (2) \u00b7 La Repubblica (2)"));
  CHECK(contains(text.out, "Sezioni:    (nessun articolo dell'indice ne ha)"));
  // A value shown is a value a filter takes.
  CHECK(json_search(db, {"fonte:\"La Repubblica\"", "reti"})["total"] == 2);

  const auto unknown = run_search({"-d", db, "--facet", "autori", "reti"});
  CHECK(unknown.exit_code == 2);
  CHECK(contains(unknown.err, "--facet takes author, source, tag, section"));
  CHECK(contains(unknown.err, "\"autori\""));
}

// Issue 20, item 10: --explain printed only the Xapian query; a user could
// not see why one article outranks another.
TEST_CASE("--explain splits each hit's score by term and bonus") {
  TempDir dir;
  dir.write("in/a.md", "---\ntitle: Satelliti in orbita\ndate: 2024-01-10\n---\n\n"
                       "Lanciati i satelliti per la rete. I satelliti sono dieci.\n");
  dir.write("in/b.md", "---\ntitle: Rete nazionale\ndate: 2024-01-11\n---\n\n"
                       "La rete usa anche satelliti e cavi in fibra.\n");
  dir.write("in/c.md", "---\ntitle: Cucina\ndate: 2024-01-12\n---\n\nRicette di stagione.\n");
  const std::string db = (dir.path() / "db").string();
  REQUIRE(run_index({"-d", db, (dir.path() / "in").string()}).exit_code == 0);

  const nlohmann::json j = json_search(db, {"--explain", "satelliti rete"});
  REQUIRE(j["hits"].size() == 2);
  for (const auto& hit : j["hits"]) {
    CAPTURE(hit["id"]);
    const auto& parts = hit.at("score_parts");
    REQUIRE(parts.size() >= 2);
    double sum = 0;
    bool word = false, title_bonus = false;
    for (const auto& p : parts) {
      sum += p["weight"].get<double>();
      const std::string part = p["part"];
      word = word || (part.rfind("satell", 0) == 0 && !p["bonus"].get<bool>());
      title_bonus = title_bonus || (contains(part, "Ssatell") && p["bonus"].get<bool>()) ||
                    (contains(part, "Sret") && p["bonus"].get<bool>());
    }
    CHECK(sum == doctest::Approx(hit["score"].get<double>()).epsilon(1e-6));
    CHECK(word);         // the word's own term
    CHECK(title_bonus);  // the title bonus, marked as one
  }
  // Without --explain the member is there, empty.
  const nlohmann::json plain = json_search(db, {"satelliti"})["hits"][0].at("score_parts");
  CHECK(plain.is_array());
  CHECK(plain.empty());

  const auto text = run_search({"-d", db, "--explain", "satelliti"});
  REQUIRE(text.exit_code == 0);
  CHECK(contains(text.out, "Query Xapian: Query("));
  CHECK(contains(text.out, "punteggio "));
  CHECK(contains(text.out, "(bonus)"));
  CHECK(contains(text.out, "Satelliti in orbita"));  // the hits are still shown
}

// Issue 20, item 9: `segugio-index --help` said "(default: all cores)
// (default: 0)": an option whose help says its default in words got cxxopts'
// own default too.
TEST_CASE("--help says each option's default at most once, and a bad number names its option") {
  std::vector<segugio::testing::ProgramResult> helps = {run_index({"--help"}),
                                                        run_search({"--help"})};
#ifdef SEGUGIO_BENCH_BIN
  for (const char* command : {"recall", "peers", "index", "latency", "facets", "gen"})
    helps.push_back(segugio::testing::run_bench({command, "--help"}));
#endif
  for (const auto& help : helps) {
    REQUIRE(help.exit_code == 0);
    // One block per option: its line ("  -j, --jobs arg ...") and the
    // wrapped lines under it.
    std::istringstream lines(help.out);
    std::vector<std::string> blocks;
    for (std::string line; std::getline(lines, line);) {
      const std::size_t text = line.find_first_not_of(' ');
      if (text != std::string::npos && line[text] == '-' && text <= 6) blocks.push_back(line);
      else if (!blocks.empty()) blocks.back() += " " + line;
    }
    CHECK(blocks.size() > 3);
    for (const std::string& block : blocks) {
      CAPTURE(block);
      const std::size_t first = block.find("(default");
      CHECK((first == std::string::npos || block.find("(default", first + 1) == std::string::npos));
      CHECK_FALSE(contains(block, "(default: \"\")"));
    }
  }
  // A value that is not a number names the option it was given to.
  const auto search = run_search({"-d", "db", "-n", "abc", "cloud"});
  CHECK(search.exit_code == 2);
  CHECK(contains(search.err, "segugio-search: -n: "));
  const auto index = run_index({"-d", "db", "-j", "abc", "in"});
  CHECK(index.exit_code == 2);
  CHECK(contains(index.err, "--jobs"));
}
