// QueryBuilder: a parsed query (query_parser.h) -> Xapian queries, through the
// same Italian Analyzer as the index.
//
// Meaning of the pieces:
//   word         OP_SYNONYM of the word's terms (stem, accent-folded stem); a
//                compound (`Wi-Fi`) also as the phrase of its parts (`wi fi`).
//                A token that analyses into several words (`TCP/IP`) is a phrase.
//   "phrase"     OP_PHRASE over the non-stopword words, window = the span of
//                positions the phrase covers (stopwords keep positions in the
//                index). Quotes switch synonyms off.
//   prefix*      OP_SYNONYM of the database's words that start with it: index
//                terms, and the terms of spelling-table words (so `aziend*`
//                reaches `aziende`, stemmed to `azi`); the max_expansions most
//                frequent are kept, and a notice says so when the cap bites.
//   field:value  filters (OP_FILTER, no weight): id, company (any alias through
//                the gazetteer), topic (slug or Italian name), tag, author,
//                source, section (folded values), date (date_filter.h);
//                title: searches the S-prefixed title terms, with weight.
//   sequences    juxtaposed items: words joined by the default operator,
//                +required ANDed, -excluded AND_NOT, filters of one field ORed
//                and of different fields ANDed.
// Query-side synonyms: a run of words that is an expression of the synonym
// table, or a company alias of the gazetteer (`Big G`, `colosso di Redmond`),
// also matches its alternatives, weighted by synonym_weight; a company alias
// also gives company_weight to articles tagged with the company (XCO); the
// words of a multi-word alias are then sought as a phrase (`Big G`: `G` alone,
// as in `5G`, is not Google).
// Bonuses, added with OP_AND_MAYBE so they never change what matches: title
// terms (title_weight), adjacent query words near each other in the text
// (proximity: the proximity_max_pairs rarest pairs, none with a word found in
// over a quarter of the articles, none for queries of more than
// proximity_max_words words), and every word present (any_bonus).
//
// Every operator used is built into Xapian and serialisable, so the query runs
// on remote shards (xapian-tcpsrv) too.
//
// Thread contract: one QueryBuilder per thread (it uses the caller's Analyzer).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "segugio/analysis/analyzer.h"
#include "segugio/core/date.h"
#include "segugio/search/query_parser.h"
#include "segugio/search/search_options.h"
#include "segugio/search/synonyms.h"

namespace segugio::facets {
class CompanyGazetteer;
class TopicTaxonomy;
}

namespace segugio::search {

struct CompanyFilterOptions {
  bool with_subsidiaries = false;  // `--company Microsoft` also finds GitHub, LinkedIn...
};

// A free-text word of the query, for spelling suggestions.
struct QueryWord {
  std::string surface;       // lower case, as analysed
  std::string main_term;     // its first term
  std::size_t begin = 0;     // byte offsets in the query text
  std::size_t end = 0;
};

struct BuiltQuery {
  Xapian::Query match;  // decides what matches; empty Query when nothing was asked
  // Extra weight for matches, each applied on its own: match AND_MAYBE b1
  // AND_MAYBE b2 ... Never one OR of them: Xapian 1.4.22 adds a phrase's
  // weight to documents that do not hold the phrase when the phrase sits in
  // an OR on the right of AND_MAYBE, and only where the phrase's terms exist
  // (so one database and its shards scored the same document differently).
  std::vector<Xapian::Query> bonuses;
  // Proximity bonuses read positions, the dearest data: the searcher may
  // weigh them on the best candidates only (docs/search.md, "Proximity on
  // the best candidates"). `positional` holds every one of them as weighed;
  // bonuses[positional_begin, positional_end) are those among `bonuses`,
  // and `match_without_proximity` is `match` without those placed next to
  // their words (empty when there are none).
  std::vector<Xapian::Query> positional;
  std::size_t positional_begin = 0;
  std::size_t positional_end = 0;
  Xapian::Query match_without_proximity;
  // The articles that match the query well enough to be listed by date or
  // counted in facets (docs/search.md, "Minimum match"): with OR, all of the
  // informative words, or all but one past three. Empty when the match
  // itself is the rule (AND, one informative word). Weightless.
  Xapian::Query well_matched;
  // True when every article of `well_matched` matches the query (no required
  // word, field filter or exclusion narrows it): the facet pass then runs
  // `well_matched` alone instead of intersecting it with the whole OR.
  bool well_matched_within = false;
  bool weighted = false;        // false: only filters or exclusions, nothing to rank by
  // Words were typed, and all of them are stopwords. `match` is then empty
  // unless some of them exist as acronyms (`AI`); Searcher refuses such a
  // query (UsageError) when no filter narrows it.
  bool stopwords_only = false;
  std::vector<std::string> highlight_terms;  // unprefixed terms, for snippets
  std::vector<QueryWord> words;              // free-text words, for spelling
  // Words no article holds, searched as their spelling correction
  // (RankingOptions::correct_typos): the correction and the typed word's
  // byte offsets in the query text.
  struct Correction {
    std::string word;
    std::size_t begin = 0, end = 0;
  };
  std::vector<Correction> corrections;
  std::vector<std::string> notices;          // for people: caps that bit, words ignored

  // match AND_MAYBE each bonus (or match alone).
  Xapian::Query combined() const;
};

// ((match AND_MAYBE b1) AND_MAYBE b2) ...
Xapian::Query with_bonuses(Xapian::Query match, const std::vector<Xapian::Query>& bonuses);

class QueryBuilder {
 public:
  // All references must outlive the builder. `db` is used for prefix
  // expansion and for the topics and values a filter may name.
  QueryBuilder(const Xapian::Database& db, analysis::Analyzer& analyzer,
               const SynonymTable& synonyms, const facets::CompanyGazetteer& companies,
               const facets::TopicTaxonomy& topics, const RankingOptions& ranking, Date today,
               unsigned max_expansions = 200);

  // Builds the query. Throws QuerySyntaxError for a bad date, an unknown
  // topic, or a field that cannot take a prefix; a company no one knows is
  // searched as words, with a notice.
  BuiltQuery build(const QueryNode& root);

  // The boolean filter for one value of one field (`company`, "Big G"). Same
  // errors as build().
  Xapian::Query filter(Field field, std::string_view value, bool prefix = false);

  // The filters of `filters`, ORed within a facet and ANDed across; an empty
  // Query when there are none.
  Xapian::Query filters(const SearchFilters& filters);

  // Notices of filters() since the last call (build() returns its own).
  std::vector<std::string> take_notices() { return std::exchange(notices_, {}); }

 private:
  struct Impl;
  // One build; `with_proximity` false leaves the proximity bonuses out.
  // `proximity_inside` is set when some were placed next to a word.
  BuiltQuery build(const QueryNode& root, bool with_proximity, bool& proximity_inside);

  const Xapian::Database& db_;
  analysis::Analyzer& analyzer_;
  const SynonymTable& synonyms_;
  const facets::CompanyGazetteer& companies_;
  const facets::TopicTaxonomy& topics_;
  RankingOptions ranking_;
  Date today_;
  unsigned max_expansions_;
  CompanyFilterOptions company_options_;
  std::vector<std::string> notices_;
};

// The folded form in which facet values are kept in boolean terms, as the
// indexer folds them (index::add_filter_terms): `Mario Rossì` -> `mario rossi`
// (text::fold: lower case, no accents).
std::string fold_facet_value(std::string_view value);

}  // namespace segugio::search
