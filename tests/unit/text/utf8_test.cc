// The one UTF-8 decoder: what is valid, what each invalid byte becomes, and
// the sequences a stream must wait for.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "segugio/text/utf8.h"

namespace text = segugio::text;

namespace {

// The code points next_code_point() reads from `s`, -1 for each invalid byte.
std::vector<std::int32_t> decode_all(std::string_view s) {
  std::vector<std::int32_t> out;
  for (std::size_t pos = 0; pos < s.size();) out.push_back(text::next_code_point(s, pos));
  return out;
}

}  // namespace

TEST_CASE("next_code_point decodes valid UTF-8 and gives -1 a byte for anything else") {
  struct Case {
    std::string bytes;
    std::vector<std::int32_t> code_points;
    const char* why;
  };
  const Case cases[] = {
      {"ab", {'a', 'b'}, "ASCII"},
      {"citt\xC3\xA0", {'c', 'i', 't', 't', 0xE0}, "two bytes"},
      {"\xE2\x82\xAC", {0x20AC}, "three bytes (euro)"},
      {"\xF0\x9F\x98\x80", {0x1F600}, "four bytes"},
      {"\xF4\x8F\xBF\xBF", {0x10FFFF}, "the last code point"},
      {"\xC0\xA0", {-1, -1}, "overlong space"},
      {"\xC1\xBF", {-1, -1}, "overlong DEL"},
      {"\xE0\x80\xA2", {-1, -1, -1}, "overlong quote in three bytes"},
      {"\xF0\x80\x80\xA2", {-1, -1, -1, -1}, "overlong quote in four bytes"},
      {"\xED\xA0\x80", {-1, -1, -1}, "a high surrogate"},
      {"\xED\xBF\xBF", {-1, -1, -1}, "a low surrogate"},
      {"\xF4\x90\x80\x80", {-1, -1, -1, -1}, "above U+10FFFF"},
      {"\xF8\x88\x80\x80\x80", {-1, -1, -1, -1, -1}, "a five-byte form"},
      {"\xFF"
       "a",
       {-1, 'a'},
       "a byte that never starts a sequence"},
      {"\xC3", {-1}, "truncated at the end"},
      {"\xC3"
       "a",
       {-1, 'a'},
       "a lead byte without its continuation"},
      {"\xA0"
       "b",
       {-1, 'b'},
       "a stray continuation byte"},
      {"\xE2\x82"
       "x",
       {-1, -1, 'x'},
       "three bytes cut short"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.why);
    CHECK(decode_all(c.bytes) == c.code_points);
    bool all_valid = true;
    for (std::int32_t cp : c.code_points) all_valid = all_valid && cp >= 0;
    CHECK(text::valid_utf8(c.bytes) == all_valid);
  }
}

TEST_CASE("sequence_length tells a stream which bytes may still be completed") {
  struct Case {
    std::string bytes;
    std::size_t length;
    bool incomplete;
  };
  const Case cases[] = {
      {"a", 1, false},
      {"\xC3\xA0", 2, false},
      {"\xE2\x82\xAC", 3, false},
      {"\xC3", 0, true},  // the rest comes in the next chunk
      {"\xE2\x82", 0, true},
      {"\xF0\x9F\x98", 0, true},
      {"\xE2"
       "a",
       0, false},                  // a non-continuation byte follows: invalid now
      {"\xC0\xA0", 0, false},      // complete and overlong
      {"\xED\xA0\x80", 0, false},  // complete and a surrogate
      {"\x80", 0, false},          // a continuation byte cannot start anything
  };
  for (const Case& c : cases) {
    CAPTURE(c.bytes);
    bool incomplete = !c.incomplete;
    CHECK(text::sequence_length(c.bytes, 0, &incomplete) == c.length);
    CHECK(incomplete == c.incomplete);
  }
}

TEST_CASE("append_utf8 encodes scalar values and replaces the rest with U+FFFD") {
  struct Case {
    char32_t code_point;
    std::string bytes;
  };
  const Case cases[] = {
      {U'a', "a"},
      {0xE0, "\xC3\xA0"},
      {0x20AC, "\xE2\x82\xAC"},
      {0x1F600, "\xF0\x9F\x98\x80"},
      {0xD800, "\xEF\xBF\xBD"},    // a surrogate is not a character
      {0x110000, "\xEF\xBF\xBD"},  // beyond Unicode
  };
  for (const Case& c : cases) {
    std::string out;
    text::append_utf8(out, c.code_point);
    CHECK(out == c.bytes);
  }
}

TEST_CASE("to_valid_utf8 replaces each invalid byte and keeps valid text as it is") {
  CHECK(text::to_valid_utf8("perch\xC3\xA9") == "perch\xC3\xA9");
  CHECK(text::to_valid_utf8("perch\xE9") == "perch\xEF\xBF\xBD");
  CHECK(text::to_valid_utf8("a\xC0\xA0"
                            "b") ==
        "a\xEF\xBF\xBD\xEF\xBF\xBD"
        "b");
}

TEST_CASE("utf8_prefix never cuts a character in half") {
  struct Case {
    std::string text;
    std::size_t max_bytes;
    std::string prefix;
  };
  const Case cases[] = {
      {"citt\xC3\xA0", 4, "citt"},
      {"citt\xC3\xA0", 5, "citt"},  // byte 5 is inside the à
      {"citt\xC3\xA0", 6, "citt\xC3\xA0"},
      {"citt\xC3\xA0", 100, "citt\xC3\xA0"},
      {"\xE2\x82\xAC"
       "x",
       2, ""},
      {"abc", 0, ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.max_bytes);
    CHECK(text::utf8_prefix(c.text, c.max_bytes) == c.prefix);
  }
}
