// Characters and words as the engine compares them: character classes, lower
// case, NFC, accents folded away. Through utf8proc, with inline paths for ASCII
// and Latin-1 (Italian text), which give the same results without its
// allocations.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace segugio::text {

// What a code point is to a tokeniser: letters (any script), digits (any
// numeric character), combining marks, and everything else.
enum class CharClass { separator, letter, digit, mark };

namespace detail {
CharClass classify_slow(std::int32_t cp);
}  // namespace detail

inline CharClass classify(std::int32_t cp) {
  if (cp < 0x80) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return CharClass::letter;
    if (cp >= '0' && cp <= '9') return CharClass::digit;
    return CharClass::separator;
  }
  return detail::classify_slow(cp);
}

// An upper-case letter (general category Lu).
bool is_upper(std::int32_t cp);
// The simple lower-case mapping of one code point.
std::int32_t to_lower(std::int32_t cp);

// White space: the ASCII blanks, NEL, and Unicode's space, line and paragraph
// separators (no-break space, thin space, U+2028).
bool is_white_space(char32_t cp);

// A control or invisible format character: zero-width space, soft hyphen, BOM.
bool is_invisible(char32_t cp);

// NFC and lower case of valid UTF-8; `strip_accents` also removes combining
// marks (`Città` -> `citta`). Empty when `word` is not valid UTF-8.
std::string normalize(std::string_view word, bool strip_accents);

// Lower case, NFC, accents removed: `Città` -> `citta`, `Perché` -> `perche`.
// Invalid UTF-8 bytes become U+FFFD. The form of index terms and facet values.
std::string fold(std::string_view text);

// Lower case and NFC, accents kept: `Città` -> `città`.
std::string lower(std::string_view text);

// The NFC form of valid UTF-8 (`e` + U+0301 -> `é`); text that cannot change
// (ASCII, Latin-1, general punctuation) is returned without normalising.
std::string nfc(std::string text);

// Lower case of the ASCII letters only; other bytes unchanged (tag and
// attribute names, markers, field names).
std::string ascii_lower(std::string_view text);

}  // namespace segugio::text
