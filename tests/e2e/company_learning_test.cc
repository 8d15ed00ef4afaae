// Collection-level learning (issue 16): a company the gazetteer does not know,
// confirmed by a cue in one article of a folder, is a company of the other
// articles that name it, run after run. The company names are made up.
#include <doctest/doctest.h>

#include <xapian.h>

#include <algorithm>
#include <string>
#include <vector>

#include "run_program.h"
#include "segugio/index/doc_reader.h"
#include "segugio/index/schema.h"
#include "temp_dir.h"

using segugio::testing::ProgramResult;
using segugio::testing::run_index;
using segugio::testing::run_search;
using segugio::testing::TempDir;
namespace schema = segugio::schema;

namespace {

std::string markdown(const std::string& title, const std::string& body) {
  return "---\ntitle: \"" + title + "\"\ndate: 2024-03-01\n---\n" + body + "\n";
}

void index(const std::filesystem::path& db, const std::filesystem::path& corpus) {
  const ProgramResult r = run_index({"-q", "-d", db.string(), corpus.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

struct Facet {
  std::vector<std::string> stored;  // the companies the searcher shows
  std::vector<std::string> slots;   // the companies facet counts see
  bool filter = false;              // `--company velotrama` finds it
  bool learned = false;             // known from the collection, not from a cue here
};

Facet facet_of(const std::filesystem::path& db, const std::string& id,
               const std::string& company) {
  segugio::index::DocReader reader = segugio::index::DocReader::open(db);
  const Xapian::Database& d = reader.database();
  const std::string term = schema::boolean_term(schema::kId, id);
  auto p = d.postlist_begin(term);
  REQUIRE(p != d.postlist_end(term));
  Facet f;
  f.stored = reader.read(*p).companies;
  const Xapian::Document doc = d.get_document(*p);
  for (unsigned i = 0; i < schema::kMaxCompanySlots; ++i)
    if (std::string v = doc.get_value(schema::kSlotCompanyFirst + i); !v.empty())
      f.slots.push_back(v);
  const auto has_term = [&](const std::string& t) {
    auto it = doc.termlist_begin();
    it.skip_to(t);
    return it != doc.termlist_end() && *it == t;
  };
  f.filter = has_term(schema::boolean_term(schema::kCompany, company));
  f.learned = has_term(schema::boolean_term(schema::kCompanyLearned, company));
  return f;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST_CASE("a company unknown to the gazetteer, confirmed in one article, is found in another") {
  TempDir dir;
  const auto corpus = dir.path() / "articoli";
  const auto db = dir.path() / "db";
  dir.write("articoli/annuncio.md",
            markdown("Biciclette elettriche in città",
                     "La startup torinese Velotrama ha raccolto due milioni di euro per portare "
                     "le sue biciclette in venti città italiane."));
  dir.write("articoli/milano.md",
            markdown("Mobilità condivisa a Milano",
                     "Dal mese prossimo il centro avrà le biciclette di Velotrama in ogni "
                     "quartiere. Il servizio parte a marzo."));
  dir.write("articoli/altro.md",
            markdown("Piste ciclabili", "Le piste ciclabili crescono del dieci per cento."));
  index(db, corpus);

  // The article with the cue names it as before, not as learned.
  const Facet cued = facet_of(db, "annuncio", "velotrama");
  CHECK(contains(cued.stored, "Velotrama"));
  CHECK(cued.filter);
  CHECK_FALSE(cued.learned);
  // The article without a cue has it too, everywhere a company lives, marked
  // as learned (less confidence).
  const Facet other = facet_of(db, "milano", "velotrama");
  CHECK(contains(other.stored, "Velotrama"));
  CHECK(contains(other.slots, "Velotrama"));
  CHECK(other.filter);
  CHECK(other.learned);
  CHECK_FALSE(facet_of(db, "altro", "velotrama").filter);

  SUBCASE("an article added by a later run learns it too") {
    dir.write("articoli/bologna.md",
              markdown("Biciclette a Bologna", "Anche a Bologna arrivano i mezzi di Velotrama."));
    index(db, corpus);
    CHECK(facet_of(db, "bologna", "velotrama").learned);
    CHECK(contains(facet_of(db, "bologna", "velotrama").stored, "Velotrama"));
  }
  SUBCASE("without the confirming article, the others forget it") {
    std::filesystem::remove(corpus / "annuncio.md");
    index(db, corpus);
    const Facet forgotten = facet_of(db, "milano", "velotrama");
    CHECK_FALSE(contains(forgotten.stored, "Velotrama"));
    CHECK_FALSE(contains(forgotten.slots, "Velotrama"));
    CHECK_FALSE(forgotten.filter);
    CHECK_FALSE(forgotten.learned);
  }
}

// Learning rewrites the documents of a shard while reading others from the
// same shard; with a commit after every document the revision it read from is
// soon discarded. The run must read again, not fail, and give every article
// the name with its positions intact.
TEST_CASE("learning a name across many articles survives a commit after every document") {
  TempDir dir;
  const auto corpus = dir.path() / "articoli";
  const auto db = dir.path() / "db";
  constexpr int kCued = 10;
  constexpr int kUncued = 90;
  for (int i = 0; i < kCued; ++i)
    dir.write("articoli/annuncio" + std::to_string(i) + ".md",
              markdown("Annuncio " + std::to_string(i),
                       "La startup torinese Velotrama ha aperto la sede numero " +
                           std::to_string(i) + "."));
  for (int i = 0; i < kUncued; ++i)
    dir.write("articoli/citta" + std::to_string(i) + ".md",
              markdown("Biciclette nella città " + std::to_string(i),
                       "Arrivano le biciclette di Velotrama nel quartiere " + std::to_string(i) +
                           ", dal mese prossimo."));
  setenv("SEGUGIO_INDEX_BATCH_DOCUMENTS", "1", 1);
  const ProgramResult r = run_index({"-d", db.string(), "--shards", "1", corpus.string()});
  unsetenv("SEGUGIO_INDEX_BATCH_DOCUMENTS");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  for (int i = 0; i < kUncued; i += 9) {
    const Facet f = facet_of(db, "citta" + std::to_string(i), "velotrama");
    CHECK(f.learned);
    CHECK(contains(f.stored, "Velotrama"));
  }
  // The rewritten articles keep their words' positions (phrase searches).
  const ProgramResult phrase =
      run_search({"-d", db.string(), "--format", "json", "\"nel quartiere 45\""});
  INFO(phrase.err);
  CHECK(phrase.exit_code == 0);
  CHECK(phrase.out.find("\"citta45\"") != std::string::npos);
}
