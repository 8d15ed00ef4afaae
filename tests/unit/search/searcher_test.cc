// The searcher as a library, on the fixture database: query meaning, filters,
// facets against a brute-force count, ordering, collapse, more like this,
// suggestions, and the refusal of foreign databases.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "search_fixture.h"
#include "segugio/core/error.h"
#include "segugio/index/schema.h"
#include "segugio/search/searcher.h"
#include "temp_dir.h"

namespace search = segugio::search;
using segugio::testing::FixtureArticle;
using segugio::testing::TempDir;

namespace {

// One database for the whole file (writing it takes a few milliseconds, but
// every case would repeat it).
struct Fixture {
  TempDir dir;
  std::vector<FixtureArticle> articles = segugio::testing::sample_articles();
  std::filesystem::path db = dir.path() / "db";
  Fixture() { segugio::testing::write_database(db, articles); }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

search::SearchOptions options(std::string query) {
  search::SearchOptions o;
  o.query = std::move(query);
  o.limit = 100;
  o.today = segugio::testing::kFixtureToday;
  return o;
}

std::vector<std::string> ids(const search::SearchResult& r) {
  std::vector<std::string> out;
  for (const search::Hit& h : r.hits) out.push_back(h.id);
  return out;
}

std::set<std::string> id_set(const search::SearchResult& r) {
  const std::vector<std::string> v = ids(r);
  return {v.begin(), v.end()};
}

// The fixture's ids whose article satisfies `keep`.
template <typename Predicate>
std::set<std::string> expected(Predicate keep) {
  std::set<std::string> out;
  for (const FixtureArticle& f : fixture().articles)
    if (keep(f)) out.insert(f.article.id);
  return out;
}

bool has(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

}  // namespace

TEST_CASE("free text goes through the Italian analysis, elisions and accents included") {
  search::Searcher s(fixture().db);
  for (const char* q : {"intelligenza", "INTELLIGENZA", "l\u2019intelligenza", "intelligenze"}) {
    CAPTURE(q);
    const auto r = s.search(options(q));
    CHECK(id_set(r).count("intelligenza-scuola") == 1);
    CHECK(id_set(r).count("europa-regole-ia") == 1);
    CHECK(id_set(r).count("reti-5g-citta") == 0);
  }
  CHECK(id_set(s.search(options("citta"))).count("reti-5g-citta") == 1);
}

TEST_CASE("phrases match as windows over stopwords and only in order") {
  search::Searcher s(fixture().db);
  CHECK(id_set(s.search(options("\"regole dell'intelligenza\""))) ==
        std::set<std::string>{"europa-regole-ia", "europa-regole-ia-copia"});
  CHECK(id_set(s.search(options("\"artificiale intelligenza\""))).empty());
  CHECK(id_set(s.search(options("\u00abcasa di Cupertino\u00bb"))) ==
        std::set<std::string>{"apple-iphone-oggi"});
}

TEST_CASE("a compound matches its joined form and its parts written apart") {
  search::Searcher s(fixture().db);
  for (const char* q : {"Wi-Fi", "wifi", "\"wi fi\""}) {
    CAPTURE(q);
    CHECK(id_set(s.search(options(q))).count("guida-wifi") == 1);
  }
}

TEST_CASE("operators, signs and groups") {
  search::Searcher s(fixture().db);
  auto o = options("cloud -microsoft");
  CHECK(id_set(s.search(o)) == std::set<std::string>{"nota 100%"});
  o = options("apple NOT ios");
  CHECK(id_set(s.search(o)) == std::set<std::string>{"apple-iphone-oggi"});
  o = options("(ransomware OR antenne) +ospedale");
  CHECK(id_set(s.search(o)) == std::set<std::string>{"attacco-ospedale"});
  o = options("ospedale AND ransomware");
  CHECK(id_set(s.search(o)) == std::set<std::string>{"attacco-ospedale"});
  o = options("NOT cloud");
  o.ranking.default_operator = search::DefaultOperator::all;
  CHECK(s.search(o).total == fixture().articles.size() - 3);
}

TEST_CASE("the default operator decides whether every word must match") {
  search::Searcher s(fixture().db);
  auto o = options("ospedale antenne");
  o.ranking.default_operator = search::DefaultOperator::all;
  CHECK(s.search(o).total == 0);
  o.ranking.default_operator = search::DefaultOperator::any;
  CHECK(s.search(o).total == 2);
  o.ranking.default_operator = search::DefaultOperator::any_bonus;
  CHECK(s.search(o).total == 2);
}

TEST_CASE("prefixes expand over index terms and spelling words, with a cap") {
  search::Searcher s(fixture().db);
  CHECK(id_set(s.search(options("semicondut*"))) ==
        std::set<std::string>{"semiconduttori-mercato"});
  // `aggiornament*`: the stem of aggiornamento is shorter than the prefix; the
  // spelling table (title and lead words) still knows the word.
  CHECK(id_set(s.search(options("aggiornament*"))).count("apple-ios-ieri") == 1);
  auto o = options("c*");
  o.max_expansions = 3;
  const auto r = s.search(o);
  REQUIRE_FALSE(r.notices.empty());
  CHECK(r.notices.front().find("uso i 3") != std::string::npos);
  CHECK(s.search(options("zzzq*")).total == 0);
}

TEST_CASE("query-side synonyms and company aliases reach the other names") {
  search::Searcher s(fixture().db);
  // `IA` in the text of google-ricerca-gemini; the query says it in full.
  CHECK(id_set(s.search(options("intelligenza artificiale"))).count("google-ricerca-gemini") == 1);
  // The other way round.
  CHECK(id_set(s.search(options("IA"))).count("intelligenza-scuola") == 1);
  CHECK(id_set(s.search(options("sicurezza informatica"))).count("attacco-ospedale") == 1);
  // An epithet reaches the company's name and its articles.
  const auto redmond = s.search(options("colosso di Redmond"));
  CHECK(id_set(redmond).count("cloud-regioni-europa") == 1);
  CHECK(id_set(redmond).count("microsoft-cloud-italia") == 1);
  const auto big_g = s.search(options("Big G"));
  REQUIRE_FALSE(big_g.hits.empty());
  CHECK(has(big_g.hits.front().companies, "Google"));
  // Quotes switch synonyms off.
  CHECK(id_set(s.search(options("\"IA\""))).count("intelligenza-scuola") == 0);
}

TEST_CASE("every filter as an option equals the same filter inline and a brute-force pick") {
  search::Searcher s(fixture().db);
  struct Case {
    const char* inline_query;
    search::SearchFilters filters;
    std::set<std::string> ids;
  };
  auto with = [](auto keep) { return expected(keep); };
  using List = std::vector<std::string> search::SearchFilters::*;
  auto only = [](List field, std::vector<std::string> values) {
    search::SearchFilters f;
    f.*field = std::move(values);
    return f;
  };
  auto dates = [](std::string from, std::string to) {
    search::SearchFilters f;
    f.from = std::move(from);
    f.to = std::move(to);
    return f;
  };
  using F = search::SearchFilters;
  const std::vector<Case> cases = {
      {"azienda:\"Big G\"", only(&F::companies, {"Big G"}),
       with([](const FixtureArticle& f) { return has(f.companies, "Google"); })},
      {"company:microsoft", only(&F::companies, {"microsoft"}),
       with([](const FixtureArticle& f) { return has(f.companies, "Microsoft"); })},
      {"argomento:\"Intelligenza artificiale\"", only(&F::topics, {"Intelligenza artificiale"}),
       with([](const FixtureArticle& f) { return has(f.topics, "intelligenza-artificiale"); })},
      {"topic:cloud", only(&F::topics, {"cloud"}),
       with([](const FixtureArticle& f) { return has(f.topics, "cloud"); })},
      {"tag:\"data center\"", only(&F::tags, {"Data Center"}),
       with([](const FixtureArticle& f) { return has(f.article.tags, "data center"); })},
      {"autore:\"giulia verdi\"", only(&F::authors, {"Giulia Verdi"}),
       with([](const FixtureArticle& f) { return f.article.author == "Giulia Verdi"; })},
      {"fonte:\"tecno giornale\"", only(&F::sources, {"Tecno Giornale"}),
       with([](const FixtureArticle& f) { return f.article.source == "Tecno Giornale"; })},
      {"sezione:economia", only(&F::sections, {"Economia"}),
       with([](const FixtureArticle& f) { return f.article.section == "Economia"; })},
      {"data:2024-02", dates("2024-02", "2024-02"),
       with([](const FixtureArticle& f) {
         return f.article.date && f.article.date->year == 2024 && f.article.date->month == 2;
       })},
      {"data:2024-03-01..", dates("2024-03-01", ""),
       with([](const FixtureArticle& f) {
         return f.article.date && *f.article.date >= segugio::Date{2024, 3, 1};
       })},
      {"data:..2023", dates("", "2023"),
       with([](const FixtureArticle& f) { return f.article.date && f.article.date->year <= 2023; })},
      {"data:ieri", dates("ieri", "ieri"),
       with([](const FixtureArticle& f) { return f.article.date == segugio::Date{2024, 3, 19}; })},
      {"data:ultima-settimana", dates("ultima-settimana", ""),
       with([](const FixtureArticle& f) {
         return f.article.date && *f.article.date >= segugio::Date{2024, 3, 14};
       })},
      {"(azienda:google OR azienda:apple)", only(&F::companies, {"Google", "Apple"}),
       with([](const FixtureArticle& f) {
         return has(f.companies, "Google") || has(f.companies, "Apple");
       })},
      {"azienda:google argomento:cloud", [] {
         F f;
         f.companies = {"Google"};
         f.topics = {"cloud"};
         return f;
       }(),
       with([](const FixtureArticle& f) {
         return has(f.companies, "Google") && has(f.topics, "cloud");
       })},
  };
  for (const Case& c : cases) {
    CAPTURE(c.inline_query);
    REQUIRE_FALSE(c.ids.empty());
    const auto inline_result = s.search(options(c.inline_query));
    auto o = options("");
    o.filters = c.filters;
    const auto option_result = s.search(o);
    CHECK(id_set(inline_result) == c.ids);
    CHECK(id_set(option_result) == c.ids);
    CHECK(inline_result.total == c.ids.size());
  }
  CHECK(id_set(s.search(options("data:senza-data"))) == std::set<std::string>{"guida-wifi"});
}

// A copy of the fixture database whose documents, every `nth` one, lack the
// facet pack, as a database written before it existed (nth 1) or updated
// since by a newer indexer (nth 2).
std::filesystem::path without_facet_pack(const std::string& name, Xapian::docid nth) {
  const std::filesystem::path path = fixture().dir.path() / name;
  if (std::filesystem::exists(path)) return path;
  segugio::testing::write_database(path, fixture().articles);
  Xapian::WritableDatabase db(path.string());
  for (Xapian::docid id = 1; id <= db.get_lastdocid(); id += nth) {
    Xapian::Document doc = db.get_document(id);
    doc.remove_value(segugio::schema::kSlotFacetPack);
    db.replace_document(id, doc);
  }
  db.commit();
  return path;
}

// The company facet, every value, of `articles` (all about "fatturato")
// searched for "fatturato" in a database written in `dir`.
std::map<std::string, Xapian::doccount> company_counts(
    const TempDir& dir, const std::vector<FixtureArticle>& articles) {
  const std::filesystem::path path = dir.path() / "db";
  segugio::testing::write_database(path, articles);
  search::Searcher s(path);
  auto o = options("fatturato");
  o.facet_top = 0;
  const auto r = s.search(o);
  REQUIRE(r.facets.counted);
  CHECK(r.facets.exact);
  std::map<std::string, Xapian::doccount> got;
  for (const auto& v : r.facets.companies) got[v.value] = v.count;
  return got;
}

TEST_CASE("facets count hundreds of different companies, each exactly") {
  // More values than the counting table starts with, so it grows (and moves
  // every value it holds) several times while the matches are read.
  TempDir dir;
  std::vector<FixtureArticle> articles;
  std::map<std::string, Xapian::doccount> expected;
  for (int i = 0; i < 120; ++i) {
    std::vector<std::string> companies;
    for (int j = 0; j < 4; ++j) {
      // Names sharing long prefixes and lengths, as real ones do.
      const std::string name = "Azienda Lombarda Numero " + std::to_string((i * 7 + j * 31) % 300);
      if (std::find(companies.begin(), companies.end(), name) != companies.end()) continue;
      companies.push_back(name);
      ++expected[name];
    }
    articles.push_back(segugio::testing::plain_article(
        "a" + std::to_string(i), "Bilancio trimestrale", "Il fatturato cresce ancora.",
        segugio::Date{2024, 1 + i % 12, 1 + i % 28}, companies));
  }
  const std::map<std::string, Xapian::doccount> got = company_counts(dir, articles);
  CHECK(got.size() > 250);
  CHECK(got == expected);
}

TEST_CASE("facets count names that are prefixes of one another, each exactly") {
  // The counting table keys a name of up to 16 bytes by two 8-byte words
  // masked to its length, read from a copy of the pack padded past its end:
  // names of every length from 2 to 33, each the start of the next, packed
  // one after another, on both sides of 8 and 16 bytes, and as many others
  // differing from them in their last byte only.
  const std::string longest = "AziendaLombardaNumeroTrentatreBis";
  TempDir dir;
  std::vector<FixtureArticle> articles;
  std::map<std::string, Xapian::doccount> expected;
  for (int i = 0; i < 60; ++i) {
    std::vector<std::string> companies;
    for (std::size_t length = 2; length <= longest.size(); ++length) {
      if ((length * 7 + i) % 5 == 0) companies.push_back(longest.substr(0, length));
      // The same length, the last byte another: the same first word, or
      // the same 16 bytes, where it lies past them.
      if ((length * 3 + i) % 5 == 0) companies.push_back(longest.substr(0, length - 1) + "9");
    }
    for (const std::string& c : companies) ++expected[c];
    articles.push_back(segugio::testing::plain_article(
        "p" + std::to_string(i), "Bilancio trimestrale", "Il fatturato cresce ancora.",
        segugio::Date{2024, 1 + i % 12, 1}, companies));
  }
  const std::map<std::string, Xapian::doccount> got = company_counts(dir, articles);
  CHECK(got.size() == 2 * (longest.size() - 1));
  CHECK(got == expected);
}

TEST_CASE("facets count the whole match set, exactly, as a brute force does") {
  // Counted from the facet pack, per slot (no pack), and per slot when only
  // some documents have it.
  for (const std::filesystem::path& path :
       {fixture().db, without_facet_pack("no-pack", 1), without_facet_pack("some-pack", 2)}) {
    for (const char* q : {"", "cloud", "apple OR google", "data:2024"}) {
     for (const bool parallel : {true, false}) {
      search::Searcher s(path);
      CAPTURE(path);
      CAPTURE(q);
      CAPTURE(parallel);
      auto o = options(q);
      o.parallel_facets = parallel;
      o.limit = 2;  // the facets must not depend on the page
      const auto r = s.search(o);
      o.limit = 100;
      const std::set<std::string> all = id_set(s.search(o));
      std::map<std::string, Xapian::doccount> companies, topics, months;
      for (const FixtureArticle& f : fixture().articles) {
        if (!all.count(f.article.id)) continue;
        for (const std::string& c : f.companies) ++companies[c];
        for (const std::string& t : f.topics) ++topics[t];
        ++months[f.article.date ? f.article.date->iso().substr(0, 7) : "senza-data"];
      }
      REQUIRE(r.facets.counted);
      CHECK(r.total_exact);
      CHECK(r.total == all.size());
      std::map<std::string, Xapian::doccount> got;
      for (const auto& v : r.facets.companies) got[v.value] = v.count;
      CHECK(got == companies);
      got.clear();
      for (const auto& v : r.facets.topics) got[v.value] = v.count;
      CHECK(got == topics);
      got.clear();
      for (const auto& v : r.facets.months) got[v.value] = v.count;
      CHECK(got == months);
      for (std::size_t i = 1; i < r.facets.companies.size(); ++i)
        CHECK(r.facets.companies[i - 1].count >= r.facets.companies[i].count);
      if (!r.facets.months.empty() && months.count("senza-data"))
        CHECK(r.facets.months.back().value == "senza-data");
     }
    }
  }
}

TEST_CASE("facets counted in a second thread give the answers of one thread") {
  search::Searcher s(fixture().db);
  for (const char* q : {"cloud", "apple OR google", "cloud apple regole", "reti wi-fi scuola",
                        "\"intelligenza artificiale\"", "data:2024 cloud", "azienda:apple"}) {
    for (const auto sort : {search::SortOrder::relevance, search::SortOrder::date}) {
      for (const bool collapse : {false, true}) {
        for (const unsigned sample : {0u, 3u, 100000u}) {
          CAPTURE(q);
          CAPTURE(collapse);
          CAPTURE(sample);
          auto o = options(q);
          o.limit = 3;
          o.offset = 1;
          o.sort = sort;
          o.collapse = collapse;
          o.facet_sample = sample;
          o.facet_top = 0;
          o.parallel_facets = false;
          const auto one = s.search(o);
          o.parallel_facets = true;
          const auto two = s.search(o);
          CHECK(ids(two) == ids(one));
          CHECK(two.total == one.total);
          CHECK(two.total_exact == one.total_exact);
          CHECK(two.facets.exact == one.facets.exact);
          CHECK(two.facets.total == one.facets.total);
          const auto pairs = [](const std::vector<search::FacetValue>& v) {
            std::vector<std::pair<std::string, Xapian::doccount>> out;
            for (const auto& f : v) out.emplace_back(f.value, f.count);
            return out;
          };
          CHECK(pairs(two.facets.companies) == pairs(one.facets.companies));
          CHECK(pairs(two.facets.topics) == pairs(one.facets.topics));
          CHECK(pairs(two.facets.months) == pairs(one.facets.months));
        }
      }
    }
  }
}

TEST_CASE("a commit between the searcher's two openings: page and facets read one revision") {
  TempDir dir;
  const std::filesystem::path path = dir.path() / "db";
  segugio::testing::write_database(path, fixture().articles);
  search::Searcher s(path);  // the searching handle, at the first revision
  {
    // An article more, written before the counting handle is opened (the
    // first faceted search opens it): a copy of the first one.
    Xapian::WritableDatabase w(path.string());
    w.add_document(w.get_document(1));
    w.commit();
  }
  auto o = options("");
  o.limit = 100;
  const auto r = s.search(o);
  REQUIRE(r.facets.counted);
  CHECK(r.total == fixture().articles.size() + 1);
  CHECK(r.hits.size() == r.total);
  Xapian::doccount months = 0;
  for (const auto& m : r.facets.months) months += m.count;
  CHECK(months == r.total);
}

TEST_CASE("past facet_sample matches, facets are estimates scaled to the total") {
  // Whether Xapian stops early depends on the weights: when it does, the
  // counts it saw are scaled; either way they add up to about the total.
  search::Searcher s(fixture().db);
  for (const char* q : {"", "cloud OR apple OR scuola OR ospedale OR reti OR regole"}) {
    CAPTURE(q);
    auto o = options(q);
    o.limit = 1;
    o.facet_sample = 4;
    const auto r = s.search(o);
    REQUIRE(r.facets.counted);
    Xapian::doccount months = 0;
    for (const auto& m : r.facets.months) months += m.count;
    if (r.facets.exact) CHECK(months == r.total);
    else CHECK(months + 3 >= r.total);
    o.facet_sample = 0;
    CHECK(s.search(o).facets.exact);
  }
}

TEST_CASE("sorting by date puts undated articles last both ways, filters alone list the newest") {
  search::Searcher s(fixture().db);
  auto o = options("");
  o.sort = search::SortOrder::date;
  auto r = s.search(o);
  REQUIRE(r.hits.size() == fixture().articles.size());
  CHECK(r.hits.front().id == "apple-iphone-oggi");
  CHECK(r.hits.back().id == "guida-wifi");
  o.sort = search::SortOrder::date_asc;
  r = s.search(o);
  CHECK(r.hits.front().id == "semiconduttori-mercato");
  CHECK(r.hits.back().id == "guida-wifi");
  // Relevance without words: newest first.
  r = s.search(options("fonte:\"segugio notizie\""));
  REQUIRE(r.hits.size() >= 2);
  CHECK(r.hits.front().id == "apple-ios-ieri");
}

TEST_CASE("offset pages through the same ranking") {
  search::Searcher s(fixture().db);
  auto o = options("cloud");
  const auto all = ids(s.search(o));
  REQUIRE(all.size() >= 3);
  o.offset = 1;
  o.limit = 2;
  const auto page = s.search(o);
  CHECK(ids(page) == std::vector<std::string>{all[1], all[2]});
  CHECK(page.hits.front().rank == 2);
}

TEST_CASE("collapse folds near-duplicates into one hit that counts them") {
  search::Searcher s(fixture().db);
  auto o = options("regole intelligenza");
  const auto plain = s.search(o);
  CHECK(id_set(plain).count("europa-regole-ia") + id_set(plain).count("europa-regole-ia-copia") == 2);
  o.collapse = true;
  const auto folded = s.search(o);
  const auto ids_folded = id_set(folded);
  CHECK(ids_folded.count("europa-regole-ia") + ids_folded.count("europa-regole-ia-copia") == 1);
  bool counted = false;
  for (const auto& h : folded.hits)
    if (h.id.rfind("europa-regole-ia", 0) == 0) counted = h.similar == 1;
  CHECK(counted);
}

TEST_CASE("more like this finds the article's neighbours, not the article") {
  search::Searcher s(fixture().db);
  auto o = options("");
  o.like = "microsoft-cloud-italia";
  const auto r = s.search(o);
  REQUIRE_FALSE(r.hits.empty());
  CHECK(id_set(r).count("microsoft-cloud-italia") == 0);
  CHECK(r.hits.front().id == "cloud-regioni-europa");
  o.like = "non-esiste";
  CHECK_THROWS_AS(s.search(o), segugio::UsageError);
}

// Searched as typed (--no-correct), or two edits away: only suggested.
search::SearchOptions as_typed(std::string query) {
  search::SearchOptions o = options(std::move(query));
  o.ranking.correct_typos = false;
  return o;
}

TEST_CASE("a misspelt query gets a suggestion from the spelling table") {
  search::Searcher s(fixture().db);
  auto r = s.search(as_typed("intelligensa artificale"));
  REQUIRE(r.suggestion);
  CHECK(*r.suggestion == "intelligenza artificiale");
  r = s.search(as_typed("intellijensa"));
  REQUIRE(r.suggestion);
  CHECK(*r.suggestion == "intelligenza");
  r = s.search(options("titolo:intelligensa cloud"));
  REQUIRE(r.suggestion);
  CHECK(*r.suggestion == "titolo:intelligenza cloud");
  CHECK_FALSE(s.search(options("intelligenza artificiale")).suggestion);
  auto o = options("intelligensa");
  o.spelling = false;
  CHECK_FALSE(s.search(o).suggestion);
}

// A word no article holds, one edit from a word of titles and leads, is
// searched as that word: `debain` in a long query found nothing, and cost
// the query its every-word bonus (news check set, bench/RESULTS.md).
TEST_CASE("a word no article holds is searched as its correction one edit away") {
  search::Searcher s(fixture().db);
  const auto right = s.search(options("intelligenza scuola"));
  const auto typed = s.search(options("intelligensa scuola"));
  CHECK(ids(typed) == ids(right));
  REQUIRE(typed.corrected_query);
  CHECK(*typed.corrected_query == "intelligenza scuola");
  CHECK_FALSE(typed.suggestion);
  // Searched as typed, the misspelt word finds nothing.
  CHECK(s.search(as_typed("intelligensa")).total == 0);
  CHECK(s.search(options("intelligensa")).total == s.search(options("intelligenza")).total);
  // Two edits away (`intellijensa`) is another word as often as a typo:
  // suggested, not searched.
  const auto far = s.search(options("intellijensa"));
  CHECK(far.total == 0);
  CHECK_FALSE(far.corrected_query);
  // A word some article holds is never replaced, however rare.
  CHECK_FALSE(s.search(options("ransomware")).corrected_query);
}

// A name the query writes apart and an article writes whole (bench/RESULTS.md,
// "Names written in several ways").
TEST_CASE("words written apart in the query find the name written whole") {
  TempDir dir;
  const segugio::Date day{2024, 5, 2};
  std::vector<FixtureArticle> articles = {
      segugio::testing::plain_article("joined-wifi", "Router nuovi",
                                      "Il wifi del condominio copre tre piani.", day),
      segugio::testing::plain_article("joined-node", "Server leggeri",
                                      "Il team riscrive il backend in nodejs entro giugno.", day),
      segugio::testing::plain_article("joined-wallet", "Portafoglio digitale",
                                      "Con itwallet la patente arriva sul telefono.", day),
      segugio::testing::plain_article("apart", "Parole sparse",
                                      "Un node di rete, un file js e il wallet di pelle.", day),
      segugio::testing::plain_article("contatto", "Rubrica",
                                      "Il contatto del fornitore resta in rubrica.", day),
      segugio::testing::plain_article("tatto", "Clienti",
                                      "Trattare i clienti con garbo e tatto.", day),
      segugio::testing::plain_article("dotted", "Evento",
                                      "La squadra di Hack.Developers premia tre progetti.", day)};
  const std::filesystem::path path = dir.path() / "db";
  segugio::testing::write_database(path, articles);
  search::Searcher s(path);
  CHECK(id_set(s.search(options("wi fi"))).count("joined-wifi") == 1);
  CHECK(id_set(s.search(options("node js"))).count("joined-node") == 1);
  CHECK(id_set(s.search(options("Node.js"))).count("joined-node") == 1);
  CHECK(id_set(s.search(options("IT Wallet"))).count("joined-wallet") == 1);
  // Ranked like the words apart, not above them: `node js` finds the
  // article with both words too.
  CHECK(id_set(s.search(options("node js"))).count("apart") == 1);
  // A stopword never joins: `con tatto` is not `contatto`.
  CHECK(id_set(s.search(options("con tatto"))) == std::set<std::string>{"tatto"});
  // A dotted name is found written whole, and its words still as a phrase.
  CHECK(id_set(s.search(options("HackDevelopers"))) == std::set<std::string>{"dotted"});
  CHECK(id_set(s.search(options("\"hack developers\""))) == std::set<std::string>{"dotted"});
  // Off, the joined form is not sought.
  auto o = options("wi fi");
  o.ranking.join_written_apart = false;
  CHECK(id_set(s.search(o)).count("joined-wifi") == 0);
}

// The reverse: a name the query writes whole and an article writes apart
// (bench/RESULTS.md, "A name typed whole finds it written apart").
TEST_CASE("a word typed whole finds the name written apart") {
  TempDir dir;
  // id, text; ten articles of weather after them, since only a word in at
  // most a tenth of the articles is split.
  std::vector<std::pair<std::string, std::string>> rows = {
      {"apart-source", "La biblioteca civica adotta software open source."},
      {"apart-vice", "Il vice direttore firma l'editoriale di domenica."},
      {"whole-vice", "Il vicedirettore resta in carica fino a marzo."},
      {"scattered", "Il negozio resta open fino a tardi; la source del fiume."},
      {"con-tatto", "Trattare i clienti con tatto e garbo."},
      {"filler", "Il contatto del fornitore resta in rubrica."}};
  for (int i = 0; i < 10; ++i)
    rows.emplace_back("meteo-" + std::to_string(i), "Domani pioggia leggera sulle colline.");
  std::vector<FixtureArticle> articles;
  for (const auto& [id, text] : rows)
    articles.push_back(segugio::testing::plain_article(id, "Notizia", text, {2024, 5, 2}));
  const std::filesystem::path path = dir.path() / "db";
  segugio::testing::write_database(path, articles);
  search::Searcher s(path);
  CHECK(id_set(s.search(options("opensource"))) == std::set<std::string>{"apart-source"});
  CHECK(id_set(s.search(options("vicedirettore"))) ==
        std::set<std::string>{"apart-vice", "whole-vice"});
  // Halves in over a quarter of the articles are not looked up (their
  // positions are dear): the weather articles write `pioggia leggera`.
  CHECK(s.search(options("pioggialeggera")).total == 0);
  // A stopword is no half: `contatto` is not `con tatto`.
  CHECK(id_set(s.search(options("contatto"))) == std::set<std::string>{"filler"});
  // Off, the halves are not sought.
  auto o = options("opensource");
  o.ranking.split_written_whole = false;
  CHECK(s.search(o).total == 0);
}

// Issue 20, item 6: `il di che` listed every article as a match.
TEST_CASE("a query of stopwords only is refused, unless a filter narrows it") {
  search::Searcher s(fixture().db);
  CHECK_THROWS_AS(s.search(options("il di che")), segugio::UsageError);
  auto o = options("il di che");
  o.filters.companies = {"apple"};
  const auto r = s.search(o);
  REQUIRE_FALSE(r.notices.empty());
  CHECK(r.total > 0);
  CHECK(r.total < fixture().articles.size());
}

TEST_CASE("hits carry the stored article and a highlighted snippet") {
  search::Searcher s(fixture().db);
  const auto r = s.search(options("intelligenza scuola"));
  REQUIRE_FALSE(r.hits.empty());
  const search::Hit& h = r.hits.front();
  CHECK(h.id == "intelligenza-scuola");
  CHECK(h.rank == 1);
  CHECK(h.title == "L'intelligenza artificiale entra a scuola");
  CHECK(h.date == segugio::Date{2024, 3, 1});
  CHECK(h.topics == std::vector<std::string>{"intelligenza-artificiale", "lavoro-competenze"});
  CHECK(h.path == "articoli/intelligenza-scuola.md");
  const std::string snippet = h.snippet.render("[", "]");
  CHECK(snippet.find("l'[intelligenza]") != std::string::npos);
  CHECK(snippet.find("[scuole]") != std::string::npos);
  // Without articles (TREC runs): ids and scores only.
  auto o = options("intelligenza scuola");
  o.articles = false;
  const auto bare = s.search(o);
  CHECK(bare.hits.front().id == "intelligenza-scuola");
  CHECK(bare.hits.front().title.empty());
}

TEST_CASE("recency favours recent articles") {
  search::Searcher s(fixture().db);
  // `vendite`: in the lead of a 2022 article, in the body of today's.
  auto o = options("vendite");
  o.ranking.title_weight = 0;
  const auto plain = s.search(o);
  REQUIRE(plain.hits.size() == 2);
  CHECK(plain.hits.front().id == "semiconduttori-mercato");
  o.ranking.recency_weight = 50;
  const auto recent = s.search(o);
  REQUIRE(recent.hits.size() == 2);
  CHECK(recent.hits.front().id == "apple-iphone-oggi");
  CHECK(s.explain(o).find("ValueMapPostingSource") != std::string::npos);
}

TEST_CASE("bad filters are query errors naming the value") {
  search::Searcher s(fixture().db);
  CHECK_THROWS_WITH_AS(s.search(options("argomento:cucina")),
                       doctest::Contains("unknown topic \"cucina\""), segugio::QuerySyntaxError);
  CHECK_THROWS_WITH_AS(s.search(options("data:2024-13")), doctest::Contains("bad date"),
                       segugio::QuerySyntaxError);
  auto o = options("");
  o.filters.from = "2024-03";
  o.filters.to = "2024-01";
  CHECK_THROWS_AS(s.search(o), segugio::QuerySyntaxError);
}

TEST_CASE("foreign databases are refused with a clear message") {
  TempDir dir;
  CHECK_THROWS_WITH_AS(search::Searcher(dir.path() / "nope"), doctest::Contains("no such database"),
                       segugio::DatabaseError);
  {
    Xapian::WritableDatabase db((dir.path() / "plain").string(), Xapian::DB_CREATE_OR_OVERWRITE);
    db.add_document(Xapian::Document());
    db.commit();
  }
  CHECK_THROWS_WITH_AS(search::Searcher(dir.path() / "plain"),
                       doctest::Contains("not a Segugio database"), segugio::DatabaseError);
  {
    Xapian::WritableDatabase db((dir.path() / "future").string(), Xapian::DB_CREATE_OR_OVERWRITE);
    db.set_metadata(std::string(segugio::schema::kMetaSchema),
                    std::to_string(segugio::schema::kSchemaVersion + 1));
    db.commit();
  }
  CHECK_THROWS_WITH_AS(search::Searcher(dir.path() / "future"), doctest::Contains("newer"),
                       segugio::DatabaseError);
  dir.write("garbage", "this is not a database at all\n");
  CHECK_THROWS_AS(search::Searcher(dir.path() / "garbage"), segugio::DatabaseError);
}

TEST_CASE("info describes the database") {
  search::Searcher s(fixture().db);
  const search::DatabaseInfo i = s.info();
  CHECK(i.articles == fixture().articles.size());
  CHECK(i.undated == 1);
  CHECK(i.first_day == segugio::Date{2022, 6, 1});
  CHECK(i.last_day == segugio::Date{2024, 3, 20});
  CHECK(i.schema_version == segugio::schema::kSchemaVersion);
  CHECK(i.shards.size() == 1);
  CHECK(i.bytes > 0);
  CHECK(i.spelling);
  REQUIRE_FALSE(i.sources.empty());
  CHECK(i.sources.front().value == "segugio notizie");
}

// Issue 16: `--company` with a name the gazetteer did not know exited 2.
TEST_CASE("an unknown company is searched as words with a notice, a typo gets a suggestion") {
  search::Searcher s(fixture().db);
  struct Case {
    const char* query;
    std::vector<std::string> filter;
    bool words_found;        // the fixture's text holds the words
    const char* suggestion;  // in the notice, or "" for none
  };
  const Case cases[] = {
      {"azienda:\"Pizzeria da Mario\"", {}, false, ""},
      {"", {"Imprese Coinvolte"}, true, ""},
      {"", {"microsft"}, false, "Microsoft"},
  };
  for (const Case& c : cases) {
    auto o = options(c.query);
    o.filters.companies = c.filter;
    const std::string label = std::string(c.query) + (c.filter.empty() ? "" : c.filter.front());
    INFO(label);
    search::SearchResult r;
    REQUIRE_NOTHROW(r = s.search(o));
    CHECK(r.hits.empty() != c.words_found);
    REQUIRE(!r.notices.empty());
    CHECK(r.notices.back().find("sconosciuta") != std::string::npos);
    if (*c.suggestion)
      CHECK(r.notices.back().find(std::string("forse cercavi \u00ab") + c.suggestion) !=
            std::string::npos);
  }
}
