// Measures against values computed by hand (the arithmetic is in each comment).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "segugio/eval/measures.h"

using namespace segugio::eval;

namespace {

// Three relevant documents (d1 and d5 grade 1, d3 grade 2), d9 judged not
// relevant; the system returns d2 d1 d9 d3 d4.
const Judgements kJudged = {{"d1", 1}, {"d3", 2}, {"d5", 1}, {"d9", 0}};
const std::vector<std::string> kRanking = {"d2", "d1", "d9", "d3", "d4"};

}  // namespace

TEST_CASE("recall@k counts the relevant documents found in the top k") {
  struct Case {
    std::size_t k;
    double expected;
  };
  for (const Case c :
       {Case{1, 0.0}, Case{2, 1.0 / 3}, Case{4, 2.0 / 3}, Case{5, 2.0 / 3}, Case{100, 2.0 / 3}}) {
    CAPTURE(c.k);
    CHECK(recall_at(kRanking, kJudged, c.k) == doctest::Approx(c.expected));
  }
}

TEST_CASE("precision@k divides by k even when fewer documents were retrieved") {
  CHECK(precision_at(kRanking, kJudged, 1) == 0.0);
  CHECK(precision_at(kRanking, kJudged, 2) == doctest::Approx(0.5));
  CHECK(precision_at(kRanking, kJudged, 5) == doctest::Approx(0.4));   // 2/5
  CHECK(precision_at(kRanking, kJudged, 10) == doctest::Approx(0.2));  // 2/10, not 2/5
}

TEST_CASE("mrr@10 is 1/rank of the first relevant hit and 0 past rank 10") {
  CHECK(reciprocal_rank_at(kRanking, kJudged) == doctest::Approx(0.5));
  std::vector<std::string> late(10, "x");
  late.push_back("d1");  // rank 11: trec_eval's recip_rank would say 1/11
  CHECK(reciprocal_rank_at(late, kJudged) == 0.0);
  CHECK(reciprocal_rank_at(late, kJudged, 11) == doctest::Approx(1.0 / 11));
  CHECK(reciprocal_rank_at({}, kJudged) == 0.0);
}

TEST_CASE("ndcg@10 uses the grade as gain and the ideal ranking of the qrels") {
  // DCG = 1/log2(3) + 2/log2(5) = 1.4922829; ideal (2, 1, 1) = 2 + 1/log2(3) + 1/2 = 3.1309298.
  CHECK(ndcg_at(kRanking, kJudged) == doctest::Approx(0.4766261));
  // The ideal ranking scores 1.
  CHECK(ndcg_at(std::vector<std::string>{"d3", "d1", "d5"}, kJudged) == doctest::Approx(1.0));
  // Relevant documents past the cut-off gain nothing: ideal@1 = 2, DCG@1 = 1.
  CHECK(ndcg_at(std::vector<std::string>{"d1", "d3"}, kJudged, 1) == doctest::Approx(0.5));
}

TEST_CASE("average precision averages the precision at each relevant hit over all relevant") {
  // d1 at rank 2 (1/2), d3 at rank 4 (2/4), d5 never: (0.5 + 0.5) / 3.
  CHECK(average_precision(kRanking, kJudged) == doctest::Approx(1.0 / 3));
  CHECK(average_precision(std::vector<std::string>{"d3", "d1", "d5"}, kJudged) ==
        doctest::Approx(1.0));
}

TEST_CASE("a query without relevant documents scores zero everywhere") {
  const Judgements none = {{"d1", 0}, {"d2", -1}};
  const std::vector<std::string> ranking = {"d1", "d2"};
  CHECK(relevant_count(none) == 0);
  CHECK(recall_at(ranking, none, 10) == 0.0);
  CHECK(precision_at(ranking, none, 10) == 0.0);
  CHECK(reciprocal_rank_at(ranking, none) == 0.0);
  CHECK(ndcg_at(ranking, none) == 0.0);
  CHECK(average_precision(ranking, none) == 0.0);
}

TEST_CASE("evaluate averages over the queries of the qrels with missing queries counting zero") {
  const Qrels qrels = {{"q1", kJudged}, {"q2", {{"x", 1}}}};
  Run run;
  for (const std::string& id : kRanking) run["q1"].push_back({id, 1.0});
  run["q3"].push_back({"x", 1.0});  // not in the qrels: ignored
  const Evaluation e = evaluate(run, qrels, {1, 5});
  REQUIRE(e.per_query.size() == 2);
  CHECK(e.per_query[0].qid == "q1");
  CHECK(e.per_query[0].first_relevant == 2);
  CHECK(e.per_query[0].retrieved == 5);
  CHECK(e.per_query[1].qid == "q2");
  CHECK(e.per_query[1].retrieved == 0);
  CHECK(e.mean.queries == 2);
  CHECK(e.mean.queries_answered == 1);
  CHECK(e.mean.recall.at(5) == doctest::Approx((2.0 / 3) / 2));
  CHECK(e.mean.precision.at(5) == doctest::Approx(0.4 / 2));
  CHECK(e.mean.mrr10 == doctest::Approx(0.25));
  CHECK(e.mean.ndcg10 == doctest::Approx(0.4766261 / 2));
  CHECK(e.mean.map == doctest::Approx(1.0 / 6));
}

TEST_CASE("the recall curve matches recall@k at every k") {
  const Qrels qrels = {{"q1", kJudged}, {"q2", {{"x", 1}}}};
  Run run;
  for (const std::string& id : kRanking) run["q1"].push_back({id, 1.0});
  run["q2"] = {{"y", 2.0}, {"x", 1.0}};
  const std::vector<double> curve = recall_curve(run, qrels, 6);
  REQUIRE(curve.size() == 6);
  const double expected[] = {0,
                             (1.0 / 3 + 1) / 2,
                             (1.0 / 3 + 1) / 2,
                             (2.0 / 3 + 1) / 2,
                             (2.0 / 3 + 1) / 2,
                             (2.0 / 3 + 1) / 2};
  for (std::size_t k = 1; k <= 6; ++k) {
    CAPTURE(k);
    CHECK(curve[k - 1] == doctest::Approx(expected[k - 1]));
    CHECK(curve[k - 1] == doctest::Approx(evaluate(run, qrels, {k}).mean.recall.at(k)));
  }
}
