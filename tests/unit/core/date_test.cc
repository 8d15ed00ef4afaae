#include <doctest/doctest.h>

#include "segugio/core/date.h"

using segugio::Date;

TEST_CASE("dates print, parse and count days") {
  const Date d{2024, 2, 28};
  CHECK(d.iso() == "2024-02-28");
  CHECK(d.compact() == "20240228");
  CHECK(Date::parse_iso("2024-02-28") == d);
  CHECK(Date::parse_iso("20240228") == d);
  CHECK_FALSE(Date::parse_iso("2024-02-30"));
  CHECK_FALSE(Date::parse_iso("2023-02-29"));
  CHECK(Date::parse_iso("2024-02-29"));
  CHECK_FALSE(Date::parse_iso("2024-2-28"));
  CHECK(Date{1970, 1, 1}.days_since_epoch() == 0);
  CHECK(Date{2000, 3, 1}.days_since_epoch() == 11017);
  CHECK(Date::from_days_since_epoch(d.days_since_epoch()) == d);
  CHECK(Date{2024, 3, 1}.days_since_epoch() - d.days_since_epoch() == 2);
}
