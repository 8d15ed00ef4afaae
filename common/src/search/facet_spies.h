// The match spies that count companies, topics and months over a search, and
// the counts they give (private to src/search). One per search: the spies
// must outlive the Enquire they are attached to.
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

class FacetSpies {
 public:
  // The slots in use: company and topic slots, and whether the month slot is.
  FacetSpies(std::vector<Xapian::valueno> company_slots, std::vector<Xapian::valueno> topic_slots,
             bool month_slot)
      : company_slots_(std::move(company_slots)),
        topic_slots_(std::move(topic_slots)),
        month_slot_(month_slot) {}

  // Adds one spy per slot to `enquire`; call once.
  void attach(Xapian::Enquire& enquire);

  // The counts of the spies, scaled up to `total` when they saw fewer
  // documents (past facet_sample: then `exact` is false).
  FacetCounts counts(Xapian::doccount total, unsigned top) const;

 private:
  std::vector<Xapian::valueno> company_slots_, topic_slots_;
  bool month_slot_ = false;
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> company_spies_, topic_spies_;
  std::unique_ptr<Xapian::ValueCountMatchSpy> month_spy_;
};

}  // namespace segugio::search
