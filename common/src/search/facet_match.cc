#include "facet_match.h"

#include <algorithm>
#include <future>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "segugio/index/schema.h"

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

// A ranked page weighed in two passes. Proximity bonuses read positions,
// the dearest data Xapian keeps: weighing `Google MacBook` on 1,000,000
// articles took 1.3 s with its proximity pair and 0.08 s without. So the
// query without them picks the best MatchRequest::candidates matches; the
// whole query weighs only those (the same weights: the bonuses change no
// match and no statistic). A match left out weighs at most the last
// candidate plus the most the bonuses can add: when the page's last hit
// weighs more, the page is exactly the whole query's; otherwise the whole
// query is weighed again on every match, as before. Below
// MatchRequest::rescore_min articles whose positions a pair may read, one
// pass costs less: the news dev set's 1,500 articles and SQuAD-it's 2,010
// passages took 22% longer in two passes.

// How many articles the proximity bonuses may read positions of: for each,
// those holding its rarest word.
Xapian::doccount positions_read(const Xapian::Database& db, const Q& positional) {
  Xapian::doccount total = 0;
  for (std::size_t i = 0; i < positional.get_num_subqueries(); ++i) {
    const Q bonus = positional.get_subquery(i);
    Xapian::doccount rarest = db.get_doccount();
    for (auto t = bonus.get_unique_terms_begin(); t != bonus.get_unique_terms_end(); ++t)
      rarest = std::min(rarest, db.get_termfreq(*t));
    total += rarest;
  }
  return total;
}

struct Page {
  Xapian::MSet hits;
  Xapian::MSet matched;  // the pass over every match: totals and bounds
};

// The candidates as a weightless filter: their id terms.
Q candidate_filter(const Xapian::MSet& candidates) {
  candidates.fetch();  // one round trip for remote shards, not one per candidate
  std::vector<std::string> ids;
  ids.reserve(candidates.size());
  for (auto it = candidates.begin(); it != candidates.end(); ++it)
    ids.push_back(schema::boolean_term(schema::kId, it.get_document().get_value(schema::kSlotId)));
  return Q(Q::OP_OR, ids.begin(), ids.end());
}

// The page of `enquire`'s query. Spies attached to `enquire` count the
// matches of the first pass only; they are detached when it returns. The
// Enquire is left with a query of the same matches.
Page weigh_page(const Xapian::Database& db, Xapian::Enquire& enquire, const MatchRequest& r,
                Xapian::doccount check) {
  // A page must end well before the last candidate for its last hit to
  // outweigh it with the bonuses: longer pages take one pass.
  const Xapian::doccount count = r.candidates;
  const Xapian::doccount wanted = r.offset + r.limit;
  if (r.without_positional.empty() || r.collapse || !r.weighted || r.limit == 0 ||
      wanted > count / 4 || positions_read(db, r.positional) < r.rescore_min) {
    Xapian::MSet m = enquire.get_mset(r.offset, r.limit, check);
    enquire.clear_matchspies();
    return {m, m};
  }
  const Q whole = enquire.get_query();
  enquire.set_query(r.without_positional);
  Page page;
  page.matched = enquire.get_mset(0, count, check);
  enquire.clear_matchspies();
  if (page.matched.size() <= r.offset) {  // the page is past the matches
    page.hits = Xapian::MSet();
    return page;
  }
  const bool all_candidates = page.matched.size() < count;
  double bound = 0;
  if (!all_candidates) {
    enquire.set_query(r.positional);
    bound = page.matched[count - 1].get_weight() + enquire.get_mset(0, 0).get_max_possible();
  }
  // The candidates lead and the whole query follows on the right of
  // AND_MAYBE, moved to each candidate as the single pass moved it. Under a
  // FILTER Xapian 1.4.22 tests an AND_MAYBE's right side lazily, and a
  // proximity pair's weight was added to articles without the pair (news
  // query `installa docker su ubuntu`). Every candidate is weighed: early
  // termination is what section 35 of bench/RESULTS.md found unsafe.
  enquire.set_query(
      Q(Q::OP_AND_MAYBE, Q(Q::OP_SCALE_WEIGHT, candidate_filter(page.matched), 0.0), whole));
  page.hits = enquire.get_mset(r.offset, r.limit, count);
  const bool exact = all_candidates || (page.hits.size() == r.limit &&
                                        page.hits[r.limit - 1].get_weight() > bound * (1 + 1e-12));
  if (!exact) {
    enquire.set_query(whole);
    page.hits = enquire.get_mset(r.offset, r.limit, check);
  }
  enquire.set_query(r.without_positional);
  return page;
}

// Runs `spies` over the matches of `query` in a pass of their own, with no
// page and no weights (a weightless AND_MAYBE is its left side alone).
Xapian::MSet count_apart(const Xapian::Database& db, const Q& query, FacetSpies& spies,
                         Xapian::doccount check) {
  Xapian::Enquire counting(db);
  counting.set_query(query);
  counting.set_weighting_scheme(Xapian::BoolWeight());
  counting.set_docid_order(Xapian::Enquire::DONT_CARE);
  spies.attach(counting);
  return counting.get_mset(0, 0, check);
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
  // A pass of their own counts the well-matched (or collapsed) query up to
  // facet_sample, or the page's own query, weightless, as far as a weighing
  // with the spies on it would have gone.
  const Q count_query =
      facets_apart ? facet_query : Q(Q::OP_SCALE_WEIGHT, enquire.get_query(), 0.0);
  const Xapian::doccount count_check = facets_apart ? facet_check : std::max(check, facet_check);
  // The counting thread gets its own copy of the query, as bytes: a Query's
  // reference counts are not atomic, and the weighing shares its subqueries.
  // A query that cannot be serialised is counted in this thread.
  std::optional<std::string> counted_query;
  if (r.facets && r.counting != nullptr && !r.has_remote) {
    try {
      counted_query = count_query.serialise();
    } catch (const Xapian::UnimplementedError&) {
    }
  }
  const bool in_parallel = counted_query.has_value();
  // Xapian 1.4.22 with remote shards: spies on a search whose page is
  // smaller than the matches sometimes count hits twice (seen:
  // `acquisizione OR fusione -n 5 --offset 3` on the bundled corpus, with
  // one remote shard and with two). Counting in a pass of its own, with an
  // empty page, is exact; weightless, it skips the bonuses, which only
  // weigh (bench/RESULTS.md section 65).
  const bool counted_apart = facets_apart || (r.facets && (in_parallel || r.has_remote));
  // The page's own query counted apart (beside the weighing, or after it
  // through remote shards): that pass's total is the search's, and the
  // weighing weighs only what the page needs. Counted by spies riding on
  // it, it weighs at least as many as they count.
  const bool own_counted_apart = counted_apart && !facets_apart;
  if (r.facets && !counted_apart) check = count_check;
  FacetSpies spies(slots, !r.has_remote);
  MatchOutcome out;
  Xapian::doccount facet_total = 0;  // the matches the facets describe
  bool facet_total_exact = false;
  Page page;
  if (counted_apart) {
    std::future<Xapian::MSet> counting;
    if (in_parallel) {
      try {
        counting = std::async(std::launch::async, [&spies, &counted_query, &r, count_check] {
          return count_apart(*r.counting, Q::unserialise(*counted_query), spies, count_check);
        });
      } catch (const std::system_error&) {
        // No thread to be had (a process at its limit): counted after the
        // weighing, in this thread, with the same answers.
      }
    }
    try {
      page = weigh_page(db, enquire, r, check);
    } catch (...) {
      if (counting.valid()) counting.wait();  // the spies and the query outlive the thread
      throw;
    }
    const Xapian::MSet counted =
        counting.valid() ? counting.get() : count_apart(db, count_query, spies, count_check);
    facet_total = counted.get_matches_estimated();
    facet_total_exact = counted.get_matches_lower_bound() == counted.get_matches_upper_bound();
  } else {
    if (r.facets) spies.attach(enquire);
    page = weigh_page(db, enquire, r, check);
  }
  out.mset = page.hits;
  const Xapian::MSet& matched = page.matched;
  // The counted articles are some of the matches; past facet_check Xapian's
  // estimate of them can exceed the matches (12 matches, "circa 15").
  facet_total = std::min(facet_total, matched.get_uncollapsed_matches_upper_bound());
  out.total = matched.get_matches_estimated();
  out.total_exact = matched.get_matches_lower_bound() == matched.get_matches_upper_bound();
  if (r.collapse) {
    collapsed_total(matched, check, all, out);
    // The folded hits are never more than the articles they fold.
    if (r.facets && own_query && facet_total < out.total) {
      out.total = facet_total;
      out.total_exact = facet_total_exact;
    }
  }
  if (own_counted_apart) {
    // The counting pass ran the page's own query, weightless: its total is
    // the one the weighing would have given had it gone as far.
    out.total = facet_total;
    out.total_exact = facet_total_exact;
  } else if (!facets_apart) {
    facet_total = out.total;
    facet_total_exact = out.total_exact;
  }
  if (r.facets) out.facets = spies.counts(facet_total, facet_total_exact, r.facet_top);
  return out;
}

}  // namespace segugio::search
