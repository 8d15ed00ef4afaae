// Snippets: which words are marked, which window is chosen, how it is cut.
#include <doctest/doctest.h>

#include <string>
#include <unordered_set>

#include "segugio/analysis/analyzer.h"
#include "segugio/search/snippet.h"

using segugio::search::make_snippet;

namespace {

// The query terms of `words`, as the query side computes them.
std::unordered_set<std::string> terms_of(segugio::analysis::Analyzer& analyzer,
                                         std::initializer_list<const char*> words) {
  std::unordered_set<std::string> terms;
  for (const char* w : words)
    for (const std::string& t : analyzer.terms_of(w)) terms.insert(t);
  return terms;
}

std::string marked(segugio::analysis::Analyzer& analyzer, std::string_view text,
                   std::initializer_list<const char*> words, std::size_t bytes = 220) {
  return make_snippet(analyzer, text, terms_of(analyzer, words), bytes).render("[", "]");
}

// A text, the words of a query, and the snippet with its marks.
struct Case {
  const char* text;
  std::initializer_list<const char*> query;
  const char* expected;
};

template <std::size_t N>
void check_marks(const Case (&cases)[N]) {
  segugio::analysis::Analyzer analyzer;
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(marked(analyzer, c.text, c.query) == c.expected);
  }
}

}  // namespace

TEST_CASE("highlighting follows elisions, stems, accents and compounds") {
  const Case cases[] = {
      // The elided article stays outside the mark.
      {"La corsa dell'intelligenza artificiale.", {"intelligenza"},
       "La corsa dell'[intelligenza] artificiale."},
      {"La corsa dell\u2019intelligenza artificiale.", {"intelligenza"},
       "La corsa dell\u2019[intelligenza] artificiale."},
      // Stems: investimenti for investire.
      {"Nuovi investimenti nel cloud.", {"investire"}, "Nuovi [investimenti] nel cloud."},
      // Accents: citta for città.
      {"Le reti della citt\u00e0.", {"citta"}, "Le reti della [citt\u00e0]."},
      // A compound and its parts.
      {"Il Wi-Fi di casa e il wi fi dell'ufficio.", {"wifi"},
       "Il [Wi-Fi] di casa e il wi fi dell'ufficio."},
      // Capitals do not matter; stopwords are never marked.
      {"INTELLIGENZA e intelligenza.", {"intelligenza", "e"}, "[INTELLIGENZA] e [intelligenza]."},
  };
  check_marks(cases);
}

TEST_CASE("the window with the most distinct matched words wins") {
  segugio::analysis::Analyzer analyzer;
  std::string text = "Il cloud conviene. ";
  for (int i = 0; i < 20; ++i) text += "Frase di riempimento senza parole cercate. ";
  text += "Qui il cloud e la sicurezza si incontrano. ";
  for (int i = 0; i < 20; ++i) text += "Altra frase qualunque. ";
  const std::string s = marked(analyzer, text, {"cloud", "sicurezza"}, 120);
  CHECK(s.find("Qui il [cloud] e la [sicurezza] si incontrano.") == 0);
  CHECK(s.size() <= 120 + 20);
  CHECK(s.substr(s.size() - 3) == "\u2026");
}

TEST_CASE("a window cut inside a sentence starts with an ellipsis") {
  segugio::analysis::Analyzer analyzer;
  std::string text;
  for (int i = 0; i < 30; ++i) text += "parola ";
  text += "obiettivo finale";
  const std::string s = marked(analyzer, text, {"obiettivo"}, 60);
  CHECK(s.rfind("\u2026 ", 0) == 0);
  CHECK(s.find("[obiettivo] finale") != std::string::npos);
}

TEST_CASE("without a match the snippet is the beginning of the text") {
  segugio::analysis::Analyzer analyzer;
  const std::string s = marked(analyzer, "Prima frase.\n\nSeconda   frase   lunga.", {"assente"});
  CHECK(s == "Prima frase. Seconda frase lunga.");
  CHECK(make_snippet(analyzer, "", terms_of(analyzer, {"x"})).empty());
}

TEST_CASE("render escapes HTML when asked") {
  segugio::analysis::Analyzer analyzer;
  const auto s = make_snippet(analyzer, "AT&T <b> cloud", terms_of(analyzer, {"cloud"}));
  CHECK(s.render("<b>", "</b>", true) == "AT&amp;T &lt;b&gt; <b>cloud</b>");
  CHECK(s.render("[", "]") == "AT&T <b> [cloud]");
}

TEST_CASE("marks are the same when only words that may match are stemmed") {
  // make_snippet works out the terms of a word only when one may begin with a
  // query term's first letter: these words begin in capitals, accents or
  // digits, match by a compound's part, or stem apart from their prefix.
  const Case cases[] = {
      {"\u00c8lite e \u00e9lite del calcio.", {"elite"},
       "[\u00c8lite] e [\u00e9lite] del calcio."},
      {"L'\u00c0NCORA della nave e l'\u00e0ncora.", {"ancora"},
       "L'[\u00c0NCORA] della nave e l'[\u00e0ncora]."},
      {"Il modello GPT-4 e il Wi-Fi di casa.", {"gpt", "fi"},
       "Il modello [GPT-4] e il [Wi-Fi] di casa."},
      {"La presenza in aula della biologia.", {"presenze", "biologie"},
       "La [presenza] in aula della [biologia]."},
      {"Nel 2024 i ricavi salgono a 3,5 milioni.", {"2024", "3,5"},
       "Nel [2024] i ricavi salgono a [3,5] milioni."},
      {"Perche' la citta' cambia.", {"citt\u00e0", "perch\u00e9"},
       "Perche' la [citta]' cambia."},
      // A dotted name typed whole marks its first word.
      {"Il backend in Node.js cresce.", {"nodejs"}, "Il backend in [Node].js cresce."},
  };
  check_marks(cases);
}

TEST_CASE("a match deep in a long text gets the same window, context and cuts") {
  // make_snippet picks the window among the words that may match, then
  // analyses only the stretch around it: the cut must not see the difference.
  std::string text;
  for (int i = 0; i < 40; ++i)
    text += "Una frase di riempimento numero " + std::to_string(i) + " senza nulla.\n";
  text += "Poi il rapporto: " + std::string(80, 'x') + " la nuova rete di sensori per "
          "l'agricoltura arriva nelle campagne, dice il rapporto, con sensori ovunque e "
          "reti che parlano tra loro.\n";
  for (int i = 0; i < 40; ++i) text += "Altra riga di chiusura numero " + std::to_string(i) + ".\n";
  segugio::analysis::Analyzer analyzer;
  CHECK(marked(analyzer, text, {"sensori", "agricoltura"}) ==
        "\u2026 la nuova rete di [sensori] per l'[agricoltura] arriva nelle campagne, dice il "
        "rapporto, con [sensori] ovunque e reti che parlano tra loro. Altra riga di chiusura "
        "numero 0. Altra riga di chiusura numero 1. Altra riga di \u2026");
  // The 80-letter word is dropped (too long to index): the context begins after it.
  CHECK(marked(analyzer, text, {"rapporto", "reti"}, 120) ==
        "\u2026 nuova [rete] di sensori per l'agricoltura arriva nelle campagne, dice il "
        "[rapporto], con sensori ovunque e [reti] che parlano \u2026");
  CHECK(marked(analyzer, text, {"inesistente"}, 60) ==
        "Una frase di riempimento numero 0 senza nulla. Una frase di \u2026");
  // No match, and the first word so far in that the opening is all the text's.
  CHECK(marked(analyzer, std::string(300, 'y') + " " + text, {"inesistente"}, 60) ==
        "\u2026 Una frase di riempimento numero 0 senza nulla. Una frase di \u2026");
}
