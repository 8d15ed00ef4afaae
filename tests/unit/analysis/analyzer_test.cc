// The Italian analysis chain: whatever a query can say must reach what was
// indexed. Each table pairs a text as written in an article with a query word
// a reader would type.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "segugio/analysis/analyzer.h"
#include "segugio/analysis/italian_stemmer.h"
#include "segugio/text/normalize.h"
#include "segugio/text/utf8.h"
#include "skip.h"

using segugio::analysis::Analyzer;
using segugio::analysis::AnalyzerOptions;

namespace {

// Every term an article's text puts in the index.
std::set<std::string> index_terms(Analyzer& analyzer, const std::string& text) {
  std::set<std::string> terms;
  for (const auto& w : analyzer.analyze(text).words) {
    if (w.stopword) continue;
    terms.insert(w.terms.begin(), w.terms.end());
    terms.insert(w.parts.begin(), w.parts.end());
    terms.insert(w.joined.begin(), w.joined.end());
  }
  return terms;
}

// True when every non-stopword word of `query` has a term in `text`'s index.
bool finds(Analyzer& analyzer, const std::string& text, const std::string& query) {
  const std::set<std::string> indexed = index_terms(analyzer, text);
  bool any = false;
  for (const auto& w : analyzer.analyze(query).words) {
    if (w.stopword) continue;
    any = true;
    bool hit = false;
    for (const std::string& t : w.terms) hit = hit || indexed.count(t) > 0;
    if (!hit) return false;
  }
  return any;
}

struct Case {
  const char* text;
  const char* query;
};

// Every case's query finds its text.
template <std::size_t N>
void check_found(Analyzer& analyzer, const Case (&cases)[N]) {
  for (const Case& c : cases) {
    const std::string text = c.text;
    CAPTURE(text);
    const std::string query = c.query;
    CAPTURE(query);
    CHECK(finds(analyzer, c.text, c.query));
  }
}

}  // namespace

TEST_CASE("elisions index and match as the bare word, with every apostrophe") {
  Analyzer analyzer;
  const Case cases[] = {
      {"l'intelligenza", "intelligenza"},   {"dell'azienda", "azienda"},
      {"un'altra", "altra"},                {"all'AI", "AI"},
      {"nell'ambito", "ambito"},            {"sull'IA", "IA"},
      {"d'Italia", "Italia"},               {"c'è", "è"},
      {"quest'anno", "anno"},               {"com'è", "è"},
      {"l\u2019intelligenza", "intelligenza"},  // U+2019
      {"l\u2018intelligenza", "intelligenza"},  // U+2018
      {"l\u02BCintelligenza", "intelligenza"},  // U+02BC
      {"l`intelligenza", "intelligenza"},       // backtick
      {"dell\u2019azienda", "aziende"},         // stems meet too
      {"nell' ottobre", "ottobre"},             // scraped text with a space
      {"tutt'altro", "altro"},                  {"sant'Ambrogio", "Ambrogio"},
      {"bell'esempio", "esempio"},              {"buon'anima", "anima"},
      {"coll'aiuto", "aiuto"},                  {"pell'occasione", "occasione"},
      {"quell'impresa", "impresa"},             {"dov'era", "era"},
      {"anch'esso", "esso"},                    {"nessun'altra", "altra"},
      {"dall'Europa", "Europa"},                {"m'ha", "ha"},
      {"t'avevo", "avevo"},                     {"s'è", "è"},
      {"v'era", "era"},
  };
  for (const Case& c : cases) {
    const std::string text = c.text;
    CAPTURE(text);
    if (segugio::analysis::is_stopword(segugio::text::lower(c.query))) {
      // The bare word is itself a stopword: the elided form must give the same word.
      const auto words = analyzer.analyze(c.text).words;
      REQUIRE(words.size() == 2);
      CHECK(words[0].stopword);
      CHECK(words[1].surface == segugio::text::lower(c.query));
    } else {
      CHECK(finds(analyzer, c.text, c.query));
    }
  }
}

TEST_CASE("the elided article is a stopword, the word after it is not") {
  Analyzer analyzer;
  const auto words = analyzer.analyze("dell'intelligenza").words;
  REQUIRE(words.size() == 2);
  CHECK(words[0].stopword);
  CHECK(words[0].surface == "dell");
  CHECK_FALSE(words[1].stopword);
  CHECK(words[1].surface == "intelligenza");
  // Offsets point into the original text, for highlighting.
  CHECK(words[1].begin == 5);
  CHECK(words[1].end == 17);
}

TEST_CASE("an apostrophe after a final vowel is an accent, not an elision") {
  Analyzer analyzer;
  const Case cases[] = {
      {"città", "citta'"}, {"perché", "perche'"}, {"più", "piu'"},
      {"po'", "pò"},       {"università", "universita'"},
  };
  for (const Case& c : cases) {
    const std::string text = c.text;
    CAPTURE(text);
    const auto words = analyzer.analyze(c.query).words;
    REQUIRE(words.size() == 1);
    if (!words[0].stopword) CHECK(finds(analyzer, c.text, c.query));
  }
  CHECK(analyzer.analyze("perche'").words.at(0).surface == "perchè");
}

TEST_CASE("accents: unaccented queries find accented words and the reverse") {
  Analyzer analyzer;
  const Case cases[] = {
      {"città", "citta"},         {"citta", "città"},
      {"università", "universita"}, {"universita", "università"},
      {"abbandonerà", "abbandonera"}, {"abbandonera", "abbandonerà"},
      {"sarà", "sara"},           {"perché", "perche"},
      {"investirà", "investira"}, {"investirà", "investimenti"},
      {"cit\u0074a\u0300", "città"},  // decomposed a + U+0300
      {"città", "cit\u0074a\u0300"},
  };
  for (const Case& c : cases) {
    const std::string text = c.text;
    CAPTURE(text);
    const std::string query = c.query;
    CAPTURE(query);
    if (segugio::analysis::is_stopword(segugio::text::lower(c.query))) continue;
    CHECK(finds(analyzer, c.text, c.query));
  }
  // `perche`/`piu` are stopwords in either spelling.
  CHECK(analyzer.analyze("perche").words.at(0).stopword == analyzer.analyze("perché").words.at(0).stopword);
}

// Regression: `interoperabilita` stemmed to `interoperabil` while
// `interoperabilità` gave `interoper` first, so the unaccented query weighed
// a different (rarer) term than the accented one and missed `interoperare`.
TEST_CASE("a word typed without its final accent gives the accented form's terms") {
  Analyzer analyzer;
  const Case cases[] = {
      {"interoperabilità", "interoperabilita"},
      {"accessibilità", "accessibilita"},
      {"città", "citta"},
      {"compatibilità", "compatibilita"},
  };
  for (const Case& c : cases) {
    const std::string accented = c.text;
    CAPTURE(accented);
    const auto a = analyzer.analyze(c.text).words;
    const auto b = analyzer.analyze(c.query).words;
    REQUIRE(a.size() == 1);
    REQUIRE(b.size() == 1);
    CHECK(a[0].terms == b[0].terms);
  }
  // Other words keep their own terms: `investimento` is not `investimentò`,
  // `uscita` (a participle) not `uscità`.
  CHECK(analyzer.analyze("investimento").words.at(0).terms ==
        std::vector<std::string>{"invest"});
  CHECK(analyzer.analyze("uscita").words.at(0).terms.size() == 1);
  CHECK(analyzer.analyze("casa").words.at(0).terms.size() == 1);
}

// Regression: `come faccio a ...` gave `faccio` the every-word bonus of a
// topic word.
TEST_CASE("the forms of fare and stare are stopwords, `fa` and `fatto` are not") {
  Analyzer analyzer;
  for (const char* w : {"faccio", "fanno", "farà", "facendo", "starebbe", "stettero"}) {
    const std::string word = w;
    CAPTURE(word);
    CHECK(analyzer.analyze(w).words.at(0).stopword);
  }
  CHECK_FALSE(analyzer.analyze("fatto").words.at(0).stopword);
  CHECK_FALSE(analyzer.analyze("fa").words.at(0).stopword);
}

// Regression: `come fare il cambio di residenza` searched `fare` (in a
// fifth of the real articles) as a word of the subject, like `faccio` before.
TEST_CASE("the infinitive fare is a stopword like its forms") {
  Analyzer analyzer;
  CHECK(analyzer.analyze("fare").words.at(0).stopword);
  CHECK(analyzer.analyze("Fare").words.at(0).stopword);
}

// Regression: `stato` was a stopword everywhere, so `stato civile digitale`
// matched `Servizio civile digitale` as well as the registry it names.
TEST_CASE("stato is a stopword as the participle of essere only") {
  Analyzer analyzer;
  // The word at `index` of `text`: a stopword or not.
  auto stopword_at = [&](const std::string& text, std::size_t index) {
    return analyzer.analyze(text).words.at(index).stopword;
  };
  CHECK_FALSE(stopword_at("lo stato civile dei comuni", 1));
  CHECK_FALSE(stopword_at("Lo Stato e le Regioni", 1));
  CHECK_FALSE(stopword_at("gli Stati Uniti", 1));
  CHECK_FALSE(stopword_at("stato civile", 0));
  CHECK(stopword_at("il bando è stato approvato", 3));
  CHECK(stopword_at("le domande sono già state inviate", 4));
  CHECK(stopword_at("la legge sarebbe stata votata", 3));
  // Past `uno`, not an adverb, it is the noun again.
  CHECK_FALSE(stopword_at("l'Italia è uno stato", 4));
  CHECK_FALSE(analyzer.analyze("lo stato civile").words.at(1).terms.empty());
  // A query analyses its words one by one: the rule across them.
  CHECK(segugio::analysis::is_essere_participle("stato", {"già", "è"}));
  CHECK_FALSE(segugio::analysis::is_essere_participle("stato", {"lo"}));
  CHECK_FALSE(segugio::analysis::is_essere_participle("stato", {}));
}

TEST_CASE("accents hold for every word of Debian's witalian list") {
  const std::filesystem::path list = "/usr/share/dict/italian";
  if (!std::filesystem::exists(list)) {
    return segugio::testing::skip("/usr/share/dict/italian is missing (Debian package witalian)");
  }
  Analyzer analyzer;
  std::ifstream in(list);
  std::string word;
  std::size_t checked = 0, differing = 0, failures = 0;
  while (std::getline(in, word)) {
    const std::string folded = segugio::text::fold(word);
    if (folded == segugio::text::lower(word)) continue;
    ++checked;
    const std::string stem_then_fold = segugio::text::fold(analyzer.stem(segugio::text::lower(word)));
    if (stem_then_fold != analyzer.stem(folded)) ++differing;
    const auto accented = analyzer.analyze(word).words;
    const auto plain = analyzer.analyze(folded).words;
    if (accented.size() != 1 || plain.size() != 1) continue;
    if (accented[0].stopword || plain[0].stopword) continue;
    bool meet_a = false, meet_b = false;
    for (const auto& q : plain[0].terms)
      for (const auto& t : accented[0].terms) meet_a = meet_a || q == t;
    for (const auto& q : accented[0].terms)
      for (const auto& t : plain[0].terms) meet_b = meet_b || q == t;
    if (!meet_a || !meet_b) {
      if (failures < 10) MESSAGE("accent mismatch: " << word);
      ++failures;
    }
  }
  MESSAGE(checked << " accented words checked, " << differing << " where stem and fold disagree");
  CHECK(checked > 1000);
  CHECK(differing > 1000);  // the reason both stems are indexed
  CHECK(failures == 0);
}

TEST_CASE("the Italian stemmer reaches Xapian as a StemImplementation") {
  Xapian::Stem stem = segugio::analysis::make_italian_stem();
  CHECK(stem.get_description().find("segugio-italian") != std::string::npos);
  CHECK(stem("investimenti") == "invest");
  CHECK(stem("intelligenza") == "intelligent");
  CHECK(stem("semiconduttori") == "semiconduttor");
  CHECK(stem("aziende") == stem("azienda"));
  segugio::analysis::SnowballItalian own;
  CHECK(own.stem("regolamentazione") == "regolament");
}

TEST_CASE("stopwords are dropped, acronyms in capitals are not") {
  Analyzer analyzer;
  CHECK(analyzer.analyze("la").words.at(0).stopword);
  CHECK(analyzer.analyze("ai").words.at(0).stopword);
  CHECK_FALSE(analyzer.analyze("AI").words.at(0).stopword);
  CHECK(finds(analyzer, "l'espansione nell\u2019AI oltre", "AI"));
  CHECK(finds(analyzer, "il settore IT cresce", "IT"));
  CHECK_FALSE(finds(analyzer, "andiamo ai giardini", "AI"));
  // The preposition typed by a user is a stopword and asks for nothing.
  CHECK(analyzer.terms_of("ai").empty());
  CHECK(analyzer.analyze("Ai").words.at(0).stopword);  // capital first letter only
}

TEST_CASE("case does not matter outside the acronym rule") {
  Analyzer analyzer;
  const auto a = analyzer.terms_of("IA");
  CHECK(a == analyzer.terms_of("ia"));
  CHECK(a == analyzer.terms_of("Ia"));
  CHECK(analyzer.terms_of("INTELLIGENZA") == analyzer.terms_of("intelligenza"));
}

TEST_CASE("acronyms, digits and hyphens are findable the ways users type them") {
  Analyzer analyzer;
  const Case cases[] = {
      {"Telecom Italia S.p.A.", "SpA"},  {"Telecom Italia SpA", "S.p.A."},
      {"gli U.S.A.", "USA"},            {"gli USA", "U.S.A."},
      {"la rete Wi-Fi", "WiFi"},        {"la rete Wi-Fi", "wifi"},
      {"la rete WiFi", "Wi-Fi"},        {"la rete wifi", "Wi-Fi"},
      {"il modello GPT-4", "GPT4"},     {"il modello GPT4", "GPT-4"},
      {"il modello GPT-4", "gpt 4"},    {"il modello GPT4", "gpt 4"},
      {"le reti 5G", "5G"},             {"le reti 5G", "5g"},
      {"il nuovo iPhone 15", "iphone 15"}, {"Ubuntu 24.04 LTS", "24.04"},
      {"Ubuntu 24.04 LTS", "ubuntu"},   {"l'e-commerce", "ecommerce"},
      {"l'ecommerce", "e-commerce"},    {"5,6 miliardi", "5,6"},
  };
  check_found(analyzer, cases);
  // A sentence-final dot is not an acronym dot.
  const auto words = analyzer.analyze("Lo ha detto Nadella. Poi").words;
  CHECK(words.at(3).surface == "nadella");
  CHECK(words.at(4).surface == "poi");
}

TEST_CASE("a name joined by a dot is findable written whole, its words keep their places") {
  Analyzer analyzer;
  const Case cases[] = {
      {"il backend in Node.js", "nodejs"},   {"il backend in Node.js", "NodeJS"},
      {"la rete Hack.Developers", "HackDevelopers"}, {"siti in ASP.NET", "aspnet"},
      {"certificati X.509", "x509"},         {"il backend in Node.js", "node js"},
  };
  check_found(analyzer, cases);
  const auto words = analyzer.analyze("in Node.js oggi").words;
  REQUIRE(words.size() == 4);
  CHECK(words.at(1).surface == "node");
  CHECK(words.at(2).surface == "js");
  CHECK_FALSE(words.at(1).joined.empty());
  // A dot and a space end a sentence: no name.
  CHECK(analyzer.analyze("detto Nadella. Poi").words.at(1).joined.empty());
}

TEST_CASE("C++ and C# are words of their own, not the letter c") {
  Analyzer analyzer;
  const Case cases[] = {
      {"un corso di C++ per principianti", "C++"}, {"un corso di C++ per principianti", "c++"},
      {"librerie in C# e F#, poi Python", "C#"},   {"librerie in C# e F#, poi Python", "f#"},
  };
  check_found(analyzer, cases);
  CHECK_FALSE(finds(analyzer, "la vitamina C fa bene", "C++"));
  CHECK_FALSE(finds(analyzer, "un corso di C++ per principianti", "C"));
  CHECK_FALSE(finds(analyzer, "un corso di C++ per principianti", "C#"));
  // The word keeps its place and its span, the symbols included.
  const std::string text = "corso di C++, oggi";
  const auto words = analyzer.analyze(text).words;
  REQUIRE(words.size() == 4);
  CHECK(words.at(2).surface == "c++");
  CHECK(text.substr(words.at(2).begin, words.at(2).end - words.at(2).begin) == "C++");
  // Symbols that do not end the word are not a language's: `C+1`, `C#5`.
  CHECK(analyzer.analyze("voto C+1").words.at(1).surface == "c");
  CHECK(analyzer.analyze("nota C#5").words.at(1).surface == "c");
}

TEST_CASE("invalid UTF-8 is replaced and counted, never thrown") {
  Analyzer analyzer;
  const std::string bad = std::string("perch") + '\xe9' + " la citt" + '\xc3' + " \xff\xfe fine";
  segugio::analysis::Analysis a;
  CHECK_NOTHROW(a = analyzer.analyze(bad));
  CHECK(a.invalid_bytes == 4);
  CHECK(a.words.back().surface == "fine");
  CHECK_NOTHROW(segugio::text::fold(bad));
}

TEST_CASE("overlong words are dropped, not passed on to Xapian") {
  Analyzer analyzer;
  const std::string longword(300, 'a');
  const auto words = analyzer.analyze("prima " + longword + " dopo").words;
  REQUIRE(words.size() == 2);
  CHECK(words[0].surface == "prima");
}

TEST_CASE("options turn each step off, for the benchmark's comparisons") {
  AnalyzerOptions no_elisions;
  no_elisions.split_elisions = false;
  Analyzer xapian_like(no_elisions);
  CHECK_FALSE(finds(xapian_like, "dell'azienda", "azienda"));
  CHECK(xapian_like.analyze("dell'azienda").words.at(0).surface == "dell'azienda");

  AnalyzerOptions no_stem;
  no_stem.stemming = false;
  Analyzer plain(no_stem);
  CHECK_FALSE(finds(plain, "investimenti", "investire"));
  CHECK(finds(plain, "città", "citta"));
}

namespace {

// The first code point of `s`, as a string ("" when empty).
std::string initial_of(std::string_view s) {
  if (s.empty()) return {};
  std::size_t pos = 0;
  segugio::text::next_code_point(s, pos);
  return std::string(s.substr(0, pos));
}

bool begins_with_one_of(const std::string& term, const std::u32string& initials) {
  std::size_t pos = 0;
  const std::int32_t cp = term.empty() ? -1 : segugio::text::next_code_point(term, pos);
  return cp >= 0 && initials.find(static_cast<char32_t>(cp)) != std::u32string::npos;
}

// Words whose stem is not a prefix of the word, capitals, accents, compounds,
// elisions and numbers: the cases where a term could begin otherwise.
constexpr const char* kTrickyText =
    "\u00c8lite e \u00e9lite: la presenza della biologia, mangiarlo subito, dell'Intelligenza "
    "artificiale, l\u2019IA e l'\u00e0ncora. Perche' la citta' di Qu\u00e9bec ha il Wi-Fi, il "
    "GPT-4 e il 5G; interoperabilita, 3,5 milioni, S.p.A., \u00c0NCORA, \u00dcber-App, "
    "\u0130stanbul e Ca\u0301rdenas.";

}  // namespace

TEST_CASE("a word's terms begin with its folded first letter, so snippets may skip the others") {
  Analyzer analyzer;
  // The rule analyze_for_initials relies on, for every word of a list.
  const std::filesystem::path list = "/usr/share/dict/italian";
  std::size_t checked = 0, failures = 0;
  if (std::filesystem::exists(list)) {
    std::ifstream in(list);
    std::string word;
    while (std::getline(in, word)) {
      for (const auto& w : analyzer.analyze(word).words) {
        if (w.stopword) continue;
        ++checked;
        const std::string first = initial_of(segugio::text::fold(w.surface));
        for (const std::string& t : w.terms)
          if (initial_of(t) != first && failures++ < 10) MESSAGE(w.surface << " -> " << t);
      }
    }
    CHECK(checked > 100000);
  }
  CHECK(failures == 0);

  // The same words and places as analyze, and the same terms for every word
  // that has one beginning with an initial asked for.
  std::vector<std::string> texts{kTrickyText};
  for (const auto& entry : std::filesystem::recursive_directory_iterator(SEGUGIO_CORPUS_DIR)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    texts.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const std::u32string initial_sets[] = {U"e", U"p", U"a", U"i", U"c", U"g", U"w", U"5", U"3",
                                         U"s", U"q", U"u", U"m", U"b", U"lt", U"fdr"};
  std::size_t kept = 0, skipped = 0;
  for (const std::string& text : texts) {
    const auto full = analyzer.analyze(text).words;
    for (const std::u32string& initials : initial_sets) {
      const auto some = analyzer.analyze_for_initials(text, initials).words;
      REQUIRE(some.size() == full.size());
      for (std::size_t i = 0; i < full.size(); ++i) {
        CAPTURE(full[i].surface);
        CHECK(some[i].begin == full[i].begin);
        CHECK(some[i].end == full[i].end);
        CHECK(some[i].surface == full[i].surface);
        bool wanted = false;
        for (const std::string& t : full[i].terms) wanted = wanted || begins_with_one_of(t, initials);
        for (const std::string& t : full[i].parts) wanted = wanted || begins_with_one_of(t, initials);
        const bool same = some[i].terms == full[i].terms && some[i].parts == full[i].parts &&
                          some[i].stopword == full[i].stopword;
        const bool place_only =
            some[i].terms.empty() && some[i].parts.empty() && !some[i].stopword;
        if (wanted) {
          ++kept;
          CHECK(same);
        } else {
          skipped += same ? 0 : 1;
          CHECK((same || place_only));
        }
      }
    }
  }
  CHECK(kept > 1000);
  CHECK(skipped > kept);  // the point: most words need no terms

  // Without places: exactly the words wanted (and perhaps a few more), as
  // analyze gives them.
  for (const std::string& text : texts) {
    const auto full = analyzer.analyze(text).words;
    for (const std::u32string& initials : initial_sets) {
      const auto some = analyzer.analyze_for_initials(text, initials, false).words;
      std::size_t j = 0;
      for (const auto& w : full) {
        bool wanted = false;
        for (const std::string& t : w.terms) wanted = wanted || begins_with_one_of(t, initials);
        for (const std::string& t : w.parts) wanted = wanted || begins_with_one_of(t, initials);
        const bool there = j < some.size() && some[j].begin == w.begin;
        CAPTURE(w.surface);
        if (wanted) CHECK(there);
        if (!there) continue;
        CHECK(some[j].end == w.end);
        CHECK(some[j].terms == w.terms);
        CHECK(some[j].parts == w.parts);
        CHECK(some[j].stopword == w.stopword);
        ++j;
      }
      CHECK(j == some.size());  // nothing but the text's words, in order
    }
  }
}
