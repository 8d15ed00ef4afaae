// The query language's syntax: text -> tree, and the messages for what does
// not parse.
#include <doctest/doctest.h>

#include <string>

#include "segugio/core/error.h"
#include "segugio/search/query_parser.h"

using segugio::search::parse_query;

namespace {

struct ParseCase {
  const char* query;
  const char* tree;
};

// Table: query -> QueryNode::describe().
const ParseCase kParses[] = {
    {"", "seq()"},
    {"   ", "seq()"},
    {"intelligenza", "word:intelligenza"},
    {"intelligenza artificiale", "seq(word:intelligenza word:artificiale)"},
    {"dell'intelligenza", "word:dell'intelligenza"},
    {"\"frase esatta\"", "phrase:\"frase esatta\""},
    {"\u00abfrase esatta\u00bb", "phrase:\"frase esatta\""},
    {"\u201cfrase esatta\u201d", "phrase:\"frase esatta\""},
    {"a \"b c\" d", "seq(word:a phrase:\"b c\" word:d)"},
    {"a AND b", "and(word:a, word:b)"},
    {"a OR b", "or(word:a, word:b)"},
    {"a b OR c", "or(seq(word:a word:b), word:c)"},
    {"a OR b c", "or(word:a, seq(word:b word:c))"},
    {"a AND b OR c", "or(and(word:a, word:b), word:c)"},
    {"a OR b AND c", "or(word:a, and(word:b, word:c))"},
    {"a NOT b", "not(word:a, word:b)"},
    {"a b NOT c d", "not(seq(word:a word:b), seq(word:c word:d))"},
    {"NOT b", "seq(-word:b)"},
    {"a OR NOT b", "or(word:a, seq(-word:b))"},
    {"+a -b c", "seq(+word:a -word:b word:c)"},
    {"-\"x y\" z", "seq(-phrase:\"x y\" word:z)"},
    {"(a OR b) c", "seq(or(word:a, word:b) word:c)"},
    {"-(a b) c", "seq(-seq(word:a word:b) word:c)"},
    {"((a))", "word:a"},
    {"intell*", "prefix:intell*"},
    {"intell** x", "seq(prefix:intell* word:x)"},
    {"titolo:ciao", "title=word:ciao"},
    {"TITLE:\"due parole\"", "title=phrase:\"due parole\""},
    {"titolo:intell*", "title=prefix:intell*"},
    {"azienda: Google", "company=word:Google"},
    {"azienda:\"Big G\"", "company=phrase:\"Big G\""},
    {"company:microsoft argomento:cloud", "seq(company=word:microsoft topic=word:cloud)"},
    {"-azienda:google x", "seq(-company=word:google word:x)"},
    {"+fonte:repubblica", "seq(+source=word:repubblica)"},
    {"tag:ai autore:rossi author:x source:y sezione:z section:w",
     "seq(tag=word:ai author=word:rossi author=word:x source=word:y section=word:z "
     "section=word:w)"},
    {"id:abc-1", "id=word:abc-1"},
    {"data:2024-01..2024-03", "date=word:2024-01..2024-03"},
    {"date:..2023-12", "date=word:..2023-12"},
    {"data:\"ultimi 30 giorni\"", "date=phrase:\"ultimi 30 giorni\""},
    {"ore 10:30", "seq(word:ore word:10:30)"},
    {"https://example.com/a", "word:https://example.com/a"},
    {"sconosciuto:valore", "word:sconosciuto:valore"},
    {"a - b", "seq(word:a word:b)"},
    {"*", "seq()"},
    {"and or not", "seq(word:and word:or word:not)"},
    {"+AND", "seq(+word:AND)"},
    {"Wi-Fi", "word:Wi-Fi"},
};

struct ErrorCase {
  const char* query;
  const char* message;  // a part of the message
};

const ErrorCase kErrors[] = {
    {"\"intelligenza artificiale", "never closed"},
    {"\u00abintelligenza", "at character 1"},
    {"a \"b", "at character 3"},
    {"(a b", "bracket \"(\" at character 1"},
    {"a b)", "never opened"},
    {"intelligenza AND", "AND at character 14 (\"AND\") has nothing after it"},
    {"AND b", "has nothing before it"},
    {"a OR", "OR at character 3"},
    {"OR", "nothing before"},
    {"a NOT", "NOT at character 3"},
    {"NOT", "has nothing after it"},
    {"()", "empty"},
    {"a () b", "empty"},
    {"azienda:", "needs a value"},
    {"azienda:(x)", "needs a value"},
    {"titolo:*", "start of a word"},
};

}  // namespace

TEST_CASE("queries parse into the expected trees") {
  for (const ParseCase& c : kParses) {
    CAPTURE(c.query);
    CHECK(parse_query(c.query).describe() == c.tree);
  }
}

TEST_CASE("queries that do not parse throw QuerySyntaxError naming the place and a hint") {
  for (const ErrorCase& c : kErrors) {
    CAPTURE(c.query);
    std::string message;
    try {
      parse_query(c.query);
    } catch (const segugio::QuerySyntaxError& e) {
      message = e.what();
    }
    REQUIRE_FALSE(message.empty());
    CHECK_MESSAGE(message.find(c.message) != std::string::npos, message);
  }
}

TEST_CASE("operator errors suggest searching the word in lower case") {
  try {
    parse_query("sicurezza OR");
    FAIL("no error");
  } catch (const segugio::QuerySyntaxError& e) {
    CHECK(std::string(e.what()).find("\"or\"") != std::string::npos);
  }
}

TEST_CASE("text offsets point at the words in the query") {
  const std::string q = "+ciao \u00abdue parole\u00bb titolo:casa";
  const auto root = parse_query(q);
  REQUIRE(root.children.size() == 3);
  CHECK(q.substr(root.children[0].text_offset, 4) == "ciao");
  CHECK(q.substr(root.children[1].text_offset, 3) == "due");
  CHECK(q.substr(root.children[2].children[0].text_offset, 4) == "casa");
}

TEST_CASE("plain text drops every piece of syntax and never throws") {
  using segugio::search::parse_plain_text;
  CHECK(parse_plain_text("Chi ha scritto \"Il nome della rosa?").describe() ==
        "seq(word:Chi word:ha word:scritto word:Il word:nome word:della word:rosa?)");
  CHECK(parse_plain_text("(a OR -b) titolo:c intell*").describe() ==
        "seq(word:a word:OR word:b word:titolo:c word:intell)");
  CHECK(parse_plain_text("parola").describe() == "word:parola");
  CHECK(parse_plain_text(" \" ( ").describe() == "seq()");
  const std::string q = "x \u00abciao";
  CHECK(q.substr(parse_plain_text(q).children[1].text_offset, 4) == "ciao");
}

// Bug (found by tests/e2e/reliability_test.cc): 10,000 nested brackets
// overflowed the stack (segugio-search died with SIGSEGV), because the parser
// recursed once per bracket without limit. Deep nesting is now a syntax error.
TEST_CASE("regression: 10,000 nested brackets are refused, not a stack overflow") {
  const std::string deep = std::string(10000, '(') + "rete" + std::string(10000, ')');
  CHECK_THROWS_AS(parse_query(deep), segugio::QuerySyntaxError);
  CHECK_THROWS_AS(parse_query(std::string(10000, '(') + "rete"), segugio::QuerySyntaxError);
  std::string groups;
  for (int i = 0; i < 3000; ++i) groups += "a (";
  CHECK_THROWS_AS(parse_query(groups + "b" + std::string(3000, ')')), segugio::QuerySyntaxError);
  // 100 levels still parse.
  CHECK(parse_query(std::string(100, '(') + "rete" + std::string(100, ')')).describe() ==
        "word:rete");
}
