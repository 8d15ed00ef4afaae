// Date expressions: every accepted form, the errors, and the Xapian filter.
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "segugio/core/error.h"
#include "segugio/search/date_filter.h"

using segugio::Date;
using segugio::search::DateRange;
using segugio::search::parse_date_range;

namespace {

constexpr Date kToday{2024, 3, 20};  // a Wednesday

struct RangeCase {
  const char* text;
  const char* from;  // ISO, or "" for open
  const char* to;
};

const RangeCase kRanges[] = {
    {"2024", "2024-01-01", "2024-12-31"},
    {"2024-02", "2024-02-01", "2024-02-29"},
    {"202302", "2023-02-01", "2023-02-28"},
    {"2024-02-15", "2024-02-15", "2024-02-15"},
    {"20240215", "2024-02-15", "2024-02-15"},
    {"15/02/2024", "2024-02-15", "2024-02-15"},
    {"5/2/2024", "2024-02-05", "2024-02-05"},
    {"02/2024", "2024-02-01", "2024-02-29"},
    {"febbraio-2024", "2024-02-01", "2024-02-29"},
    {"Febbraio 2024", "2024-02-01", "2024-02-29"},
    {"feb-2023", "2023-02-01", "2023-02-28"},
    {"dicembre-2023", "2023-12-01", "2023-12-31"},
    {"august-2023", "2023-08-01", "2023-08-31"},
    {"2024-01-01..2024-03-31", "2024-01-01", "2024-03-31"},
    {"2024-01..2024-03", "2024-01-01", "2024-03-31"},
    {"2023..2024", "2023-01-01", "2024-12-31"},
    {"gennaio-2024..marzo-2024", "2024-01-01", "2024-03-31"},
    {"2024-01..", "2024-01-01", ""},
    {"..2023-12", "", "2023-12-31"},
    {"oggi", "2024-03-20", "2024-03-20"},
    {"today", "2024-03-20", "2024-03-20"},
    {"ieri", "2024-03-19", "2024-03-19"},
    {"ultima-settimana", "2024-03-14", "2024-03-20"},
    {"ultimi-30-giorni", "2024-02-20", "2024-03-20"},
    {"\"ultimi 7 giorni\"", "", ""},  // quotes are the parser's: not a date (see errors)
    {"ultimi 7 giorni", "2024-03-14", "2024-03-20"},
    {"ultime-2-settimane", "2024-03-07", "2024-03-20"},
    {"ultimo-mese", "2024-02-21", "2024-03-20"},
    {"ultimi-3-mesi", "2023-12-21", "2024-03-20"},
    {"ultimo-anno", "2023-03-21", "2024-03-20"},
    {"last-10-days", "2024-03-11", "2024-03-20"},
    {"questo-mese", "2024-03-01", "2024-03-20"},
    {"quest'anno", "2024-01-01", "2024-03-20"},
    {"questa-settimana", "2024-03-18", "2024-03-20"},
};

std::string iso(const std::optional<Date>& d) { return d ? d->iso() : ""; }

}  // namespace

TEST_CASE("date expressions give the expected days") {
  for (const RangeCase& c : kRanges) {
    CAPTURE(c.text);
    if (std::string(c.text).front() == '"') {
      CHECK_THROWS_AS(parse_date_range(c.text, kToday), segugio::QuerySyntaxError);
      continue;
    }
    const DateRange r = parse_date_range(c.text, kToday);
    CHECK_FALSE(r.undated);
    CHECK(iso(r.from) == c.from);
    CHECK(iso(r.to) == c.to);
  }
}

TEST_CASE("senza-data selects the undated articles") {
  CHECK(parse_date_range("senza-data", kToday).undated);
  CHECK(parse_date_range("senza data", kToday).undated);
  CHECK(segugio::search::date_query(parse_date_range("senza-data", kToday)).get_description() ==
        "Query(XND)");
}

TEST_CASE("bad dates are errors that list the accepted forms") {
  for (const char* text : {"2024-13", "2024-02-30", "febbraio", "ieri-l-altro", "..", "2024..2023",
                           "13/13/2024", "ultimi-0-giorni", "ultimi-x-giorni", "", "2024-1"}) {
    CAPTURE(text);
    std::string message;
    try {
      parse_date_range(text, kToday);
    } catch (const segugio::QuerySyntaxError& e) {
      message = e.what();
    }
    REQUIRE_FALSE(message.empty());
    CHECK(message.find("accepted forms") != std::string::npos);
  }
  CHECK_THROWS_AS(segugio::search::parse_date_bound("2024..2025", kToday),
                  segugio::QuerySyntaxError);
}

TEST_CASE("a day, a month and a year use terms, other spans a value range") {
  auto q = [](const char* text) {
    return segugio::search::date_query(parse_date_range(text, kToday)).get_description();
  };
  CHECK(q("2024-02-15") == "Query(D20240215)");
  CHECK(q("febbraio-2024") == "Query(XM202402)");
  CHECK(q("2023") == "Query(Y2023)");
  CHECK(q("2024-01..2024-02") == "Query(VALUE_RANGE 0 20240101 20240229)");
  CHECK(q("2024-01..") == "Query(VALUE_GE 0 20240101)");
  CHECK(q("..2023-12") == "Query(VALUE_LE 0 20231231)");
}

TEST_CASE("intersect keeps the common days and refuses an empty range") {
  using segugio::search::intersect;
  const DateRange r = intersect(parse_date_range("2024", kToday), parse_date_range("2023-06..2024-02", kToday));
  CHECK(iso(r.from) == "2024-01-01");
  CHECK(iso(r.to) == "2024-02-29");
  CHECK_THROWS_AS(intersect(parse_date_range("2022", kToday), parse_date_range("2023", kToday)),
                  segugio::QuerySyntaxError);
}
