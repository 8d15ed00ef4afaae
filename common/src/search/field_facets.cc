#include "field_facets.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>

#include "segugio/text/normalize.h"
#include "segugio/analysis/analyzer.h"
#include "segugio/core/error.h"
#include "segugio/index/schema.h"

namespace segugio::search {

namespace {

// Values counted at most per field (one query each).
constexpr std::size_t kMaxFieldValues = 2000;

std::string_view prefix_of(FacetField f) {
  switch (f) {
    case FacetField::author: return schema::kAuthor;
    case FacetField::source: return schema::kSource;
    case FacetField::tag: return schema::kTag;
    case FacetField::section: return schema::kSection;
  }
  return {};
}

// The values of `f` an article holds, as written.
std::vector<std::string> values_of(const index::StoredArticle& a, FacetField f) {
  switch (f) {
    case FacetField::author: return {a.author};
    case FacetField::source: return {a.source};
    case FacetField::tag: return a.tags;
    case FacetField::section: return {a.section};
  }
  return {};
}

// The value of `term` as its first article writes it; the folded value when
// the article cannot be read.
std::string written_value(const Xapian::Database& db, index::DocReader& reader,
                          const std::string& term, FacetField field) {
  const std::string_view prefix = prefix_of(field);
  const std::string folded = term.substr(prefix.size());
  const Xapian::PostingIterator it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return folded;
  try {
    const index::StoredArticle a = reader.read(*it);
    for (const std::string& v : values_of(a, field))
      if (!v.empty() && schema::boolean_term(prefix, text::fold(v)) == term) return v;
  } catch (const DatabaseError&) {
    // An unreadable record: the folded value will do.
  }
  return folded;
}

FieldFacet count_field(const Xapian::Database& db, index::DocReader& reader,
                       const Xapian::Query& matches, FacetField field, unsigned top) {
  const std::string prefix(prefix_of(field));
  std::vector<std::pair<Xapian::doccount, std::string>> held;  // articles holding, term
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it)
    held.emplace_back(it.get_termfreq(), *it);
  std::stable_sort(held.begin(), held.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::DONT_CARE);
  const Xapian::doccount all = db.get_doccount();
  std::vector<std::pair<Xapian::doccount, std::string>> counted;  // matches, term
  const std::size_t keep = top == 0 ? held.size() : top;
  for (std::size_t i = 0; i < held.size() && i < kMaxFieldValues; ++i) {
    // Sorted by articles held, so no later value can have more matches.
    if (counted.size() >= keep && held[i].first < counted[keep - 1].first) break;
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, matches, Xapian::Query(held[i].second)));
    const Xapian::doccount n = enquire.get_mset(0, 0, all).get_matches_estimated();
    if (n == 0) continue;
    counted.emplace_back(n, held[i].second);
    std::stable_sort(counted.begin(), counted.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
  }
  if (counted.size() > keep) counted.resize(keep);
  FieldFacet facet{field, {}, !held.empty()};
  for (const auto& [n, term] : counted)
    facet.values.push_back({written_value(db, reader, term, field), n});
  return facet;
}

}  // namespace

std::vector<FieldFacet> count_field_facets(const Xapian::Database& db, index::DocReader& reader,
                                           const Xapian::Query& matches,
                                           const std::vector<FacetField>& fields, unsigned top) {
  std::vector<FieldFacet> out;
  for (FacetField f : fields) out.push_back(count_field(db, reader, matches, f, top));
  return out;
}

}  // namespace segugio::search
