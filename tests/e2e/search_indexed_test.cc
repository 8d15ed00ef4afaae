// segugio-search on a database written by segugio-index: the two programs agree
// on the schema (filter terms, value slots, stored records, spelling words).
#include <doctest/doctest.h>

#include <string>

#include "run_program.h"
#include "temp_dir.h"

using segugio::testing::run_index;
using segugio::testing::run_search;
using segugio::testing::TempDir;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("segugio-search reads what segugio-index writes") {
  TempDir dir;
  // Articles written for this test.
  dir.write("articoli/microsoft-cloud.md",
            "---\n"
            "title: \"Microsoft apre una regione cloud a Milano\"\n"
            "description: \"Il colosso di Redmond investe nei data center italiani.\"\n"
            "date: 2024-02-05\n"
            "author: Marco Rossi\n"
            "tags: [cloud, data center]\n"
            "source: Tecno Giornale\n"
            "---\n\n"
            "Microsoft annuncia tre data center in Lombardia. I servizi cloud di Azure saranno "
            "disponibili per le imprese italiane entro l'anno, con nuove offerte per la pubblica "
            "amministrazione.\n");
  dir.write("articoli/scuola-ia.md",
            "---\n"
            "title: \"L'intelligenza artificiale entra a scuola\"\n"
            "description: \"Un progetto porta l'intelligenza artificiale nelle classi.\"\n"
            "date: 2024-03-01\n"
            "author: Anna Bianchi\n"
            "tags: [scuola]\n"
            "---\n\n"
            "Gli studenti imparano a usare l'intelligenza artificiale con spirito critico. Gli "
            "insegnanti seguono un corso di formazione sull'apprendimento automatico.\n");
  const std::string db = (dir.path() / "db").string();
  const auto indexed = run_index({"-d", db, (dir.path() / "articoli").string()});
  REQUIRE_MESSAGE(indexed.exit_code == 0, indexed.err);

  auto r = run_search({"-d", db, "--company", "Microsoft", "--no-facets"});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Microsoft apre una regione cloud a Milano"));
  CHECK_FALSE(contains(r.out, "scuola"));

  r = run_search({"-d", db, "autore:\"anna bianchi\" data:2024-03"});
  CHECK(contains(r.out, "1 risultato"));
  CHECK(contains(r.out, "L'intelligenza artificiale entra a scuola"));

  r = run_search({"-d", db, "dell'intelligenza"});
  CHECK(contains(r.out, "l'[intelligenza]"));

  r = run_search({"-d", db, "intelligensa"});
  CHECK(contains(r.out, "Forse cercavi: intelligenza"));

  r = run_search({"-d", db, "--info"});
  CHECK(contains(r.out, "Articoli:     2"));
}

TEST_CASE("--collapse folds the same story indexed twice into one hit") {
  // Regression: the indexer wrote no near-duplicate key, so --collapse only
  // printed a notice on databases made by segugio-index.
  TempDir dir;
  dir.write("articoli/agenzia/nvidia.txt",
            "Nvidia supera Apple in Borsa\n\nIl produttore di chip vale più di tutti.\n");
  dir.write("articoli/giornale/nvidia.txt",
            "NVIDIA supera Apple in borsa!\n\nIl produttore di chip diventa il più grande.\n");
  dir.write("articoli/altro.txt", "Apple presenta un nuovo iPhone\n\nLe vendite in Borsa.\n");
  const std::string db = (dir.path() / "db").string();
  const auto indexed = run_index({"-q", "-d", db, (dir.path() / "articoli").string()});
  REQUIRE_MESSAGE(indexed.exit_code == 0, indexed.err);
  const auto plain = run_search({"-d", db, "--no-facets", "apple borsa"});
  const auto folded = run_search({"-d", db, "--no-facets", "--collapse", "apple borsa"});
  CHECK(contains(plain.out, "3 risultati"));
  CHECK_FALSE(contains(plain.out, "simili"));
  CHECK(contains(folded.out, "+1 simili"));
  CHECK(contains(folded.out, "Apple presenta un nuovo iPhone"));
}
