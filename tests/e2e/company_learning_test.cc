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
