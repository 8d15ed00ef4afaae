#include "segugio/search/query_builder.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <queue>
#include <set>
#include <unordered_set>
#include <utility>

#include "segugio/core/error.h"
#include "company_filter.h"
#include "segugio/facets/company_gazetteer.h"
#include "segugio/facets/topic_taxonomy.h"
#include "segugio/index/schema.h"
#include "segugio/search/date_filter.h"

namespace segugio::search {

namespace {

using Q = Xapian::Query;
using Kind = QueryNode::Kind;
using Modifier = QueryNode::Modifier;

// Longest word run looked up as a company alias (`colosso di Mountain View`).
constexpr std::size_t kMaxAliasWords = 6;
// Words in more than this fraction of the articles make no proximity pairs.
constexpr double kProximityMaxDocFraction = 0.25;

Q combine(Q::op op, std::vector<Q> parts, Xapian::termcount window = 0) {
  parts.erase(std::remove_if(parts.begin(), parts.end(), [](const Q& q) { return q.empty(); }),
              parts.end());
  if (parts.empty()) return Q();
  if (parts.size() == 1 && op != Q::OP_PHRASE && op != Q::OP_NEAR) return parts.front();
  return Q(op, parts.begin(), parts.end(), window);
}

Q scaled(const Q& q, double factor) {
  if (q.empty() || factor <= 0) return Q();
  if (factor == 1.0) return q;
  return Q(Q::OP_SCALE_WEIGHT, q, factor);
}

std::vector<std::string> with_prefix(const std::vector<std::string>& terms, std::string_view prefix) {
  std::vector<std::string> out;
  out.reserve(terms.size());
  for (const std::string& t : terms) out.push_back(std::string(prefix) + t);
  return out;
}

Q term_set(const std::vector<std::string>& terms, Q::op op) {
  std::vector<Q> qs;
  qs.reserve(terms.size());
  for (const std::string& t : terms) qs.emplace_back(t);
  return combine(op, std::move(qs));
}

// A query that matches nothing and, unlike Query::MatchNothing, is not empty
// (so that `AND` keeps it): a term no analysis produces (a control character).
Q nothing() { return Q(std::string(1, '\x01')); }

// Hostile queries: each `prefix*` scans the index's terms that start with it,
// so a query may hold only so many, and one scan reads only so many terms
// (`a*` on a large index would otherwise gather millions into memory).
constexpr int kMaxPrefixes = 50;
constexpr std::size_t kMaxScannedTerms = 500000;

// Xapian takes ownership of a released posting source.
Q fixed_weight(double weight) {
  auto* source = new Xapian::FixedWeightPostingSource(weight);
  return Q(source->release());
}

// One analysed word of a query run.
struct RunWord {
  analysis::Word word;
  std::size_t token = 0;     // which whitespace token it came from
  unsigned position = 0;     // within the run, stopwords counted
  std::size_t begin = 0;     // byte offsets in the query text
  std::size_t end = 0;
  bool in_phrase = false;    // its token is a phrase of several words (`TCP/IP`)
};

// What a piece of the query turned into.
struct Part {
  enum class Type { none, weighted, boolean };
  Type type = Type::none;
  Q q;

  static Part weighted(Q q) { return q.empty() ? Part{} : Part{Type::weighted, std::move(q)}; }
  static Part boolean(Q q) { return q.empty() ? Part{} : Part{Type::boolean, std::move(q)}; }
};

}  // namespace

Q BuiltQuery::combined() const {
  if (match.empty() || !weighted) return match;
  return with_bonuses(match, bonuses);
}

Q with_bonuses(Q match, const std::vector<Q>& bonuses) {
  // Nested two at a time: Xapian turns AND_MAYBE(a, b, c) into a AND_MAYBE
  // (b OR c), the very shape to avoid.
  for (const Q& b : bonuses) match = Q(Q::OP_AND_MAYBE, match, b);
  return match;
}

std::string fold_facet_value(std::string_view value) { return analysis::fold(value); }

// The state of one build(): bonuses and terms gathered along the way.
struct QueryBuilder::Impl {
  QueryBuilder& b;
  BuiltQuery& out;
  std::vector<Q> title_bonus;
  struct ProximityPair {
    Q query;
    Xapian::doccount cost;  // the two words' document frequencies together
  };
  std::vector<ProximityPair> proximity_pairs;
  std::vector<Q> all_words_bonus;
  std::unordered_set<std::string> highlight;
  std::vector<std::string> stopwords_seen;
  bool content_seen = false;  // a non-stopword word, phrase, prefix or field
  int negation_depth = 0;     // > 0 inside an exclusion: no bonuses, no highlights
  bool too_long_seen = false;  // a token longer than max_word_bytes (never indexed)
  int prefixes_seen = 0;       // `prefix*` items so far (at most kMaxPrefixes)

  void add_highlight(const std::vector<std::string>& terms) {
    if (negation_depth > 0) return;
    for (const std::string& t : terms)
      if (highlight.insert(t).second) out.highlight_terms.push_back(t);
  }

  // --- single words ---

  Q word_query(const analysis::Word& w, std::string_view prefix) {
    std::vector<Q> alternatives;
    for (const std::string& t : w.terms) alternatives.emplace_back(std::string(prefix) + t);
    // A compound's parts were indexed at one position; the same words written
    // apart (`wi fi`) are a phrase.
    if (prefix.empty() && w.parts.size() > 1)
      alternatives.push_back(term_set_phrase(w.parts, 2));
    add_highlight(w.terms);
    add_highlight(w.parts);
    return combine(Q::OP_SYNONYM, std::move(alternatives));
  }

  static Q term_set_phrase(const std::vector<std::string>& terms, Xapian::termcount window) {
    std::vector<Q> qs;
    for (const std::string& t : terms) qs.emplace_back(t);
    return Q(Q::OP_PHRASE, qs.begin(), qs.end(), window);
  }

  // OP_PHRASE over words (stopwords keep their positions), each word the OR of
  // its terms: OP_PHRASE takes only terms or ORs of terms as subqueries.
  Q phrase_query(const std::vector<const analysis::Word*>& words,
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
  Q text_phrase(std::string_view text, std::size_t text_offset, std::string_view prefix,
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

  void note_run_word(const RunWord& r) {
    if (negation_depth > 0 || r.word.terms.empty()) return;
    out.words.push_back(QueryWord{r.word.surface, r.word.terms.front(), r.begin, r.end});
  }

  void note_word(const analysis::Word& w, std::size_t text_offset) {
    if (negation_depth > 0 || w.terms.empty()) return;
    out.words.push_back(QueryWord{w.surface, w.terms.front(), text_offset + w.begin,
                                  text_offset + w.end});
  }

  // --- prefixes ---

  Q prefix_query(std::string_view text, std::string_view term_prefix) {
    const analysis::Analysis a = b.analyzer_.analyze(text);
    std::string stem;
    for (const analysis::Word& w : a.words) stem = analysis::fold(w.surface);
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
  std::vector<std::string> expand(const std::string& full_prefix, std::string_view term_prefix,
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
  void add_spelling_words(std::map<std::string, Xapian::doccount>& found,
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
  std::vector<std::string> pick(const std::map<std::string, Xapian::doccount>& found,
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

  // --- runs of plain words: synonyms, company aliases, proximity ---

  std::vector<Q> run_units(std::vector<RunWord>& run) {
    std::vector<Q> units;
    if (run.empty()) return units;
    // Tokens of several words (`TCP/IP`, `www.example.com`) are phrases.
    {
      std::map<std::size_t, int> nonstop_per_token;
      for (const RunWord& r : run)
        if (!r.word.stopword) ++nonstop_per_token[r.token];
      for (RunWord& r : run) r.in_phrase = nonstop_per_token[r.token] > 1;
    }
    // Proximity: consecutive single words near each other in the text.
    if (b.ranking_.proximity && b.ranking_.proximity_weight > 0 && negation_depth == 0) {
      // A word in most articles makes an expensive pair that tells little.
      const double common = kProximityMaxDocFraction * b.db_.get_doccount();
      const RunWord* previous = nullptr;
      Xapian::doccount previous_df = 0;
      for (const RunWord& r : run) {
        if (r.word.stopword) continue;
        const Xapian::doccount df = b.db_.get_termfreq(r.word.terms.front());
        if (previous && df > 0 && previous_df > 0 && df <= common && previous_df <= common) {
          const Xapian::termcount window =
              r.position - previous->position + 1 + b.ranking_.proximity_slack;
          std::vector<Q> pair{term_set(previous->word.terms, Q::OP_OR),
                              term_set(r.word.terms, Q::OP_OR)};
          proximity_pairs.push_back(
              {Q(Q::OP_PHRASE, pair.begin(), pair.end(), window), df + previous_df});
        }
        previous = &r;
        previous_df = df;
      }
    }
    std::size_t i = 0;
    while (i < run.size()) {
      if (run[i].word.stopword) {
        stopwords_seen.push_back(run[i].word.surface);
        ++i;
        continue;
      }
      content_seen = true;
      if (run[i].in_phrase) {
        const std::size_t token = run[i].token;
        std::vector<const analysis::Word*> words;
        std::vector<unsigned> positions;
        std::size_t j = i;
        for (; j < run.size() && run[j].token == token; ++j) {
          if (run[j].word.stopword) continue;
          words.push_back(&run[j].word);
          positions.push_back(run[j].position);
          note_run_word(run[j]);
        }
        units.push_back(phrase_query(words, positions, {}));
        if (b.ranking_.title_weight > 0 && negation_depth == 0)
          title_bonus.push_back(phrase_query(words, positions, schema::kTitle));
        i = j;
        continue;
      }
      std::size_t end = i + 1;
      Q unit = grouped_unit(run, i, end);
      units.push_back(std::move(unit));
      i = end;
    }
    return units;
  }

  // The unit starting at the non-stopword run[first]: a single word, or the
  // longest run of words that is a synonym expression or a company alias,
  // with its alternatives. Sets `end` past the words used.
  Q grouped_unit(const std::vector<RunWord>& run, std::size_t first, std::size_t& end) {
    // Non-stopword words from `first`, up to a phrase token.
    std::vector<std::size_t> nonstop;
    std::vector<const std::vector<std::string>*> terms;
    for (std::size_t j = first; j < run.size() && !run[j].in_phrase; ++j) {
      if (run[j].word.stopword) continue;
      if (nonstop.size() == kMaxAliasWords) break;
      nonstop.push_back(j);
      terms.push_back(&run[j].word.terms);
    }
    std::size_t best_words = 1;  // non-stopword words covered
    std::optional<SynonymTable::Match> synonym;
    if (negation_depth == 0) synonym = b.synonyms_.match(terms, 0);
    if (synonym && synonym->length > 1) best_words = synonym->length;

    // Company aliases: word runs that may start with stopwords right before
    // (`la Mela`), end on a non-stopword, and span at most kMaxAliasWords.
    std::optional<std::string> company;
    std::size_t company_words = 0;
    if (negation_depth == 0) {
      std::size_t earliest = first;
      while (earliest > 0 && run[earliest - 1].word.stopword && first - earliest < 2 &&
             !run[earliest - 1].in_phrase)
        --earliest;
      for (std::size_t s = earliest; s <= first; ++s) {
        for (std::size_t k = nonstop.size(); k >= 1; --k) {
          // Only a run at least as long as the synonym, and longer than the
          // company already found, can change the unit.
          if (k < best_words || k <= company_words) break;
          const std::size_t last = nonstop[k - 1];
          if (last + 1 - s > kMaxAliasWords) continue;
          std::string text;
          for (std::size_t j = s; j <= last; ++j) {
            if (!text.empty()) text += ' ';
            text += run[j].word.surface;
          }
          if (text.size() < 2) continue;  // one-letter lookup-only names (`X`)
          if (std::optional<std::string> name = b.companies_.canonical(text)) {
            company = std::move(name);
            company_words = k;
            break;
          }
        }
      }
    }
    const std::size_t covered = std::max({best_words, company_words, std::size_t{1}});
    const bool use_synonym = synonym && synonym->length == covered;
    const bool use_company = company && company_words == covered;
    end = nonstop[covered - 1] + 1;

    // The words themselves.
    std::vector<Q> originals;
    for (std::size_t k = 0; k < covered; ++k) {
      const RunWord& r = run[nonstop[k]];
      Q word = word_query(r.word, {});
      if (b.ranking_.coarse_weight > 0) {
        const std::string coarse = analysis::coarse_stem(r.word.surface);
        if (!coarse.empty())
          word = Q(Q::OP_OR, word,
                   scaled(Q(std::string(schema::kCoarseStem) + coarse), b.ranking_.coarse_weight));
      }
      originals.push_back(std::move(word));
      note_run_word(r);
      if (b.ranking_.title_weight > 0 && negation_depth == 0)
        title_bonus.push_back(word_query_plain(r.word, schema::kTitle));
    }
    Q original = combine(
        b.ranking_.default_operator == DefaultOperator::all ? Q::OP_AND : Q::OP_OR, originals);
    if (!use_synonym && !use_company) return original;
    if (use_company && covered > 1) {
      // A name is its words in order (`Big G`): `G` alone (`5G`) is not Google.
      std::vector<const analysis::Word*> words;
      std::vector<unsigned> positions;
      for (std::size_t k = 0; k < covered; ++k) {
        words.push_back(&run[nonstop[k]].word);
        positions.push_back(run[nonstop[k]].position);
      }
      original = phrase_query(words, positions, {});
    }

    std::vector<Q> alternatives;
    std::set<std::vector<std::string>> seen;  // main terms of what is already asked
    {
      std::vector<std::string> key;
      for (std::size_t k = 0; k < covered; ++k) key.push_back(run[nonstop[k]].word.terms.front());
      seen.insert(key);
    }
    if (use_synonym) {
      for (const SynonymExpression& e : b.synonyms_.group(synonym->group)) {
        std::vector<std::string> key;
        for (const auto& t : e.terms) key.push_back(t.front());
        if (!seen.insert(key).second) continue;
        alternatives.push_back(expression_query(e.terms, e.positions));
      }
    }
    std::vector<Q> company_parts;
    if (use_company) {
      const analysis::Analysis a = b.analyzer_.analyze(*company);
      std::vector<std::vector<std::string>> name_terms;
      std::vector<unsigned> positions;
      std::vector<std::string> key;
      for (std::size_t i = 0; i < a.words.size(); ++i) {
        if (a.words[i].stopword) continue;
        name_terms.push_back(a.words[i].terms);
        positions.push_back(static_cast<unsigned>(i));
        key.push_back(a.words[i].terms.front());
      }
      if (!name_terms.empty() && seen.insert(key).second)
        alternatives.push_back(expression_query(name_terms, positions));
      if (b.ranking_.company_weight > 0) {
        const std::string term =
            schema::boolean_term(schema::kCompany, fold_facet_value(*company));
        company_parts.emplace_back(Q::OP_FILTER, fixed_weight(b.ranking_.company_weight),
                                   Q(term));
      }
    }
    std::vector<Q> unit{original};
    if (!alternatives.empty())
      unit.push_back(scaled(combine(Q::OP_SYNONYM, alternatives), b.ranking_.synonym_weight));
    for (Q& c : company_parts) unit.push_back(std::move(c));
    return combine(Q::OP_OR, unit);
  }

  Q word_query_plain(const analysis::Word& w, std::string_view prefix) {
    return term_set(with_prefix(w.terms, prefix), Q::OP_SYNONYM);
  }

  Q expression_query(const std::vector<std::vector<std::string>>& terms,
                     const std::vector<unsigned>& positions) {
    for (const auto& t : terms) add_highlight(t);
    if (terms.size() == 1) return term_set(terms.front(), Q::OP_SYNONYM);
    std::vector<Q> subs;
    for (const auto& t : terms) subs.push_back(term_set(t, Q::OP_OR));
    return Q(Q::OP_PHRASE, subs.begin(), subs.end(),
             positions.back() - positions.front() + 1);
  }

  // --- the tree ---

  Part node(const QueryNode& n) {
    switch (n.kind) {
      case Kind::word:
      case Kind::phrase:
      case Kind::prefix:
      case Kind::field: {
        std::vector<const QueryNode*> items{&n};
        return sequence(items);
      }
      case Kind::sequence: {
        std::vector<const QueryNode*> items;
        for (const QueryNode& c : n.children) items.push_back(&c);
        return sequence(items);
      }
      case Kind::all: {
        std::vector<Q> weighted, filters;
        for (const QueryNode& c : n.children) {
          Part p = node(c);
          if (p.type == Part::Type::weighted) weighted.push_back(std::move(p.q));
          if (p.type == Part::Type::boolean) filters.push_back(std::move(p.q));
        }
        Q f = combine(Q::OP_AND, filters);
        if (weighted.empty()) return Part::boolean(f);
        Q w = combine(Q::OP_AND, weighted);
        return Part::weighted(f.empty() ? w : Q(Q::OP_FILTER, w, f));
      }
      case Kind::any: {
        std::vector<Q> weighted, filters;
        for (const QueryNode& c : n.children) {
          Part p = node(c);
          if (p.type == Part::Type::weighted) weighted.push_back(std::move(p.q));
          if (p.type == Part::Type::boolean) filters.push_back(std::move(p.q));
        }
        if (weighted.empty()) return Part::boolean(combine(Q::OP_OR, filters));
        // A filter ORed with words matches without weight.
        for (Q& f : filters) weighted.emplace_back(Q::OP_SCALE_WEIGHT, f, 0.0);
        return Part::weighted(combine(Q::OP_OR, weighted));
      }
      case Kind::but_not: {
        Part left = node(n.children[0]);
        ++negation_depth;
        Part right = node(n.children[1]);
        --negation_depth;
        if (right.type == Part::Type::none) return left;
        if (left.type == Part::Type::none)
          return Part::boolean(Q(Q::OP_AND_NOT, Q::MatchAll, right.q));
        return Part{left.type, Q(Q::OP_AND_NOT, left.q, right.q)};
      }
    }
    return Part{};
  }

  Part sequence(const std::vector<const QueryNode*>& items) {
    std::vector<Q> positives, required, excluded;
    std::map<int, std::vector<Q>> filters;  // by field; each group its own key
    int next_group_key = 1000;
    std::vector<RunWord> run;
    std::size_t token = 0;
    unsigned position = 0;

    auto flush = [&] {
      for (Q& u : run_units(run)) positives.push_back(std::move(u));
      run.clear();
    };
    auto place = [&](Modifier m, Q q) {
      if (q.empty()) return;
      if (m == Modifier::required) required.push_back(std::move(q));
      else if (m == Modifier::excluded) excluded.push_back(std::move(q));
      else positives.push_back(std::move(q));
    };

    for (const QueryNode* item : items) {
      const QueryNode& n = *item;
      if (n.kind == Kind::word && n.modifier == Modifier::none && negation_depth == 0) {
        const analysis::Analysis a = b.analyzer_.analyze(n.text);
        if (a.words.empty() && n.text.size() > b.analyzer_.options().max_word_bytes)
          too_long_seen = true;  // see text_phrase
        for (const analysis::Word& w : a.words) {
          RunWord r;
          r.word = w;
          r.token = token;
          r.position = position++;
          r.begin = n.text_offset + w.begin;
          r.end = n.text_offset + w.end;
          run.push_back(std::move(r));
        }
        ++token;
        continue;
      }
      flush();
      position += 2;  // no proximity across other items
      const bool excluding = n.modifier == Modifier::excluded;
      if (excluding) ++negation_depth;
      switch (n.kind) {
        case Kind::word:
          place(n.modifier, text_phrase(n.text, n.text_offset, {}, !excluding));
          break;
        case Kind::phrase:
          place(n.modifier, text_phrase(n.text, n.text_offset, {}, !excluding));
          break;
        case Kind::prefix:
          place(n.modifier, prefix_query(n.text, {}));
          break;
        case Kind::field: {
          content_seen = true;
          const QueryNode& value = n.children.front();
          if (n.field == Field::title) {
            Q q = value.kind == Kind::prefix
                      ? prefix_query(value.text, schema::kTitle)
                      : text_phrase(value.text, value.text_offset, schema::kTitle, !excluding);
            place(n.modifier, std::move(q));
            break;
          }
          Q f = b.filter(n.field, value.text, value.kind == Kind::prefix);
          if (excluding) excluded.push_back(std::move(f));
          else filters[static_cast<int>(n.field)].push_back(std::move(f));
          break;
        }
        default: {
          Part p = node(n);
          if (p.type == Part::Type::weighted) {
            place(n.modifier, std::move(p.q));
          } else if (p.type == Part::Type::boolean) {
            if (excluding) excluded.push_back(std::move(p.q));
            else filters[next_group_key++].push_back(std::move(p.q));
          }
          break;
        }
      }
      if (excluding) --negation_depth;
    }
    flush();

    const bool all = b.ranking_.default_operator == DefaultOperator::all;
    Q main;
    if (all) {
      std::vector<Q> every = required;
      every.insert(every.end(), positives.begin(), positives.end());
      main = combine(Q::OP_AND, every);
    } else {
      Q must = combine(Q::OP_AND, required);
      Q may = combine(Q::OP_OR, positives);
      main = must.empty() ? may : may.empty() ? must : Q(Q::OP_AND_MAYBE, must, may);
      if (b.ranking_.default_operator == DefaultOperator::any_bonus && positives.size() > 1 &&
          negation_depth == 0)
        all_words_bonus.push_back(combine(Q::OP_AND, positives));
    }
    std::vector<Q> facet_filters;
    for (auto& [field, values] : filters) facet_filters.push_back(combine(Q::OP_OR, values));
    const Q filter = combine(Q::OP_AND, facet_filters);
    const Q exclusion = combine(Q::OP_OR, excluded);

    Part result;
    if (!main.empty()) {
      result = Part::weighted(filter.empty() ? main : Q(Q::OP_FILTER, main, filter));
    } else if (!filter.empty()) {
      result = Part::boolean(filter);
    } else if (!exclusion.empty()) {
      result = Part::boolean(Q::MatchAll);
    }
    if (!exclusion.empty() && result.type != Part::Type::none)
      result.q = Q(Q::OP_AND_NOT, result.q, exclusion);
    return result;
  }
};

QueryBuilder::QueryBuilder(const Xapian::Database& db, analysis::Analyzer& analyzer,
                           const SynonymTable& synonyms,
                           const facets::CompanyGazetteer& companies,
                           const facets::TopicTaxonomy& topics, const RankingOptions& ranking,
                           Date today, unsigned max_expansions)
    : db_(db),
      analyzer_(analyzer),
      synonyms_(synonyms),
      companies_(companies),
      topics_(topics),
      ranking_(ranking),
      today_(today),
      max_expansions_(max_expansions == 0 ? 1 : max_expansions) {}

BuiltQuery QueryBuilder::build(const QueryNode& root) {
  BuiltQuery out;
  Impl impl{*this, out, {}, {}, {}, {}, {}, false, 0, false, 0};
  Part part = impl.node(root);

  if (part.type == Part::Type::none && !impl.stopwords_seen.empty() && !impl.content_seen) {
    // Only stopwords (`il`, `ai`, `che cosa`): stopwords are not indexed, but
    // the same letters typed as an acronym are (`AI`, `IT`). Look for those;
    // failing that the caller shows the newest articles.
    out.stopwords_only = true;
    std::vector<std::string> acronyms;
    for (const std::string& s : impl.stopwords_seen) {
      const std::string term = analysis::fold(s);
      if (db_.term_exists(term) &&
          std::find(acronyms.begin(), acronyms.end(), term) == acronyms.end())
        acronyms.push_back(term);
    }
    if (!acronyms.empty()) {
      part = Part::weighted(term_set(acronyms, Q::OP_OR));
      impl.add_highlight(acronyms);
      out.notices.push_back("la ricerca contiene solo parole vuote: le cerco come sigle");
    } else {
      part = Part::boolean(Q::MatchAll);
      out.notices.push_back(
          "la ricerca contiene solo parole vuote (come \u00abil\u00bb, \u00abdi\u00bb), che "
          "l'indice non conserva: ecco gli articoli pi\u00f9 recenti");
    }
  } else if (part.type == Part::Type::none && impl.too_long_seen) {
    part = Part::boolean(nothing());
    out.notices.push_back("parola troppo lunga: l'indice non conserva parole di oltre " +
                          std::to_string(analyzer_.options().max_word_bytes) + " byte");
  } else if (part.type == Part::Type::boolean && !impl.stopwords_seen.empty() &&
             !impl.content_seen) {
    out.stopwords_only = true;
  }

  out.match = part.q;
  out.weighted = part.type == Part::Type::weighted;
  if (out.weighted) {
    // One link per bonus (see BuiltQuery::bonuses): the sum is what an OR
    // of them would give, without Xapian's phrase-under-OR error.
    const auto add = [&out](const std::vector<Q>& items, double weight) {
      for (const Q& q : items)
        if (Q link = scaled(q, weight); !link.empty()) out.bonuses.push_back(std::move(link));
    };
    add(impl.title_bonus, ranking_.title_weight);
    // Positions are the dearest data to read: only the rarest pairs, and none
    // for a long question, whose words rarely keep their order in the answer.
    std::vector<Impl::ProximityPair>& pairs = impl.proximity_pairs;
    if (out.words.size() > ranking_.proximity_max_words) pairs.clear();
    std::stable_sort(pairs.begin(), pairs.end(),
                     [](const auto& x, const auto& y) { return x.cost < y.cost; });
    if (pairs.size() > ranking_.proximity_max_pairs) pairs.resize(ranking_.proximity_max_pairs);
    std::vector<Q> proximity;
    for (Impl::ProximityPair& p : pairs) proximity.push_back(std::move(p.query));
    add(proximity, ranking_.proximity_weight);
    add(impl.all_words_bonus, ranking_.all_words_weight);
  }
  // Notices of the filters (`azienda:` with a name no one knows).
  out.notices.insert(out.notices.end(), notices_.begin(), notices_.end());
  notices_.clear();
  return out;
}

namespace {

[[noreturn]] void unknown_value(std::string_view what, std::string_view value,
                                const std::string& hint) {
  throw QuerySyntaxError("unknown " + std::string(what) + " \"" + std::string(value) + "\"" +
                         (hint.empty() ? std::string() : " (" + hint + ")"));
}

}  // namespace

Xapian::Query QueryBuilder::filter(Field field, std::string_view value, bool prefix) {
  auto prefix_filter = [&](std::string_view term_prefix, const std::string& folded) {
    std::vector<Q> qs;
    std::size_t n = 0;
    const std::string full = std::string(term_prefix) + folded;
    for (auto it = db_.allterms_begin(full); it != db_.allterms_end(full); ++it) {
      if (++n > max_expansions_) break;
      qs.emplace_back(*it);
    }
    if (qs.empty()) return nothing();
    return combine(Q::OP_OR, qs);
  };
  const std::string name(field_name(field));
  if (prefix && (field == Field::company || field == Field::topic || field == Field::date))
    throw QuerySyntaxError(name + ": takes a whole value, not a prefix (remove the *)");
  switch (field) {
    case Field::id:
      if (prefix) return prefix_filter(schema::kId, std::string(value));
      return Q(schema::boolean_term(schema::kId, value));
    case Field::company:
      return company_filter(db_, analyzer_, companies_, value, company_options_, notices_);
    case Field::topic: {
      const std::optional<std::string> slug = topics_.slug_of(value);
      if (!slug) {
        std::string known;
        for (const facets::Topic& t : topics_.topics())
          known += (known.empty() ? "" : ", ") + t.slug;
        unknown_value("topic", value, "topics: " + known);
      }
      return Q(schema::boolean_term(schema::kTopic, *slug));
    }
    case Field::tag:
      return prefix ? prefix_filter(schema::kTag, fold_facet_value(value))
                    : Q(schema::boolean_term(schema::kTag, fold_facet_value(value)));
    case Field::author:
      return prefix ? prefix_filter(schema::kAuthor, fold_facet_value(value))
                    : Q(schema::boolean_term(schema::kAuthor, fold_facet_value(value)));
    case Field::source:
      return prefix ? prefix_filter(schema::kSource, fold_facet_value(value))
                    : Q(schema::boolean_term(schema::kSource, fold_facet_value(value)));
    case Field::section:
      return prefix ? prefix_filter(schema::kSection, fold_facet_value(value))
                    : Q(schema::boolean_term(schema::kSection, fold_facet_value(value)));
    case Field::date:
      return date_query(parse_date_range(value, today_));
    case Field::title:
    case Field::none:
      break;
  }
  throw QuerySyntaxError(name + ": is not a filter");
}

Xapian::Query QueryBuilder::filters(const SearchFilters& f) {
  std::vector<Q> all;
  auto facet = [&](Field field, const std::vector<std::string>& values) {
    std::vector<Q> any;
    for (const std::string& v : values) any.push_back(filter(field, v));
    all.push_back(combine(Q::OP_OR, any));
  };
  company_options_.with_subsidiaries = f.with_subsidiaries;
  facet(Field::company, f.companies);
  company_options_ = {};
  facet(Field::topic, f.topics);
  facet(Field::tag, f.tags);
  facet(Field::author, f.authors);
  facet(Field::source, f.sources);
  facet(Field::section, f.sections);
  if (!f.from.empty() || !f.to.empty()) {
    DateRange range;
    if (!f.from.empty()) {
      const DateRange from = parse_date_bound(f.from, today_);
      if (from.undated) throw QuerySyntaxError("--from takes a date, not \"" + f.from + "\"");
      range.from = from.from;
    }
    if (!f.to.empty()) {
      const DateRange to = parse_date_bound(f.to, today_);
      if (to.undated) throw QuerySyntaxError("--to takes a date, not \"" + f.to + "\"");
      range.to = to.to;
    }
    if (range.from && range.to && *range.to < *range.from)
      throw QuerySyntaxError("--from " + f.from + " comes after --to " + f.to);
    all.push_back(date_query(range));
  }
  return combine(Q::OP_AND, all);
}

}  // namespace segugio::search
