// Facets by author, source, tag and section (issue 20, item 3; private to
// src/search): how many of a search's matches hold each value, so that a
// user sees the values that exist and how to filter on them.
//
// The index keeps these fields as boolean terms of folded values (`A`,
// `XSO`, `K`, `XSE`; schema.h), not in value slots, so each value is counted
// as a query of its own: the matches filtered by the value's term, with
// BoolWeight and every match checked (exact, and built from Xapian's own
// pieces, so it runs on remote shards too); on local databases the matches
// are found once and each value's posting list is walked against them. Values are tried by how many
// articles hold them, most first, and counting stops as soon as the next
// value is held by fewer articles than the last one kept has matches: the
// top values come exact after a few queries when the field's values are
// skewed (sources, sections), at most kMaxFieldValues queries otherwise.
// A value is shown as one of its articles writes it ("La Repubblica"),
// read from that article's stored record.
#pragma once

#include <vector>

#include <xapian.h>

#include "segugio/index/doc_reader.h"
#include "segugio/search/searcher.h"

namespace segugio::search {

// The `top` values of each field in `fields`, most matches first (ties by
// value), over the matches of `matches`; a field with no values in the
// database gets an empty list. `local` (no remote shard): the matches are
// found once, into a bitmap, and each value counted by walking its posting
// list against it; otherwise each value is a query of its own.
std::vector<FieldFacet> count_field_facets(const Xapian::Database& db, index::DocReader& reader,
                                           const Xapian::Query& matches,
                                           const std::vector<FacetField>& fields, unsigned top,
                                           bool local);

}  // namespace segugio::search
