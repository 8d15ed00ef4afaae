#include "facet_spies.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>

#include "segugio/index/facet_pack.h"
#include "segugio/index/schema.h"

namespace segugio::search {

namespace {

// Counts values by their bytes in an open-addressing table: one hash
// and, when found, one compare per value. std::unordered_map hashed, divided
// and followed a node per value, 7% of a faceted search at 1,000,000
// articles (bench/RESULTS.md, section 51).
class NameCounts {
 public:
  void add(std::string_view name, Xapian::doccount n = 1) {
    if (name.empty()) return;
    if (2 * (used_ + 1) > slots_.size()) grow();
    const std::uint64_t h = hash(name);
    for (std::size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      Slot& slot = slots_[i];
      if (slot.count == 0) {
        slot = {h, static_cast<std::uint32_t>(names_.size()),
                static_cast<std::uint32_t>(name.size()), n};
        names_.append(name);
        ++used_;
        return;
      }
      if (slot.hash == h && text(slot) == name) {
        slot.count += n;
        return;
      }
    }
  }

  void add_to(std::map<std::string, Xapian::doccount>& counts) const {
    for (const Slot& slot : slots_)
      if (slot.count > 0) counts[std::string(text(slot))] += slot.count;
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t offset = 0, length = 0;  // in names_
    Xapian::doccount count = 0;            // 0: empty
  };

  // Eight bytes at a time, each step a multiply and a shift (names are short).
  static std::uint64_t hash(std::string_view name) {
    constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;
    std::uint64_t h = name.size() * kMultiplier;
    const char* p = name.data();
    std::size_t n = name.size();
    for (; n > 0; p += 8, n = n > 8 ? n - 8 : 0) {
      std::uint64_t word = 0;
      std::memcpy(&word, p, std::min<std::size_t>(n, 8));
      h = (h ^ word) * kMultiplier;
      h ^= h >> 29;
    }
    return h;
  }

  std::string_view text(const Slot& slot) const {
    return std::string_view(names_).substr(slot.offset, slot.length);
  }

  void grow() {
    std::vector<Slot> old(std::max<std::size_t>(64, 2 * slots_.size()));
    old.swap(slots_);
    for (const Slot& slot : old) {
      if (slot.count == 0) continue;
      std::size_t i = slot.hash & (slots_.size() - 1);
      while (slots_[i].count != 0) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = slot;
    }
  }

  std::vector<Slot> slots_;
  std::size_t used_ = 0;
  std::string names_;
};

void add_spy_counts(const Xapian::ValueCountMatchSpy& spy,
                    std::map<std::string, Xapian::doccount>& counts) {
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
    if (!(*it).empty()) counts[*it] += it.get_termfreq();
}

// The facet values of packs, each pack counted `n` times.
class PackCounts {
 public:
  void add(std::string_view packed, Xapian::doccount n = 1) {
    if (!index::unpack_facets(packed, view_)) return;  // not written by this schema
    if (view_.month >= months.size()) months.resize(view_.month + 1);
    months[view_.month] += n;
    for (std::string_view t : view_.topics) topics.add(t, n);
    for (std::string_view c : view_.companies) companies.add(c, n);
  }

  NameCounts companies, topics;
  std::vector<Xapian::doccount> months;  // by packed month (0: undated)

 private:
  index::FacetPackView view_;
};

}  // namespace

// Reads each match's facet pack once and counts its values. Runs in this
// process only (it cannot be serialised to a remote shard).
class PackedFacetSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override {
    ++seen;
    counts.add(doc.get_value(schema::kSlotFacetPack));
  }

  Xapian::doccount seen = 0;
  PackCounts counts;
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
    : slots_(std::move(slots)), local_(local) {}

FacetSpies::~FacetSpies() = default;

void FacetSpies::attach(Xapian::Enquire& e) {
  if (slots_.packed && local_) {
    packed_spy_ = std::make_unique<PackedFacetSpy>();
    e.add_matchspy(packed_spy_.get());
    return;
  }
  if (slots_.packed) {
    // Each distinct pack counted on the servers, its values counted here.
    pack_spy_ = std::make_unique<Xapian::ValueCountMatchSpy>(schema::kSlotFacetPack);
    e.add_matchspy(pack_spy_.get());
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
      pack_spy_    ? pack_spy_.get()
      : month_spy_ ? month_spy_.get()
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
  if (packed_spy_ || pack_spy_) {
    PackCounts distinct;
    if (pack_spy_)
      for (auto it = pack_spy_->values_begin(); it != pack_spy_->values_end(); ++it)
        distinct.add(*it, it.get_termfreq());
    const PackCounts& packs = packed_spy_ ? packed_spy_->counts : distinct;
    packs.companies.add_to(companies);
    packs.topics.add_to(topics);
    for (unsigned month = 0; month < packs.months.size(); ++month)
      if (const Xapian::doccount n = packs.months[month]; n > 0)
        months[index::month_label(month)] += n;
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
