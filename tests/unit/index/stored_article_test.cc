// The stored record: what every document keeps for the searcher to show.
#include <doctest/doctest.h>

#include "segugio/core/error.h"
#include "segugio/index/stored_article.h"

using segugio::Date;
using segugio::index::decode;
using segugio::index::encode;
using segugio::index::StoredArticle;

namespace {

StoredArticle full_article() {
  StoredArticle a;
  a.id = "2024/02/microsoft-mistral";
  a.title = "Microsoft investe in Mistral AI";
  a.lead = "L'accordo porta i modelli francesi su Azure.";
  a.date = Date{2024, 2, 28};
  a.url = "https://example.it/tech/microsoft-mistral";
  a.path = "articoli/2024/microsoft-mistral.md";
  a.source = "Esempio Tech";
  a.section = "Tecnologia";
  a.author = "Anna Bianchi";
  a.tags = {"intelligenza artificiale", "cloud"};
  a.companies = {"Microsoft", "Mistral AI"};
  a.topics = {"intelligenza-artificiale", "cloud"};
  a.text = "Primo paragrafo.\n\nSecondo paragrafo, con più parole e accenti: città, perché.";
  return a;
}

void check_same(const StoredArticle& a, const StoredArticle& b) {
  CHECK(a.id == b.id);
  CHECK(a.title == b.title);
  CHECK(a.lead == b.lead);
  CHECK(a.date == b.date);
  CHECK(a.url == b.url);
  CHECK(a.path == b.path);
  CHECK(a.source == b.source);
  CHECK(a.section == b.section);
  CHECK(a.author == b.author);
  CHECK(a.tags == b.tags);
  CHECK(a.companies == b.companies);
  CHECK(a.topics == b.topics);
  CHECK(a.text == b.text);
}

}  // namespace

TEST_CASE("a stored article survives encode and decode, every field") {
  const StoredArticle a = full_article();
  check_same(decode(encode(a)), a);
}

TEST_CASE("undated, empty and extreme records round-trip") {
  StoredArticle empty;
  check_same(decode(encode(empty)), empty);

  for (const Date d : {Date{1, 1, 1}, Date{1969, 12, 31}, Date{1970, 1, 1}, Date{9999, 12, 31}}) {
    CAPTURE(d.iso());
    StoredArticle a = full_article();
    a.date = d;
    check_same(decode(encode(a)), a);
  }

  StoredArticle big = full_article();
  big.text.assign(300000, 'x');  // lengths past one varint byte
  big.tags.assign(200, "tag");
  check_same(decode(encode(big)), big);

  StoredArticle binary = full_article();
  binary.text = std::string("a\0b\xff", 4);  // bytes are kept as they are
  check_same(decode(encode(binary)), binary);
}

TEST_CASE("bytes that are not a record are refused with DatabaseError") {
  const std::string good = encode(full_article());
  const struct {
    const char* name;
    std::string bytes;
  } cases[] = {
      {"empty", ""},
      {"unknown version", std::string(1, '\x07') + good.substr(1)},
      {"truncated", good.substr(0, good.size() / 2)},
      {"trailing bytes", good + "x"},
      {"length past the end", std::string("\x01\xff\xff\xff\x0f", 5)},
      {"endless number", std::string("\x01") + std::string(12, '\xff')},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    CHECK_THROWS_AS(decode(c.bytes), segugio::DatabaseError);
  }
}

TEST_CASE("the record is compact: a short article costs few bytes beyond its text") {
  StoredArticle a;
  a.id = "a";
  a.title = "Titolo";
  a.date = Date{2024, 2, 28};
  a.text = "Testo.";
  // version + 12 one-byte lengths/counts + a 3-byte date + the text itself
  CHECK(encode(a).size() <= 1 + 12 + 3 + a.id.size() + a.title.size() + a.text.size());
}
