// Retrieval measures, one small function each, defined as trec_eval defines
// them (relevant = grade >= 1), so that a run written by write_run() gives the
// same figures in `trec_eval -c`:
//
//   recall@k     relevant documents in the top k / relevant documents judged
//                (trec_eval `recall_k`)
//   precision@k  relevant documents in the top k / k, even when fewer than k
//                were retrieved (`P_k`)
//   mrr@10       1 / rank of the first relevant document when it is in the top
//                10, else 0. trec_eval's `recip_rank` has no cut-off: it counts
//                a first relevant hit at rank 40 as 1/40 where mrr@10 counts 0.
//   ndcg@10      DCG of the top 10 / DCG of the ideal top 10 built from the
//                qrels, gain = grade (grades <= 0 gain nothing), discount
//                log2(rank + 1) (`ndcg_cut_10`)
//   ap           mean over the judged relevant documents of the precision at
//                the rank where each was retrieved (0 for one not retrieved);
//                its mean is MAP (`map`, over what the run retrieved)
//
// A query with no relevant document scores 0 on every measure, as in
// trec_eval. `ranking` holds document ids, best first, each at most once.
#pragma once

#include <cstddef>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "segugio/eval/trec.h"

namespace segugio::eval {

// Documents judged relevant (grade >= 1).
std::size_t relevant_count(const Judgements& judged);

double recall_at(std::span<const std::string> ranking, const Judgements& judged, std::size_t k);
double precision_at(std::span<const std::string> ranking, const Judgements& judged, std::size_t k);
double reciprocal_rank_at(std::span<const std::string> ranking, const Judgements& judged,
                          std::size_t k = 10);
double ndcg_at(std::span<const std::string> ranking, const Judgements& judged, std::size_t k = 10);
double average_precision(std::span<const std::string> ranking, const Judgements& judged);

// The cut-offs reported by default.
inline const std::vector<std::size_t> kDefaultCutoffs = {1, 5, 10, 100};

// The measures of one query.
struct QueryScores {
  std::string qid;
  std::size_t relevant = 0;                 // judged relevant
  std::size_t retrieved = 0;                // documents in the run for this query
  std::size_t first_relevant = 0;           // rank of the first relevant hit, 0 when none
  std::map<std::size_t, double> recall;     // k -> recall@k
  std::map<std::size_t, double> precision;  // k -> precision@k
  double mrr10 = 0;
  double ndcg10 = 0;
  double ap = 0;
};

// Means over the queries of the qrels.
struct MeanScores {
  std::size_t queries = 0;           // queries in the qrels
  std::size_t queries_answered = 0;  // of which the run has at least one document
  std::map<std::size_t, double> recall;
  std::map<std::size_t, double> precision;
  double mrr10 = 0;
  double ndcg10 = 0;
  double map = 0;
};

struct Evaluation {
  std::vector<QueryScores> per_query;  // in qid order, one per query of the qrels
  MeanScores mean;
};

QueryScores score_query(const std::string& qid, std::span<const std::string> ranking,
                        const Judgements& judged, const std::vector<std::size_t>& cutoffs);

// Scores every query of `qrels` (a query the run lacks scores 0 everywhere, as
// with `trec_eval -c`); queries of the run that the qrels lack are ignored.
Evaluation evaluate(const Run& run, const Qrels& qrels,
                    const std::vector<std::size_t>& cutoffs = kDefaultCutoffs);

// Mean recall@k over the queries of `qrels` for k = 1..max_k (element k-1).
std::vector<double> recall_curve(const Run& run, const Qrels& qrels, std::size_t max_k);

}  // namespace segugio::eval
