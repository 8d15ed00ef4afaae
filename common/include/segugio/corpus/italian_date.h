// Dates as Italian news sites, feeds and front matter print them.
#pragma once

#include <optional>
#include <string_view>

#include "segugio/core/date.h"

namespace segugio::corpus {

// The calendar day written in `text`, which must be a date and nothing else,
// apart from:
//   - a leading "Pubblicato il" / "Aggiornato il" (or "pubblicato:",
//     "aggiornato il", "Published", "Updated", "Data:"); after such a lead-in
//     other text may follow ("Pubblicato il 3 mar 2024 | Lettura 4 min"), and
//     when both appear the publication date wins;
//   - a weekday ("martedì 5 marzo 2024", "Tue, 05 Mar 2024");
//   - a time, with or without "ore"/"alle"/"T" ("10:30", "ore 10.30",
//     "T23:30:00.000"), and a zone ("+0100", "-05:00", "Z", "GMT", "CET").
// Day forms: "28 feb 2024", "28 febbraio 2024", "1° marzo 2024", "28-feb-2024",
// "28/02/2024", "28.02.2024", "28/02/24", "2024-02-28", "2024/02/28",
// "20240228", "Mar 5, 2024". Month names and abbreviations in Italian or
// English, any case, with or without a dot ("Feb.", "sett.", "giu", "GIUGNO").
// A zone never moves the day: "2023-05-04T23:30:00-05:00" is 2023-05-04.
// nullopt when there is no such date or the day does not exist (31/02/2024).
std::optional<Date> parse_italian_date(std::string_view text);

}  // namespace segugio::corpus
