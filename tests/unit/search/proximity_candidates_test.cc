// Proximity pairs weighed on the best candidates only (docs/search.md,
// "Proximity on the best candidates"): the page must be the one weighing
// them on every match gives, hit for hit and score for score, whether the
// candidates settle it or the search falls back to one pass.
#include <doctest/doctest.h>

#include <limits>
#include <string>
#include <vector>

#include "search_fixture.h"
#include "segugio/search/searcher.h"
#include "temp_dir.h"

namespace search = segugio::search;
using segugio::testing::FixtureArticle;
using segugio::testing::TempDir;

namespace {

// 700 articles: `docker` and `ubuntu` side by side in a few, far apart in
// many (of every length, so their weights spread), alone in others, each in
// a sixth of the articles.
struct Corpus {
  TempDir dir;
  std::filesystem::path db = dir.path() / "db";
  Corpus() {
    std::vector<FixtureArticle> articles;
    const auto add = [&](const std::string& id, const std::string& body) {
      articles.push_back(segugio::testing::plain_article(id, "Nota " + id, body,
                                                         segugio::Date{2024, 3, 1}, {}));
    };
    std::string filler;
    for (int i = 0; i < 70; ++i) {
      filler += " il server della redazione resta acceso";
      add("lontani-" + std::to_string(i),
          "Si installa docker." + filler + ". Poi si aggiorna ubuntu.");
    }
    for (int i = 0; i < 6; ++i)
      add("vicini-" + std::to_string(i),
          "Guida: docker su ubuntu in pochi passi." + filler.substr(0, 40 * (i + 1)));
    // Forty of the same weight: a page among them cannot be settled by the
    // candidates, and the search weighs every match again.
    for (int i = 0; i < 40; ++i)
      add("uguali-" + std::to_string(i), "Si installa docker. Poi, a parte, si aggiorna ubuntu.");
    for (int i = 0; i < 30; ++i) add("solo-docker-" + std::to_string(i), "Un container docker.");
    for (int i = 0; i < 30; ++i) add("solo-ubuntu-" + std::to_string(i), "Rilasciata ubuntu.");
    // Pairs of words in over a quarter of the articles are not made.
    for (int i = 0; i < 24; ++i) add("stampa-" + std::to_string(i), "Una stampante in ufficio.");
    for (int i = 0; i < 500; ++i) add("altro-" + std::to_string(i), "Piove sul tetto del museo.");
    segugio::testing::write_database(db, articles);
  }
};

Corpus& corpus() {
  static Corpus c;
  return c;
}

search::SearchOptions options(const std::string& query, bool two_passes, unsigned candidates) {
  search::SearchOptions o;
  o.query = query;
  o.today = segugio::testing::kFixtureToday;
  o.articles = false;
  o.spelling = false;
  o.ranking.proximity_candidates = candidates;
  o.ranking.proximity_rescore_min = two_passes ? 0 : std::numeric_limits<unsigned>::max();
  return o;
}

void check_same_page(search::Searcher& s, search::SearchOptions two, search::SearchOptions one) {
  const search::SearchResult a = s.search(two);
  const search::SearchResult b = s.search(one);
  CHECK(a.total == b.total);
  CHECK(a.total_exact == b.total_exact);
  REQUIRE(a.hits.size() == b.hits.size());
  for (std::size_t i = 0; i < a.hits.size(); ++i) {
    CAPTURE(i);
    CHECK(a.hits[i].id == b.hits[i].id);
    CHECK(a.hits[i].score == doctest::Approx(b.hits[i].score).epsilon(1e-12));
  }
}

}  // namespace

TEST_CASE("proximity weighed on candidates gives the page of weighing it on every match") {
  search::Searcher s(corpus().db);
  for (const std::string query : {"installa docker su ubuntu", "docker ubuntu", "ubuntu docker"}) {
    CAPTURE(query);
    for (const unsigned candidates : {100u, 40u, 12u}) {
      CAPTURE(candidates);
      auto two = options(query, true, candidates);
      auto one = options(query, false, candidates);
      check_same_page(s, two, one);
      two.limit = one.limit = 2;
      two.offset = one.offset = 1;
      check_same_page(s, two, one);
      two.limit = one.limit = 3;
      two.offset = one.offset = 7;
      check_same_page(s, two, one);
      // Facets are counted over every match in both.
      two.facets = one.facets = true;
      check_same_page(s, two, one);
    }
  }
}

TEST_CASE("a page past the matches is empty in two passes too") {
  search::Searcher s(corpus().db);
  auto o = options("stampante ufficio", true, 200);
  o.offset = 30;
  o.limit = 5;
  const search::SearchResult r = s.search(o);
  CHECK(r.hits.empty());
  CHECK(r.total == 24);
}
