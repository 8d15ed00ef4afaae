#include "facet_match.h"

#include <algorithm>

namespace segugio::search {

namespace {

using Q = Xapian::Query;

// At least kExactMatches matches are weighed, not only enough to fill the
// page: Xapian 1.4.22's early termination drops documents from the top of
// Segugio's queries (a match with bonuses on the right of AND_MAYBE), in one
// database and in shards alike: on 2,000 synthetic articles, `85,3 oste -n
// 10` lost its 9th hit on 4 shards, found when 20 were asked for. Weighing
// every match is exact but costs seconds for a common word on 1,000,000
// articles (p99 4.2 s on 4 shards), so ranking is exact for queries matching
// up to kExactMatches articles and may be pruned past that.
constexpr Xapian::doccount kExactMatches = 10000;

// The total of a collapsed match. Xapian 1.4 with a collapse key never
// reports exact bounds, and estimates from the query's posting-list
// estimates, which for Segugio's queries (bonuses on AND_MAYBE) run far
// above the matches: `apple` on the bundled corpus, 9 articles and no
// near-duplicates, was "circa 20" with --collapse. When the matcher met
// fewer matches than it was asked to check, it saw them all and the hits
// kept are exactly the lower bound; otherwise the estimate, never above the
// uncollapsed one.
void collapsed_total(const Xapian::MSet& mset, Xapian::doccount check, Xapian::doccount all,
                     MatchOutcome& out) {
  if (check >= all || mset.get_uncollapsed_matches_lower_bound() < check) {
    out.total = mset.get_matches_lower_bound();
    out.total_exact = true;
    return;
  }
  out.total = std::min(mset.get_matches_estimated(), mset.get_uncollapsed_matches_estimated());
  out.total_exact = false;
}

}  // namespace

MatchOutcome run_match(const Xapian::Database& db, Xapian::Enquire& enquire,
                       const FacetSlots& slots, const MatchRequest& r) {
  const Xapian::doccount all = db.get_doccount();
  Xapian::doccount check = r.exact_total ? all : 0;
  if (r.weighted) check = std::max(check, std::min(all, kExactMatches));
  const Xapian::doccount facet_check = r.facet_sample == 0 ? all : std::min(all, r.facet_sample);
  // Facets count articles, whether or not --collapse folds them into fewer
  // hits: with a collapse key Xapian's spies saw them all but its estimates
  // grew (`apple`: 9 articles, a company counted 13 times), so a collapsed
  // search counts them in a pass of its own over the same query, uncollapsed.
  Q facet_query = r.facet_query;
  const bool own_query = facet_query.empty();
  if (r.facets && own_query && r.collapse)
    facet_query = Q(Q::OP_SCALE_WEIGHT, enquire.get_query(), 0.0);
  const bool facets_apart = r.facets && !facet_query.empty();
  // A search with facets on its own pass weighs at least as many as it counts.
  if (r.facets && !facets_apart) check = std::max(check, facet_check);
  FacetSpies spies(slots, !r.has_remote);
  MatchOutcome out;
  Xapian::doccount facet_total = 0;  // the matches the facets describe
  bool facet_total_exact = false;
  if (facets_apart) {
    // Counted in a pass of their own, which needs no weights.
    out.mset = enquire.get_mset(r.offset, r.limit, check);
    Xapian::Enquire counting(db);
    counting.set_query(facet_query);
    counting.set_weighting_scheme(Xapian::BoolWeight());
    counting.set_docid_order(Xapian::Enquire::DONT_CARE);
    spies.attach(counting);
    const Xapian::MSet counted = counting.get_mset(0, 0, facet_check);
    facet_total = counted.get_matches_estimated();
    facet_total_exact = counted.get_matches_lower_bound() == counted.get_matches_upper_bound();
  } else if (r.facets && r.has_remote) {
    // Xapian 1.4.22 with remote shards: spies on a search whose page is
    // smaller than the matches sometimes count hits twice (seen:
    // `acquisizione OR fusione -n 5 --offset 3` on the bundled corpus, with
    // one remote shard and with two). Counting in a pass of its own, with an
    // empty page, is exact.
    out.mset = enquire.get_mset(r.offset, r.limit, check);
    spies.attach(enquire);
    enquire.get_mset(0, 0, check);
  } else {
    if (r.facets) spies.attach(enquire);
    out.mset = enquire.get_mset(r.offset, r.limit, check);
  }
  // The counted articles are some of the matches; past facet_check Xapian's
  // estimate of them can exceed the matches (12 matches, "circa 15").
  facet_total = std::min(facet_total, out.mset.get_uncollapsed_matches_upper_bound());
  out.total = out.mset.get_matches_estimated();
  out.total_exact = out.mset.get_matches_lower_bound() == out.mset.get_matches_upper_bound();
  if (r.collapse) {
    collapsed_total(out.mset, check, all, out);
    // The folded hits are never more than the articles they fold.
    if (r.facets && own_query && facet_total < out.total) {
      out.total = facet_total;
      out.total_exact = facet_total_exact;
    }
  }
  if (!facets_apart) {
    facet_total = out.total;
    facet_total_exact = out.total_exact;
  }
  if (r.facets) out.facets = spies.counts(facet_total, facet_total_exact, r.facet_top);
  return out;
}

}  // namespace segugio::search
