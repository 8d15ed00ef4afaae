// Documents of the schema: boolean terms, value slots, spelling words, URL keys.
#include <doctest/doctest.h>

#include <xapian.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "segugio/analysis/analyzer.h"
#include "segugio/index/document_builder.h"
#include "segugio/index/facet_pack.h"
#include "segugio/index/schema.h"

using namespace segugio::index;
namespace schema = segugio::schema;
using segugio::Article;
using segugio::Date;

namespace {

std::set<std::string> terms_with_prefix(const Xapian::Document& doc, const std::string& prefix) {
  std::set<std::string> found;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    if ((*t).rfind(prefix, 0) == 0) found.insert(*t);
  return found;
}

bool has_term(const Xapian::Document& doc, const std::string& term) {
  auto t = doc.termlist_begin();
  t.skip_to(term);
  return t != doc.termlist_end() && *t == term;
}

Article sample() {
  Article a;
  a.id = "2024/microsoft-mistral";
  a.source_path = "articoli/2024/microsoft-mistral.md";
  a.title = "Microsoft investe nella startup francese";
  a.lead = "L'accordo porta i modelli su Azure, più veloce che mai.";
  a.body = "Il testo dell'articolo.";
  a.date = Date{2024, 2, 28};
  a.section = "Tecnologia";
  a.tags = {"Intelligenza Artificiale", "Cloud"};
  a.author = "Anna Bianchi";
  a.url = "https://www.example.it/tech/microsoft-mistral/?utm_source=rss";
  a.source = "Città Tech";
  return a;
}

}  // namespace

TEST_CASE("boolean terms and value slots of a dated article") {
  const Article a = sample();
  ArticleFacets facets;
  facets.companies = {"Microsoft", "Mistral AI"};
  facets.topics = {"intelligenza-artificiale", "cloud"};
  Xapian::Document doc;
  add_filter_terms(doc, a, facets, "/dati/articoli/2024/microsoft-mistral.md");

  for (const char* term :
       {"Q2024/microsoft-mistral", "XCOmicrosoft", "XCOmistral ai", "XTOintelligenza-artificiale",
        "XTOcloud", "D20240228", "XM202402", "Y2024", "XSOcitta tech", "XSEtecnologia",
        "Kintelligenza artificiale", "Kcloud", "Aanna bianchi",
        "XUexample.it/tech/microsoft-mistral", "XP/dati/articoli/2024/microsoft-mistral.md"}) {
    CAPTURE(term);
    CHECK(has_term(doc, term));
  }
  CHECK_FALSE(has_term(doc, "XND"));
  CHECK(doc.get_value(schema::kSlotDate) == "20240228");
  CHECK(doc.get_value(schema::kSlotCompanyFirst) == "Microsoft");
  CHECK(doc.get_value(schema::kSlotCompanyFirst + 1) == "Mistral AI");
  CHECK(doc.get_value(schema::kSlotCompanyFirst + 2).empty());
  CHECK(doc.get_value(schema::kSlotMonth) == "2024-02");
  CHECK(doc.get_value(schema::kSlotTopicFirst) == "intelligenza-artificiale");
  CHECK(doc.get_value(schema::kSlotTopicFirst + 1) == "cloud");
  CHECK(doc.get_value(schema::kSlotId) == "2024/microsoft-mistral");
  CHECK(Xapian::sortable_unserialise(doc.get_value(schema::kSlotDayNumber)) ==
        doctest::Approx(static_cast<double>(Date{2024, 2, 28}.days_since_epoch())));
}

TEST_CASE("an undated article gets XND and the senza-data month, no date values") {
  Article a = sample();
  a.date.reset();
  Xapian::Document doc;
  add_filter_terms(doc, a, {}, "");
  CHECK(has_term(doc, "XND"));
  CHECK(terms_with_prefix(doc, "D").empty());
  CHECK(terms_with_prefix(doc, "XM").empty());
  CHECK(terms_with_prefix(doc, "Y").empty());
  CHECK(terms_with_prefix(doc, "XP").empty());
  CHECK(doc.get_value(schema::kSlotDate).empty());
  CHECK(doc.get_value(schema::kSlotDayNumber).empty());
  CHECK(doc.get_value(schema::kSlotMonth) == "senza-data");
}

TEST_CASE("more companies than slots: the most salient fill the slots, all are terms") {
  ArticleFacets facets;
  for (int i = 0; i < 30; ++i) facets.companies.push_back("Azienda " + std::to_string(i));
  for (int i = 0; i < 5; ++i) facets.topics.push_back("argomento-" + std::to_string(i));
  Xapian::Document doc;
  add_filter_terms(doc, sample(), facets, "");
  CHECK(terms_with_prefix(doc, "XCO").size() == 30);
  for (unsigned i = 0; i < schema::kMaxCompanySlots; ++i)
    CHECK(doc.get_value(schema::kSlotCompanyFirst + i) == "Azienda " + std::to_string(i));
  CHECK(doc.get_value(schema::kSlotCompanyFirst + schema::kMaxCompanySlots).empty());
  CHECK(terms_with_prefix(doc, "XTO").size() == schema::kMaxTopics);
  CHECK(doc.get_value(schema::kSlotTopicFirst + schema::kMaxTopics).empty());
}

TEST_CASE("values too long for a term are cut and hashed, never refused") {
  Article a = sample();
  a.url = "https://example.it/" + std::string(400, 'a');
  a.tags = {std::string(300, 'b'), std::string(300, 'b') + "c"};
  Xapian::Document doc;
  add_filter_terms(doc, a, {}, "/" + std::string(500, 'p'));
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    CHECK((*t).size() <= schema::kMaxTermBytes);
  CHECK(terms_with_prefix(doc, "K").size() == 2);  // two long tags stay two terms
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  CHECK_NOTHROW(db.add_document(doc));
}

TEST_CASE("positional text: title words also with S, fields apart, stopwords keep positions") {
  segugio::analysis::Analyzer analyzer;
  Article a;
  a.title = "La rete";
  a.lead = "Nuove antenne";
  Xapian::Document doc;
  add_text_terms(doc, analyze_article(analyzer, a));
  CHECK(has_term(doc, "ret"));
  CHECK(has_term(doc, "Sret"));
  CHECK_FALSE(has_term(doc, "la"));
  const auto first_position = [&doc](const std::string& term) {
    auto t = doc.termlist_begin();
    t.skip_to(term);
    REQUIRE(t != doc.termlist_end());
    REQUIRE(*t == term);
    return *t.positionlist_begin();
  };
  CHECK(first_position("ret") == 2u);  // "La" kept position 1
  CHECK(first_position("nuov") == 2u + kFieldGap + 1u);
}

// Most real articles come without a lead; their first lines say what they
// are about, as a lead would.
TEST_CASE("the opening of a body without a lead weighs as a lead") {
  segugio::analysis::Analyzer analyzer;
  const std::string filler =
      "Il comune ha presentato il piano ai cittadini durante una lunga assemblea pubblica, "
      "con molte domande sui costi, sui tempi dei lavori e sulle strade chiuse per mesi. ";
  const auto wdf = [&analyzer](const Article& a, const std::string& term) {
    Xapian::Document doc;
    add_text_terms(doc, analyze_article(analyzer, a));
    auto t = doc.termlist_begin();
    t.skip_to(term);
    REQUIRE(t != doc.termlist_end());
    REQUIRE(*t == term);
    return t.get_wdf();
  };
  Article a;
  a.body = "Pannelli solari sul tetto della scuola. " + filler + filler + "Altri pannelli.";
  CHECK(wdf(a, "pannell") == 2 + 1);  // opening: lead weight; past 200 bytes: body weight
  a.lead = "Una scuola verde";        // with a lead, the body is body throughout
  CHECK(wdf(a, "pannell") == 1 + 1);
}

TEST_CASE("spelling words: folded surface forms of title and lead, once each") {
  segugio::analysis::Analyzer analyzer;
  const std::vector<std::string> words =
      spelling_words(analyzer.analyze("La città più connessa d'Italia: 5G nel 2024"),
                     analyzer.analyze("Città e reti, perché no"));  // perché: a stopword
  const std::vector<std::string> expected = {"5g", "citta", "connessa", "italia", "no", "reti"};
  std::string joined;
  for (const std::string& w : words) joined += w + " ";
  CAPTURE(joined);
  CHECK(words == expected);
}

TEST_CASE("URLs meet under one key whatever their dressing") {
  const struct {
    const char* in;
    const char* out;
  } cases[] = {
      {"", ""},
      {"https://www.example.it/a/b", "example.it/a/b"},
      {"http://example.it/a/b/", "example.it/a/b"},
      {"HTTPS://WWW.Example.IT/a/B", "example.it/a/B"},
      {"https://example.it:443/a#commenti", "example.it/a"},
      {"https://example.it/a?utm_source=rss&utm_medium=x", "example.it/a"},
      {"https://example.it/a?id=5&fbclid=abc&p=2", "example.it/a?id=5&p=2"},
      {"//example.it/a", "example.it/a"},
      {"  https://example.it/  ", "example.it"},
      {"example.it/a", "example.it/a"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.in);
    CHECK(normalise_url(c.in) == c.out);
  }
}

TEST_CASE("the stored article takes the facets and the body, never the code") {
  Article a = sample();
  a.code = "int main() {}";
  ArticleFacets facets;
  facets.companies = {"Microsoft"};
  facets.topics = {"a", "b", "c", "d"};
  const StoredArticle s = make_stored_article(a, facets);
  CHECK(s.text == a.body);
  CHECK(s.path == a.source_path);
  CHECK(s.companies == facets.companies);
  CHECK(s.topics.size() == schema::kMaxTopics);
  CHECK(s.date == a.date);
}

TEST_CASE("the facet pack holds the month, topics and slot companies, and reads back") {
  using segugio::index::FacetPackView;
  const std::vector<std::string> topics{"spazio", "industria"};
  std::vector<std::string> companies;
  for (int i = 0; i < 30; ++i) companies.push_back("Azienda " + std::to_string(i));
  companies.push_back(std::string(300, 'x'));  // past 255 bytes: cut
  struct Case {
    std::optional<segugio::Date> date;
    const char* month;
  };
  for (const Case& c : {Case{segugio::Date{2024, 1, 31}, "2024-01"},
                        Case{segugio::Date{1999, 12, 1}, "1999-12"}, Case{std::nullopt, "senza-data"}}) {
    CAPTURE(c.month);
    const std::string packed = segugio::index::pack_facets(c.date, topics, companies);
    FacetPackView view;
    REQUIRE(segugio::index::unpack_facets(packed, view));
    CHECK(segugio::index::month_label(view.month) == c.month);
    CHECK(std::vector<std::string>(view.topics.begin(), view.topics.end()) == topics);
    // The same companies as the slots: the 24 most salient.
    REQUIRE(view.companies.size() == segugio::schema::kMaxCompanySlots);
    CHECK(view.companies.front() == "Azienda 0");
    CHECK(view.companies.back() == "Azienda 23");
    // A damaged or foreign value is refused, not misread.
    CHECK_FALSE(segugio::index::unpack_facets(packed.substr(0, packed.size() - 1), view));
    CHECK_FALSE(segugio::index::unpack_facets("", view));
  }
  FacetPackView view;
  const std::string long_name =
      segugio::index::pack_facets(std::nullopt, {}, {std::string(300, 'x'), "Avio"});
  REQUIRE(segugio::index::unpack_facets(long_name, view));
  CHECK(view.companies.at(0).size() == 255);
  CHECK(view.companies.at(1) == "Avio");
}

TEST_CASE("for_each_facet reads what unpack_facets reads, and refuses what it refuses") {
  // The facet spy reads packs with for_each_facet, and unpack_facets is
  // built on it: a damaged pack must count nothing, not its first names.
  // Of these inputs only the whole pack is one.
  const std::string packed =
      segugio::index::pack_facets(segugio::Date{2024, 5, 2}, {"spazio", "", "cloud"},
                                  {"Avio", std::string(40, 'x'), "Leonardo"});
  std::vector<std::string> inputs{packed, "", std::string(1, '\1'), packed + "x"};
  for (std::size_t n = 0; n < packed.size(); ++n) inputs.push_back(packed.substr(0, n));
  std::string other_version = packed;
  other_version[0] = 2;
  inputs.push_back(other_version);
  std::string too_many = packed;
  too_many[4] = 9;  // nine topics announced, three there
  inputs.push_back(too_many);
  for (const std::string& input : inputs) {
    CAPTURE(input.size());
    segugio::index::FacetPackView view;
    const bool unpacked = segugio::index::unpack_facets(input, view);
    std::vector<std::string_view> topics, companies;
    const std::optional<unsigned> month = segugio::index::for_each_facet(
        input, [&](std::string_view t) { topics.push_back(t); },
        [&](std::string_view c) { companies.push_back(c); });
    CHECK(unpacked == (input == packed));
    REQUIRE(month.has_value() == unpacked);
    if (!unpacked) {
      CHECK(topics.empty());
      CHECK(companies.empty());
      continue;
    }
    CHECK(*month == view.month);
    CHECK(topics == view.topics);
    CHECK(companies == view.companies);
  }
}
