#include "segugio/search/date_filter.h"

#include <charconv>
#include <string>
#include <utility>

#include "segugio/core/error.h"
#include "segugio/index/schema.h"
#include "segugio/text/month_names.h"
#include "segugio/text/normalize.h"
#include "segugio/text/strings.h"

namespace segugio::search {

namespace {

constexpr std::string_view kForms =
    "accepted forms: 2024, 2024-02, febbraio-2024, 2024-02-15, 15/02/2024, "
    "2024-01-01..2024-03-31, 2024-01.., ..2023-12, oggi, ieri, ultima-settimana, "
    "ultimi-30-giorni, ultimi-6-mesi, questo-mese, senza-data";

[[noreturn]] void bad_date(std::string_view text, std::string_view why = {}) {
  std::string message = "bad date \"" + std::string(text) + "\"";
  if (!why.empty()) message += ": " + std::string(why);
  message += " (" + std::string(kForms) + ")";
  throw QuerySyntaxError(message);
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::optional<int> to_int(std::string_view s) {
  if (!all_digits(s) || s.size() > 8) return std::nullopt;
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

Date last_day_of_month(int year, int month) {
  const Date next = month == 12 ? Date{year + 1, 1, 1} : Date{year, month + 1, 1};
  return Date::from_days_since_epoch(next.days_since_epoch() - 1);
}

Date add_days(Date d, long days) {
  return Date::from_days_since_epoch(d.days_since_epoch() + days);
}

// `d` moved back by `months` calendar months, the day clamped to the month's end.
Date minus_months(Date d, int months) {
  int total = d.year * 12 + (d.month - 1) - months;
  const int year = total / 12;
  const int month = total % 12 + 1;
  const Date last = last_day_of_month(year, month);
  return Date{year, month, d.day > last.day ? last.day : d.day};
}

struct Span {
  Date first;
  Date last;
};

std::optional<Span> month_span(int year, int month) {
  if (year < 1 || year > 9999 || month < 1 || month > 12) return std::nullopt;
  return Span{Date{year, month, 1}, last_day_of_month(year, month)};
}

std::optional<Span> day_span(int year, int month, int day) {
  const Date d{year, month, day};
  if (!d.valid()) return std::nullopt;
  return Span{d, d};
}

// `ultimi-30-giorni`, `last-2-weeks`: the count and the unit, or nullopt.
std::optional<Span> relative_span(std::string_view s, Date today) {
  const std::vector<std::string_view> parts = text::split(s, '-');
  std::string_view lead, unit;
  long count = 1;
  if (parts.size() == 2) {
    lead = parts[0];
    unit = parts[1];
  } else if (parts.size() == 3) {
    lead = parts[0];
    unit = parts[2];
    const std::optional<int> n = to_int(parts[1]);
    if (!n || *n < 1 || *n > 10000) return std::nullopt;
    count = *n;
  } else {
    return std::nullopt;
  }
  const bool last = lead == "ultimi" || lead == "ultime" || lead == "ultimo" || lead == "ultima" ||
                    lead == "last" || lead == "past";
  const bool current = parts.size() == 2 && (lead == "questo" || lead == "questa" ||
                                             lead == "quest" || lead == "this");
  auto is = [&](std::initializer_list<std::string_view> names) {
    for (std::string_view n : names)
      if (unit == n) return true;
    return false;
  };
  if (current) {
    if (is({"settimana", "week"}))  // weeks start on Monday; 1970-01-01 was a Thursday
      return Span{add_days(today, -((today.days_since_epoch() + 3) % 7)), today};
    if (is({"mese", "month"})) return Span{Date{today.year, today.month, 1}, today};
    if (is({"anno", "year"})) return Span{Date{today.year, 1, 1}, today};
    return std::nullopt;
  }
  if (!last) return std::nullopt;
  if (is({"giorno", "giorni", "day", "days"})) return Span{add_days(today, 1 - count), today};
  if (is({"settimana", "settimane", "week", "weeks"}))
    return Span{add_days(today, 1 - 7 * count), today};
  if (is({"mese", "mesi", "month", "months"}))
    return Span{add_days(minus_months(today, static_cast<int>(count)), 1), today};
  if (is({"anno", "anni", "year", "years"}))
    return Span{add_days(minus_months(today, static_cast<int>(12 * count)), 1), today};
  return std::nullopt;
}

// One form without `..`, already normalised; nullopt when it is none.
std::optional<Span> single_span(std::string_view s, Date today) {
  if (s == "oggi" || s == "today") return Span{today, today};
  if (s == "ieri" || s == "yesterday") return Span{add_days(today, -1), add_days(today, -1)};
  if (all_digits(s)) {
    const int v = *to_int(s);
    if (s.size() == 4) {
      if (v < 1) return std::nullopt;
      return Span{Date{v, 1, 1}, Date{v, 12, 31}};
    }
    if (s.size() == 6) return month_span(v / 100, v % 100);
    if (s.size() == 8) return day_span(v / 10000, v / 100 % 100, v % 100);
    return std::nullopt;
  }
  // 2024-02, 2024-02-15
  if (s.size() >= 7 && all_digits(s.substr(0, 4)) && s[4] == '-') {
    const int year = *to_int(s.substr(0, 4));
    if (s.size() == 7 && all_digits(s.substr(5, 2))) return month_span(year, *to_int(s.substr(5)));
    if (s.size() == 10 && s[7] == '-' && all_digits(s.substr(5, 2)) && all_digits(s.substr(8, 2)))
      return day_span(year, *to_int(s.substr(5, 2)), *to_int(s.substr(8, 2)));
    return std::nullopt;
  }
  // 15/02/2024, 02/2024
  if (s.find('/') != std::string_view::npos) {
    const std::vector<std::string_view> parts = text::split(s, '/');
    for (std::string_view p : parts)
      if (!all_digits(p) || p.size() > 4) return std::nullopt;
    if (parts.size() == 3 && parts[2].size() == 4)
      return day_span(*to_int(parts[2]), *to_int(parts[1]), *to_int(parts[0]));
    if (parts.size() == 2 && parts[1].size() == 4)
      return month_span(*to_int(parts[1]), *to_int(parts[0]));
    return std::nullopt;
  }
  // febbraio-2024, feb-2024
  if (const std::size_t dash = s.rfind('-'); dash != std::string_view::npos) {
    const std::string_view tail = s.substr(dash + 1);
    if (tail.size() == 4 && all_digits(tail)) {
      if (const std::optional<int> m = text::month_number(s.substr(0, dash)))
        return month_span(*to_int(tail), *m);
      return std::nullopt;
    }
  }
  return relative_span(s, today);
}

// Lower case, no accents, spaces/underscores/apostrophes as hyphens:
// `Ultimi 30 Giorni` -> `ultimi-30-giorni`, `quest'anno` -> `quest-anno`.
std::string normalise(std::string_view text) {
  const std::string folded = text::fold(text);
  std::string out;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    const char c = folded[i];
    if (c == ' ' || c == '_' || c == '\'' || c == '\t') {
      if (!out.empty() && out.back() != '-') out += '-';
      continue;
    }
    // U+2019 (right single quotation mark) as an apostrophe.
    if (folded.compare(i, 3, "\u2019") == 0) {
      if (!out.empty() && out.back() != '-') out += '-';
      i += 2;
      continue;
    }
    out += c;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

bool is_undated(std::string_view s) {
  return s == "senza-data" || s == "nessuna-data" || s == "undated" || s == "no-date";
}

}  // namespace

DateRange parse_date_range(std::string_view text, Date today) {
  const std::string s = normalise(text);
  if (s.empty()) bad_date(text, "empty");
  if (is_undated(s)) return DateRange{std::nullopt, std::nullopt, true};
  const std::size_t dots = s.find("..");
  if (dots == std::string::npos) {
    const std::optional<Span> span = single_span(s, today);
    if (!span) bad_date(text);
    return DateRange{span->first, span->last, false};
  }
  const std::string_view left = std::string_view(s).substr(0, dots);
  const std::string_view right = std::string_view(s).substr(dots + 2);
  if (left.empty() && right.empty()) bad_date(text, "a range needs at least one end");
  DateRange range;
  if (!left.empty()) {
    const std::optional<Span> span = single_span(left, today);
    if (!span) bad_date(text, "\"" + std::string(left) + "\" is not a date");
    range.from = span->first;
  }
  if (!right.empty()) {
    const std::optional<Span> span = single_span(right, today);
    if (!span) bad_date(text, "\"" + std::string(right) + "\" is not a date");
    range.to = span->last;
  }
  if (range.from && range.to && *range.to < *range.from)
    bad_date(text, "the range ends before it starts");
  return range;
}

DateRange parse_date_bound(std::string_view text, Date today) {
  if (text.find("..") != std::string_view::npos)
    bad_date(text, "--from and --to take one date, not a range");
  return parse_date_range(text, today);
}

DateRange intersect(const DateRange& a, const DateRange& b) {
  if (a.undated || b.undated) {
    if (a.undated && b.undated) return a;
    throw QuerySyntaxError("the undated articles (senza-data) have no date to fall in a range");
  }
  DateRange r;
  r.from = a.from && b.from ? std::max(*a.from, *b.from) : (a.from ? a.from : b.from);
  r.to = a.to && b.to ? std::min(*a.to, *b.to) : (a.to ? a.to : b.to);
  if (r.from && r.to && *r.to < *r.from)
    throw QuerySyntaxError("the date range is empty: from " + r.from->iso() + " to " +
                           r.to->iso());
  return r;
}

Xapian::Query date_query(const DateRange& range) {
  if (range.undated) return Xapian::Query(std::string(schema::kNoDate));
  if (range.from && range.to) {
    const Date& f = *range.from;
    const Date& t = *range.to;
    if (f == t) return Xapian::Query(schema::boolean_term(schema::kDay, f.compact()));
    if (f.day == 1 && f.year == t.year && f.month == t.month &&
        t == last_day_of_month(t.year, t.month))
      return Xapian::Query(schema::boolean_term(schema::kMonth, f.compact().substr(0, 6)));
    if (f.year == t.year && f.month == 1 && f.day == 1 && t.month == 12 && t.day == 31)
      return Xapian::Query(schema::boolean_term(schema::kYear, f.compact().substr(0, 4)));
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDate, f.compact(),
                         t.compact());
  }
  if (range.from)
    return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotDate, range.from->compact());
  if (range.to)
    return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotDate, range.to->compact());
  // Undated articles keep the slot empty, and an empty value is no value.
  return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotDate, std::string("0"));
}

}  // namespace segugio::search
