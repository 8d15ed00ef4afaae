// Ranking on a small database written in-test: an article that names its
// subject in its opening lines ranks above one that names it in passing.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "search_fixture.h"
#include "segugio/search/searcher.h"
#include "temp_dir.h"

namespace search = segugio::search;
using segugio::testing::FixtureArticle;
using segugio::testing::TempDir;

namespace {

FixtureArticle article(const std::string& id, const std::string& body) {
  return segugio::testing::plain_article(id, "Notizie dal territorio", body,
                                         segugio::Date{2024, 5, 2});
}

}  // namespace

// Regression: with no lead, the article about the solar panels and the one
// that mentions them once near its end weighed the same (same words, same
// length), and the passing mention could come first.
TEST_CASE("an article that names the subject in its opening ranks above a passing mention") {
  const std::string school =
      "La scuola elementare apre la nuova mensa, con cucina interna e menu stagionali scelti "
      "dai genitori. Le lezioni riprendono lunedì dopo i lavori estivi nelle aule. ";
  const std::string square =
      "Il mercato del sabato torna nella piazza centrale, con banchi di frutta, formaggi e "
      "fiori delle aziende agricole della valle. I parcheggi restano aperti. ";
  TempDir dir;
  const auto db = dir.path() / "db";
  std::vector<FixtureArticle> articles;
  // Written first and first by id, so a tie in score would put it first.
  articles.push_back(article("a-cenno", school + square + "Sul tetto anche pannelli fotovoltaici."));
  articles.push_back(article("b-apertura", "Pannelli fotovoltaici sul tetto anche. " + school + square));
  for (int i = 0; i < 8; ++i)
    articles.push_back(article("altro-" + std::to_string(i), i % 2 ? school : square));
  segugio::testing::write_database(db, articles);

  search::Searcher searcher(db);
  search::SearchOptions o;
  o.query = "pannelli fotovoltaici";
  o.today = segugio::testing::kFixtureToday;
  const auto r = searcher.search(o);
  REQUIRE(r.hits.size() == 2);
  CHECK(r.hits[0].id == "b-apertura");
  CHECK(r.hits[1].id == "a-cenno");
}
