// Case, accents and NFC as the engine compares words; character classes.
#include <doctest/doctest.h>
#include <utf8proc.h>

#include <cstdlib>
#include <string>

#include "segugio/text/normalize.h"

namespace text = segugio::text;

TEST_CASE("fold and lower: lower case and NFC, fold without accents, any input") {
  struct Case {
    std::string input;
    std::string folded;
    std::string lowered;
  };
  const Case cases[] = {
      {"Citt\xC3\xA0", "citta", "citt\xC3\xA0"},
      {"PERCH\xC3\x89", "perche", "perch\xC3\xA9"},
      {"Citroe\xCC\x88n", "citroen", "citro\xC3\xABn"},  // e + combining diaeresis -> ë
      {"\xC3\x86on", "\xC3\xA6on", "\xC3\xA6on"},        // æ has no decomposition: kept
      {"Stra\xC3\x9F"
       "e",
       "stra\xC3\x9F"
       "e",
       "stra\xC3\x9F"
       "e"},  // ß stays ß (lower, not casefold)
      {"\xCE\xA3\xCE\x9F\xCE\xA6\xCE\x99\xCE\x91", "\xCF\x83\xCE\xBF\xCF\x86\xCE\xB9\xCE\xB1",
       "\xCF\x83\xCE\xBF\xCF\x86\xCE\xB9\xCE\xB1"},             // ΣΟΦΙΑ -> σοφια
      {"perch\xE9", "perch\xEF\xBF\xBD", "perch\xEF\xBF\xBD"},  // an invalid byte -> U+FFFD
      {"", "", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    CHECK(text::fold(c.input) == c.folded);
    CHECK(text::lower(c.input) == c.lowered);
  }
}

TEST_CASE("nfc composes what is decomposed and keeps the rest") {
  CHECK(text::nfc("caffe\xCC\x81") == "caff\xC3\xA9");
  CHECK(text::nfc("l\xE2\x80\x99"
                  "azienda \xE2\x82\xAC") ==
        "l\xE2\x80\x99"
        "azienda \xE2\x82\xAC");
  CHECK(text::nfc("Citt\xC3\xA0") == "Citt\xC3\xA0");
}

TEST_CASE("character classes") {
  struct Case {
    std::int32_t cp;
    text::CharClass cls;
    bool upper;
  };
  const Case cases[] = {
      {'a', text::CharClass::letter, false},       {'Q', text::CharClass::letter, true},
      {'7', text::CharClass::digit, false},        {'-', text::CharClass::separator, false},
      {0xC0, text::CharClass::letter, true},       {0xE8, text::CharClass::letter, false},
      {0x0301, text::CharClass::mark, false},      {0x0663, text::CharClass::digit, false},
      {0x2019, text::CharClass::separator, false}, {0x4E2D, text::CharClass::letter, false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.cp);
    CHECK(text::classify(c.cp) == c.cls);
    CHECK(text::is_upper(c.cp) == c.upper);
  }
}

TEST_CASE("white space and invisible characters") {
  for (char32_t cp : {U' ', U'\t', U'\n', char32_t{0x85}, char32_t{0xA0}, char32_t{0x2009},
                      char32_t{0x2028}, char32_t{0x3000}})
    CHECK(text::is_white_space(cp));
  for (char32_t cp : {U'a', U'_', char32_t{0x200B}, char32_t{0xAD}})
    CHECK(!text::is_white_space(cp));
  for (char32_t cp :
       {char32_t{0x01}, char32_t{0x7F}, char32_t{0x200B}, char32_t{0xAD}, char32_t{0xFEFF}})
    CHECK(text::is_invisible(cp));
  for (char32_t cp : {U'a', U' ', char32_t{0xE0}}) CHECK(!text::is_invisible(cp));
}

TEST_CASE("ascii_lower changes only ASCII letters") {
  CHECK(text::ascii_lower("Content-Type: TEXT/Html \xC3\x80") ==
        "content-type: text/html \xC3\x80");
}

namespace {

// fold() and lower() computed the slow way, through utf8proc for every
// character: the reference for the library's own Latin-1 shortcut.
std::string utf8proc_reference(const std::string& text, bool strip_accents) {
  int flags = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
  if (strip_accents) flags |= UTF8PROC_STRIPMARK;
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                          static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                                          static_cast<utf8proc_option_t>(flags));
  REQUIRE(n >= 0);
  std::string out;
  for (utf8proc_ssize_t pos = 0; pos < n;) {
    utf8proc_int32_t cp = 0;
    pos += utf8proc_iterate(mapped + pos, n - pos, &cp);
    utf8proc_uint8_t buf[4];
    out.append(reinterpret_cast<const char*>(buf),
               static_cast<std::size_t>(utf8proc_encode_char(utf8proc_tolower(cp), buf)));
  }
  std::free(mapped);
  return out;
}

std::string encode(std::int32_t cp) {
  utf8proc_uint8_t buf[4];
  return {reinterpret_cast<const char*>(buf),
          static_cast<std::size_t>(utf8proc_encode_char(cp, buf))};
}

}  // namespace

TEST_CASE("fold and lower agree with full Unicode normalisation on every Latin-1 letter") {
  using segugio::text::fold;
  using segugio::text::lower;
  for (std::int32_t cp = 1; cp <= 0xFF; ++cp) {
    const std::string word = "Ab" + encode(cp) + "Z";
    CAPTURE(cp);
    CHECK(fold(word) == utf8proc_reference(word, true));
    CHECK(lower(word) == utf8proc_reference(word, false));
  }
  // Decomposed accents and letters past Latin-1 take the full path.
  for (const std::string word : {"perche\u0301", "Citta\u0300", "\u0141\u00f3d\u017a",
                                 "\u00c0\u1e9e", "\u00c5ngstr\u00f6m", "caf\u00e9\u0301"}) {
    CAPTURE(word);
    CHECK(fold(word) == utf8proc_reference(word, true));
    CHECK(lower(word) == utf8proc_reference(word, false));
  }
  CHECK(fold("Citt\u00e0 PERCH\u00c9") == "citta perche");
}
