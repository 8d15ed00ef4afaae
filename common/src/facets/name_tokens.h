// Name tokens: the light, case-aware tokeniser behind the company gazetteer.
//
// Unlike the analysis chain it keeps what a name matcher needs and the index
// does not: whether a word is capitalised or all capitals, whether it opens a
// sentence, and whether it touches the previous word. Words are folded (lower
// case, accents and other marks removed: `Citroën` -> `citroen`) into one
// buffer, separated by single spaces, so that the words i..j of a text are one
// contiguous string_view (`folded.substr(tokens[i].fold_begin, ...)`): a name of
// several words is looked up in a hash map without building a string.
//
// Every character that is not a letter, a digit or a combining mark separates
// words: `S.p.A.` is `s p a`, `GPT-4` is `gpt 4`, `dell'Apple` is `dell apple`.
// Private to the facets library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace segugio::facets::detail {

struct NameToken {
  std::uint32_t begin = 0;  // byte offsets of the word in the source text
  std::uint32_t end = 0;
  std::uint32_t fold_begin = 0;  // the folded word in NameTokens::folded
  std::uint32_t fold_end = 0;
  std::uint32_t sentence = 0;  // index into NameTokens::sentences
  std::uint16_t letters = 0;
  bool first_upper = false;     // the first letter is upper case (`Apple`, `1Password`)
  bool all_upper = false;       // has letters, all upper case (`TIM`, `PS5`)
  bool all_lower = false;       // has letters, none upper case (`github`; not `pagoPA`)
  bool accented = false;        // has a letter with an accent or a mark (`metà`)
  bool sentence_start = false;  // first word of a sentence, a line or a quotation
  bool quote_start = false;     // first word of a quotation inside a sentence
  bool space_before = false;    // only spaces between it and the previous word
  bool elided = false;          // followed by an apostrophe and a letter other than
                                // a possessive `s` (`Dell'Orto`, not `Apple's`)
  bool paren_before = false;    // `(` between it and the previous word
  bool comma_before = false;    // `,` between it and the previous word
  bool paren_after = false;     // `)` between it and the next word
  bool slash_after = false;     // `/` right after it (`ANSA/Reuters`)
  bool technical = false;       // inside a URL, an e-mail address, a `code span` or a
                                // cookie banner: never a name (`github.com/acme`,
                                // `info@acme.it`, `BT`, `Accetta i cookie di YouTube`)
};

struct NameSentence {
  // Capitals say nothing about names in this sentence: a headline in Title Case
  // (`Microsoft Launches New Windows Features`) or in capitals.
  bool capitals_uninformative = false;
};

struct NameTokens {
  std::string folded;
  std::vector<NameToken> tokens;
  std::vector<NameSentence> sentences;

  std::string_view word(std::size_t i) const {
    return std::string_view(folded).substr(tokens[i].fold_begin,
                                           tokens[i].fold_end - tokens[i].fold_begin);
  }
  // Folded words first..last-1 joined by single spaces.
  std::string_view span(std::size_t first, std::size_t last) const {
    return std::string_view(folded).substr(tokens[first].fold_begin,
                                           tokens[last - 1].fold_end - tokens[first].fold_begin);
  }
  // The capital letter of word i tells a name from an ordinary word: it is not
  // the first of its sentence and its sentence is not a Title Case headline.
  bool capital_informative(std::size_t i) const {
    return !tokens[i].sentence_start && !sentences[tokens[i].sentence].capitals_uninformative;
  }
};

// Splits `text` into name tokens (replaces the content of `out`, reusing its
// buffers). Invalid UTF-8 bytes separate words.
void tokenize_names(std::string_view text, NameTokens& out);

// The folded words of `text` joined by single spaces: `Big G` -> `big g`,
// `Intelligenza Artificiale` -> `intelligenza artificiale`, `pa-digitale` ->
// `pa digitale`.
std::string fold_name(std::string_view text);

}  // namespace segugio::facets::detail
