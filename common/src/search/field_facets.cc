#include "field_facets.h"

#include <algorithm>
#include <optional>
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

// The value terms of `field`, most articles holding first.
std::vector<std::pair<Xapian::doccount, std::string>> values_by_holders(const Xapian::Database& db,
                                                                        const std::string& prefix) {
  std::vector<std::pair<Xapian::doccount, std::string>> held;  // articles holding, term
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it)
    held.emplace_back(it.get_termfreq(), *it);
  std::stable_sort(held.begin(), held.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  return held;
}

// Every match's docid, set in a bitmap by one weightless pass (local
// databases only: a user-defined spy cannot run on a remote shard).
class MatchBitmap : public Xapian::MatchSpy {
 public:
  explicit MatchBitmap(Xapian::docid last) : bits_(std::size_t{last} + 1, false) {}
  void operator()(const Xapian::Document& doc, double) override {
    const Xapian::docid id = doc.get_docid();
    if (id < bits_.size()) bits_[id] = true;
  }
  // How many articles holding `term` are matches: one walk of its posting list.
  Xapian::doccount count(const Xapian::Database& db, const std::string& term) const {
    Xapian::doccount n = 0;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it)
      if (*it < bits_.size() && bits_[*it]) ++n;
    return n;
  }

 private:
  std::vector<bool> bits_;
};

// How many matches of `matches` hold `term`, as a query of its own (works
// on remote shards).
Xapian::doccount count_by_query(const Xapian::Database& db, const Xapian::Query& matches,
                                const std::string& term) {
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::DONT_CARE);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, matches, Xapian::Query(term)));
  return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

FieldFacet count_field(const Xapian::Database& db, index::DocReader& reader,
                       const Xapian::Query& matches, const MatchBitmap* bitmap,
                       FacetField field, unsigned top) {
  const std::string prefix(prefix_of(field));
  const auto held = values_by_holders(db, prefix);
  std::vector<std::pair<Xapian::doccount, std::string>> counted;  // matches, term
  const std::size_t keep = top == 0 ? held.size() : top;
  for (std::size_t i = 0; i < held.size() && i < kMaxFieldValues; ++i) {
    // Sorted by articles held, so no later value can have more matches.
    if (counted.size() >= keep && held[i].first < counted[keep - 1].first) break;
    const Xapian::doccount n =
        bitmap ? bitmap->count(db, held[i].second) : count_by_query(db, matches, held[i].second);
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
                                           const std::vector<FacetField>& fields, unsigned top,
                                           bool local) {
  std::optional<MatchBitmap> bitmap;
  if (local && !fields.empty()) {
    bitmap.emplace(db.get_lastdocid());
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::DONT_CARE);
    enquire.set_query(matches);
    enquire.add_matchspy(&*bitmap);
    enquire.get_mset(0, 0, db.get_doccount());
  }
  std::vector<FieldFacet> out;
  for (FacetField f : fields)
    out.push_back(count_field(db, reader, matches, bitmap ? &*bitmap : nullptr, f, top));
  return out;
}

}  // namespace segugio::search
