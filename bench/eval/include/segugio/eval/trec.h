// TREC files: relevance judgements (qrels) and runs, as trec_eval reads them.
//
//   qrels:  qid 0 docid grade          one judgement a line
//   run:    qid Q0 docid rank score tag one retrieved document a line
//
// Fields are separated by blanks, so an id holding a space or a percent sign is
// written percent-encoded (`%20`, `%25`) and decoded on reading; nothing else is
// encoded. trec_eval orders a query's documents by decreasing score (ties by
// decreasing docid), not by the rank column: write_run() therefore makes the
// scores strictly decreasing, so every reader sees the ranking we produced.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace segugio::eval {

// The judged documents of one query: docid -> grade. A grade >= 1 is relevant
// (trec_eval's default threshold); 0 and below is judged not relevant.
using Judgements = std::map<std::string, int>;

// qid -> judgements, for every query of a test collection.
using Qrels = std::map<std::string, Judgements>;

struct RankedDoc {
  std::string id;
  double score = 0;
};

// qid -> the documents a system returned, best first.
using Run = std::map<std::string, std::vector<RankedDoc>>;

// `a b%c` -> `a%20b%25c`; every other byte is kept.
std::string encode_trec_id(std::string_view id);
// The inverse; a `%` not followed by `20` or `25` is kept as it is.
std::string decode_trec_id(std::string_view field);

// Reads qrels. `name` (a path) prefixes error messages with the line number.
// Throws DataError for a line without four fields or with a grade that is not
// an integer, and for a document judged twice for one query.
Qrels read_qrels(std::istream& in, const std::string& name);
Qrels read_qrels_file(const std::string& path);

// Reads a run; each query's documents come out ordered as trec_eval orders
// them (decreasing score, ties by decreasing docid). Throws DataError for a
// line without six fields or with a rank or score that is not a number.
Run read_run(std::istream& in, const std::string& name);

// Writes `run` (queries in qid order, documents in the order given) with ranks
// 1, 2, ... and scores rounded to 6 decimals, each lowered where needed to stay
// strictly below the previous one (ties and rounding would otherwise let
// trec_eval reorder them). `tag` must not contain blanks.
void write_run(std::ostream& out, const Run& run, std::string_view tag);

}  // namespace segugio::eval
