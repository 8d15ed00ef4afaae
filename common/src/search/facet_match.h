// One search's match: the page of hits, the total, and the facet counts
// (private to src/search). How many matches are weighed and counted, and
// which pass counts the facets, is decided here.
#pragma once

#include <xapian.h>

#include "facet_spies.h"
#include "segugio/search/searcher.h"

namespace segugio::search {

struct MatchRequest {
  unsigned offset = 0;
  unsigned limit = 10;
  bool weighted = false;     // ranked by weight (else a list of filters or by date)
  bool exact_total = false;  // SearchOptions::exact_total
  bool facets = false;
  unsigned facet_top = 10;
  Xapian::doccount facet_sample = 100000;  // SearchOptions::facet_sample (0: all)
  // What the facets count when it is not the page's matches (the well-matched
  // articles); empty: the page's matches.
  Xapian::Query facet_query;
  bool collapse = false;    // the Enquire folds near-duplicates
  bool has_remote = false;  // a shard is remote: Xapian's own spies only
  // A second handle on the same local database at the same revision, used
  // by no other thread during run_match: the facets are counted on it in a
  // thread of their own while the page is weighed. Null (or a remote shard):
  // one thread.
  const Xapian::Database* counting = nullptr;
  // A ranked page may be weighed in two passes (facet_match.cc): the query
  // without its proximity bonuses picks candidates, the whole query (the
  // Enquire's) orders them. Both empty: one pass.
  Xapian::Query without_positional;
  Xapian::Query positional;  // the proximity bonuses, OR'd: their bound
  unsigned candidates = 100;      // RankingOptions::proximity_candidates
  unsigned rescore_min = 5000;    // RankingOptions::proximity_rescore_min
};

struct MatchOutcome {
  Xapian::MSet mset;
  Xapian::doccount total = 0;
  bool total_exact = false;
  FacetCounts facets;  // counted only with MatchRequest::facets
};

// Runs `enquire` (query, weighting, order and collapse key already set) for
// the request's page and, when asked, counts the facets: on
// MatchRequest::counting, in a weightless pass of their own run by a second
// thread beside the weighing; otherwise in this thread, by spies on the
// weighing pass or in a pass after it. The answers are the same.
MatchOutcome run_match(const Xapian::Database& db, Xapian::Enquire& enquire,
                       const FacetSlots& slots, const MatchRequest& request);

}  // namespace segugio::search
