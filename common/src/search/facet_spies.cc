#include "facet_spies.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "segugio/index/schema.h"

namespace segugio::search {

namespace {

void add_spy_counts(const Xapian::ValueCountMatchSpy& spy,
                    std::map<std::string, Xapian::doccount>& counts) {
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
    if (!(*it).empty()) counts[*it] += it.get_termfreq();
}

}  // namespace

std::vector<FacetValue> ranked(const std::map<std::string, Xapian::doccount>& counts,
                               unsigned top) {
  std::vector<FacetValue> out;
  out.reserve(counts.size());
  for (const auto& [v, c] : counts) out.push_back({v, c});
  std::stable_sort(out.begin(), out.end(),
                   [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
  if (top > 0 && out.size() > top) out.resize(top);
  return out;
}

void FacetSpies::attach(Xapian::Enquire& e) {
  for (Xapian::valueno slot : company_slots_) {
    company_spies_.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
    e.add_matchspy(company_spies_.back().get());
  }
  for (Xapian::valueno slot : topic_slots_) {
    topic_spies_.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
    e.add_matchspy(topic_spies_.back().get());
  }
  if (month_slot_) {
    month_spy_ = std::make_unique<Xapian::ValueCountMatchSpy>(schema::kSlotMonth);
    e.add_matchspy(month_spy_.get());
  }
}

FacetCounts FacetSpies::counts(Xapian::doccount total, unsigned top) const {
  FacetCounts facets;
  facets.counted = true;
  // Every spy saw the same documents; fewer than matched past facet_sample.
  const Xapian::ValueCountMatchSpy* any_spy =
      month_spy_ ? month_spy_.get()
                 : !company_spies_.empty() ? company_spies_.front().get()
                 : !topic_spies_.empty()   ? topic_spies_.front().get()
                                           : nullptr;
  const auto seen = static_cast<Xapian::doccount>(any_spy ? any_spy->get_total() : 0);
  const double scale =
      seen > 0 && seen < total ? static_cast<double>(total) / seen : 1.0;
  facets.exact = scale == 1.0;
  std::map<std::string, Xapian::doccount> counts;
  auto scaled = [&](std::map<std::string, Xapian::doccount>& m) {
    if (scale == 1.0) return;
    for (auto& [v, c] : m) c = static_cast<Xapian::doccount>(std::llround(c * scale));
  };
  for (const auto& spy : company_spies_) add_spy_counts(*spy, counts);
  scaled(counts);
  facets.companies = ranked(counts, top);
  counts.clear();
  for (const auto& spy : topic_spies_) add_spy_counts(*spy, counts);
  scaled(counts);
  facets.topics = ranked(counts, top);
  counts.clear();
  if (month_spy_) add_spy_counts(*month_spy_, counts);
  scaled(counts);
  for (const auto& [month, count] : counts)  // "YYYY-MM" sort before "senza-data"
    facets.months.push_back({month, count});
  return facets;
}

}  // namespace segugio::search
