#include "segugio/text/normalize.h"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

#include "segugio/text/utf8.h"

namespace segugio::text {

namespace {

// Lower case of U+00C0..U+00FF, then, for strip_accents, the letter without its
// accent. Letters without a canonical decomposition (æ, ð, ø, þ, ß) and the
// signs × ÷ stay as they are, as utf8proc leaves them.
constexpr std::int32_t kLatin1Base[64] = {
    'a',  'a', 'a', 'a', 'a', 'a', 0xE6, 'c',  'e',  'e', 'e', 'e', 'i', 'i', 'i',  'i',
    0xF0, 'n', 'o', 'o', 'o', 'o', 'o',  0xD7, 0xF8, 'u', 'u', 'u', 'u', 'y', 0xFE, 0xDF,
    'a',  'a', 'a', 'a', 'a', 'a', 0xE6, 'c',  'e',  'e', 'e', 'e', 'i', 'i', 'i',  'i',
    0xF0, 'n', 'o', 'o', 'o', 'o', 'o',  0xF7, 0xF8, 'u', 'u', 'u', 'u', 'y', 0xFE, 'y'};

// Italian text is ASCII and Latin-1 letters (à è é ì ò ù), already in NFC: no
// code point below U+0300 composes with another or has a singleton
// decomposition. Such a word is normalised here without utf8proc (which
// allocates and decomposes every character). False when the word holds
// anything else.
bool normalize_latin1(std::string_view word, bool strip_accents, std::string& out) {
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    if (c < 0x80) {
      out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : static_cast<char>(c));
      continue;
    }
    if ((c != 0xC2 && c != 0xC3) || i + 1 == word.size()) return false;
    const auto c2 = static_cast<unsigned char>(word[i + 1]);
    if ((c2 & 0xC0) != 0x80) return false;
    ++i;
    std::int32_t cp = ((c & 0x1F) << 6) | (c2 & 0x3F);
    if (cp >= 0xC0) {
      if (cp <= 0xDE && cp != 0xD7) cp += 0x20;
      if (strip_accents) cp = kLatin1Base[cp - 0xC0];
    }
    append_utf8(out, static_cast<char32_t>(cp));
  }
  return true;
}

using MappedBytes = std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)>;

// utf8proc_map with `options`; nullopt-like empty owner when the text is not UTF-8.
MappedBytes map(std::string_view text, int options, std::string_view& result) {
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                          static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                                          static_cast<utf8proc_option_t>(options));
  if (n < 0) return MappedBytes(nullptr, &std::free);
  result = std::string_view(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
  return MappedBytes(mapped, &std::free);
}

// Text that is already NFC whatever the normaliser does: every code point
// below U+0300 (Latin-1 letters are precomposed) or in General Punctuation
// ("’", "“", "–", which have no canonical decomposition once U+2000 and
// U+2001 have become spaces), "€" and "™". Anything else takes the real NFC.
bool surely_nfc(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const std::int32_t cp = next_code_point(text, i);
    if (cp < 0x300 || (cp >= 0x2002 && cp <= 0x206F) || cp == 0x20AC || cp == 0x2122) continue;
    return false;
  }
  return true;
}

}  // namespace

namespace detail {

CharClass classify_slow(std::int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
      return CharClass::letter;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return CharClass::digit;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      return CharClass::mark;
    default:
      return CharClass::separator;
  }
}

}  // namespace detail

bool is_upper(std::int32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

std::int32_t to_lower(std::int32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  return utf8proc_tolower(cp);
}

bool is_white_space(char32_t cp) {
  if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0x85)
    return true;
  if (cp < 0x80) return false;
  const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP;
}

bool is_invisible(char32_t cp) {
  if (cp < 0x20 || cp == 0x7F) return true;
  if (cp < 0x80) return false;
  const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return cat == UTF8PROC_CATEGORY_CC || cat == UTF8PROC_CATEGORY_CF;
}

std::string normalize(std::string_view word, bool strip_accents) {
  std::string out;
  out.reserve(word.size());
  if (normalize_latin1(word, strip_accents, out)) return out;
  out.clear();
  int options = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
  if (strip_accents) options |= UTF8PROC_STRIPMARK;
  std::string_view normal;
  const MappedBytes owner = map(word, options, normal);
  if (!owner) return out;  // callers pass valid UTF-8; nothing sensible to return otherwise
  for (std::size_t pos = 0; pos < normal.size();)
    append_utf8(out, static_cast<char32_t>(to_lower(next_code_point(normal, pos))));
  return out;
}

std::string fold(std::string_view text) {
  return normalize(to_valid_utf8(text), true);
}

std::string lower(std::string_view text) {
  return normalize(to_valid_utf8(text), false);
}

std::string nfc(std::string text) {
  if (surely_nfc(text)) return text;
  std::string_view normal;
  const MappedBytes owner = map(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE, normal);
  if (!owner) return text;
  return std::string(normal);
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace segugio::text
