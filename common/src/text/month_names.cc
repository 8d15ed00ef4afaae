#include "segugio/text/month_names.h"

#include <array>

#include "segugio/text/normalize.h"

namespace segugio::text {

namespace {

struct MonthName {
  std::string_view name;
  int month;
};

// Lower case, without dots. Italian first, then English.
constexpr std::array<MonthName, 47> kMonthNames{{
    {"gennaio", 1},   {"gen", 1},      {"genn", 1},      {"january", 1},   {"jan", 1},
    {"febbraio", 2},  {"feb", 2},      {"febb", 2},      {"february", 2},  {"marzo", 3},
    {"mar", 3},       {"march", 3},    {"aprile", 4},    {"apr", 4},       {"april", 4},
    {"maggio", 5},    {"mag", 5},      {"may", 5},       {"giugno", 6},    {"giu", 6},
    {"june", 6},      {"jun", 6},      {"luglio", 7},    {"lug", 7},       {"july", 7},
    {"jul", 7},       {"agosto", 8},   {"ago", 8},       {"august", 8},    {"aug", 8},
    {"settembre", 9}, {"set", 9},      {"sett", 9},      {"september", 9}, {"sep", 9},
    {"sept", 9},      {"ottobre", 10}, {"ott", 10},      {"october", 10},  {"oct", 10},
    {"novembre", 11}, {"nov", 11},     {"november", 11}, {"dicembre", 12}, {"dic", 12},
    {"december", 12}, {"dec", 12},
}};

}  // namespace

std::optional<int> month_number(std::string_view word) {
  if (!word.empty() && word.back() == '.') word.remove_suffix(1);
  if (word.empty() || word.size() > 9) return std::nullopt;
  const std::string lower = ascii_lower(word);
  for (const MonthName& m : kMonthNames)
    if (m.name == lower) return m.month;
  return std::nullopt;
}

}  // namespace segugio::text
