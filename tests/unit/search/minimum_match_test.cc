// The articles that match a free-text query "well enough" (docs/search.md,
// "Minimum match"): what a date sort lists and what facets count, against the
// OR tail that relevance ranking keeps. Informative words by rarity, and the
// any_bonus bonus over those only.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "search_fixture.h"
#include "segugio/analysis/analyzer.h"
#include "segugio/facets/company_gazetteer.h"
#include "segugio/facets/topic_taxonomy.h"
#include "segugio/search/query_builder.h"
#include "segugio/search/searcher.h"
#include "temp_dir.h"

namespace search = segugio::search;
using segugio::testing::FixtureArticle;
using segugio::testing::TempDir;

namespace {

FixtureArticle article(const std::string& id, int day, const std::string& body,
                       std::vector<std::string> companies = {}) {
  return segugio::testing::plain_article(id, "Notizia " + id, body, segugio::Date{2024, 3, day},
                                         std::move(companies));
}

// 32 articles: `rilascio` in 9 (over a tenth: not informative), `browser` in
// 3 and `estensioni` in 2. The newest ones say only `rilascio`.
struct Corpus {
  TempDir dir;
  std::filesystem::path db = dir.path() / "db";
  Corpus() {
    std::vector<FixtureArticle> articles;
    for (int i = 0; i < 8; ++i)
      articles.push_back(article("solo-rilascio-" + std::to_string(i), 20 - i,
                                 "Il rilascio del nuovo gestionale contabile.", {"Acme"}));
    articles.push_back(article("browser-rilascio", 5,
                               "Il rilascio del browser porta nuove estensioni.", {"Volpe"}));
    articles.push_back(article("browser-estensioni", 4, "Le estensioni del browser.", {"Volpe"}));
    articles.push_back(article("solo-browser", 3, "Un browser leggero."));
    for (int i = 0; i < 20; ++i)
      articles.push_back(article("altro-" + std::to_string(i), 1, "Una stampante in ufficio."));
    segugio::testing::write_database(db, articles);
  }
};

Corpus& corpus() {
  static Corpus c;
  return c;
}

search::SearchOptions options(const std::string& query) {
  search::SearchOptions o;
  o.query = query;
  o.limit = 100;
  o.today = segugio::testing::kFixtureToday;
  return o;
}

std::set<std::string> ids(const search::SearchResult& r) {
  std::set<std::string> out;
  for (const search::Hit& h : r.hits) out.insert(h.id);
  return out;
}

}  // namespace

// Regression: `aggiornamento firefox --sort date` listed the newest posts
// that said only `aggiornamento`.
TEST_CASE("a date sort lists the articles holding the informative words, not the OR tail") {
  search::Searcher s(corpus().db);
  auto o = options("rilascio browser");
  CHECK(ids(s.search(o)).size() == 11);  // relevance keeps the tail
  o.sort = search::SortOrder::date;
  CHECK(ids(s.search(o)) == std::set<std::string>{"browser-rilascio", "browser-estensioni",
                                                  "solo-browser"});
  // Two informative words: both.
  o.query = "browser estensioni rilascio";
  CHECK(ids(s.search(o)) == std::set<std::string>{"browser-rilascio", "browser-estensioni"});
  // An explicit OR is taken at its word.
  o.query = "rilascio OR browser";
  CHECK(ids(s.search(o)).size() == 11);
}

TEST_CASE("facets count the well-matched articles while relevance keeps the tail") {
  search::Searcher s(corpus().db);
  auto o = options("rilascio browser");
  o.facet_sample = 0;
  const auto r = s.search(o);
  CHECK(r.total == 11);
  REQUIRE(r.facets.counted);
  std::set<std::string> companies;
  for (const auto& c : r.facets.companies) companies.insert(c.value);
  CHECK(companies.count("Acme") == 0);
  Xapian::doccount months = 0;
  for (const auto& m : r.facets.months) months += m.count;
  CHECK(months == 3);
}

TEST_CASE("the every-word bonus asks for the informative words only") {
  Xapian::Database db(corpus().db.string());
  segugio::analysis::Analyzer analyzer;
  const auto& synonyms = search::SynonymTable::builtin();
  const auto& companies = segugio::facets::CompanyGazetteer::builtin();
  const auto& topics = segugio::facets::TopicTaxonomy::builtin();
  search::RankingOptions ranking;
  ranking.title_weight = 0;
  ranking.proximity = false;
  ranking.coarse_weight = 0;
  search::QueryBuilder builder(db, analyzer, synonyms, companies, topics, ranking,
                               segugio::testing::kFixtureToday);
  const auto built = builder.build(search::parse_query("rilascio browser estensioni"));
  REQUIRE(built.bonuses.size() == 1);
  const std::string bonus = built.bonuses.front().get_description();
  CHECK(bonus.find("brows") != std::string::npos);
  CHECK(bonus.find("estension") != std::string::npos);
  CHECK(bonus.find("rilasc") == std::string::npos);
}

// The facet pass counts the well-matched rule alone when it implies the
// match; a required word, an exclusion or a filter narrows the match, and
// then the count must stay within it.
TEST_CASE("facets of a narrowed query count the well-matched articles the query keeps") {
  search::Searcher s(corpus().db);
  const auto counted = [&](search::SearchOptions o) {
    o.facet_sample = 0;
    const auto r = s.search(o);
    REQUIRE(r.facets.counted);
    Xapian::doccount months = 0;
    for (const auto& m : r.facets.months) months += m.count;
    return months;
  };
  CHECK(counted(options("rilascio browser")) == 3);
  // Both articles with `estensioni` hold `browser`: one well-matched left.
  CHECK(counted(options("rilascio browser -estensioni")) == 1);
  // `+rilascio` keeps the articles that say it: one of the two holding
  // both informative words.
  CHECK(counted(options("browser estensioni")) == 2);
  CHECK(counted(options("+rilascio browser estensioni")) == 1);
  auto volpe = options("rilascio browser");
  volpe.filters.companies = {"Volpe"};
  CHECK(counted(volpe) == 2);
  CHECK(counted(options("rilascio browser azienda:Volpe")) == 2);
}

// The well-matched rule only chooses articles: the exact form a word was
// typed in (`XEestensioni`) sits on the right of AND_MAYBE, so it never
// changes which ones, yet the weightless facet pass walked it. Ranking
// keeps it.
TEST_CASE("the well-matched rule leaves out the exact forms that only weigh") {
  Xapian::Database db(corpus().db.string());
  segugio::analysis::Analyzer analyzer;
  search::RankingOptions ranking;
  search::QueryBuilder builder(db, analyzer, search::SynonymTable::builtin(),
                               segugio::facets::CompanyGazetteer::builtin(),
                               segugio::facets::TopicTaxonomy::builtin(), ranking,
                               segugio::testing::kFixtureToday);
  const auto built = builder.build(search::parse_query("rilascio browser estensioni"));
  REQUIRE_FALSE(built.well_matched.empty());
  const std::string well = built.well_matched.get_description();
  CHECK(well.find("estension") != std::string::npos);
  CHECK(well.find("XE") == std::string::npos);
  CHECK(built.match.get_description().find("XEestensioni") != std::string::npos);
  // The every-word bonus weighs them too.
  bool bonus_has_exact = false;
  for (const auto& b : built.bonuses) {
    const std::string d = b.get_description();
    if (d.find("brows") != std::string::npos && d.find("XEestensioni") != std::string::npos)
      bonus_has_exact = true;
  }
  CHECK(bonus_has_exact);
}
