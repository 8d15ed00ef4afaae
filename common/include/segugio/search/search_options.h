// What a search is asked to do: plain structs with documented defaults, so the
// command line, the benchmark (--compare varies RankingOptions) and tests all
// fill the same fields.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "segugio/core/date.h"

namespace segugio::search {

// How juxtaposed words combine (`a b`); explicit AND/OR/+/- are unaffected.
enum class DefaultOperator {
  all,        // every word must match (AND)
  any,        // any word may match (OR)
  any_bonus,  // OR, plus a bonus of all_words_weight for an article holding every word
};

// Ranking knobs. The defaults are the starting point the benchmark tunes.
struct RankingOptions {
  double k1 = 0.9;   // BM25 term-frequency saturation (tuned on SQuAD-it, bench/RESULTS.md)
  double b = 0.75;   // BM25 length normalisation
  DefaultOperator default_operator = DefaultOperator::any_bonus;
  double all_words_weight = 0.1;  // any_bonus: scale of the "every word" bonus (tuned on the
                                  // news dev set, SQuAD-it as guard: bench/RESULTS.md 13)
  double informative_max_doc_fraction = 0.1;  // a word in more of the articles is not
                                             // informative: it counts for neither the
                                             // any_bonus bonus nor the minimum match
  double title_weight = 0.5;      // scale of the bonus for query words in the title (0: off)
  bool proximity = true;          // bonus for adjacent query words found near each other
  double proximity_weight = 0.1;  // its scale
  unsigned proximity_slack = 2;   // extra positions allowed between two adjacent query words
  unsigned proximity_max_pairs = 3;  // the rarest pairs only (positions are costly to read);
                                     // a word in over a quarter of the articles makes
                                     // one only beside a word in at most 2% of them
                                     // (and 100)
  unsigned proximity_max_words = 4;  // longer queries (questions) get no proximity bonus
  // Pairs that may read the positions of at least proximity_rescore_min
  // articles are weighed on the best proximity_candidates matches only,
  // with the same page as weighing them on every match (docs/search.md,
  // "Proximity on the best candidates"); 0 candidates: on every match.
  unsigned proximity_candidates = 100;
  unsigned proximity_rescore_min = 5000;
  double coarse_weight = 0.5;      // scale of a word's coarse stem (`telefo`), an alternative
                                  // match for derivations the stemmer keeps apart (0: off)
  double coarse_max_ratio = 2.0;   // a coarse stem in over this fraction of the articles
  double coarse_max_doc_fraction = 0.05;  // and over this many times the articles holding
                                          // the word's stem collides: not used
  double exact_weight = 0.4;       // scale of a word's exact form (`XEfunzioni`), over the
                                  // articles holding only its stem (0: off)
  double bonus_max_doc_fraction = 0.7;  // a word in more of the articles gets no coarse,
                                        // exact-form or title bonus: they would order
                                        // almost every match and cost a long posting
                                        // list each (the slow tail at 100,000 articles)
  double answer_type_weight = 0.7;  // scale of the noun a question opens with (`Che anno`,
                                    // `Quale attore`): it names the kind of answer, not
                                    // the subject, and is not informative (1: off; tuned
                                    // on SQuAD-it dev, bench/RESULTS.md 40)
  bool correct_typos = true;      // a query word no article holds is searched as its spelling
                                  // correction when that is in at least two articles
                                  // (`debain` -> `debian`; off: --no-correct)
  bool join_written_apart = true;  // query words written apart (`wi fi`, `node js`) also
                                   // match their joined form (`wifi`, `nodejs`) where an
                                   // article holds it (bench/RESULTS.md, "Names written
                                   // in several ways")
  bool split_written_whole = true;  // a query word written whole (`opensource`, `itwallet`)
                                    // also matches its two halves written apart where an
                                    // article has them side by side (`open source`)
  double synonym_weight = 0.5;    // scale of an alternative: a synonym, a company's other name
  double company_weight = 2.0;    // fixed bonus for an article tagged with a company a query
                                  // of one or two words names (`Big G` -> tagged Google); 0: off
  double recency_weight = 0;      // bonus for an article of today, halving every
  double recency_half_life_days = 180;  //   half-life (0: off; --recency turns it on)
};

// Recency weight that --recency turns on.
inline constexpr double kDefaultRecencyWeight = 2.0;

enum class SortOrder {
  relevance,  // best first; ties by article id (as one database would order them)
  date,       // newest first, undated last; ties by relevance
  date_asc,   // oldest first, undated last; ties by relevance
};

// Filters given apart from the query text (command-line options, batch
// "filters"). Several values of one facet: any of them (OR); different facets:
// all of them (AND). Values are what a user types: a company alias, a topic
// slug or Italian name, a date expression (date_filter.h).
struct SearchFilters {
  std::vector<std::string> companies;
  std::vector<std::string> topics;
  std::vector<std::string> tags;
  std::vector<std::string> authors;
  std::vector<std::string> sources;
  std::vector<std::string> sections;
  std::string from;  // date expression: articles from the first day it covers
  std::string to;    // date expression: articles up to the last day it covers
  // `companies` also match what they own (companies.tsv `of=`): `--company
  // Microsoft --with-subsidiaries` finds GitHub and LinkedIn articles too.
  bool with_subsidiaries = false;

  bool empty() const {
    return companies.empty() && topics.empty() && tags.empty() && authors.empty() &&
           sources.empty() && sections.empty() && from.empty() && to.empty();
  }
};

// Fields whose values can be counted on demand, besides companies, topics and
// months (which facets always count).
enum class FacetField { author, source, tag, section };

struct SearchOptions {
  std::string query;  // in the query language of query_parser.h; may be empty
  bool plain_text = false;  // read `query` as plain words (parse_plain_text): no syntax,
                            // no syntax errors; for questions fed in bulk
  SearchFilters filters;
  RankingOptions ranking;
  SortOrder sort = SortOrder::relevance;
  unsigned limit = 10;
  unsigned offset = 0;
  bool collapse = false;  // fold near-duplicates into one hit ("+N simili")
  std::string like;       // more like this article id (combined with the query, if any)
  bool facets = true;     // count companies, topics and months over every match
  unsigned facet_top = 10;  // companies and topics kept (months: all)
  std::vector<FacetField> facet_fields;  // also counted, with facets on (field_facets.h):
                                         // the facet_top values of each, exact
  unsigned facet_sample = 100000;  // facets count at least this many matches (0: all); past
                                   // it counts are scaled to the total and flagged inexact
                                   // (about 1.3 us a match: 0.13 s for the default)
  bool parallel_facets = true;  // on a local database, count facets in a second thread,
                                // on a second handle, while the page is weighed; same
                                // answers, lower latency on two cores or more
  bool articles = true;   // decode the stored articles (title, snippet...); off: id and
                          // score only, as a TREC run needs
  bool snippets = true;
  std::size_t snippet_bytes = 220;  // about two lines
  bool spelling = true;   // look for a "Forse cercavi" suggestion
  bool correct = false;   // a query finding fewer than correct_below articles whose
  unsigned correct_below = 3;  // suggestion is confident (spelling.h) is answered by the
                               // suggestion instead, when it finds more (needs spelling;
                               // segugio-search turns it on, --no-correct off)
  bool exact_total = false;  // count every match even without facets
  bool explain = false;      // split each hit's score by term and bonus (Hit::score_parts);
                             // one more query per part of the query
  unsigned max_expansions = 200;  // terms a `prefix*` may expand to (the most frequent)
  std::optional<Date> today;  // for relative dates and recency; unset: the local day
};

}  // namespace segugio::search
