// What segugio-index leaves on disk: shards behind a stub that open as one
// database, a compacted single file that searches, stored articles that read
// back through DocReader, and a database xapian-check accepts.
#include <doctest/doctest.h>

#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <string>

#include "run_program.h"
#include "segugio/analysis/analyzer.h"
#include "segugio/index/doc_reader.h"
#include "segugio/index/shard_layout.h"
#include "temp_dir.h"

using segugio::testing::ProgramResult;
using segugio::testing::run_index;
using segugio::testing::run_program;
using segugio::testing::run_search;
using segugio::testing::TempDir;

namespace {

// 150 short articles on a few themes, with dates, tags and URLs: enough for a
// trained dictionary (at least 100 records, 100 KB).
void write_corpus(const TempDir& dir) {
  const char* themes[][2] = {
      {"Fibra ottica nelle città", "La rete in fibra arriva nei quartieri con nuovi cantieri."},
      {"Intelligenza artificiale in banca", "Gli algoritmi valutano il credito delle imprese."},
      {"Semiconduttori europei", "Una nuova fabbrica di chip apre vicino a Catania."},
      {"Sicurezza informatica negli ospedali", "Un attacco ransomware blocca i servizi."},
      {"Auto elettriche e colonnine", "Le colonnine di ricarica raddoppiano in autostrada."},
  };
  for (int i = 0; i < 150; ++i) {
    const auto& t = themes[i % 5];
    std::string body;
    for (int p = 0; p < 8; ++p)
      body += std::string(t[1]) + " Il paragrafo " + std::to_string(p) + " dell'articolo " +
              std::to_string(i) + " racconta i dettagli, le cifre e le opinioni degli esperti.\n\n";
    const std::string day = std::to_string(10 + i % 18);
    dir.write("corpus/" + std::to_string(i) + ".md",
              "---\ntitle: \"" + std::string(t[0]) + " " + std::to_string(i) +
                  "\"\ndate: 2024-06-" + day + "\nurl: https://example.it/n/" + std::to_string(i) +
                  "\ntags:\n  - tecnologia\n---\n" + body);
  }
}

std::set<std::string> ids(const Xapian::Database& d) {
  std::set<std::string> out;
  for (auto t = d.allterms_begin("Q"); t != d.allterms_end("Q"); ++t) out.insert((*t).substr(1));
  return out;
}

// How many documents the spelling table counts for `word` (0 if absent).
Xapian::doccount spelling_frequency(const Xapian::Database& d, const std::string& word) {
  auto w = d.spellings_begin();
  w.skip_to(word);
  return w != d.spellings_end() && *w == word ? w.get_termfreq() : 0;
}

// The ids of the documents matching `word` (through the Italian analyser).
std::set<std::string> search(const Xapian::Database& d, const std::string& word) {
  segugio::analysis::Analyzer analyzer;
  const std::vector<std::string> terms = analyzer.terms_of(word);
  Xapian::Enquire enquire(d);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
  std::set<std::string> out;
  const Xapian::MSet m = enquire.get_mset(0, d.get_doccount());
  for (auto it = m.begin(); it != m.end(); ++it)
    out.insert(it.get_document().get_value(40));  // the id slot
  return out;
}

// Reads every document's stored article; returns the ids read.
std::set<std::string> read_all(segugio::index::DocReader& reader) {
  std::set<std::string> out;
  const Xapian::Database& d = reader.database();
  for (auto p = d.postlist_begin(""); p != d.postlist_end(""); ++p) {
    const segugio::index::StoredArticle a = reader.read(*p);
    CHECK_FALSE(a.title.empty());
    CHECK(a.text.find("paragrafo") != std::string::npos);
    out.insert(a.id);
  }
  return out;
}

}  // namespace

TEST_CASE("shards open through their stub as the same documents as one database") {
  TempDir dir;
  write_corpus(dir);
  const auto one = dir.path() / "uno";
  const auto three = dir.path() / "tre";
  REQUIRE(run_index({"-d", one.string(), (dir.path() / "corpus").string()}).exit_code == 0);
  const ProgramResult r =
      run_index({"-d", three.string(), "--shards", "3", (dir.path() / "corpus").string()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);

  CHECK(segugio::testing::read_file(three / "XAPIANDB") ==
        "auto shard-00\nauto shard-01\nauto shard-02\n");
  const Xapian::Database a(one.string()), b(three.string());
  CHECK(b.size() == 3);
  CHECK(a.get_doccount() == 150);
  CHECK(b.get_doccount() == 150);
  CHECK(ids(a) == ids(b));
  for (const char* word : {"fibra", "ransomware", "colonnine", "Catania"}) {
    CAPTURE(word);
    CHECK(search(a, word).size() == 30);
    CHECK(search(a, word) == search(b, word));
  }
  // Every shard holds some of them, and each passes xapian-check.
  for (unsigned s = 0; s < 3; ++s) {
    const auto shard = three / segugio::index::shard_folder_name(s);
    CHECK(Xapian::Database(shard.string()).get_doccount() > 20);
    CHECK(run_program("/usr/bin/xapian-check", {shard.string()}).exit_code == 0);
  }
  CHECK(run_program("/usr/bin/xapian-check", {one.string()}).exit_code == 0);

  segugio::index::DocReader ra = segugio::index::DocReader::open(one);
  segugio::index::DocReader rb = segugio::index::DocReader::open(three);
  CHECK(rb.shards().size() == 3);
  CHECK(read_all(ra) == ids(a));
  CHECK(read_all(rb) == ids(b));
  CHECK_FALSE(Xapian::Database(one.string()).get_metadata("segugio:schema").empty());
  CHECK(b.get_metadata("segugio:schema") == "1");  // first shard answers for the whole
}

TEST_CASE("--compact writes a single file that searches, and the database stays writable") {
  TempDir dir;
  write_corpus(dir);
  const auto db = dir.path() / "db";
  const auto copy = dir.path() / "copia.glass";
  for (const char* shards : {"1", "2"}) {
    CAPTURE(shards);
    const ProgramResult r = run_index({"-d", db.string(), "--full", "--shards", shards,
                                       "--compact", copy.string(),
                                       (dir.path() / "corpus").string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    REQUIRE(std::filesystem::is_regular_file(copy));
    const Xapian::Database c(copy.string());
    CHECK(c.get_doccount() == 150);
    CHECK(search(c, "semiconduttori").size() == 30);
    CHECK(search(c, "fibra") == search(Xapian::Database(db.string()), "fibra"));
    segugio::index::DocReader reader = segugio::index::DocReader::open(copy);
    CHECK(read_all(reader).size() == 150);
    CHECK_THROWS(Xapian::WritableDatabase(copy.string(), Xapian::DB_OPEN));
    // Searching needs no termlists: the copy leaves them out, the database keeps them.
    CHECK_THROWS_AS(c.termlist_begin(1), const Xapian::Error&);
    CHECK(Xapian::Database(db.string()).termlist_begin(1) !=
          Xapian::Database(db.string()).termlist_end(1));
    std::vector<std::string> left;
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
      left.push_back(e.path().filename().string());
    std::sort(left.begin(), left.end());
    CHECK(left == std::vector<std::string>{"copia.glass", "corpus", "db"});
    // "More like this" reads the stored text: the copy answers as the database does.
    const std::string id = *ids(c).begin();
    const ProgramResult like = run_search({"-d", copy.string(), "--like", id, "--format", "trec"});
    REQUIRE_MESSAGE(like.exit_code == 0, like.err);
    CHECK(std::count(like.out.begin(), like.out.end(), '\n') > 20);
    CHECK(like.out == run_search({"-d", db.string(), "--like", id, "--format", "trec"}).out);
  }
  dir.write("corpus/nuovo.md", "---\ntitle: \"Un articolo in più\"\n---\nTesto.\n");
  const ProgramResult r = run_index({"-d", db.string(), (dir.path() / "corpus").string()});
  CHECK(r.exit_code == 0);
  CHECK(Xapian::Database(db.string()).get_doccount() == 151);
  // The copy is read-only: indexing into it is refused with a message naming it.
  for (const char* full : {"--quiet", "--full"}) {
    const ProgramResult into = run_index({"-d", copy.string(), full, (dir.path() / "corpus").string()});
    CHECK(into.exit_code == 1);
    CHECK_MESSAGE(into.err.find(copy.string() + ": a compacted copy, which is read-only") !=
                      std::string::npos,
                  into.err);
  }
  CHECK(Xapian::Database(copy.string()).get_doccount() == 150);
}

TEST_CASE("stored data is compressed with a dictionary kept in every shard") {
  TempDir dir;
  write_corpus(dir);
  const auto db = dir.path() / "db";
  REQUIRE(run_index({"-d", db.string(), "--shards", "2", (dir.path() / "corpus").string()})
              .exit_code == 0);
  std::string dict_key;
  for (unsigned s = 0; s < 2; ++s) {
    const Xapian::Database shard((db / segugio::index::shard_folder_name(s)).string());
    auto k = shard.metadata_keys_begin("segugio:dict:");
    REQUIRE(k != shard.metadata_keys_end("segugio:dict:"));
    if (s == 0) dict_key = *k;
    CHECK(*k == dict_key);
    CHECK(shard.get_metadata(*k).size() > 1000);
    const std::string data = shard.get_document(1).get_data();
    CHECK(static_cast<unsigned char>(data[0]) == segugio::index::kDataDictZstd);
  }
  // A later run reuses the dictionary rather than training another.
  dir.write("corpus/altro.md", "---\ntitle: \"Altro\"\n---\nTesto.\n");
  REQUIRE(run_index({"-d", db.string(), (dir.path() / "corpus").string()}).exit_code == 0);
  const Xapian::Database shard0((db / "shard-00").string());
  int dictionaries = 0;
  for (auto k = shard0.metadata_keys_begin("segugio:dict:");
       k != shard0.metadata_keys_end("segugio:dict:"); ++k)
    ++dictionaries;
  CHECK(dictionaries == 1);

  // A tiny database: plain zstd, no dictionary.
  dir.write("poco/a.md", "---\ntitle: \"Solo\"\n---\nTesto breve.\n");
  const auto small = dir.path() / "piccolo";
  REQUIRE(run_index({"-d", small.string(), (dir.path() / "poco").string()}).exit_code == 0);
  const Xapian::Database s(small.string());
  CHECK(s.metadata_keys_begin("segugio:dict:") == s.metadata_keys_end("segugio:dict:"));
  CHECK(static_cast<unsigned char>(s.get_document(1).get_data()[0]) ==
        segugio::index::kDataPlainZstd);
  CHECK(segugio::index::DocReader::open(small).read(1).title == "Solo");
}

TEST_CASE("metadata: schema, creator, update time, spelling for Forse cercavi") {
  TempDir dir;
  write_corpus(dir);
  const auto db = dir.path() / "db";
  REQUIRE(run_index({"-d", db.string(), (dir.path() / "corpus").string()}).exit_code == 0);
  const Xapian::Database d(db.string());
  CHECK(d.get_metadata("segugio:schema") == "1");
  CHECK(d.get_metadata("segugio:creator").rfind("segugio ", 0) == 0);
  CHECK(d.get_metadata("segugio:updated").size() == 20);  // 2024-06-10T10:00:00Z
  CHECK(d.get_spelling_suggestion("semiconduttor") == "semiconduttori");
  CHECK(d.get_spelling_suggestion("inteligenza") == "intelligenza");

  // Delete the articles with "semiconduttori" in the title: the word leaves the
  // spelling table with them.
  for (int i = 2; i < 150; i += 5)
    std::filesystem::remove(dir.path() / "corpus" / (std::to_string(i) + ".md"));
  REQUIRE(run_index({"-d", db.string(), (dir.path() / "corpus").string()}).exit_code == 0);
  const Xapian::Database after(db.string());
  CHECK(after.get_doccount() == 120);
  CHECK(spelling_frequency(after, "semiconduttori") == 0);
  CHECK(spelling_frequency(after, "fibra") == 30);
}

TEST_CASE("spelling changes a killed run committed but never applied are applied by the next") {
  TempDir dir;
  write_corpus(dir);
  const auto db = dir.path() / "db";
  const std::string corpus = (dir.path() / "corpus").string();
  // Batches of 7 documents: 22 commits, so the spelling table is updated
  // twice in the run and at its end; the counts come out exact.
  setenv("SEGUGIO_INDEX_BATCH_DOCUMENTS", "7", 1);
  const ProgramResult r = run_index({"-d", db.string(), corpus});
  unsetenv("SEGUGIO_INDEX_BATCH_DOCUMENTS");
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const auto frequency = [&db](const std::string& word) {
    return spelling_frequency(Xapian::Database(db.string()), word);
  };
  CHECK(frequency("fibra") == 30);
  CHECK(Xapian::Database(db.string()).get_metadata("segugio:spelling-pending").empty());
  {
    // What a run killed between two spelling updates leaves behind.
    Xapian::WritableDatabase w(db.string(), Xapian::DB_OPEN);
    w.set_metadata("segugio:spelling-pending", "fibra\t-2\nzanzariera\t3\n");
    w.commit();
  }
  REQUIRE(run_index({"-d", db.string(), corpus}).exit_code == 0);
  CHECK(frequency("fibra") == 28);
  CHECK(frequency("zanzariera") == 3);
  CHECK(Xapian::Database(db.string()).get_metadata("segugio:spelling-pending").empty());
}
