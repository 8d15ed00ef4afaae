#include "utf8.h"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace segugio::analysis::utf8 {

std::int32_t next(std::string_view text, std::size_t& pos) {
  const auto c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) {
    ++pos;
    return c;
  }
  utf8proc_int32_t cp = -1;
  const utf8proc_ssize_t n =
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                       static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
  if (n <= 0) {
    ++pos;
    return -1;
  }
  pos += static_cast<std::size_t>(n);
  return cp;
}

void append(std::string& out, std::int32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
    return;
  }
  utf8proc_uint8_t buf[4];
  const utf8proc_ssize_t n = utf8proc_encode_char(cp, buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

CharClass classify(std::int32_t cp) {
  if (cp < 0x80) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return CharClass::letter;
    if (cp >= '0' && cp <= '9') return CharClass::digit;
    return CharClass::separator;
  }
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

bool is_upper(std::int32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

std::int32_t to_lower(std::int32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  return utf8proc_tolower(cp);
}

namespace {

// Lower case of U+00C0..U+00FF, then, for strip_accents, the letter without its
// accent. Letters without a canonical decomposition (æ, ð, ø, þ, ß) and the
// signs × ÷ stay as they are, as utf8proc leaves them.
constexpr std::int32_t kLatin1Base[64] = {
    'a',  'a',  'a',  'a',  'a',  'a',  0xE6, 'c',  'e',  'e',  'e',  'e',  'i',
    'i',  'i',  'i',  0xF0, 'n',  'o',  'o',  'o',  'o',  'o',  0xD7, 0xF8, 'u',
    'u',  'u',  'u',  'y',  0xFE, 0xDF, 'a',  'a',  'a',  'a',  'a',  'a',  0xE6,
    'c',  'e',  'e',  'e',  'e',  'i',  'i',  'i',  'i',  0xF0, 'n',  'o',  'o',
    'o',  'o',  'o',  0xF7, 0xF8, 'u',  'u',  'u',  'u',  'y',  0xFE, 'y'};

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
    append(out, cp);
  }
  return true;
}

}  // namespace

std::string normalize(std::string_view word, bool strip_accents) {
  std::string out;
  out.reserve(word.size());
  if (normalize_latin1(word, strip_accents, out)) return out;
  out.clear();
  int flags = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
  if (strip_accents) flags |= UTF8PROC_STRIPMARK;
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(word.data()),
                   static_cast<utf8proc_ssize_t>(word.size()), &mapped,
                   static_cast<utf8proc_option_t>(flags));
  if (n < 0) return out;  // callers pass valid UTF-8; nothing sensible to return otherwise
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
  const std::string_view normal(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
  for (std::size_t pos = 0; pos < normal.size();) append(out, to_lower(next(normal, pos)));
  return out;
}

}  // namespace segugio::analysis::utf8
