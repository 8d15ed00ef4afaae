// trim, split, and the month names shared by the date parser and the date filter.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "segugio/text/month_names.h"
#include "segugio/text/strings.h"

namespace text = segugio::text;

TEST_CASE("trim removes ASCII white space at both ends only") {
  struct Case {
    const char* input;
    const char* trimmed;
  };
  const Case cases[] = {
      {"", ""},
      {"   ", ""},
      {"a", "a"},
      {" a b ", "a b"},
      {"\t\r\na\f\v", "a"},
      {"a\r", "a"},
      {"\xC2\xA0"
       "a",
       "\xC2\xA0"
       "a"},  // a no-break space is text here
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    CHECK(text::trim(c.input) == c.trimmed);
  }
}

TEST_CASE("split keeps empty pieces") {
  struct Case {
    const char* input;
    char separator;
    std::vector<std::string_view> parts;
  };
  const Case cases[] = {
      {"", '-', {""}},
      {"a", '-', {"a"}},
      {"ultimi-30-giorni", '-', {"ultimi", "30", "giorni"}},
      {"a--b", '-', {"a", "", "b"}},
      {"-a-", '-', {"", "a", ""}},
      {"15/02/2024", '/', {"15", "02", "2024"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    CHECK(text::split(c.input, c.separator) == c.parts);
  }
}

TEST_CASE("month names: Italian and English, full and short, any case, a final dot") {
  struct Case {
    const char* word;
    std::optional<int> month;
  };
  const Case cases[] = {
      {"gennaio", 1},
      {"genn", 1},
      {"GEN", 1},
      {"January", 1},
      {"febb.", 2},
      {"Feb.", 2},
      {"marzo", 3},
      {"mar", 3},
      {"aprile", 4},
      {"maggio", 5},
      {"may", 5},
      {"giu", 6},
      {"june", 6},
      {"luglio", 7},
      {"jul", 7},
      {"agosto", 8},
      {"aug", 8},
      {"settembre", 9},
      {"sett.", 9},
      {"set", 9},
      {"sept", 9},
      {"sep", 9},
      {"ottobre", 10},
      {"oct", 10},
      {"novembre", 11},
      {"november", 11},
      {"dic", 12},
      {"dicembre", 12},
      {"december", 12},
      {"dec", 12},
      {"", std::nullopt},
      {".", std::nullopt},
      {"lunedi", std::nullopt},
      {"ma", std::nullopt},
      {"marzolino", std::nullopt},
      {"settembre..", std::nullopt},
  };
  for (const Case& c : cases) {
    CAPTURE(c.word);
    CHECK(text::month_number(c.word) == c.month);
  }
}
