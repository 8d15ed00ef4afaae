// One value slot holding all of a document's facet values (schema::
// kSlotFacetPack), so that counting facets reads one value per match instead
// of one per company slot, topic slot and month.
//
// Layout, version 1 (every count and length one byte, the month three):
//   version      1
//   month        0 when undated, else year * 12 + month - 1 + 1, 24 bits little endian
//   topics       a count (at most schema::kMaxTopics), then each: length + bytes
//   companies    a count (at most schema::kMaxCompanySlots, the most salient
//                first, the same ones the company slots hold), then each:
//                length + bytes
// A value longer than 255 bytes is cut there on a UTF-8 boundary (no real
// company name or topic slug is that long). The per-slot values stay written
// too: a database written before this slot existed has only them, and once
// it is updated its documents are counted per slot, new ones included.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "segugio/core/date.h"

namespace segugio::index {

// The facet values of one document, viewing the packed bytes they came from.
struct FacetPackView {
  unsigned month = 0;  // 0: undated; else year * 12 + month - 1 + 1
  std::vector<std::string_view> topics;
  std::vector<std::string_view> companies;
};

// The packed value for a document with these facets.
std::string pack_facets(const std::optional<Date>& date, const std::vector<std::string>& topics,
                        const std::vector<std::string>& companies);

// Fills `out` (its vectors' storage reused) from `packed`; false when the
// bytes are not a version-1 pack (then `out` is unspecified).
bool unpack_facets(std::string_view packed, FacetPackView& out);

// The month slot's text of a packed month: "YYYY-MM", or "senza-data" for 0.
std::string month_label(unsigned packed_month);

}  // namespace segugio::index
