#include "company_filter.h"

#include "segugio/index/schema.h"
#include "segugio/search/query_builder.h"

namespace segugio::search {

namespace {

using Q = Xapian::Query;

Q company_term(const std::string& name) {
  return Q(schema::boolean_term(schema::kCompany, fold_facet_value(name)));
}

// `Acme Robotica` as words: the phrase of its words anywhere in the title or
// the body (the unprefixed positional terms hold both), weightless like any
// filter.
Q as_words(analysis::Analyzer& analyzer, std::string_view value) {
  const analysis::Analysis a = analyzer.analyze(value);
  std::vector<Q> words;
  for (const analysis::Word& w : a.words) {
    if (w.stopword || w.terms.empty()) continue;
    std::vector<Q> forms;
    for (const std::string& t : w.terms) forms.emplace_back(t);
    words.push_back(forms.size() == 1 ? forms.front() : Q(Q::OP_OR, forms.begin(), forms.end()));
  }
  if (words.empty()) return Q::MatchNothing;
  const Q q = words.size() == 1 ? words.front()
                                : Q(Q::OP_PHRASE, words.begin(), words.end(),
                                    static_cast<Xapian::termcount>(words.size()));
  return Q(Q::OP_SCALE_WEIGHT, q, 0.0);
}

}  // namespace

Q company_filter(const Xapian::Database& db, analysis::Analyzer& analyzer,
                 const facets::CompanyGazetteer& companies, std::string_view value,
                 const CompanyFilterOptions& options, std::vector<std::string>& notices) {
  if (std::optional<std::string> canonical = companies.canonical(value)) {
    std::vector<Q> any = {company_term(*canonical)};
    if (options.with_subsidiaries)
      for (const std::string& owned : companies.subsidiaries(*canonical))
        any.push_back(company_term(owned));
    return any.size() == 1 ? any.front() : Q(Q::OP_OR, any.begin(), any.end());
  }
  // A company the index learned from the articles (`la startup Acme`).
  const std::string term = schema::boolean_term(schema::kCompany, fold_facet_value(value));
  if (db.term_exists(term)) return Q(term);
  std::string notice = "azienda \u00ab" + std::string(value) +
                       "\u00bb sconosciuta: la cerco come parole nel titolo e nel testo";
  if (std::optional<std::string> near = companies.closest(value))
    notice += "; forse cercavi \u00ab" + *near + "\u00bb?";
  notices.push_back(std::move(notice));
  return as_words(analyzer, value);
}

}  // namespace segugio::search
