// A calendar day, without time or zone: Segugio files articles by the day they
// were published in their own offset.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace segugio {

struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31

  auto operator<=>(const Date&) const = default;

  // "2024-02-28"
  std::string iso() const;
  // "20240228": sorts as a string, the form kept in value slots.
  std::string compact() const;
  // Days since 1970-01-01 (proleptic Gregorian); used for recency.
  long days_since_epoch() const;
  static Date from_days_since_epoch(long days);

  // True when the fields name a real day (leap years included).
  bool valid() const;
  // Parses "YYYY-MM-DD" or "YYYYMMDD"; nullopt when it is not a real day.
  static std::optional<Date> parse_iso(std::string_view text);
};

}  // namespace segugio
