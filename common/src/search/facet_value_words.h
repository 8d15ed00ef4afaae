// Matching a typed facet value to the values the index holds by words, so
// `autore:mirko` finds "Mirko B." and `fonte:repubblica` "La Repubblica"
// (issue 20, item 3). Internal to segugio_search.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace segugio::search {

// The boolean terms under `term_prefix` (e.g. schema::kAuthor) whose folded
// value holds every word of `folded` as a whole word or the start of one, in
// any order: "mirko" and "b mirko" match "mirko b.", "repub" matches "la
// repubblica" (a word's start, so "rossi" also matches "rossini").
// Words are split at anything that is not a letter or a digit. At most `max`
// terms, in term order. Reads the term list under the prefix: one pass over
// the distinct values (authors, sources, tags or sections), not the articles.
std::vector<std::string> terms_matching_words(const Xapian::Database& db,
                                              std::string_view term_prefix,
                                              std::string_view folded, unsigned max);

}  // namespace segugio::search
