// segugio-index run after run: the database follows the files (added, changed,
// deleted), leaves paths not named alone, keeps ids stable, merges copies of
// one URL, refuses a second writer and bad usage.
#include <doctest/doctest.h>

#include <xapian.h>

#include <set>
#include <string>
#include <thread>

#include "run_program.h"
#include "segugio/analysis/analyzer.h"
#include "segugio/index/doc_reader.h"
#include "segugio/index/schema.h"
#include "temp_dir.h"

using segugio::testing::ProgramResult;
using segugio::testing::run_index;
using segugio::testing::TempDir;

namespace {

std::string markdown(const std::string& title, const std::string& date, const std::string& url,
                     const std::string& body) {
  std::string s = "---\ntitle: \"" + title + "\"\n";
  if (!date.empty()) s += "date: " + date + "\n";
  if (!url.empty()) s += "url: " + url + "\n";
  return s + "---\n" + body + "\n";
}

// Every id in the database (its Q terms).
std::set<std::string> ids(const std::filesystem::path& db) {
  Xapian::Database d(db.string());
  std::set<std::string> out;
  for (auto t = d.allterms_begin("Q"); t != d.allterms_end("Q"); ++t) out.insert((*t).substr(1));
  return out;
}

// The stored title of document `id`.
std::string title_of(const std::filesystem::path& db, const std::string& id) {
  segugio::index::DocReader reader = segugio::index::DocReader::open(db);
  const std::string term = "Q" + id;
  auto p = reader.database().postlist_begin(term);
  REQUIRE(p != reader.database().postlist_end(term));
  return reader.read(*p).title;
}

ProgramResult index(const std::filesystem::path& db, std::vector<std::string> paths,
                    std::vector<std::string> options = {}) {
  std::vector<std::string> args = {"-d", db.string()};
  args.insert(args.end(), options.begin(), options.end());
  args.insert(args.end(), paths.begin(), paths.end());
  ProgramResult r = run_index(args);
  INFO(r.err);
  return r;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("the database follows its files: added, changed, touched, deleted") {
  TempDir dir;
  const auto corpus = dir.path() / "articoli";
  const auto db = dir.path() / "db";
  dir.write("articoli/a.md", markdown("Le reti in fibra", "2024-01-10", "", "Nuove reti."));
  dir.write("articoli/b.md", markdown("Il cloud europeo", "2024-01-11", "", "Dati in Europa."));
  dir.write("articoli/sub/c.md", markdown("Chip e fabbriche", "2024-01-12", "", "Silicio."));

  ProgramResult r = index(db, {corpus.string()});
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.err, "3 indexed, 0 skipped"));
  CHECK(ids(db) == std::set<std::string>{"a", "b", "sub/c"});

  r = index(db, {corpus.string()});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.err, "0 indexed, 0 skipped; 3 files unchanged; 3 articles in"));

  // Same bytes, new time: hashed, found equal, not analysed again.
  dir.write("articoli/a.md", markdown("Le reti in fibra", "2024-01-10", "", "Nuove reti."));
  r = index(db, {corpus.string()});
  CHECK(contains(r.err, "0 indexed, 0 skipped; 3 files unchanged"));

  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a visibly newer mtime
  dir.write("articoli/b.md", markdown("Il cloud sovrano", "2024-01-11", "", "Dati in Italia."));
  r = index(db, {corpus.string()});
  CHECK(contains(r.err, "1 indexed, 0 skipped; 2 files unchanged"));
  CHECK(title_of(db, "b") == "Il cloud sovrano");

  std::filesystem::remove(corpus / "sub" / "c.md");
  dir.write("articoli/d.md", markdown("Satelliti", "2024-01-13", "", "In orbita."));
  r = index(db, {corpus.string()});
  CHECK(contains(r.err, "1 indexed, 0 skipped; 1 deleted, 2 files unchanged; 3 articles in"));
  CHECK(ids(db) == std::set<std::string>{"a", "b", "d"});

  // The searcher's view agrees: the old words are gone, the new ones found.
  Xapian::Database d(db.string());
  CHECK(d.get_termfreq("XP" + (corpus / "sub" / "c.md").string()) == 0);
  segugio::analysis::Analyzer analyzer;
  CHECK(d.get_termfreq("S" + analyzer.terms_of("sovrano")[0]) == 1);
  CHECK(d.get_termfreq("S" + analyzer.terms_of("europeo")[0]) == 0);
}

TEST_CASE("a path not named on this run is left alone") {
  TempDir dir;
  const auto db = dir.path() / "db";
  dir.write("uno/a.md", markdown("Primo", "2024-02-01", "", "Testo uno."));
  dir.write("due/b.md", markdown("Secondo", "2024-02-02", "", "Testo due."));
  dir.write("due/c.md", markdown("Terzo", "2024-02-03", "", "Testo tre."));
  REQUIRE(index(db, {(dir.path() / "uno").string(), (dir.path() / "due").string()}).exit_code == 0);
  REQUIRE(Xapian::Database(db.string()).get_doccount() == 3);

  std::filesystem::remove(dir.path() / "due" / "c.md");
  ProgramResult r = index(db, {(dir.path() / "uno").string()});
  CHECK(r.exit_code == 0);
  CHECK(Xapian::Database(db.string()).get_doccount() == 3);  // due/ not named: untouched

  // Two folders named: each one's ids begin with its name. Named alone, an
  // unchanged file keeps the id it has.
  r = index(db, {(dir.path() / "due").string()});
  CHECK(contains(r.err, "1 deleted"));
  CHECK(ids(db) == std::set<std::string>{"uno/a", "due/b"});

  // A file named on its own is a path too; a missing root deletes nothing.
  r = index(db, {(dir.path() / "due" / "b.md").string(), (dir.path() / "nessuno").string()});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.err, "nessuno"));
  CHECK(ids(db) == std::set<std::string>{"uno/a", "due/b"});
}

TEST_CASE("ids are stable across runs, rebuilds, job counts and shard counts") {
  TempDir dir;
  for (int i = 0; i < 30; ++i)
    dir.write("posts/2024/p" + std::to_string(i) + ".md",
              markdown("Articolo " + std::to_string(i), "2024-03-01", "", "Corpo del testo."));
  const std::string corpus = (dir.path() / "posts").string();
  REQUIRE(index(dir.path() / "a", {corpus}, {"-j1"}).exit_code == 0);
  const std::set<std::string> first = ids(dir.path() / "a");
  CHECK(first.size() == 30);
  CHECK(first.count("2024/p7") == 1);
  REQUIRE(index(dir.path() / "a", {corpus}, {"--full", "-j2"}).exit_code == 0);
  CHECK(ids(dir.path() / "a") == first);
  REQUIRE(index(dir.path() / "b", {corpus}, {"--shards", "3", "-j2"}).exit_code == 0);
  CHECK(ids(dir.path() / "b") == first);

  REQUIRE(index(dir.path() / "c", {corpus}, {"--id-prefix", "lh:"}).exit_code == 0);
  const std::set<std::string> prefixed = ids(dir.path() / "c");
  CHECK(prefixed.count("lh:2024/p7") == 1);
  CHECK(prefixed.size() == 30);
}

TEST_CASE("two articles with one URL are one document: the later date wins") {
  TempDir dir;
  const auto db = dir.path() / "db";
  const std::string url = "https://www.example.it/notizia-doppia";
  dir.write("a/vecchia.md", markdown("Prima versione", "2024-04-01", url, "Testo."));
  dir.write("a/nuova.md", markdown("Versione aggiornata", "2024-04-02", url + "/?utm_source=x",
                                   "Testo aggiornato."));
  dir.write("a/altra.md", markdown("Altra notizia", "2024-04-01", "https://example.it/altra",
                                   "Altro."));
  ProgramResult r = index(db, {(dir.path() / "a").string()});
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.err, "1 duplicate"));
  CHECK(ids(db) == std::set<std::string>{"altra", "nuova"});

  // A rerun that reads the older copy again still keeps the newer one.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  dir.write("a/vecchia.md", markdown("Prima versione, corretta", "2024-04-01", url, "Testo."));
  r = index(db, {(dir.path() / "a").string()});
  CHECK(contains(r.err, "1 duplicate"));
  CHECK(ids(db) == std::set<std::string>{"altra", "nuova"});

  // A newer copy arriving later replaces the stored one.
  dir.write("a/ultima.md", markdown("Ultima versione", "2024-04-05", url, "Testo finale."));
  r = index(db, {(dir.path() / "a").string()});
  CHECK(ids(db) == std::set<std::string>{"altra", "ultima"});
}

TEST_CASE("--dry-run reads and reports but writes nothing") {
  TempDir dir;
  dir.write("a/x.md", markdown("Uno", "2024-05-01", "", "Testo."));
  const auto db = dir.path() / "db";
  ProgramResult r = index(db, {(dir.path() / "a").string()}, {"--dry-run"});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.err, "1 indexed"));
  CHECK(contains(r.err, "dry run"));
  CHECK_FALSE(std::filesystem::exists(db));

  REQUIRE(index(db, {(dir.path() / "a").string()}).exit_code == 0);
  dir.write("a/y.md", markdown("Due", "2024-05-02", "", "Testo."));
  const auto before = std::filesystem::last_write_time(db / "iamglass");
  r = index(db, {(dir.path() / "a").string()}, {"--dry-run"});
  CHECK(contains(r.err, "1 indexed"));
  CHECK(std::filesystem::last_write_time(db / "iamglass") == before);
  CHECK(Xapian::Database(db.string()).get_doccount() == 1);
  CHECK(contains(index(db, {(dir.path() / "a").string()}).err, "1 indexed"));
}

TEST_CASE("bad usage exits 2 with a message, a foreign folder exits 1") {
  TempDir dir;
  dir.write("a/x.md", markdown("Uno", "2024-05-01", "", "Testo."));
  const std::string corpus = (dir.path() / "a").string();
  const std::string db = (dir.path() / "db").string();
  const struct {
    std::vector<std::string> args;
    std::string says;
  } cases[] = {
      {{corpus}, "--db"},
      {{"-d", db}, "PATH"},
      {{"-d", db, "--progress", "spesso", corpus}, "--progress"},
      {{"-d", db, "-q", "-v", corpus}, "--quiet"},
      {{"-d", db, "--shards", "500", corpus}, "--shards"},
      {{"-d", db, "--jobs", "molti", corpus}, "jobs"},
      {{"-d", db, "--compact", db + "/copia", corpus}, "--compact"},
      {{"-d", db, "--bogus", corpus}, "bogus"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.says);
    const ProgramResult r = run_index(c.args);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, c.says));
  }

  REQUIRE(index(db, {corpus}).exit_code == 0);
  ProgramResult r = index(db, {corpus}, {"--shards", "2"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "--full"));
  CHECK(index(db, {corpus}, {"--shards", "2", "--full"}).exit_code == 0);
  CHECK(Xapian::Database(db).size() == 2);
  CHECK(index(db, {corpus}, {"--shards", "2"}).exit_code == 0);
  CHECK(index(db, {corpus}).exit_code == 0);  // no --shards: the database's own

  dir.write("foto/gatto.jpg", "non un database");
  r = index(dir.path() / "foto", {corpus});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "foto"));
  CHECK(index(dir.path() / "db2", {(dir.path() / "manca").string()}).exit_code == 1);
}

TEST_CASE("a second writer fails at once with a message naming the database") {
  TempDir dir;
  dir.write("a/x.md", markdown("Uno", "2024-05-01", "", "Testo."));
  const auto db = dir.path() / "db";
  REQUIRE(index(db, {(dir.path() / "a").string()}).exit_code == 0);
  Xapian::WritableDatabase holder(db.string(), Xapian::DB_OPEN);
  for (const char* full : {"--quiet", "--full"}) {  // --full builds beside: the lock still holds
    CAPTURE(full);
    const ProgramResult r = index(db, {(dir.path() / "a").string()}, {full});
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, db.string()));
    CHECK(contains(r.err, "another segugio-index"));
  }
  CHECK_FALSE(std::filesystem::exists(dir.path() / ".db.segugio-rebuild"));
  CHECK(holder.get_doccount() == 1);
}

TEST_CASE("bad files are skipped, named and counted, and the run still succeeds") {
  TempDir dir;
  dir.write("a/buono.md", markdown("Buono", "2024-05-01", "", "Testo."));
  dir.write("a/binario.txt", std::string("\x00\x01\x02\xff\xfe binario", 14));
  dir.write("a/vuoto.md", "");
  const ProgramResult r = index(dir.path() / "db", {(dir.path() / "a").string()});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.err, "binario.txt"));
  CHECK(contains(r.err, "1 indexed, 2 skipped: 1 binary, 1 empty"));
  const ProgramResult quiet = index(dir.path() / "db", {(dir.path() / "a").string()}, {"-q"});
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.err.empty());

  // Many of one kind: five lines, then a count (all of them with -v).
  std::string lines;
  for (int i = 0; i < 8; ++i)
    lines += "{\"id\": \"r" + std::to_string(i) + "\", \"title\": \"Senza data " +
             std::to_string(i) + "\", \"text\": \"Testo.\"}\n";
  dir.write("b/agenzia.jsonl", lines);
  const ProgramResult some = index(dir.path() / "db2", {(dir.path() / "b").string()});
  CHECK(some.exit_code == 0);
  CHECK(contains(some.err, "agenzia.jsonl:5: no date"));
  CHECK_FALSE(contains(some.err, "agenzia.jsonl:6: no date"));
  CHECK(contains(some.err, "no date: 3 more not shown"));
  CHECK(contains(some.err, "8 indexed, 0 skipped"));
  const ProgramResult all = index(dir.path() / "db3", {(dir.path() / "b").string()}, {"-v"});
  CHECK(contains(all.err, "agenzia.jsonl:8: no date"));
}

TEST_CASE("a shard still as it was created does not make the database look foreign") {
  // Shards commit on their own: a kill can leave one with documents while the
  // first is still empty, with its schema but not yet its creator.
  TempDir dir;
  const std::filesystem::path db = dir.path() / "db";
  std::string folder;
  for (int i = 0; folder.empty(); ++i) {  // an article that lands in shard-01
    REQUIRE(i < 50);
    const std::string name = "c" + std::to_string(i);
    dir.write(name + "/solo" + std::to_string(i) + ".md", markdown("Uno", "2024-05-01", "", "Testo."));
    REQUIRE(index(db, {(dir.path() / name).string()}, {"--shards", "2", "--full"}).exit_code == 0);
    if (Xapian::Database((db / "shard-00").string()).get_doccount() == 0) folder = name;
  }
  {
    Xapian::WritableDatabase first((db / "shard-00").string(), Xapian::DB_OPEN);
    first.set_metadata(std::string(segugio::schema::kMetaCreator), "");
    first.commit();
  }
  dir.write(folder + "/altro.md", markdown("Due", "2024-05-02", "", "Altro testo."));
  const ProgramResult r = index(db, {(dir.path() / folder).string()});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(Xapian::Database(db.string()).get_doccount() == 2);
}

namespace {

// Each document as its id, URL and source path terms, and its stored title.
std::multiset<std::string> contents(const std::filesystem::path& db) {
  segugio::index::DocReader reader = segugio::index::DocReader::open(db);
  const Xapian::Database& d = reader.database();
  std::multiset<std::string> out;
  for (auto p = d.postlist_begin(""); p != d.postlist_end(""); ++p) {
    std::string line = reader.read(*p).title;
    for (auto t = d.termlist_begin(*p); t != d.termlist_end(*p); ++t)
      if ((*t)[0] == 'Q' || (*t).rfind("XU", 0) == 0 || (*t).rfind("XP", 0) == 0) line += " " + *t;
    out.insert(line);
  }
  return out;
}

}  // namespace

TEST_CASE("the same id in two files: the later file's article stays, however they are read") {
  TempDir dir;
  const auto db = dir.path() / "db";
  for (int f = 0; f < 8; ++f)
    dir.write("c/" + std::to_string(f) + ".jsonl",
              "{\"id\": \"uno\", \"title\": \"File " + std::to_string(f) +
                  "\", \"date\": \"2024-03-01\", \"text\": \"Testo.\"}\n");
  // Eight files read by two workers in parallel, five times over.
  for (int run = 0; run < 5; ++run) {
    REQUIRE(index(db, {(dir.path() / "c").string()}, {"--full", "-j2"}).exit_code == 0);
    CHECK(ids(db) == std::set<std::string>{"uno"});
    CHECK(title_of(db, "uno") == "File 7");
  }
}

TEST_CASE("a run that forgets what it did part-way ends like one that remembers it all") {
  // Past SEGUGIO_INDEX_REMEMBER_ARTICLES articles a run commits and reads the
  // shards instead of its memory (so memory stays bounded); 3 makes it forget
  // many times in the middle of duplicates, moved ids and deletions. (Not of
  // one id in two files: across a forget, the one read last stays.)
  TempDir dir;
  const auto corpus = dir.path() / "c";
  for (int i = 0; i < 30; ++i)  // pairs share a URL; the later date wins
    dir.write("c/" + std::to_string(i) + ".md",
              markdown("Articolo " + std::to_string(i), "2024-03-" + std::to_string(10 + i % 7),
                       "https://example.it/n" + std::to_string(i % 15), "Testo."));
  std::string lines;
  for (int r = 0; r < 12; ++r)  // each id twice: the later line stays
    lines += "{\"id\": \"r" + std::to_string(r % 6) + "\", \"title\": \"Riga " + std::to_string(r) +
             "\", \"date\": \"2024-03-01\", \"text\": \"Testo.\"}\n";
  dir.write("c/feed.jsonl", lines);

  const auto remembers = dir.path() / "remembers";
  const auto forgets = dir.path() / "forgets";
  const auto both = [&](const std::vector<std::string>& options) {
    REQUIRE(index(remembers, {corpus.string()}, options).exit_code == 0);
    setenv("SEGUGIO_INDEX_REMEMBER_ARTICLES", "3", 1);
    const ProgramResult r = index(forgets, {corpus.string()}, options);
    unsetenv("SEGUGIO_INDEX_REMEMBER_ARTICLES");
    REQUIRE(r.exit_code == 0);
    CHECK(contents(forgets) == contents(remembers));
  };
  for (const char* shards : {"1", "2"}) {
    CAPTURE(shards);
    both({"--full", "--shards", shards});
    CHECK(contents(remembers).size() == 15 + 6);
    // Workers finish lines out of order: still the later line of each id stays.
    for (int r = 0; r < 6; ++r)
      CHECK(title_of(remembers, "r" + std::to_string(r)) == "Riga " + std::to_string(r + 6));
    // A later run: a file gone, a URL's newer copy, ids moving between files.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::filesystem::remove(corpus / "3.md");
    dir.write("c/40.md", markdown("Più recente", "2024-04-01", "https://example.it/n4", "Nuovo."));
    dir.write("c/feed.jsonl", "{\"id\": \"r1\", \"title\": \"Sola\", \"date\": \"2024-03-02\", "
                              "\"text\": \"Testo.\"}\n");
    dir.write("c/altro.jsonl", "{\"id\": \"r2\", \"title\": \"Spostata\", \"date\": "
                               "\"2024-03-02\", \"text\": \"Testo.\"}\n");
    both({});
    CHECK(contents(remembers).size() == 15 + 2);
    std::filesystem::remove(corpus / "40.md");
    std::filesystem::remove(corpus / "altro.jsonl");
    dir.write("c/feed.jsonl", lines);
    dir.write("c/3.md", markdown("Articolo 3", "2024-03-13", "https://example.it/n3", "Testo."));
  }
}
