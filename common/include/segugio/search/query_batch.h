// Batches of queries for `segugio-search --queries FILE`, one query a line:
//
//   JSON Lines (the line starts with `{`):
//     {"_id": "q1", "text": "...", "filters": {"company": "Google",
//      "topic": ["cloud", "sicurezza"], "from": "2024-01", "to": "2024-03-31",
//      "tag": ..., "author": ..., "source": ..., "section": ...}}
//     `filters` and each of its members are optional; a member is a string or
//     an array of strings (several values of one facet: any of them). Other
//     members (`answers`, ...) are ignored; `id` is accepted for `_id`.
//   qid<TAB>text
//   text                  (a line without a TAB: its id is the line number)
// Blank lines and lines starting with `#` are skipped.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "segugio/search/search_options.h"

namespace segugio::search {

struct BatchQuery {
  std::string id;
  std::string text;
  SearchFilters filters;
};

// Reads one line (`line_number` counts from 1). nullopt for a blank or comment
// line. Throws UsageError naming `source` and the line for malformed JSON, a
// JSON line without text, or a filter that is not a string or array of strings.
std::optional<BatchQuery> parse_batch_line(std::string_view line, std::size_t line_number,
                                           std::string_view source);

}  // namespace segugio::search
