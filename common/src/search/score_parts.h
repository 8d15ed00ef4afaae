// --explain: a hit's score split into the parts of the query that gave it
// (issue 20, item 10; private to src/search).
//
// Xapian adds up the weights of an OR's, an AND's and an AND_MAYBE's
// subqueries, and takes a FILTER's or an AND_NOT's from its left side only;
// so the query is walked through those operators down to its parts (a term,
// a scaled term such as `0.5 * XTtelefo`, a phrase, a posting source), each
// part is run alone on the hits, and the weights it gives them are the
// split. A part on the right of an AND_MAYBE is a bonus (title words,
// proximity, exact forms, recency...). A term the query holds twice weighs a
// little more in the whole query than alone (BM25's query-term factor): what
// the parts do not add up to is shown as its own line.
#pragma once

#include <vector>

#include <xapian.h>

#include "segugio/search/searcher.h"

namespace segugio::search {

// Fills Hit::score_parts of each of `hits`, whose documents are `docids`,
// for `query` weighed by `weight` on `db`.
void explain_scores(const Xapian::Database& db, const Xapian::Weight& weight,
                    const Xapian::Query& query, const std::vector<Xapian::docid>& docids,
                    std::vector<Hit>& hits);

}  // namespace segugio::search
