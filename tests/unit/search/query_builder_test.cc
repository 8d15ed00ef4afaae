// QueryBuilder on a small database written in-test: which terms a word
// brings (its coarse stem only when that does not collide, its exact form),
// and the shapes of the Xapian queries it builds, row by row.
#include <doctest/doctest.h>

#include <map>
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

FixtureArticle article(const std::string& id, const std::string& body) {
  return segugio::testing::plain_article(id, "Articolo", body, segugio::Date{2024, 3, 1});
}

// 40 articles: `questione` in 12 (so `questi…` is a crowded prefix),
// `questionario` in one; `telefono` and `telefoni` in two each.
struct Corpus {
  TempDir dir;
  std::filesystem::path db = dir.path() / "db";
  Corpus() {
    std::vector<FixtureArticle> articles;
    for (int i = 0; i < 12; ++i)
      articles.push_back(article("questione-" + std::to_string(i), "Una questione aperta."));
    articles.push_back(article("questionario", "Il questionario per gli utenti."));
    articles.push_back(article("telefono-1", "Il telefono nuovo."));
    articles.push_back(article("telefono-2", "Un telefono pieghevole."));
    articles.push_back(article("telefoni-1", "I telefoni nuovi."));
    articles.push_back(article("telefoni-2", "Dieci telefoni."));
    // Same length, same stem `funzion`: only the form differs.
    articles.push_back(article("a-funzioni", "Le funzioni della stampante."));
    articles.push_back(article("b-funzionamento", "Il funzionamento della stampante."));
    for (int i = 0; i < 21; ++i)
      articles.push_back(article("altro-" + std::to_string(i), "Una stampante in ufficio."));
    segugio::testing::write_database(db, articles);
  }
};

Corpus& corpus() {
  static Corpus c;
  return c;
}

std::string description(const std::string& query, search::RankingOptions ranking = {}) {
  Xapian::Database db(corpus().db.string());
  segugio::analysis::Analyzer analyzer;
  search::QueryBuilder builder(db, analyzer, search::SynonymTable::builtin(),
                               segugio::facets::CompanyGazetteer::builtin(),
                               segugio::facets::TopicTaxonomy::builtin(), ranking,
                               segugio::testing::kFixtureToday);
  return builder.build(search::parse_query(query)).combined().get_description();
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

// Regression: `questionario` also sought every `questi…` word (`questione`)
// with half its weight.
TEST_CASE("a coarse stem that mostly holds other words is not used") {
  CHECK_FALSE(contains(description("questionario"), "XTquesti"));
  CHECK(contains(description("telefono"), "XTtelefo"));
}

// Regression: `funzionamento` weighed `funzioni` as much as itself (one stem).
TEST_CASE("the exact form of a word weighs above its stem alone") {
  CHECK(contains(description("funzionamento"), "XEfunzionamento"));
  CHECK_FALSE(contains(description("server"), "XE"));  // stemming leaves `server` as is
  search::Searcher s(corpus().db);
  for (const char* q : {"funzionamento", "funzioni"}) {
    search::SearchOptions o;
    o.query = q;
    o.today = segugio::testing::kFixtureToday;
    const auto r = s.search(o);
    REQUIRE(r.hits.size() >= 2);
    CHECK(r.hits.front().id == (std::string(q) == "funzioni" ? "a-funzioni" : "b-funzionamento"));
  }
}

// A word in most articles: its title, coarse and exact bonuses would order
// nearly every match by what tells them apart least, each at the cost of a
// posting list as long as the index.
TEST_CASE("a word in most of the articles gets no title, coarse or exact bonus") {
  // `stampante`: 23 of the 40 articles; `telefoni`: 2.
  CHECK(contains(description("stampanti"), "Sstampant"));
  CHECK(contains(description("stampanti"), "XEstampanti"));
  search::RankingOptions ranking;
  ranking.bonus_max_doc_fraction = 0.5;
  const std::string common = description("stampanti", ranking);
  CHECK_FALSE(contains(common, "Sstampant"));
  CHECK_FALSE(contains(common, "XE"));
  CHECK_FALSE(contains(common, "XT"));
  const std::string rare = description("telefoni", ranking);
  CHECK(contains(rare, "Stelefon"));
  CHECK(contains(rare, "XTtelefo"));
}

// The shapes QueryBuilder builds, pinned: bonuses nest two at a time
// (`(m AND_MAYBE b1) AND_MAYBE b2`), never `m AND_MAYBE (b1 OR b2)`, whose
// phrase weights Xapian 1.4.22 miscounts (query_builder.h, BuiltQuery).
TEST_CASE("QueryBuilder builds these Xapian queries") {
  search::RankingOptions ranking;
  ranking.proximity = false;
  ranking.coarse_weight = 0;
  ranking.exact_weight = 0;
  ranking.all_words_weight = 0.5;  // a weight that prints exactly (the default, 0.1, does not)
  struct Row {
    const char* query;
    const char* description;
  };
  const Row rows[] = {
      {"stampante", "Query((stampant AND_MAYBE 0.5 * Sstampant))"},
      // `stampante` is in most articles: not in the every-word bonus.
      {"stampante telefoni questionario",
       "Query((((((stampant OR telefon OR questionar) AND_MAYBE 0.5 * Sstampant) AND_MAYBE 0.5 * "
       "Stelefon) AND_MAYBE 0.5 * Squestionar) AND_MAYBE 0.5 * (questionar AND telefon)))"},
      {"\"telefono nuovo\"",
       "Query(((telef PHRASE 2 nuov) AND_MAYBE 0.5 * (Stelef PHRASE 2 Snuov)))"},
      {"+telefono -stampante", "Query(((telef AND_NOT stampant) AND_MAYBE 0.5 * Stelef))"},
      {"data:2024-03", "Query(XM202403)"},
  };
  for (const Row& r : rows) {
    const std::string query = r.query;
    CAPTURE(query);
    CHECK(description(r.query, ranking) == r.description);
  }
}

// A proximity pair sits next to its rarer word, inside the OR: Xapian then
// reads its positions only for the articles holding that word, not for every
// article holding any query word (100,000 articles: 300 ms -> 50 ms for
// `pro cialda istituto`). A question of more words than proximity_max_words
// gets no pair at all, wherever it would have gone.
namespace {

// Proximity weighed 0.5 (a weight that prints exactly), no title or
// every-word bonus, the coarse stem and the exact form weighed `forms`.
search::RankingOptions proximity_ranking(double forms) {
  search::RankingOptions ranking;
  ranking.coarse_weight = forms;
  ranking.exact_weight = forms;
  ranking.title_weight = 0;
  ranking.all_words_weight = 0;
  ranking.proximity_weight = 0.5;
  return ranking;
}

}  // namespace

TEST_CASE("a proximity pair is weighed next to its rarer word, and long questions get none") {
  const search::RankingOptions ranking = proximity_ranking(0);
  // `telefono`: 2 articles; `questionario`: 1, the rarer.
  CHECK(description("telefono questionario", ranking) ==
        "Query((telef OR (questionar AND_MAYBE (0 * (telef AND questionar) AND_MAYBE "
        "0.5 * (telef PHRASE 4 questionar)))))");
  const std::string long_question =
      description("telefono questionario telefono questionario telefono", ranking);
  CHECK_FALSE(contains(long_question, "PHRASE"));
}

// The pair goes next to its rarer word's own terms, not next to the word with
// its coarse stem: every article with the pair holds the word, and Xapian
// tests a bonus on each article its left side matches. At 1,000,000
// articles `tralicci travasino` tested its pair on the 45,000 articles
// holding `travas…` instead of the 943 holding `travasin` (364 ms, 19 ms).
TEST_CASE("a proximity pair is tested only where its rarer word's own terms match") {
  const search::RankingOptions ranking = proximity_ranking(0.5);
  // `telefono` and `funzioni`: 2 articles each; the pair goes next to the first.
  CHECK(description("telefono funzioni", ranking) ==
        "Query(((((telef AND_MAYBE (0 * (telef AND funzion) AND_MAYBE 0.5 * (telef PHRASE 4 "
        "funzion))) OR 0.5 * XTtelefo) AND_MAYBE 0.5 * XEtelefono) OR ((funzion OR 0.5 * "
        "XTfunzio) AND_MAYBE 0.5 * XEfunzioni)))");
}

// The weightless guard in front of a pair (`0 * (a AND b) AND_MAYBE pair`)
// keeps Xapian from testing the phrase again for each match of the word it
// sits next to (1,000,000 articles: 316 -> 76 ms for `approfondiscono
// certificazioni Accenture`), and adds exactly nothing: every article weighs
// the same, bit for bit, as with the bare pair.
TEST_CASE("a guarded proximity pair weighs exactly what the bare pair does") {
  TempDir dir;
  const std::filesystem::path path = dir.path() / "db";
  std::vector<FixtureArticle> articles;
  const char* bodies[] = {"Il telefono con funzioni nuove.", "Funzioni del telefono.",
                          "Il telefono nuovo.", "Le funzioni della stampante e il telefono.",
                          "Telefono, funzioni e ancora telefono con funzioni."};
  for (const char* body : bodies) articles.push_back(article(std::to_string(articles.size()), body));
  for (int i = 0; i < 10; ++i) articles.push_back(article(std::to_string(articles.size()), "Altro."));
  segugio::testing::write_database(path, articles);
  Xapian::Database db(path.string());
  const std::vector<Xapian::Query> words{Xapian::Query("telef"), Xapian::Query("funzion")};
  const Xapian::Query pair(Xapian::Query::OP_SCALE_WEIGHT,
                           Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(), 3),
                           0.1);
  const Xapian::Query guard(Xapian::Query::OP_SCALE_WEIGHT,
                            Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end()), 0.0);
  const auto weights = [&](const Xapian::Query& bonus) {
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, Xapian::Query("telef"), bonus));
    e.set_weighting_scheme(Xapian::BM25Weight(0.9, 0, 1, 0.75, 0.5));
    std::map<Xapian::docid, double> out;
    const Xapian::MSet m = e.get_mset(0, 100, 100);
    for (auto it = m.begin(); it != m.end(); ++it) out[*it] = it.get_weight();
    return out;
  };
  const auto bare = weights(pair);
  const auto guarded = weights(Xapian::Query(Xapian::Query::OP_AND_MAYBE, guard, pair));
  REQUIRE(bare.size() == 5);
  CHECK(bare == guarded);  // exact equality of every weight
  // The pair does weigh: the articles with the words side by side rank above.
  CHECK(bare.at(1) > bare.at(3));
}
