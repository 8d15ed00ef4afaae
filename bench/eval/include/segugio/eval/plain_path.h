// The plain path: a bag-of-words index and query path for the benchmark
// configurations the searcher cannot run, because they change the analysis on
// both sides (stemming off, elisions kept whole).
//
// Index: every article the corpus readers find, its positional text terms
// built exactly as the indexer builds them (index::add_text_terms, with the
// given AnalyzerOptions), plus its `Q` id term; the document data is the id.
// No facets, dates or stored text. Query: the query's non-stopword words, each
// an OP_SYNONYM of its terms, joined by OR and ranked by BM25 (k1, b). This is
// the searcher without its bonuses, so compare a variant with the plain path
// on the default analysis, not with the searcher.
//
// Two experiments the searcher does not (yet) have can be switched on:
//   prefixes        each non-stopword word is also indexed as `XT` + its first
//                   `prefix_bytes` bytes, folded (`produzione`, `produttori`
//                   -> `XTprodu`), and each query word adds that term with
//                   `prefix_weight`: a coarse stem that meets the derivations
//                   the Snowball stemmer keeps apart.
//   question words  the interrogatives that the stopword list keeps because
//                   they carry meaning in prose (kQuestionWords) are dropped
//                   from queries.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "segugio/analysis/analyzer.h"
#include "segugio/eval/queries.h"
#include "segugio/eval/trec.h"

namespace segugio::eval {

struct PlainIndexReport {
  std::size_t articles = 0;
  std::size_t problems = 0;  // files or lines the readers skipped
  double seconds = 0;
};

// Builds (overwrites) the database at `db` from `inputs` (files or folders, as
// segugio-index takes them). Throws DataError when no input exists,
// DatabaseError when the database cannot be written.
// `prefix_bytes` 0: no prefix terms.
PlainIndexReport build_plain_index(const std::vector<std::filesystem::path>& inputs,
                                   const std::filesystem::path& db,
                                   const analysis::AnalyzerOptions& analysis,
                                   std::size_t prefix_bytes = 0);

// Interrogatives that open questions and are not in the stopword list.
inline const std::vector<std::string> kQuestionWords = {"quale",  "qual",   "quali", "quanti",
                                                        "quante", "quanto", "cosa",  "cos"};

// The first `bytes` bytes of the folded word, never cutting a character.
std::string word_prefix(std::string_view word, std::size_t bytes);

struct PlainQueryOptions {
  analysis::AnalyzerOptions analysis;  // must be those the index was built with
  double k1 = 1.2;
  double b = 0.75;
  unsigned depth = 100;
  std::size_t prefix_bytes = 0;  // as the index was built with; 0: none
  double prefix_weight = 1.0;
  bool drop_question_words = false;
};

// Runs the queries (filters are ignored: the plain index has none).
Run run_plain_queries(const std::filesystem::path& db, const std::vector<BenchQuery>& queries,
                      const PlainQueryOptions& options);

}  // namespace segugio::eval
