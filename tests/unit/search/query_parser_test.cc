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

// Regression: `che ha "permesso di…?` (a question with a stray quote) was
// refused. Natural input is repaired, and a notice says how.
TEST_CASE("unbalanced input is repaired with a notice, not refused") {
  struct Lenient {
    const char* query;
    const char* tree;
    const char* notice;  // a part of the only notice
  };
  const Lenient cases[] = {
      {"\"intelligenza artificiale", "phrase:\"intelligenza artificiale\"", "non sono chiuse"},
      {"che ha \"permesso di", "seq(word:che word:ha phrase:\"permesso di\")", "carattere 8"},
      {"\u00abintelligenza", "phrase:\"intelligenza\"", "carattere 1"},
      {"(a b", "seq(word:a word:b)", "non si chiude"},
      {"a b)", "seq(word:a word:b)", "non chiude nulla"},
      {"a) b", "seq(word:a word:b)", "non chiude nulla"},
      {"intelligenza AND", "word:intelligenza", "AND al carattere 14"},
      {"AND b", "word:b", "AND al carattere 1"},
      {"a OR", "word:a", "OR al carattere 3"},
      {"OR", "seq()", "OR"},
      {"a NOT", "word:a", "NOT al carattere 3"},
      {"NOT", "seq()", "NOT"},
  };
  for (const Lenient& c : cases) {
    const std::string query = c.query;
    CAPTURE(query);
    std::vector<std::string> notices;
    CHECK(parse_query(c.query, &notices).describe() == c.tree);
    REQUIRE(notices.size() == 1);
    CHECK_MESSAGE(notices.front().find(c.notice) != std::string::npos, notices.front());
  }
  std::vector<std::string> notices;
  CHECK(parse_query("a () b", &notices).describe() == "seq(word:a word:b)");
  CHECK(parse_query("NOT -a").describe() == "seq(-word:a)");
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

// Regression: the lexer had its own UTF-8 decoder, which read an overlong form
// as the character it spells (`C0 A0` as a space, `C0 A2` as a quote) and a
// surrogate or a byte above F4 as a character, where the rest of the engine
// sees invalid bytes. An invalid byte is now part of the word it touches, like
// any other character that is not a space, a quote or a bracket.
TEST_CASE("invalid UTF-8 in a query neither separates words nor opens a phrase") {
  struct Case {
    std::string query;
    std::string tree;
  };
  const Case cases[] = {
      {"cloud\xC0\xA0" "computing", "word:cloud\xC0\xA0" "computing"},           // overlong space
      {"a \xC0\xA2" "b c\xC0\xA2", "seq(word:a word:\xC0\xA2" "b word:c\xC0\xA2)"},  // overlong quote
      {"x\xE0\x80\xA8y", "word:x\xE0\x80\xA8y"},                                 // overlong '('
      {"a\xED\xA0\x80 b", "seq(word:a\xED\xA0\x80 word:b)"},                    // a surrogate
      {"a\xF8\x80\x80\xA0" "b", "word:a\xF8\x80\x80\xA0" "b"},                 // no such lead byte
      {"citt\xC3\xA0 \xC2\xAB" "frase\xC2\xBB", "seq(word:citt\xC3\xA0 phrase:\"frase\")"},  // valid
  };
  for (const Case& c : cases) {
    CAPTURE(c.query);
    CHECK(parse_query(c.query).describe() == c.tree);
  }
}
