#include "more_like_this.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>
#include <vector>

#include "segugio/core/error.h"
#include "segugio/index/document_builder.h"
#include "segugio/index/id_lookup.h"
#include "segugio/index/schema.h"

namespace segugio::search {

namespace {

using Q = Xapian::Query;

// Terms of the article that --like searches for.
constexpr Xapian::termcount kLikeTerms = 40;

// Text terms only: index terms start with a lower-case letter or a digit;
// prefixed ones (S, XCO, Q...) with a capital.
bool text_term(const std::string& term) {
  return term.size() > 1 && !(term[0] >= 'A' && term[0] <= 'Z');
}

}  // namespace

Q like_query(const Xapian::Database& db, index::DocReader& reader,
             analysis::Analyzer& analyzer, const std::string& id, const std::string& db_name) {
  // As written, else in any case (the first of the ids that differ only so).
  const std::vector<std::string> found = index::id_terms(db, id);
  const std::string id_term = found.empty() ? schema::boolean_term(schema::kId, id) : found[0];
  Xapian::PostingIterator it = db.postlist_begin(id_term);
  if (it == db.postlist_end(id_term))
    throw UsageError("--like: no article with id \"" + id + "\" in " + db_name);
  const index::StoredArticle a = reader.decode(*it, db.get_document(*it).get_data());
  const index::TextWeights field_weights;
  std::map<std::string, double> frequency;
  double length = 0;
  auto count = [&](const std::string& text, double weight) {
    for (const analysis::Word& w : analyzer.analyze(text).words) {
      if (w.stopword) continue;
      for (const std::string& t : w.terms) frequency[t] += weight;
      length += weight;
    }
  };
  count(a.title, field_weights.title);
  count(a.lead, field_weights.lead);
  count(a.text, field_weights.body);
  const double documents = db.get_doccount();
  const double relative_length = length / std::max(1.0, db.get_avlength());
  constexpr double k = 1.0;
  std::vector<std::pair<double, std::string>> scored;
  for (const auto& [term, f] : frequency) {
    if (!text_term(term)) continue;
    const double n = db.get_termfreq(term);
    if (n == 0) continue;
    const double idf = std::log(1.0 + (documents - n + 0.5) / (n + 0.5));
    scored.emplace_back((k + 1) * f / (k * relative_length + f) * idf, term);
  }
  const std::size_t keep = std::min<std::size_t>(kLikeTerms, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + keep, scored.end(),
                    [](const auto& x, const auto& y) {
                      return x.first != y.first ? x.first > y.first : x.second < y.second;
                    });
  scored.resize(keep);
  if (scored.empty()) throw UsageError("--like: article \"" + id + "\" has no text to compare");
  std::vector<Q> terms;
  for (const auto& [weight, term] : scored)
    terms.emplace_back(Q::OP_SCALE_WEIGHT, Q(term), weight / scored.front().first);
  return Q(Q::OP_AND_NOT, Q(Q::OP_OR, terms.begin(), terms.end()), Q(id_term));
}

}  // namespace segugio::search
