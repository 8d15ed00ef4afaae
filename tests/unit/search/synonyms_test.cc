// The synonym table: the built-in data loads, expressions match inflected
// query words, the longest expression wins, bad data is refused.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "segugio/analysis/analyzer.h"
#include "segugio/core/error.h"
#include "segugio/search/synonyms.h"

using segugio::search::SynonymTable;

namespace {

std::optional<SynonymTable::Match> match(const SynonymTable& table,
                                         segugio::analysis::Analyzer& analyzer,
                                         const char* query) {
  std::vector<std::vector<std::string>> words;
  for (const auto& w : analyzer.analyze(query).words)
    if (!w.stopword) words.push_back(w.terms);
  std::vector<const std::vector<std::string>*> pointers;
  for (const auto& w : words) pointers.push_back(&w);
  return table.match(pointers, 0);
}

}  // namespace

TEST_CASE("the built-in table loads and every group has alternatives") {
  const SynonymTable& table = SynonymTable::builtin();
  CHECK(table.size() >= 30);
  for (std::size_t g = 0; g < table.size(); ++g) CHECK(table.group(g).size() >= 2);
}

TEST_CASE("expressions match inflected words, acronyms in capitals, the longest first") {
  segugio::analysis::Analyzer analyzer;
  const SynonymTable& table = SynonymTable::builtin();
  struct Case {
    const char* query;
    std::size_t length;  // 0: no match
    const char* group_member;
  };
  const Case cases[] = {
      {"intelligenza artificiale", 2, "IA"},
      {"intelligenze artificiali", 2, "IA"},
      {"IA", 1, "intelligenza artificiale"},
      {"AI Act", 2, "AI Act"},  // not the shorter AI
      {"sicurezza informatica aziendale", 2, "cybersecurity"},
      {"internet delle cose", 2, "IoT"},
      {"ai", 0, ""},  // a lower-case `ai` is a stopword
      {"intelligenza", 0, ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.query);
    const auto m = match(table, analyzer, c.query);
    if (c.length == 0) {
      CHECK_FALSE(m);
      continue;
    }
    REQUIRE(m);
    CHECK(m->length == c.length);
    bool found = false;
    for (const auto& e : table.group(m->group)) found = found || e.text == c.group_member;
    CHECK(found);
  }
}

TEST_CASE("malformed synonym data is refused with the line") {
  segugio::analysis::Analyzer analyzer;
  CHECK_THROWS_WITH_AS(SynonymTable("# ok\nsolo\n", analyzer), doctest::Contains(":2:"),
                       segugio::DataError);
  CHECK_THROWS_AS(SynonymTable("il\tlo\n", analyzer), segugio::DataError);
  CHECK(SynonymTable("a b\tc d\n\n# x\n", analyzer).size() == 1);
}
