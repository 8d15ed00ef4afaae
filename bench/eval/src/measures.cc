#include "segugio/eval/measures.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace segugio::eval {

namespace {

int grade_of(const Judgements& judged, const std::string& id) {
  const auto it = judged.find(id);
  return it == judged.end() ? 0 : it->second;
}

bool relevant(const Judgements& judged, const std::string& id) {
  return grade_of(judged, id) >= 1;
}

std::size_t relevant_in_top(std::span<const std::string> ranking, const Judgements& judged,
                            std::size_t k) {
  const std::size_t n = std::min(k, ranking.size());
  std::size_t found = 0;
  for (std::size_t i = 0; i < n; ++i) found += relevant(judged, ranking[i]) ? 1 : 0;
  return found;
}

// log2(rank + 1) for a 1-based rank.
double discount(std::size_t rank) {
  return std::log2(static_cast<double>(rank) + 1.0);
}

std::vector<std::string> ranking_of(const std::vector<RankedDoc>& docs) {
  std::vector<std::string> ids;
  ids.reserve(docs.size());
  for (const RankedDoc& d : docs) ids.push_back(d.id);
  return ids;
}

}  // namespace

std::size_t relevant_count(const Judgements& judged) {
  return static_cast<std::size_t>(
      std::count_if(judged.begin(), judged.end(), [](const auto& j) { return j.second >= 1; }));
}

double recall_at(std::span<const std::string> ranking, const Judgements& judged, std::size_t k) {
  const std::size_t total = relevant_count(judged);
  if (total == 0) return 0;
  return static_cast<double>(relevant_in_top(ranking, judged, k)) / static_cast<double>(total);
}

double precision_at(std::span<const std::string> ranking, const Judgements& judged, std::size_t k) {
  if (k == 0 || relevant_count(judged) == 0) return 0;
  return static_cast<double>(relevant_in_top(ranking, judged, k)) / static_cast<double>(k);
}

double reciprocal_rank_at(std::span<const std::string> ranking, const Judgements& judged,
                          std::size_t k) {
  const std::size_t n = std::min(k, ranking.size());
  for (std::size_t i = 0; i < n; ++i)
    if (relevant(judged, ranking[i])) return 1.0 / static_cast<double>(i + 1);
  return 0;
}

double ndcg_at(std::span<const std::string> ranking, const Judgements& judged, std::size_t k) {
  std::vector<int> gains;
  for (const auto& [id, grade] : judged)
    if (grade > 0) gains.push_back(grade);
  std::sort(gains.begin(), gains.end(), std::greater<>());
  double ideal = 0;
  for (std::size_t i = 0; i < std::min(k, gains.size()); ++i)
    ideal += static_cast<double>(gains[i]) / discount(i + 1);
  if (ideal <= 0) return 0;
  double dcg = 0;
  for (std::size_t i = 0; i < std::min(k, ranking.size()); ++i) {
    const int grade = grade_of(judged, ranking[i]);
    if (grade > 0) dcg += static_cast<double>(grade) / discount(i + 1);
  }
  return dcg / ideal;
}

double average_precision(std::span<const std::string> ranking, const Judgements& judged) {
  const std::size_t total = relevant_count(judged);
  if (total == 0) return 0;
  double sum = 0;
  std::size_t found = 0;
  for (std::size_t i = 0; i < ranking.size(); ++i) {
    if (!relevant(judged, ranking[i])) continue;
    ++found;
    sum += static_cast<double>(found) / static_cast<double>(i + 1);
  }
  return sum / static_cast<double>(total);
}

QueryScores score_query(const std::string& qid, std::span<const std::string> ranking,
                        const Judgements& judged, const std::vector<std::size_t>& cutoffs) {
  QueryScores s;
  s.qid = qid;
  s.relevant = relevant_count(judged);
  s.retrieved = ranking.size();
  for (std::size_t i = 0; i < ranking.size(); ++i) {
    if (relevant(judged, ranking[i])) {
      s.first_relevant = i + 1;
      break;
    }
  }
  for (const std::size_t k : cutoffs) {
    s.recall[k] = recall_at(ranking, judged, k);
    s.precision[k] = precision_at(ranking, judged, k);
  }
  s.mrr10 = reciprocal_rank_at(ranking, judged, 10);
  s.ndcg10 = ndcg_at(ranking, judged, 10);
  s.ap = average_precision(ranking, judged);
  return s;
}

Evaluation evaluate(const Run& run, const Qrels& qrels, const std::vector<std::size_t>& cutoffs) {
  Evaluation e;
  const std::vector<std::string> none;
  for (const auto& [qid, judged] : qrels) {
    const auto it = run.find(qid);
    const std::vector<std::string> ranking = it == run.end() ? none : ranking_of(it->second);
    e.per_query.push_back(score_query(qid, ranking, judged, cutoffs));
    if (!ranking.empty()) ++e.mean.queries_answered;
  }
  MeanScores& m = e.mean;
  m.queries = e.per_query.size();
  for (const std::size_t k : cutoffs) {
    m.recall[k] = 0;
    m.precision[k] = 0;
  }
  for (const QueryScores& s : e.per_query) {
    for (const std::size_t k : cutoffs) {
      m.recall[k] += s.recall.at(k);
      m.precision[k] += s.precision.at(k);
    }
    m.mrr10 += s.mrr10;
    m.ndcg10 += s.ndcg10;
    m.map += s.ap;
  }
  if (m.queries > 0) {
    const double n = static_cast<double>(m.queries);
    for (auto& [k, v] : m.recall) v /= n;
    for (auto& [k, v] : m.precision) v /= n;
    m.mrr10 /= n;
    m.ndcg10 /= n;
    m.map /= n;
  }
  return e;
}

std::vector<double> recall_curve(const Run& run, const Qrels& qrels, std::size_t max_k) {
  std::vector<double> curve(max_k, 0.0);
  if (qrels.empty()) return curve;
  for (const auto& [qid, judged] : qrels) {
    const std::size_t total = relevant_count(judged);
    const auto it = run.find(qid);
    if (total == 0 || it == run.end()) continue;
    std::size_t found = 0;
    for (std::size_t k = 1; k <= max_k; ++k) {
      if (k <= it->second.size() && relevant(judged, it->second[k - 1].id)) ++found;
      curve[k - 1] += static_cast<double>(found) / static_cast<double>(total);
    }
  }
  for (double& v : curve) v /= static_cast<double>(qrels.size());
  return curve;
}

}  // namespace segugio::eval
