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

inline constexpr unsigned char kFacetPackVersion = 1;

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

// Checks `packed` and, when it is a version-1 pack, calls topic(name) for
// each of its topics, then company(name) for each of its companies (each
// name viewing `packed`'s bytes), and returns its month; std::nullopt,
// calling neither, otherwise. Builds no vector: the facet spy calls it on
// every match, and unpack_facets reads packs with it.
template <typename Topic, typename Company>
std::optional<unsigned> for_each_facet(std::string_view packed, Topic topic, Company company);

// The month slot's text of a packed month: "YYYY-MM", or "senza-data" for 0.
std::string month_label(unsigned packed_month);

namespace detail {

// The end of the list of names (a count, then length + bytes each) at
// `at`, or 0 when it runs past the end of `packed` (a list is never empty).
inline std::size_t facet_list_end(std::string_view packed, std::size_t at) {
  if (at >= packed.size()) return 0;
  const unsigned count = static_cast<unsigned char>(packed[at++]);
  for (unsigned i = 0; i < count; ++i) {
    if (at >= packed.size()) return 0;
    const std::size_t n = static_cast<unsigned char>(packed[at++]);
    if (packed.size() - at < n) return 0;
    at += n;
  }
  return at;
}

// Calls visit(name) for each name of the checked list at `at`.
template <typename Visit>
void visit_facet_list(std::string_view packed, std::size_t at, Visit& visit) {
  const unsigned count = static_cast<unsigned char>(packed[at++]);
  for (unsigned i = 0; i < count; ++i) {
    const std::size_t n = static_cast<unsigned char>(packed[at++]);
    visit(packed.substr(at, n));
    at += n;
  }
}

}  // namespace detail

template <typename Topic, typename Company>
std::optional<unsigned> for_each_facet(std::string_view packed, Topic topic, Company company) {
  if (packed.size() < 4 || static_cast<unsigned char>(packed[0]) != kFacetPackVersion)
    return std::nullopt;
  const std::size_t companies_at = detail::facet_list_end(packed, 4);
  if (companies_at == 0 || detail::facet_list_end(packed, companies_at) != packed.size())
    return std::nullopt;
  detail::visit_facet_list(packed, 4, topic);
  detail::visit_facet_list(packed, companies_at, company);
  unsigned month = 0;
  for (int i = 0; i < 3; ++i)
    month |= static_cast<unsigned>(static_cast<unsigned char>(packed[1 + i])) << (8 * i);
  return month;
}

}  // namespace segugio::index
