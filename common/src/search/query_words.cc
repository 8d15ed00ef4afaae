// QueryBuilder: single words, phrases and prefixes, with their coarse and exact forms.
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "query_builder_impl.h"
#include "segugio/core/error.h"
#include "segugio/facets/company_gazetteer.h"
#include "segugio/facets/topic_taxonomy.h"
#include "segugio/index/schema.h"
#include "segugio/search/date_filter.h"
#include "segugio/text/normalize.h"

namespace segugio::search {

using namespace building;

void QueryBuilder::Impl::add_highlight(const std::vector<std::string>& terms) {
  if (negation_depth > 0) return;
  for (const std::string& t : terms)
    if (highlight.insert(t).second) out.highlight_terms.push_back(t);
}

Q QueryBuilder::Impl::word_query(const analysis::Word& w, std::string_view prefix) {
  std::vector<Q> alternatives;
  for (const std::string& t : w.terms) alternatives.emplace_back(std::string(prefix) + t);
  // A compound's parts were indexed at one position; the same words written
  // apart (`wi fi`) are a phrase.
  if (prefix.empty() && w.parts.size() > 1)
    alternatives.push_back(term_set_phrase(w.parts, 2));
  // Its joined form with the next or previous query word (`wi fi`: `wifi`).
  if (prefix.empty())
    for (const JoinedForm& j : joined_forms)
      if (j.first == &w || j.last == &w) alternatives.push_back(j.query);
  add_highlight(w.terms);
  add_highlight(w.parts);
  return combine(Q::OP_SYNONYM, std::move(alternatives));
}

Q QueryBuilder::Impl::joined_form(const analysis::Word& first, const analysis::Word& last) const {
  for (const JoinedForm& j : joined_forms)
    if (j.first == &first && j.last == &last) return j.query;
  return Q();
}

Q QueryBuilder::Impl::term_set_phrase(const std::vector<std::string>& terms, Xapian::termcount window) {
  std::vector<Q> qs;
  for (const std::string& t : terms) qs.emplace_back(t);
  return Q(Q::OP_PHRASE, qs.begin(), qs.end(), window);
}

// OP_PHRASE over words (stopwords keep their positions), each word the OR of
// its terms: OP_PHRASE takes only terms or ORs of terms as subqueries.
Q QueryBuilder::Impl::phrase_query(const std::vector<const analysis::Word*>& words,
               const std::vector<unsigned>& positions, std::string_view prefix) {
  std::vector<Q> subs;
  for (const analysis::Word* w : words) {
    subs.push_back(term_set(with_prefix(w->terms, prefix), Q::OP_OR));
    add_highlight(w->terms);
  }
  if (subs.size() == 1) return word_query(*words.front(), prefix);
  const Xapian::termcount window = positions.back() - positions.front() + 1;
  return Q(Q::OP_PHRASE, subs.begin(), subs.end(), window);
}

// The non-stopword words of `text` as a phrase (or one word).
Q QueryBuilder::Impl::text_phrase(std::string_view text, std::size_t text_offset, std::string_view prefix,
              bool for_spelling) {
  const analysis::Analysis a = b.analyzer_.analyze(text);
  std::vector<const analysis::Word*> words;
  std::vector<unsigned> positions;
  for (std::size_t i = 0; i < a.words.size(); ++i) {
    const analysis::Word& w = a.words[i];
    if (w.stopword) {
      stopwords_seen.push_back(w.surface);
      continue;
    }
    words.push_back(&w);
    positions.push_back(static_cast<unsigned>(i));
    if (for_spelling) note_word(w, text_offset);
  }
  // `xxxx…` (300 letters): the analyser drops words over max_word_bytes on
  // both sides, so such a token alone must find nothing, not everything.
  if (a.words.empty() && text.size() > b.analyzer_.options().max_word_bytes)
    too_long_seen = true;
  if (words.empty()) return Q();
  content_seen = true;
  Q q = phrase_query(words, positions, prefix);
  if (prefix.empty() && negation_depth == 0 && b.ranking_.title_weight > 0)
    title_bonus.push_back(phrase_query(words, positions, schema::kTitle));
  return q;
}

void QueryBuilder::Impl::note_run_word(const RunWord& r) {
  if (negation_depth > 0 || r.word.terms.empty()) return;
  out.words.push_back(QueryWord{r.word.surface, r.word.terms.front(), r.begin, r.end});
}

void QueryBuilder::Impl::note_word(const analysis::Word& w, std::size_t text_offset) {
  if (negation_depth > 0 || w.terms.empty()) return;
  out.words.push_back(QueryWord{w.surface, w.terms.front(), text_offset + w.begin,
                                text_offset + w.end});
}

Q QueryBuilder::Impl::word_query_plain(const analysis::Word& w, std::string_view prefix) {
  return term_set(with_prefix(w.terms, prefix), Q::OP_SYNONYM);
}

Q QueryBuilder::Impl::expression_query(const std::vector<std::vector<std::string>>& terms,
                   const std::vector<unsigned>& positions) {
  for (const auto& t : terms) add_highlight(t);
  if (terms.size() == 1) return term_set(terms.front(), Q::OP_SYNONYM);
  std::vector<Q> subs;
  for (const auto& t : terms) subs.push_back(term_set(t, Q::OP_OR));
  return Q(Q::OP_PHRASE, subs.begin(), subs.end(),
           positions.back() - positions.front() + 1);
}

// The word's coarse stem (`XTtelefo`), weighted coarse_weight, unless it
// collides: held by over coarse_max_ratio times the articles holding the
// word's own stem (`questionario` -> `questi…`, `accessibilità` ->
// `access…`: the prefix is mostly other words).
Q QueryBuilder::Impl::coarse_query(const analysis::Word& w) const {
  if (b.ranking_.coarse_weight <= 0) return Q();
  const std::string coarse = analysis::coarse_stem(w.surface);
  if (coarse.empty()) return Q();
  const std::string term = std::string(schema::kCoarseStem) + coarse;
  const double own = std::max<double>(1.0, b.db_.get_termfreq(w.terms.front()));
  const auto df = static_cast<double>(b.db_.get_termfreq(term));
  const double frequent =
      b.ranking_.coarse_max_doc_fraction * static_cast<double>(b.db_.get_doccount());
  if (df > frequent && df > b.ranking_.coarse_max_ratio * own) return Q();
  return scaled(Q(term), b.ranking_.coarse_weight);
}

// The word as typed (`XEfunzioni`), weighted exact_weight, where stemming
// changed it: above the articles that hold only its stem (`funzionamento`).
Q QueryBuilder::Impl::exact_query(const analysis::Word& w) const {
  if (b.ranking_.exact_weight <= 0) return Q();
  const std::string term = exact_term(w);
  if (term.empty()) return Q();
  return scaled(Q(term), b.ranking_.exact_weight);
}

std::string QueryBuilder::Impl::exact_term(const analysis::Word& w) {
  if (w.terms.empty() || !w.parts.empty()) return {};
  const std::string folded = text::fold(w.surface);
  if (folded == w.terms.front()) return {};
  return std::string(schema::kExactForm) + folded;
}

std::string QueryBuilder::Impl::typed_term(const analysis::Word& w) {
  std::string term = exact_term(w);
  return term.empty() ? w.terms.front() : term;
}

bool QueryBuilder::Impl::typed_as_stem(const analysis::Word& w) const {
  return b.ranking_.exact_weight > 0 && !w.terms.empty() && w.parts.empty() &&
         exact_term(w).empty();
}

bool QueryBuilder::Impl::too_common_for_bonuses(Xapian::doccount word_df) const {
  const double limit = b.ranking_.bonus_max_doc_fraction * static_cast<double>(b.db_.get_doccount());
  return static_cast<double>(word_df) > limit;
}

Q QueryBuilder::Impl::prefix_query(std::string_view text, std::string_view term_prefix) {
  const analysis::Analysis a = b.analyzer_.analyze(text);
  std::string stem;
  for (const analysis::Word& w : a.words) stem = text::fold(w.surface);
  if (stem.empty()) return Q();
  if (++prefixes_seen > kMaxPrefixes)
    throw QuerySyntaxError("more than " + std::to_string(kMaxPrefixes) +
                           " words ending in \"*\" in one query (use fewer)");
  content_seen = true;
  const std::string display(text);
  std::vector<std::string> terms = expand(std::string(term_prefix) + stem, term_prefix, stem,
                                          display);
  if (terms.empty()) return nothing();
  if (term_prefix.empty()) add_highlight(terms);
  return term_set(terms, Q::OP_SYNONYM);
}

// Terms starting with `full_prefix` (index terms), plus for text the terms
// of spelling-table words starting with `word_prefix`: the most frequent
// max_expansions of them.
std::vector<std::string> QueryBuilder::Impl::expand(const std::string& full_prefix, std::string_view term_prefix,
                                const std::string& word_prefix, const std::string& display) {
  std::map<std::string, Xapian::doccount> found;
  const Xapian::Database& db = b.db_;
  std::size_t scanned = 0;
  for (auto it = db.allterms_begin(full_prefix); it != db.allterms_end(full_prefix); ++it) {
    if (++scanned > kMaxScannedTerms) {
      if (negation_depth == 0)
        out.notices.push_back("\u00ab" + display + "*\u00bb corrisponde a oltre " +
                              std::to_string(kMaxScannedTerms) +
                              " termini: scelgo tra i primi in ordine alfabetico");
      break;
    }
    found.emplace(*it, it.get_termfreq());
  }
  // Stems are shorter than words (`aziende` -> `azi`): the spelling table
  // holds the words themselves, when the indexer kept one.
  if (word_prefix.size() >= 3 && (term_prefix.empty() || term_prefix == schema::kTitle)) {
    try {
      add_spelling_words(found, term_prefix, word_prefix);
    } catch (const Xapian::UnimplementedError&) {
      // A remote first shard: no spelling table.
    }
  }
  return pick(found, display);
}

// The terms of the spelling table's words that start with `word_prefix`
// (the table is sorted: skip to the prefix, stop past it).
void QueryBuilder::Impl::add_spelling_words(std::map<std::string, Xapian::doccount>& found,
                        std::string_view term_prefix, const std::string& word_prefix) {
  const Xapian::Database& db = b.db_;
  Xapian::TermIterator it = db.spellings_begin();
  it.skip_to(word_prefix);
  for (std::size_t seen = 0; it != db.spellings_end(); ++it) {
    const std::string word = *it;
    if (word.compare(0, word_prefix.size(), word_prefix) != 0) break;
    if (++seen > 20 * b.max_expansions_) break;
    for (const std::string& t : b.analyzer_.terms_of(word)) {
      const std::string term = std::string(term_prefix) + t;
      if (found.count(term)) continue;
      const Xapian::doccount tf = db.get_termfreq(term);
      if (tf > 0) found.emplace(term, tf);
    }
  }
}

// The most frequent max_expansions of the terms found, with a notice when
// there were more, or none at all.
std::vector<std::string> QueryBuilder::Impl::pick(const std::map<std::string, Xapian::doccount>& found,
                              const std::string& display) {
  std::vector<std::pair<std::string, Xapian::doccount>> list(found.begin(), found.end());
  if (list.empty()) {
    if (negation_depth == 0)
      out.notices.push_back("nessuna parola dell'indice comincia con \u00ab" + display + "\u00bb");
    return {};
  }
  if (list.size() > b.max_expansions_) {
    std::stable_sort(list.begin(), list.end(),
                     [](const auto& x, const auto& y) { return x.second > y.second; });
    out.notices.push_back("\u00ab" + display + "*\u00bb corrisponde a " +
                          std::to_string(list.size()) + " termini: uso i " +
                          std::to_string(b.max_expansions_) + " pi\u00f9 frequenti");
    list.resize(b.max_expansions_);
  }
  std::vector<std::string> terms;
  terms.reserve(list.size());
  for (auto& [t, f] : list) terms.push_back(std::move(t));
  return terms;
}

}  // namespace segugio::search
