// The names of the months as Italian news sites, feeds and people write them:
// Italian and English, full and abbreviated (`febbraio`, `feb`, `febb`,
// `february`, `sett`, `sept`), any case, with or without a final dot
// (`Feb.`, `sett.`). The one table of the date parser and the date filter.
#pragma once

#include <optional>
#include <string_view>

namespace segugio::text {

// The month (1-12) named by `word`, or nullopt. "mar" is March (marzo), never
// the weekday martedì: a caller that reads weekdays decides from the context.
std::optional<int> month_number(std::string_view word);

}  // namespace segugio::text
