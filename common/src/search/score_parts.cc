#include "score_parts.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <utility>

#include "segugio/index/schema.h"

namespace segugio::search {

namespace {

using Q = Xapian::Query;

struct Part {
  Q query;
  bool bonus = false;
};

// The parts whose weights add up to `q`'s.
void split(const Q& q, bool bonus, std::vector<Part>& parts) {
  switch (q.get_type()) {
    case Q::OP_OR:
    case Q::OP_AND:
      for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
        split(q.get_subquery(i), bonus, parts);
      return;
    case Q::OP_AND_MAYBE:
      split(q.get_subquery(0), bonus, parts);
      for (std::size_t i = 1; i < q.get_num_subqueries(); ++i)
        split(q.get_subquery(i), true, parts);
      return;
    case Q::OP_FILTER:
    case Q::OP_AND_NOT: {
      // The weight is the left side's; a part keeps its filter in its label
      // (a company bonus: `PostingSource(...) FILTER XCOcanonical`).
      const Q::op left = q.get_subquery(0).get_type();
      if (left == Q::OP_OR || left == Q::OP_AND || left == Q::OP_AND_MAYBE ||
          left == Q::OP_FILTER || left == Q::OP_AND_NOT)
        split(q.get_subquery(0), bonus, parts);
      else
        parts.push_back({q, bonus});
      return;
    }
    case Q::LEAF_MATCH_ALL:
    case Q::LEAF_MATCH_NOTHING:
      return;
    default:
      parts.push_back({q, bonus});
  }
}

// "Query(0.5 * XTinstal)" -> "0.5 * XTinstal"; long decimals cut to three
// places ("0.4000000000000000222" -> "0.4").
std::string label_of(const Q& q) {
  std::string d = q.get_description();
  if (d.rfind("Query(", 0) == 0 && d.back() == ')') d = d.substr(6, d.size() - 7);
  for (std::size_t at; (at = d.find("Xapian::")) != std::string::npos;) d.erase(at, 8);
  std::string out;
  for (std::size_t i = 0; i < d.size(); ++i) {
    out += d[i];
    if (d[i] != '.' || i == 0 || !std::isdigit(static_cast<unsigned char>(d[i - 1]))) continue;
    std::size_t end = i + 1;
    while (end < d.size() && std::isdigit(static_cast<unsigned char>(d[end]))) ++end;
    std::string decimals = d.substr(i + 1, std::min<std::size_t>(3, end - i - 1));
    while (!decimals.empty() && decimals.back() == '0') decimals.pop_back();
    if (decimals.empty()) out.pop_back();
    out += decimals;
    i = end - 1;
  }
  return out;
}

}  // namespace

void explain_scores(const Xapian::Database& db, const Xapian::Weight& weight, const Q& query,
                    const std::vector<Xapian::docid>& docids, std::vector<Hit>& hits) {
  if (hits.empty()) return;
  std::vector<Q> ids;
  for (const Hit& h : hits) ids.emplace_back(schema::boolean_term(schema::kId, h.id));
  const Q only_hits(Q::OP_OR, ids.begin(), ids.end());
  std::vector<Part> parts;
  split(query, false, parts);
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(weight);
  for (const Part& part : parts) {
    enquire.set_query(Q(Q::OP_FILTER, part.query, only_hits));
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    std::map<Xapian::docid, double> weights;
    for (auto it = mset.begin(); it != mset.end(); ++it) weights[*it] = it.get_weight();
    const std::string label = label_of(part.query);
    for (std::size_t i = 0; i < hits.size() && i < docids.size(); ++i) {
      const auto found = weights.find(docids[i]);
      if (found == weights.end() || found->second == 0) continue;
      hits[i].score_parts.push_back({label, found->second, part.bonus});
    }
  }
  for (Hit& h : hits) {
    double sum = 0;
    for (const ScorePart& p : h.score_parts) sum += p.weight;
    if (std::abs(h.score - sum) > 1e-6 * std::max(1.0, std::abs(h.score)))
      h.score_parts.push_back({"(resto: termini ripetuti nella query)", h.score - sum, false});
  }
}

}  // namespace segugio::search
