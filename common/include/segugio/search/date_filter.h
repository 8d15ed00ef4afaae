// Date filters of the query language (`data:`/`date:`, `--from`, `--to`): the
// forms people type, turned into a range of days and then into a boolean
// Xapian query over the schema's date terms and date slot.
//
// Accepted forms (case and accents ignored; spaces may replace hyphens when the
// value is quoted: `data:"ultimi 30 giorni"`):
//   2024-02-15  20240215  15/02/2024      one day
//   2024-02  02/2024  febbraio-2024  feb-2024  february-2024   one month
//   2024                                          one year
//   A..B  A..  ..B                                a range, ends included; A and B
//                                                 are any of the forms above
//   oggi  ieri  today  yesterday
//   ultima-settimana  ultimo-mese  ultimo-anno    the last 7, 30, 365 days
//   ultimi-N-giorni  ultime-N-settimane  ultimi-N-mesi  ultimi-N-anni
//   last-week  last-month  last-year  last-N-days  last-N-weeks ...
//   questo-mese  quest-anno (questo-anno)         the calendar month/year so far
//   senza-data  undated                           articles without a date
// "Today" is given by the caller, so that tests can fix it.
#pragma once

#include <optional>
#include <string_view>

#include <xapian.h>

#include "segugio/core/date.h"

namespace segugio::search {

// A set of days: [from, to], either end open; or the undated articles.
struct DateRange {
  std::optional<Date> from;  // first day included; none = since ever
  std::optional<Date> to;    // last day included; none = until ever
  bool undated = false;      // only articles without a date (from/to unused)

  bool operator==(const DateRange&) const = default;
};

// Parses one date expression. Throws QuerySyntaxError naming `text` and the
// accepted forms when it is not one, or when a range ends before it starts.
DateRange parse_date_range(std::string_view text, Date today);

// The days covered by one expression used as a bound (`--from`, `--to`): a
// range must not be given there. Same errors as parse_date_range.
DateRange parse_date_bound(std::string_view text, Date today);

// Intersection of two ranges (the `--from`/`--to` options with each other).
// Throws QuerySyntaxError when it is empty or mixes undated with days.
DateRange intersect(const DateRange& a, const DateRange& b);

// The boolean query matching `range`: a D, XM or Y term when the range is
// exactly one day, month or year, else a value range on the date slot
// (OP_VALUE_RANGE / _GE / _LE, which also run on remote shards); XND for the
// undated. A range open at both ends matches every dated article.
Xapian::Query date_query(const DateRange& range);

}  // namespace segugio::search
