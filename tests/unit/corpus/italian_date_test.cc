#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "segugio/corpus/italian_date.h"

using segugio::Date;
using segugio::corpus::parse_italian_date;

namespace {

struct DateCase {
  const char* text;
  const char* expected;  // ISO day, or nullptr when `text` is not a date
};

// Every form the readers meet: scraped pages, front matter, feeds, meta tags.
constexpr DateCase kDateCases[] = {
    // Day, month name, year.
    {"28 feb 2024", "2024-02-28"},
    {"28 febbraio 2024", "2024-02-28"},
    {"28 Feb. 2024", "2024-02-28"},
    {"28 FEBBRAIO 2024", "2024-02-28"},
    {"3 sett. 2023", "2023-09-03"},
    {"3 set 2023", "2023-09-03"},
    {"12 giu 2022", "2022-06-12"},
    {"12 GIUGNO 2022", "2022-06-12"},
    {"1° marzo 2024", "2024-03-01"},
    {"1º marzo 2024", "2024-03-01"},
    {"5 dic 2019", "2019-12-05"},
    {"28-feb-2024", "2024-02-28"},
    // Numeric forms.
    {"28/02/2024", "2024-02-28"},
    {"28.02.2024", "2024-02-28"},
    {"28-02-2024", "2024-02-28"},
    {"8/3/2024", "2024-03-08"},
    {"28/02/24", "2024-02-28"},
    {"2024-02-28", "2024-02-28"},
    {"2024/02/28", "2024-02-28"},
    {"20240228", "2024-02-28"},
    // Lead-ins and times, as news sites print them.
    {"Pubblicato il 28 feb 2024", "2024-02-28"},
    {"Pubblicato il 28 feb 2024 ore 10:30", "2024-02-28"},
    {"Pubblicato il 28 febbraio 2024, 10:30", "2024-02-28"},
    {"pubblicato il: 28/02/2024 alle 10.30", "2024-02-28"},
    {"Aggiornato il 1 marzo 2024 10:30", "2024-03-01"},
    {"Pubblicato il 28 feb 2024 | Aggiornato il 1 mar 2024", "2024-02-28"},
    {"Aggiornato il 1 mar 2024 - Pubblicato il 28 feb 2024", "2024-02-28"},
    {"Pubblicato il 28 feb 2024 - Lettura 4 min", "2024-02-28"},
    {"martedì 5 marzo 2024", "2024-03-05"},
    {"Mar 5 marzo 2024, ore 9:00", "2024-03-05"},
    {"28 febbraio 2024 alle ore 18:45", "2024-02-28"},
    // Zones never move the day.
    {"2023-05-04T23:30:00-05:00", "2023-05-04"},
    {"2023-05-04T23:30:00.000Z", "2023-05-04"},
    {"2017-02-24 11:00:00 +0100", "2017-02-24"},
    {"2024-03-01 00:30 +01:00", "2024-03-01"},
    {"2021-09-24 11:00", "2021-09-24"},
    {"2021-09-24T11:00", "2021-09-24"},
    {"Tue, 05 Mar 2024 10:00:00 +0100", "2024-03-05"},
    {"Wed, 06 Mar 2024 08:15:00 GMT", "2024-03-06"},
    {"Wed, 06 Mar 24 08:15 EST", "2024-03-06"},
    {"Mar 5, 2024", "2024-03-05"},
    {"March 5th 2024", "2024-03-05"},
    // Leap days.
    {"29/02/2024", "2024-02-29"},
    {"29 febbraio 2024", "2024-02-29"},
    // Not dates.
    {"31/02/2024", nullptr},
    {"29 febbraio 2023", nullptr},
    {"2024-13-01", nullptr},
    {"32 gennaio 2024", nullptr},
    {"", nullptr},
    {"news", nullptr},
    {"febbraio 2024", nullptr},
    {"Il 26 febbraio 2024 Smith ha parlato a Barcellona", nullptr},
    {"Pubblicato il rapporto annuale", nullptr},
    {"aaaa-mm-gg 10:00", nullptr},
    {"<data>", nullptr},
    {"true", nullptr},
    {"Articolo 1 di 4", nullptr},
};

}  // namespace

TEST_CASE("parse_italian_date reads the forms news sites print") {
  for (const DateCase& c : kDateCases) {
    CAPTURE(c.text);
    const std::optional<Date> d = parse_italian_date(c.text);
    if (c.expected == nullptr) {
      CHECK_FALSE(d.has_value());
    } else {
      REQUIRE(d.has_value());
      CHECK(d->iso() == c.expected);
    }
  }
}
