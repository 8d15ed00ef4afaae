#include "facet_spies.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "segugio/index/facet_pack.h"
#include "segugio/index/schema.h"

namespace segugio::search {

namespace {

struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using TextCounts = std::unordered_map<std::string, Xapian::doccount, TextHash, std::equal_to<>>;

void count(TextCounts& counts, std::string_view value) {
  if (value.empty()) return;
  if (auto it = counts.find(value); it != counts.end()) ++it->second;
  else counts.emplace(std::string(value), 1);
}

void add_spy_counts(const Xapian::ValueCountMatchSpy& spy,
                    std::map<std::string, Xapian::doccount>& counts) {
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
    if (!(*it).empty()) counts[*it] += it.get_termfreq();
}

}  // namespace

// Reads each match's facet pack once and counts its values. Runs in this
// process only (it cannot be serialised to a remote shard).
class PackedFacetSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override {
    ++seen;
    const std::string packed = doc.get_value(schema::kSlotFacetPack);
    if (!index::unpack_facets(packed, view_)) return;  // not written by this schema
    ++months[view_.month];
    for (std::string_view t : view_.topics) count(topics, t);
    for (std::string_view c : view_.companies) count(companies, c);
  }

  Xapian::doccount seen = 0;
  TextCounts companies, topics;
  std::unordered_map<unsigned, Xapian::doccount> months;

 private:
  index::FacetPackView view_;
};

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

FacetSlots facet_slots(const Xapian::Database& db) {
  FacetSlots s;
  for (unsigned i = 0; i < schema::kMaxCompanySlots; ++i)
    if (db.get_value_freq(schema::kSlotCompanyFirst + i) > 0)
      s.company.push_back(schema::kSlotCompanyFirst + i);
  for (unsigned i = 0; i < schema::kMaxTopics; ++i)
    if (db.get_value_freq(schema::kSlotTopicFirst + i) > 0)
      s.topic.push_back(schema::kSlotTopicFirst + i);
  s.month = db.get_value_freq(schema::kSlotMonth) > 0;
  // A database indexed before the pack, then updated, has it on some
  // documents only: those count per slot.
  const Xapian::doccount documents = db.get_doccount();
  s.packed = documents > 0 && db.get_value_freq(schema::kSlotFacetPack) == documents;
  return s;
}

FacetSpies::FacetSpies(FacetSlots slots, bool local)
    : slots_(std::move(slots)), use_pack_(local && slots_.packed) {}

FacetSpies::~FacetSpies() = default;

void FacetSpies::attach(Xapian::Enquire& e) {
  if (use_pack_) {
    packed_spy_ = std::make_unique<PackedFacetSpy>();
    e.add_matchspy(packed_spy_.get());
    return;
  }
  for (Xapian::valueno slot : slots_.company) {
    company_spies_.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
    e.add_matchspy(company_spies_.back().get());
  }
  for (Xapian::valueno slot : slots_.topic) {
    topic_spies_.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
    e.add_matchspy(topic_spies_.back().get());
  }
  if (slots_.month) {
    month_spy_ = std::make_unique<Xapian::ValueCountMatchSpy>(schema::kSlotMonth);
    e.add_matchspy(month_spy_.get());
  }
}

Xapian::doccount FacetSpies::seen() const {
  if (packed_spy_) return packed_spy_->seen;
  // Every spy saw the same documents.
  const Xapian::ValueCountMatchSpy* any_spy =
      month_spy_ ? month_spy_.get()
                 : !company_spies_.empty() ? company_spies_.front().get()
                 : !topic_spies_.empty()   ? topic_spies_.front().get()
                                           : nullptr;
  return static_cast<Xapian::doccount>(any_spy ? any_spy->get_total() : 0);
}

FacetCounts FacetSpies::counts(Xapian::doccount total, bool total_exact, unsigned top) const {
  FacetCounts facets;
  facets.counted = true;
  // The spies saw fewer documents than matched past facet_sample.
  const Xapian::doccount saw = seen();
  const double scale = saw > 0 && saw < total ? static_cast<double>(total) / saw : 1.0;
  facets.exact = scale == 1.0 && total_exact;
  facets.total = std::max(total, saw);
  std::map<std::string, Xapian::doccount> companies, topics, months;
  if (packed_spy_) {
    companies.insert(packed_spy_->companies.begin(), packed_spy_->companies.end());
    topics.insert(packed_spy_->topics.begin(), packed_spy_->topics.end());
    for (const auto& [month, n] : packed_spy_->months) months[index::month_label(month)] += n;
  } else {
    for (const auto& spy : company_spies_) add_spy_counts(*spy, companies);
    for (const auto& spy : topic_spies_) add_spy_counts(*spy, topics);
    if (month_spy_) add_spy_counts(*month_spy_, months);
  }
  for (auto* m : {&companies, &topics, &months})
    if (scale != 1.0)
      for (auto& [v, c] : *m) c = static_cast<Xapian::doccount>(std::llround(c * scale));
  facets.companies = ranked(companies, top);
  facets.topics = ranked(topics, top);
  for (const auto& [month, n] : months)  // "YYYY-MM" sort before "senza-data"
    facets.months.push_back({month, n});
  return facets;
}

}  // namespace segugio::search
