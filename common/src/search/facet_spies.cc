#include "facet_spies.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <utility>

#include "segugio/index/facet_pack.h"
#include "segugio/index/schema.h"

namespace segugio::search {

namespace {

// Counts names in an open-addressing table. A name of up to 16 bytes (all
// but a few company names) is its length and two 8-byte words, loaded whole
// and masked to its length: hashing and comparing it takes a few
// instructions and no call. A longer one is hashed and compared byte by
// byte. Names are read through add(), whose caller guarantees 16 readable
// bytes past each name's end (PackCounts pads its copy of the pack). Hashed
// a byte loop at a time and compared with memcmp, a name took 140
// instructions, 5.2 names a match at 100,000 synthetic articles; inlined
// where the pack is read, about 50 (bench/RESULTS.md, section 68).
class NameCounts {
 public:
  static constexpr std::size_t kPadding = 16;  // readable bytes needed past a name

  // Counts `name` `n` times; its next kPadding bytes must be readable. An
  // empty name is not counted.
  void add(std::string_view name, Xapian::doccount n) {
    if (name.empty()) return;
    if (name.size() > kWords) return add_long(name, n);
    if (used_ >= grow_at_) grow();
    const Key key = key_of(name);
    for (std::size_t i = key.hash & mask_;; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (slot.key == key) {  // an empty slot's key has length 0
        slot.count += n;
        return;
      }
      if (slot.count == 0) return insert(slot, name, n);
    }
  }

  void add_to(std::map<std::string, Xapian::doccount>& counts) const {
    for (const Slot& slot : slots_)
      if (slot.count > 0) counts[std::string(text(slot))] += slot.count;
  }

 private:
  static constexpr std::size_t kWords = 16;  // bytes a key holds whole

  // A name's first 16 bytes (zero past its end), its length and its hash:
  // two names of up to 16 bytes are equal when their keys are.
  struct Key {
    std::uint64_t first = 0, second = 0, hash = 0;
    std::uint32_t length = 0;
    bool operator==(const Key& o) const {
      return first == o.first && second == o.second && length == o.length;
    }
  };

  struct Slot {
    Key key;
    std::uint32_t offset = 0;    // of the name in names_
    Xapian::doccount count = 0;  // 0: empty
  };

  static std::uint64_t load(const char* p) {
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);  // one unaligned load
    return word;
  }

  // The low `n` bytes of `word` (n <= 8), little-endian order as loaded.
  static std::uint64_t low_bytes(std::uint64_t word, std::size_t n) {
    return n >= 8 ? word : word & ((std::uint64_t{1} << (8 * n)) - 1);
  }

  static Key key_of(std::string_view name) {
    constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;
    const std::size_t n = name.size();
    Key key;
    key.length = static_cast<std::uint32_t>(n);
    key.first = low_bytes(load(name.data()), n);
    key.second = n > 8 ? low_bytes(load(name.data() + 8), n - 8) : 0;
    std::uint64_t h = (n * kMultiplier) ^ key.first;
    h = (h * kMultiplier) ^ key.second;
    // The rest of a long name, eight bytes at a time.
    for (std::size_t at = kWords; at < n; at += 8)
      h = ((h ^ (h >> 29)) * kMultiplier) ^ low_bytes(load(name.data() + at), n - at);
    h *= kMultiplier;
    key.hash = h ^ (h >> 29);
    return key;
  }

  // A name longer than a key: its key, then its bytes compared.
  [[gnu::noinline]] void add_long(std::string_view name, Xapian::doccount n) {
    if (used_ >= grow_at_) grow();
    const Key key = key_of(name);
    for (std::size_t i = key.hash & mask_;; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (slot.count == 0) return insert(slot, name, n);
      if (slot.key == key && text(slot) == name) {
        slot.count += n;
        return;
      }
    }
  }

  // Out of line, as grow(): the first match of a name only, and add() stays
  // small enough to be inlined where the pack is read.
  [[gnu::noinline]] void insert(Slot& slot, std::string_view name, Xapian::doccount n) {
    slot.key = key_of(name);
    slot.offset = static_cast<std::uint32_t>(names_.size());
    slot.count = n;
    names_.append(name);
    ++used_;
  }

  std::string_view text(const Slot& slot) const {
    return std::string_view(names_).substr(slot.offset, slot.key.length);
  }

  // Doubles the table (64 slots at first); it is never more than half full.
  [[gnu::noinline]] void grow() {
    std::vector<Slot> old(std::max<std::size_t>(64, 2 * slots_.size()));
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    grow_at_ = slots_.size() / 2;
    for (const Slot& slot : old) {
      if (slot.count == 0) continue;
      std::size_t i = slot.key.hash & mask_;
      while (slots_[i].count != 0) i = (i + 1) & mask_;
      slots_[i] = slot;
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0, used_ = 0, grow_at_ = 0;  // grows when used_ reaches grow_at_
  std::string names_;
};

void add_spy_counts(const Xapian::ValueCountMatchSpy& spy,
                    std::map<std::string, Xapian::doccount>& counts) {
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
    if (!(*it).empty()) counts[*it] += it.get_termfreq();
}

// The facet values of packs, each pack counted `n` times. A pack is read
// in one pass without vectors (index::for_each_facet), from a copy padded
// for NameCounts.
class PackCounts {
 public:
  void add(std::string_view packed, Xapian::doccount n = 1) {
    if (padded_.size() < packed.size() + NameCounts::kPadding)
      padded_.resize(packed.size() + NameCounts::kPadding);
    std::memcpy(padded_.data(), packed.data(), packed.size());
    const std::optional<unsigned> month = index::for_each_facet(
        std::string_view(padded_.data(), packed.size()),
        [this, n](std::string_view t) { topics.add(t, n); },
        [this, n](std::string_view c) { companies.add(c, n); });
    if (!month) return;  // not written by this schema
    if (*month >= months.size()) months.resize(*month + 1);
    months[*month] += n;
  }

  NameCounts companies, topics;
  std::vector<Xapian::doccount> months;  // by packed month (0: undated)

 private:
  std::vector<char> padded_;  // the pack, then bytes NameCounts may read
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
