// End to end, the indexer's side of what a new user trips over (issue 20):
// which keys become which field, ids that do not depend on the path typed,
// and deleting one article by id.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "run_program.h"
#include "temp_dir.h"

using segugio::testing::run_index;
using segugio::testing::run_search;
using segugio::testing::TempDir;

namespace {

// The ids of the hits of a search of `db` for `args` (a query, options).
std::set<std::string> ids_found(const std::string& db, const std::vector<std::string>& args) {
  std::vector<std::string> all{"-d", db, "--format", "json", "-n", "100"};
  all.insert(all.end(), args.begin(), args.end());
  const auto r = run_search(all);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  std::set<std::string> ids;
  const nlohmann::json answer = nlohmann::json::parse(r.out);
  for (const auto& h : answer["hits"]) ids.insert(h["id"].get<std::string>());
  return ids;
}

// How often `needle` occurs in `text`.
std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++n;
  return n;
}

}  // namespace

// Issue 20, item 2: `section_from_url` and Italian key names were dropped
// without a word; nothing said which keys were read.
TEST_CASE(
    "JSON and front-matter keys: synonyms are read, --field-map maps the rest, the others are "
    "named once") {
  TempDir dir;
  dir.write("in/export.jsonl",
            "{\"id\": \"j1\", \"titolo\": \"Reti in fibra\", \"testo\": \"La fibra arriva.\","
            " \"data\": \"2024-01-02\", \"autore\": \"Carla Verdi\", \"fonte\": \"Gazzetta Rete\","
            " \"section_from_url\": \"tecnologia\", \"repo\": \"archivio-uno\"}\n"
            "{\"id\": \"j2\", \"headline\": \"Reti mobili\", \"content\": \"Il 5G cresce.\","
            " \"pubDate\": \"2024-01-03\", \"byline\": \"Luca Neri\", \"site\": \"Notizie Rete\","
            " \"sezione\": \"economia\", \"repo\": \"archivio-due\"}\n");
  dir.write("in/post.md",
            "---\ntitolo: Reti di quartiere\nautore: Sara Blu\nsezione: cronaca\n"
            "data: 2024-01-04\nlayout: post\nrepo: archivio-tre\n---\nLe reti di quartiere.\n");
  const std::string db = (dir.path() / "db").string();
  const auto indexed = run_index({"-d", db, (dir.path() / "in").string()});
  REQUIRE_MESSAGE(indexed.exit_code == 0, indexed.err);

  // Synonyms fill their fields: title, text, date, author, source, section.
  CHECK(ids_found(db, {"reti"}) == std::set<std::string>{"j1", "j2", "post"});
  CHECK(ids_found(db, {"sezione:tecnologia"}) == std::set<std::string>{"j1"});
  CHECK(ids_found(db, {"sezione:economia"}) == std::set<std::string>{"j2"});
  CHECK(ids_found(db, {"sezione:cronaca"}) == std::set<std::string>{"post"});
  CHECK(ids_found(db, {"autore:neri"}) == std::set<std::string>{"j2"});
  CHECK(ids_found(db, {"autore:sara"}) == std::set<std::string>{"post"});
  CHECK(ids_found(db, {"fonte:gazzetta"}) == std::set<std::string>{"j1"});
  CHECK(ids_found(db, {"--from", "2024-01-03", "reti"}) == std::set<std::string>{"j2", "post"});

  // The keys that fill nothing are named once for the run, with a count.
  CHECK(occurrences(indexed.err, "keys ignored") == 1);
  CHECK(indexed.err.find("repo (3 articles)") != std::string::npos);
  CHECK(indexed.err.find("layout (1 article)") != std::string::npos);
  CHECK(indexed.err.find("section_from_url") == std::string::npos);

  // --field-map reads a key as a field; KEY=ignore silences it.
  const std::string mapped = (dir.path() / "mapped").string();
  const auto again = run_index({"-d", mapped, "--field-map", "repo=tags", "--field-map",
                                "LAYOUT=ignore", (dir.path() / "in").string()});
  REQUIRE_MESSAGE(again.exit_code == 0, again.err);
  CHECK(ids_found(mapped, {"tag:archivio-due"}) == std::set<std::string>{"j2"});
  CHECK(ids_found(mapped, {"tag:archivio-tre"}) == std::set<std::string>{"post"});
  CHECK(again.err.find("keys ignored") == std::string::npos);

  // A comma-separated list is the same two mappings (it read "tags,LAYOUT=ignore" as the field).
  const std::string listed = (dir.path() / "listed").string();
  const auto list = run_index(
      {"-d", listed, "--field-map", "repo=tags,LAYOUT=ignore", (dir.path() / "in").string()});
  REQUIRE_MESSAGE(list.exit_code == 0, list.err);
  CHECK(ids_found(listed, {"tag:archivio-due"}) == std::set<std::string>{"j2"});
  CHECK(list.err.find("keys ignored") == std::string::npos);
  const std::string help = run_index({"--help"}).out;
  CHECK(help.find("--field-map KEY=FIELD") != std::string::npos);
  CHECK(help.find("comma-separated") != std::string::npos);

  const auto wrong =
      run_index({"-d", mapped, "--field-map", "repo=colore", (dir.path() / "in").string()});
  CHECK(wrong.exit_code == 2);
  CHECK(wrong.err.find("--field-map takes KEY=FIELD") != std::string::npos);
}

// Issue 20, item 10: an article could only go by deleting its file.
TEST_CASE(
    "--delete ID deletes an article but not its file, and a later run does not bring it back "
    "unsaid") {
  TempDir dir;
  dir.write("in/uno.md", "---\ntitle: Fibra in città\ndate: 2024-01-02\n---\nLa fibra arriva.\n");
  dir.write("in/due.md", "---\ntitle: Fibra in campagna\ndate: 2024-01-03\n---\nLa fibra tarda.\n");
  dir.write("in/altri.jsonl",
            "{\"id\": \"Tre\", \"title\": \"Fibra al mare\", \"text\": \"Anche al mare.\"}\n"
            "{\"id\": \"quattro\", \"title\": \"Fibra in montagna\", \"text\": \"Fin lassù.\"}\n");
  const std::string db = (dir.path() / "db").string();
  const std::string in = (dir.path() / "in").string();
  REQUIRE(run_index({"-d", db, "--shards", "2", in}).exit_code == 0);
  REQUIRE(ids_found(db, {"fibra"}) == std::set<std::string>{"uno", "due", "Tre", "quattro"});

  // Any case names the id; what was deleted is said, and the files stay.
  const auto deleted = run_index({"-d", db, "--delete", "due", "--delete", "tre"});
  REQUIRE_MESSAGE(deleted.exit_code == 0, deleted.err);
  CHECK(deleted.err.find("deleted due\n") != std::string::npos);
  CHECK(deleted.err.find("deleted Tre\n") != std::string::npos);
  CHECK(std::filesystem::exists(dir.path() / "in/due.md"));
  CHECK(ids_found(db, {"fibra"}) == std::set<std::string>{"uno", "quattro"});
  // The facet counts and the total agree with what is left.
  const auto facets = run_search({"-d", db, "--format", "json", "fibra"});
  REQUIRE(facets.exit_code == 0);
  const nlohmann::json answer = nlohmann::json::parse(facets.out);
  CHECK(answer["total"] == 2);
  std::size_t months = 0;
  for (const auto& m : answer["facets"]["month"]) months += m["count"].get<std::size_t>();
  CHECK(months == 2);

  // An unknown id: a clear message, exit 1, nothing deleted.
  const auto unknown = run_index({"-d", db, "--delete", "uno", "--delete", "nessuno"});
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err.find("no article has the id 'nessuno'") != std::string::npos);
  CHECK(ids_found(db, {"fibra"}) == std::set<std::string>{"uno", "quattro"});

  // A later run: unchanged files are not read; a changed one is, and the
  // deleted article stays out, said so in the summary.
  const auto same = run_index({"-d", db, in});
  REQUIRE(same.exit_code == 0);
  CHECK(ids_found(db, {"fibra"}) == std::set<std::string>{"uno", "quattro"});
  dir.write("in/due.md",
            "---\ntitle: Fibra in campagna\ndate: 2024-01-03\n---\nLa fibra tarda ancora.\n");
  dir.write("in/altri.jsonl",
            "{\"id\": \"Tre\", \"title\": \"Fibra al mare\", \"text\": \"Anche al mare, ora.\"}\n"
            "{\"id\": \"quattro\", \"title\": \"Fibra in montagna\", \"text\": \"Fin lassù.\"}\n");
  const auto changed = run_index({"-d", db, in});
  REQUIRE(changed.exit_code == 0);
  CHECK(ids_found(db, {"fibra"}) == std::set<std::string>{"uno", "quattro"});
  CHECK(changed.err.find("2 deleted with --delete") != std::string::npos);

  // --full rebuilds from the files: the deletions are forgotten.
  REQUIRE(run_index({"-d", db, "--full", in}).exit_code == 0);
  CHECK(ids_found(db, {"fibra"}) == std::set<std::string>{"uno", "due", "Tre", "quattro"});
}

// Issue 20, item 8: a link to a folder indexed before read every file again
// under new ids, doubling every article; a copy of it did so without a word.
TEST_CASE("ids do not depend on the path typed, and a run that doubles articles says so") {
  TempDir dir;
  dir.write("in/news/a.md", "---\ntitle: Rame e fibra\ndate: 2024-01-02\n---\nIl rame cede.\n");
  dir.write("in/news/b.md", "---\ntitle: Rame e radio\ndate: 2024-01-03\n---\nLa radio resta.\n");
  const std::string db = (dir.path() / "db").string();
  REQUIRE(run_index({"-d", db, (dir.path() / "in").string()}).exit_code == 0);
  const std::set<std::string> ids{"news/a", "news/b"};
  REQUIRE(ids_found(db, {"rame"}) == ids);

  // The same folder typed otherwise, or reached through a link: nothing is
  // read again, nothing doubled.
  std::filesystem::create_directory_symlink(dir.path() / "in", dir.path() / "link");
  std::filesystem::create_directory_symlink(dir.path() / "in/news", dir.path() / "news-link");
  for (const std::string& typed :
       {(dir.path() / "in/").string(), (dir.path() / "in/./news/..").string(),
        (dir.path() / "link").string(), (dir.path() / "news-link").string()}) {
    CAPTURE(typed);
    const auto again = run_index({"-d", db, typed});
    REQUIRE_MESSAGE(again.exit_code == 0, again.err);
    CHECK(again.err.find("0 indexed") != std::string::npos);
    CHECK(ids_found(db, {"rame"}) == ids);
  }

  // Ids are matched in any case by id: and --like.
  CHECK(ids_found(db, {"id:NEWS/A"}) == std::set<std::string>{"news/a"});
  const auto like = run_search({"-d", db, "--like", "News/B"});
  CHECK_MESSAGE(like.exit_code == 0, like.err);

  // A copy of the folder indexed one level lower: its articles get other ids
  // ("a", not "news/a"), and the run says they are now there twice.
  dir.write("copia/news/a.md", "---\ntitle: Rame e fibra\ndate: 2024-01-02\n---\nIl rame cede.\n");
  dir.write("copia/news/b.md",
            "---\ntitle: Rame e radio\ndate: 2024-01-03\n---\nLa radio resta.\n");
  const auto copy = run_index({"-d", db, (dir.path() / "copia/news").string()});
  REQUIRE_MESSAGE(copy.exit_code == 0, copy.err);
  CHECK(copy.err.find("warning: 2 articles are now in the database twice") != std::string::npos);
  CHECK(copy.err.find("ids are the path below the folder given") != std::string::npos);
}

// Regression: `segugio-index -d db innovazione ils pagopa`, each folder
// holding an articles.jsonl, gave every file the ids articles#1, articles#2...
// and indexed the first folder only: the others' files were skipped as
// "duplicate id" (the real innovazione, ils and pagopa articles: 621 of 778
// indexed).
TEST_CASE("several folders whose files share names: every article indexed, ids tell them apart") {
  TempDir dir;
  dir.write("regione/articoli.jsonl",
            "{\"title\": \"Bando regionale per la banda larga\", \"text\": \"La regione finanzia "
            "la fibra nei borghi.\", \"date\": \"2024-05-02\"}\n"
            "{\"title\": \"Sportello digitale regionale\", \"text\": \"Un nuovo sportello per "
            "la fibra e i servizi.\", \"date\": \"2024-05-03\"}\n");
  dir.write("comune/articoli.jsonl",
            "{\"title\": \"Il comune porta la fibra in piazza\", \"text\": \"Lavori in centro "
            "storico.\", \"date\": \"2024-06-01\"}\n"
            "{\"id\": \"avviso-7\", \"title\": \"Avviso sui cantieri della fibra\", \"text\": "
            "\"Strade chiuse in periferia.\", \"date\": \"2024-06-02\"}\n");
  // An explicit id repeated is still one article, and still said.
  dir.write("comune/avvisi.jsonl",
            "{\"id\": \"avviso-7\", \"title\": \"Avviso sui cantieri della fibra, aggiornato\", "
            "\"text\": \"Strade riaperte in periferia.\", \"date\": \"2024-06-03\"}\n");
  const std::string db = (dir.path() / "db").string();
  const std::string regione = (dir.path() / "regione").string();
  const std::string comune = (dir.path() / "comune").string();

  const auto first = run_index({"-d", db, regione, comune});
  REQUIRE_MESSAGE(first.exit_code == 0, first.err);
  CHECK_MESSAGE(first.err.find("duplicate id") == std::string::npos, first.err);
  CHECK_MESSAGE(first.err.find("1 duplicate;") != std::string::npos, first.err);
  CHECK_MESSAGE(first.err.find("4 articles in") != std::string::npos, first.err);
  CHECK(ids_found(db, {"fibra"}) ==
        std::set<std::string>{"regione/articoli#1", "regione/articoli#2", "comune/articoli#1",
                              "avviso-7"});
  CHECK(ids_found(db, {"piazza"}) == std::set<std::string>{"comune/articoli#1"});
  CHECK(ids_found(db, {"riaperte"}) == std::set<std::string>{"avviso-7"});

  // The same command again reads nothing and changes no id.
  const auto again = run_index({"-d", db, regione, comune});
  REQUIRE_MESSAGE(again.exit_code == 0, again.err);
  CHECK_MESSAGE(again.err.find("0 indexed, 0 skipped; 3 files unchanged; 4 articles in") !=
                    std::string::npos,
                again.err);
  CHECK(ids_found(db, {"fibra"}).size() == 4);

  // One folder named: the ids are the paths below it, as they always were.
  const std::string alone = (dir.path() / "alone").string();
  REQUIRE(run_index({"-d", alone, regione}).exit_code == 0);
  CHECK(ids_found(alone, {"fibra"}) ==
        std::set<std::string>{"articoli#1", "articoli#2"});
}

// Regression: `segugio-index -d db innovazione`, then `segugio-index -d db
// ils`, each folder holding an articles.jsonl, gave both runs the ids
// articles#1, articles#2...: the second run replaced the first one's articles
// without a word.
TEST_CASE("separate runs on folders whose files share names: nothing replaced, said once") {
  TempDir dir;
  const std::string cloud =
      "{\"title\": \"Cloud per i comuni\", \"text\": \"I comuni migrano i servizi in rete.\","
      " \"date\": \"2024-01-03\"}\n";
  dir.write("x/innovazione/articoli.jsonl",
            "{\"title\": \"Piano per la rete unica\", \"text\": \"La rete nazionale avanza.\","
            " \"date\": \"2024-01-02\"}\n" +
                cloud +
                "{\"id\": \"avviso-7\", \"title\": \"Cantieri della rete chiusi\", \"text\": "
                "\"Strade chiuse.\", \"date\": \"2024-01-04\"}\n");
  dir.write("x/innovazione/nota.md",
            "---\ntitle: Nota sulla rete\ndate: 2024-01-05\n---\nUna nota sulla rete civica.\n");
  const std::string ils_records =
      "{\"title\": \"Corsi di inclusione digitale\", \"text\": \"Gli anziani imparano la "
      "rete.\", \"date\": \"2024-02-02\"}\n"
      "{\"title\": \"Scuole connesse\", \"text\": \"Le scuole hanno la rete veloce.\","
      " \"date\": \"2024-02-03\"}\n"
      "{\"title\": \"Biblioteche in rete\", \"text\": \"Prestiti digitali per tutti.\","
      " \"date\": \"2024-02-04\"}\n";
  dir.write("x/ils/articoli.jsonl",
            ils_records +
                "{\"id\": \"avviso-7\", \"title\": \"Cantieri della rete riaperti\", \"text\": "
                "\"Strade riaperte.\", \"date\": \"2024-02-05\"}\n");
  dir.write("x/ils/nota.md",
            "---\ntitle: Nota sulle biblioteche\ndate: 2024-02-06\n---\nLa rete delle "
            "biblioteche.\n");
  const std::string db = (dir.path() / "db").string();
  const std::string innovazione = (dir.path() / "x/innovazione").string();
  const std::string ils = (dir.path() / "x/ils").string();

  const auto first = run_index({"-d", db, innovazione});
  REQUIRE_MESSAGE(first.exit_code == 0, first.err);
  // One folder: the ids are the paths below it, as they always were.
  const std::set<std::string> innovazione_ids{"articoli#1", "articoli#2", "nota"};
  const std::set<std::string> ils_ids{"ils/articoli#1", "ils/articoli#2", "ils/articoli#3",
                                      "ils/nota"};
  REQUIRE(ids_found(db, {"rete"}) ==
          std::set<std::string>{"articoli#1", "articoli#2", "nota", "avviso-7"});

  // The second folder's files take its name; the run names both files; an
  // explicit id repeated is still one article, the later one.
  const auto second = run_index({"-d", db, ils});
  REQUIRE_MESSAGE(second.exit_code == 0, second.err);
  CHECK_MESSAGE(second.err.find("8 articles in") != std::string::npos, second.err);
  CHECK_MESSAGE(occurrences(second.err, "duplicate id") == 2, second.err);
  CHECK_MESSAGE(second.err.find((dir.path() / "x/innovazione/articoli.jsonl").string() +
                                ", indexed before") != std::string::npos,
                second.err);
  CHECK_MESSAGE(second.err.find("'ils/articoli'") != std::string::npos, second.err);
  std::set<std::string> both = innovazione_ids;
  both.insert(ils_ids.begin(), ils_ids.end());
  both.insert("avviso-7");
  CHECK(ids_found(db, {"rete"}) == both);
  CHECK(ids_found(db, {"riaperte"}) == std::set<std::string>{"avviso-7"});
  CHECK(ids_found(db, {"chiuse"}).empty());

  // Either command again reads nothing, and says nothing about ids.
  for (const std::string& folder : {ils, innovazione}) {
    CAPTURE(folder);
    const auto again = run_index({"-d", db, folder});
    REQUIRE_MESSAGE(again.exit_code == 0, again.err);
    CHECK_MESSAGE(again.err.find("0 indexed, 0 skipped; 2 files unchanged; 8 articles in") !=
                      std::string::npos,
                  again.err);
    CHECK(again.err.find("duplicate id") == std::string::npos);
    CHECK(ids_found(db, {"rete"}) == both);
  }

  // A file changed is read again under the ids it had: the first folder's
  // articles are updated in place, the second's keep the folder's name.
  dir.write("x/innovazione/articoli.jsonl",
            "{\"title\": \"Piano per la rete unica\", \"text\": \"La rete nazionale avanza "
            "spedita.\", \"date\": \"2024-01-02\"}\n" +
                cloud);
  const auto edited = run_index({"-d", db, innovazione});
  REQUIRE_MESSAGE(edited.exit_code == 0, edited.err);
  CHECK(edited.err.find("duplicate id") == std::string::npos);
  CHECK(ids_found(db, {"spedita"}) == std::set<std::string>{"articoli#1"});
  dir.write("x/ils/articoli.jsonl",
            ils_records +
                "{\"title\": \"Musei in rete\", \"text\": \"Visite virtuali in rete.\","
                " \"date\": \"2024-02-07\"}\n");
  const auto grown = run_index({"-d", db, ils});
  REQUIRE_MESSAGE(grown.exit_code == 0, grown.err);
  CHECK_MESSAGE(grown.err.find("'ils/articoli'") != std::string::npos, grown.err);
  both.insert("ils/articoli#4");
  both.erase("avviso-7");  // gone from both files
  CHECK(ids_found(db, {"rete"}) == both);
  CHECK(ids_found(db, {"spedita"}) == std::set<std::string>{"articoli#1"});

  // A folder moved is the same articles: they keep their ids, nothing doubled.
  std::filesystem::create_directory(dir.path() / "y");
  std::filesystem::rename(dir.path() / "x/innovazione", dir.path() / "y/innovazione");
  const auto moved = run_index({"-d", db, (dir.path() / "y/innovazione").string()});
  REQUIRE_MESSAGE(moved.exit_code == 0, moved.err);
  CHECK(moved.err.find("duplicate id") == std::string::npos);
  CHECK(ids_found(db, {"rete"}) == both);
}

TEST_CASE("the summary counts one article in the singular") {
  TempDir dir;
  dir.write("in/solo.md", "---\ntitle: Un solo articolo\ndate: 2024-01-02\n---\nPoche righe.\n");
  const std::string db = (dir.path() / "db").string();
  const auto r = run_index({"-d", db, (dir.path() / "in").string()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK_MESSAGE(r.err.find("; 1 article in ") != std::string::npos, r.err);
}
