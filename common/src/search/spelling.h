// "Forse cercavi" and the auto-correction of typos (private to src/search).
//
// A query word is replaced by the spelling table's suggestion
// (Database::get_spelling_suggestion, the words of titles and leads) when
// the index does not hold the word, or holds it only as a one-off (at most
// two occurrences in at most two articles: a typo that slipped into an
// article) while the suggestion is in a hundred times as many articles. A
// word an article uses for real is a word, however rare: `dazi` (9 times in
// 2 of 725 articles) is not a typo for `dati` (issue 20). A suggestion is
// never rarer than the word typed, in the index or in the spelling table.
//
// A suggestion is *confident* when every word it replaces is absent from the
// index and every replacement is in at least two articles: then the searcher
// may answer it instead of the query (SearchOptions::correct).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "segugio/analysis/analyzer.h"
#include "segugio/search/query_builder.h"

namespace segugio::search {

struct SpellingSuggestion {
  std::string query;       // the query with its misspelt words replaced
  bool confident = false;  // safe to search instead of the query typed
};

// The suggestion for `query`, whose analysed free-text words are `words`;
// nothing when no word needs one, or the database serves no spelling data
// (the remote backend).
std::optional<SpellingSuggestion> suggest_spelling(const Xapian::Database& db,
                                                   analysis::Analyzer& analyzer,
                                                   const std::string& query,
                                                   const std::vector<QueryWord>& words);

}  // namespace segugio::search
