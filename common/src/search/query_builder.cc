#include "segugio/search/query_builder.h"

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

Q BuiltQuery::combined() const {
  if (match.empty() || !weighted) return match;
  return with_bonuses(match, bonuses);
}

namespace {

// Each query word is analysed alone, so `stato` in `è stato approvato` comes
// back as the noun: it is the participle, a stopword, after a form of
// essere earlier in the run (analysis::is_essere_participle).
void mark_essere_participle(const std::vector<RunWord>& run, analysis::Word& word) {
  if (word.stopword || !analysis::is_participle_of_essere(word.surface)) return;
  std::vector<std::string_view> before;
  for (std::size_t i = run.size(); i-- > 0 && before.size() < 3;)
    before.push_back(run[i].word.surface);
  if (!analysis::is_essere_participle(word.surface, before)) return;
  word.stopword = true;
  word.terms.clear();
  word.parts.clear();
  word.coarse.clear();
}

}  // namespace

Q with_bonuses(Q match, const std::vector<Q>& bonuses) {
  // Nested two at a time: Xapian turns AND_MAYBE(a, b, c) into a AND_MAYBE
  // (b OR c), the very shape to avoid.
  for (const Q& b : bonuses) match = Q(Q::OP_AND_MAYBE, match, b);
  return match;
}

namespace building {

Q with_bonuses(const Unit& u) {
  if (u.bonuses.empty() || u.parts.own.empty()) return search::with_bonuses(u.q, u.bonuses);
  Q q(Q::OP_OR, search::with_bonuses(u.parts.own, u.bonuses), u.parts.coarse);
  if (!u.parts.exact.empty()) q = Q(Q::OP_AND_MAYBE, q, u.parts.exact);
  return q;
}

}  // namespace building

std::string fold_facet_value(std::string_view value) { return text::fold(value); }

// The units found in at most informative_max_doc_fraction of the articles,
// rarest first: `cosa`, `cambia`, `nuovo` say little about what is sought.
// When every unit is that common (`sicurezza dati`), all of them.
std::vector<Unit> QueryBuilder::Impl::informative_units(std::vector<Unit> units) const {
  const double limit =
      b.ranking_.informative_max_doc_fraction * static_cast<double>(b.db_.get_doccount());
  const auto common = [&](const Unit& u) { return static_cast<double>(u.df) > limit; };
  if (!std::all_of(units.begin(), units.end(), common))
    units.erase(std::remove_if(units.begin(), units.end(), common), units.end());
  std::stable_sort(units.begin(), units.end(),
                   [](const Unit& x, const Unit& y) { return x.df < y.df; });
  return units;
}

// The minimum-should-match rule of docs/search.md: of the (at most
// kMaxWellMatchedUnits rarest) informative units, all when there are up to
// three, all but one past that. Weightless; empty when nothing was asked.
Q QueryBuilder::Impl::at_least_all_but_one(std::vector<Q> informative) {
  constexpr std::size_t kMaxWellMatchedUnits = 6;
  if (informative.empty()) return Q();
  if (informative.size() > kMaxWellMatchedUnits) informative.resize(kMaxWellMatchedUnits);
  std::vector<Q> choices;
  if (informative.size() <= 3) {
    choices.push_back(combine(Q::OP_AND, informative));
  } else {
    for (std::size_t left_out = 0; left_out < informative.size(); ++left_out) {
      std::vector<Q> rest;
      for (std::size_t i = 0; i < informative.size(); ++i)
        if (i != left_out) rest.push_back(informative[i]);
      choices.push_back(combine(Q::OP_AND, rest));
    }
  }
  return Q(Q::OP_SCALE_WEIGHT, combine(Q::OP_OR, choices), 0.0);
}

Part QueryBuilder::Impl::node(const QueryNode& n) {
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

Part QueryBuilder::Impl::sequence(const std::vector<const QueryNode*>& items) {
  // The query's own words, not a group's (`(a b) OR c`).
  const bool top = ++sequence_depth == 1 && root_is_sequence;
  struct DepthGuard {
    int& depth;
    ~DepthGuard() { --depth; }
  } guard{sequence_depth};
  SequenceParts parts;
  std::vector<Q>& required = parts.required;
  std::vector<Q>& excluded = parts.excluded;
  std::vector<Unit>& positives = parts.positives;
  std::map<int, std::vector<Q>>& filters = parts.filters;
  int next_group_key = 1000;
  std::vector<RunWord> run;
  std::size_t token = 0;
  unsigned position = 0;

  auto flush = [&] {
    for (Unit& u : run_units(run)) positives.push_back(std::move(u));
    run.clear();
  };
  auto place = [&](Modifier m, Q q) {
    if (q.empty()) return;
    if (m == Modifier::required) required.push_back(std::move(q));
    else if (m == Modifier::excluded) excluded.push_back(std::move(q));
    else positives.push_back({std::move(q), 0, {}, {}, {}});
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
        mark_essere_participle(run, r.word);
        correct_typo(r);
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
  return joined_sequence(parts, top);
}

// A sequence's parts put together: words by the default operator (with the
// every-word bonus and, at the top, the minimum match), filters, exclusions.
Part QueryBuilder::Impl::joined_sequence(SequenceParts& parts, bool top) {
  const std::vector<Q>& required = parts.required;
  const std::vector<Unit>& positives = parts.positives;
  const bool all = b.ranking_.default_operator == DefaultOperator::all;
  std::vector<Q> positive_queries;
  for (const Unit& u : positives) positive_queries.push_back(with_bonuses(u));
  Q main;
  if (all) {
    std::vector<Q> every = required;
    every.insert(every.end(), positive_queries.begin(), positive_queries.end());
    main = combine(Q::OP_AND, every);
  } else {
    Q must = combine(Q::OP_AND, required);
    Q may = combine(Q::OP_OR, positive_queries);
    main = must.empty() ? may : may.empty() ? must : Q(Q::OP_AND_MAYBE, must, may);
    if (negation_depth == 0) {
      const std::vector<Unit> informative = informative_units(positives);
      std::vector<Q> weighed, matched;
      for (const Unit& u : informative) {
        weighed.push_back(u.q);
        // Weightless, so without the exact forms, which never change what
        // matches (Unit::matching): a fifth of the facet pass's matching for
        // `mago note oasi` at 100,000 articles (bench/RESULTS.md, issue 18).
        matched.push_back(u.matching.empty() ? u.q : u.matching);
      }
      if (b.ranking_.default_operator == DefaultOperator::any_bonus && weighed.size() > 1)
        all_words_bonus.push_back(combine(Q::OP_AND, weighed));
      // One unit alone is the match itself (nothing to narrow).
      if (top && positives.size() > 1) out.well_matched = at_least_all_but_one(matched);
    }
  }
  std::vector<Q> facet_filters;
  for (auto& [field, values] : parts.filters) facet_filters.push_back(combine(Q::OP_OR, values));
  const Q filter = combine(Q::OP_AND, facet_filters);
  const Q exclusion = combine(Q::OP_OR, parts.excluded);

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
  // The well-matched rule takes informative positive units, all of which the
  // OR holds: it selects a subset of the match unless something narrows it.
  if (top && !out.well_matched.empty())
    out.well_matched_within = required.empty() && filter.empty() && exclusion.empty();
  return result;
}

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
  bool inside = false;
  BuiltQuery out = build(root, true, inside);
  // A long question gets no proximity bonus (see below); how long is known
  // only once every word is read, after some bonuses were placed next to
  // their words: then build it again without them.
  if (inside && out.words.size() > ranking_.proximity_max_words) out = build(root, false, inside);
  if (inside) {
    bool none = false;
    out.match_without_proximity = build(root, false, none).match;
  }
  return out;
}

BuiltQuery QueryBuilder::build(const QueryNode& root, bool with_proximity, bool& proximity_inside) {
  BuiltQuery out;
  Impl impl{*this, out, {}, {}, {}, {}, {}, false, 0, false, 0, 0, false, true, false, {}};
  impl.proximity = with_proximity;
  impl.root_is_sequence = root.kind != Kind::all && root.kind != Kind::any &&
                          root.kind != Kind::but_not;
  Part part = impl.node(root);

  if (part.type == Part::Type::none && !impl.stopwords_seen.empty() && !impl.content_seen) {
    // Only stopwords (`il`, `ai`, `che cosa`): stopwords are not indexed, but
    // the same letters typed as an acronym are (`AI`, `IT`). Look for those;
    // failing that the caller shows the newest articles.
    out.stopwords_only = true;
    std::vector<std::string> acronyms;
    for (const std::string& s : impl.stopwords_seen) {
      const std::string term = text::fold(s);
      if (db_.term_exists(term) &&
          std::find(acronyms.begin(), acronyms.end(), term) == acronyms.end())
        acronyms.push_back(term);
    }
    if (!acronyms.empty()) {
      part = Part::weighted(term_set(acronyms, Q::OP_OR));
      impl.add_highlight(acronyms);
      out.notices.push_back("la ricerca contiene solo parole vuote: le cerco come sigle");
    } else {
      // Nothing left to match: `match` stays empty and the searcher refuses
      // the query unless filters narrow it (issue 20: `il di` matched all).
      out.notices.push_back(
          "la ricerca contiene solo parole vuote (come \u00abil\u00bb, \u00abdi\u00bb), che "
          "l'indice non conserva");
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
    out.positional_begin = out.bonuses.size();
    for (const Impl::ProximityPair& p : pairs)
      if (Q link = p.bonus(ranking_.proximity_weight); !link.empty()) out.bonuses.push_back(link);
    out.positional_end = out.bonuses.size();
    out.positional.insert(out.positional.end(),
                          out.bonuses.begin() + static_cast<std::ptrdiff_t>(out.positional_begin),
                          out.bonuses.end());
    add(impl.all_words_bonus, ranking_.all_words_weight);
  }
  proximity_inside = impl.proximity_inside;
  // Notices of the filters (`azienda:` with a name no one knows).
  out.notices.insert(out.notices.end(), notices_.begin(), notices_.end());
  notices_.clear();
  return out;
}

}  // namespace segugio::search
