// Analyzer: the one Italian analysis chain, shared by the index and query sides.
//
// Text goes through these steps, so that whatever a query can say reaches what
// was indexed:
//   1. UTF-8 decoding; invalid bytes become separators and are counted.
//   2. Tokenising into words: letters, digits and combining marks, joined by
//      hyphens (`Wi-Fi`), dots between single letters (`S.p.A.`) or digits
//      (`24.04`), commas between digits (`5,6`) and apostrophes.
//   3. Elision: `dell'azienda`, `l’AI` (any of ' ’ ‘ ʼ `) become two words, the
//      elided article or preposition (a stopword) and the bare word. An
//      apostrophe after a final vowel is an accent: `perche'` = `perché`.
//   4. NFC normalisation, lower case, and stopword marking (the Italian list
//      plus the elisions, kept as data). A stopword written in capitals as an
//      acronym (`AI`, `IT`) is not a stopword.
//   5. Terms: the Italian Snowball stem with accents folded away, and, where it
//      differs, the stem of the accent-folded word (`abbandonerà` gives
//      `abbandon` and `abbandoner`), so accented and unaccented spellings meet;
//      a word ending in an unaccented vowel whose final-accented form stems
//      apart (`interoperabilita`) gets that form's terms too, so both
//      spellings give the same terms in the same order.
//      A compound (`Wi-Fi`, `GPT4`, `S.p.A.`) gives its joined form and its parts,
//      all at one position.
//      Two words joined by a dot alone (`Node.js`, `Hack.Developers`, `X.509`)
//      stay two words; the first also gives the terms of the two written whole
//      (`nodejs`), so that a query typing the name whole finds it.
//
// Thread contract: an Analyzer owns a libstemmer stemmer, which reuses its output
// buffer between calls, so an Analyzer is not shareable: one per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace segugio::analysis {

struct AnalyzerOptions {
  bool stemming = true;        // off: terms are the folded lower-case words
  bool split_elisions = true;  // off: `dell'azienda` stays one word (as Xapian does)
  bool fold_accents = true;    // off: `città` and `citta` are different terms
  std::size_t max_word_bytes = 64;  // longer words (URLs, hashes) are dropped
};

// One word of the analysed text.
struct Word {
  std::string surface;              // lower-case NFC word, apostrophes removed
  std::vector<std::string> terms;   // index terms at this position, main term first
  std::vector<std::string> parts;   // terms of a compound's parts (`wi`, `fi`), may be empty
  std::vector<std::string> joined;  // a dotted name's first word (`Node` of `Node.js`): the
                                    // terms of the name written whole (`nodejs`), may be empty
  std::string coarse;               // coarse_stem(surface); empty for stopwords
  std::uint32_t begin = 0;          // byte offsets of the word in the analysed text
  std::uint32_t end = 0;
  bool stopword = false;
};

struct Analysis {
  std::vector<Word> words;
  std::size_t invalid_bytes = 0;  // bytes that were not valid UTF-8 (replaced)
};

class Analyzer {
 public:
  explicit Analyzer(AnalyzerOptions options = {});
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  // Splits and analyses `text`. Never throws on bad input.
  Analysis analyze(std::string_view text);

  // As analyze, but a word's terms and parts are worked out only when one of
  // them may begin with a code point of `initials` (terms begin as their
  // folded word does); any other word comes back with its place and surface
  // only (no terms, no parts, not a stopword). For callers that look for a few
  // given terms in a long text (snippets): most words skip stemming. With
  // `places` false, only the words that may give such a term come back (no
  // place-only words, no elided articles): most are not even built.
  Analysis analyze_for_initials(std::string_view text, std::u32string_view initials,
                                bool places = true);

  // The terms of one query word typed by a user (already split out of a query),
  // main term first; empty for a stopword. Used for field values and prefixes.
  std::vector<std::string> terms_of(std::string_view word);

  // Stems one lower-case word (cached). With stemming off, returns it unchanged.
  std::string stem(std::string_view lower_word);

  const AnalyzerOptions& options() const { return options_; }

 private:
  struct Impl;
  Analysis analyze(std::string_view text, const std::u32string* initials, bool places);
  void add_dotted_names(std::string_view text, Analysis& result);
  AnalyzerOptions options_;
  std::unique_ptr<Impl> impl_;
};

// True for the Italian stopwords of the bundled list (lower-case input).
bool is_stopword(std::string_view lower_word);

// `stato`, `stata`, `stati`, `state` are stopwords as the participle of
// essere only: right after one of its forms, maybe past one or two adverbs
// (`è stato approvato`, `sono già state`). Elsewhere they are nouns (`lo
// Stato`, `stato civile`, `Stati Uniti`) and indexed. `before` holds the
// lower-case words before `lower_word`, nearest first. The analyser applies
// it within a text; a query applies it across its words.
bool is_participle_of_essere(std::string_view lower_word);
bool is_essere_participle(std::string_view lower_word, const std::vector<std::string_view>& before);

// True for the elided articles and prepositions (`l`, `dell`, `quest`...).
bool is_elision(std::string_view lower_word);

// A coarse stem: the first kCoarseStemBytes bytes of the folded word (never
// cutting a character), or the whole folded word when shorter. Snowball keeps
// `telefono` (telef) apart from `telefoni` (telefon), and `vendite` (vend) from
// `venditori` (venditor); their coarse stems meet (`telefo`, `vendit`). Empty
// for a word without letters (numbers keep their exact terms).
inline constexpr std::size_t kCoarseStemBytes = 6;
std::string coarse_stem(std::string_view surface);

}  // namespace segugio::analysis
