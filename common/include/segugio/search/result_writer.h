// Writing results: text for people, JSON for programs (docs/search-json.md),
// TREC runs for trec_eval. Writers only format: they never search.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "segugio/search/searcher.h"

namespace segugio::search {

enum class OutputFormat { text, json, trec };

struct OutputOptions {
  OutputFormat format = OutputFormat::text;
  bool color = false;        // text: ANSI bold/colour; off: matches as [word]
  bool facets = true;        // text: the facets block after the hits
  bool hits = true;          // off for --facets-only
  std::string query_id;      // JSON: "query_id" when not empty; TREC: the QID ("1" if empty)
  std::string run_tag = "segugio";  // TREC: the TAG column (no blanks)
  unsigned bar_width = 30;   // text: the longest bar of the month histogram
};

// Writes one result in the format asked for. JSON is one line (JSON Lines in
// batches); TREC writes one line per hit with strictly decreasing scores.
void write_result(const SearchResult& result, const OutputOptions& options, std::ostream& out);

// Writes what --info shows, as text or JSON (TREC falls back to text).
void write_info(const DatabaseInfo& info, OutputFormat format, std::ostream& out);

// A TREC id field: blanks and `%` percent-encoded (`a b%` -> `a%20b%25`).
std::string trec_id(std::string_view id);

}  // namespace segugio::search
