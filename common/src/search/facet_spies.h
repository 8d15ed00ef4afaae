// The match spies that count companies, topics and months over a search, and
// the counts they give (private to src/search). One per search: the spies
// must outlive the Enquire they are attached to.
//
// Two ways to count, the same counts:
//   packed     one value read per match: the document's facet pack
//              (schema::kSlotFacetPack, index/facet_pack.h). Used when every
//              document has the pack. Locally one spy of ours
//              (PackedFacetSpy) counts each match's values in open-addressing
//              tables (a name of up to 16 bytes keyed by two masked words);
//              with a remote shard, where Xapian runs no user-defined spy,
//              Xapian's ValueCountMatchSpy counts each distinct pack on the
//              servers and the packs' values are counted here.
//   per slot   Xapian's ValueCountMatchSpy on each company slot that holds
//              values, on each topic slot and on the month slot: about 28
//              value reads per match. Databases written before the pack
//              existed, wholly or in part.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "segugio/search/searcher.h"

namespace segugio::search {

// Values by count, highest first (ties in value order); the first `top` (0: all).
std::vector<FacetValue> ranked(const std::map<std::string, Xapian::doccount>& counts,
                               unsigned top);

// Which facet values a database holds, read when it is opened.
struct FacetSlots {
  std::vector<Xapian::valueno> company;  // company slots holding values
  std::vector<Xapian::valueno> topic;    // topic slots holding values
  bool month = false;                    // the month slot holds values
  bool packed = false;                   // every document has a facet pack
};

FacetSlots facet_slots(const Xapian::Database& db);

class PackedFacetSpy;

class FacetSpies {
 public:
  // `local`: no remote shard, so our own packed spy may run.
  FacetSpies(FacetSlots slots, bool local);
  ~FacetSpies();
  FacetSpies(const FacetSpies&) = delete;
  FacetSpies& operator=(const FacetSpies&) = delete;

  // Adds the spies to `enquire`; call once.
  void attach(Xapian::Enquire& enquire);

  // The counts of the spies, scaled up to `total` when they saw fewer
  // documents (past facet_sample). `exact` only when they saw `total` and
  // `total` is no estimate: a pass stopped at facet_sample may estimate as
  // many matches as it saw (12 matches, 11 seen, "11").
  FacetCounts counts(Xapian::doccount total, bool total_exact, unsigned top) const;

 private:
  Xapian::doccount seen() const;

  FacetSlots slots_;
  bool local_ = true;
  std::unique_ptr<PackedFacetSpy> packed_spy_;
  std::unique_ptr<Xapian::ValueCountMatchSpy> pack_spy_;  // remote shards
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> company_spies_, topic_spies_;
  std::unique_ptr<Xapian::ValueCountMatchSpy> month_spy_;
};

}  // namespace segugio::search
