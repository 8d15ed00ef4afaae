// QueryBuilder: runs of plain words, grouped into synonym expressions and
// company aliases, with proximity pairs.
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

std::vector<Unit> QueryBuilder::Impl::run_units(std::vector<RunWord>& run) {
  std::vector<Unit> units;
  if (run.empty()) return units;
  // Tokens of several words (`TCP/IP`, `www.example.com`) are phrases.
  {
    std::map<std::size_t, int> nonstop_per_token;
    for (const RunWord& r : run)
      if (!r.word.stopword) ++nonstop_per_token[r.token];
    for (RunWord& r : run) r.in_phrase = nonstop_per_token[r.token] > 1;
  }
  // Proximity: consecutive single words near each other in the text. None
  // for a run of more words than a query may have for them (then the query
  // has too).
  const auto content_words = static_cast<std::size_t>(std::count_if(
      run.begin(), run.end(), [](const RunWord& r) { return !r.word.stopword; }));
  std::vector<ProximityPair> pairs;
  if (proximity && b.ranking_.proximity && b.ranking_.proximity_weight > 0 &&
      negation_depth == 0 && content_words <= b.ranking_.proximity_max_words) {
    // A pair of two words in most articles is expensive and tells little;
    // a rare word beside a common one (`Bootstrap Italia`) tells the article
    // about the name from the one that has both words apart, and costs only
    // the rare word's articles' positions.
    const double common = kProximityMaxDocFraction * b.db_.get_doccount();
    const double rare =
        std::min(kProximityRareDocFraction * b.db_.get_doccount(), kProximityRareMaxDocs);
    std::size_t previous = run.size();
    Xapian::doccount previous_df = 0;
    for (std::size_t k = 0; k < run.size(); ++k) {
      const RunWord& r = run[k];
      if (r.word.stopword) continue;
      const Xapian::doccount df = b.db_.get_termfreq(r.word.terms.front());
      if (previous < run.size() && df > 0 && previous_df > 0 &&
          (std::max(df, previous_df) <= common || std::min(df, previous_df) <= rare)) {
        const Xapian::termcount window =
            r.position - run[previous].position + 1 + b.ranking_.proximity_slack;
        std::vector<Q> pair{term_set(run[previous].word.terms, Q::OP_OR),
                            term_set(r.word.terms, Q::OP_OR)};
        pairs.push_back({Q(Q::OP_PHRASE, pair.begin(), pair.end(), window),
                         Q(Q::OP_AND, pair.begin(), pair.end()), df + previous_df,
                         previous, k, previous_df, df, std::max(df, previous_df) > common});
      }
      previous = k;
      previous_df = df;
    }
  }
  joined_forms.clear();
  if (b.ranking_.join_written_apart) join_written_apart(run);
  if (b.ranking_.split_written_whole) split_written_whole(run);
  std::vector<std::size_t> unit_of(run.size(), 0);  // each word's unit
  std::vector<bool> alone;                          // a unit that is one plain word
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
      Q phrase = phrase_query(words, positions, {});
      if (Q joined = joined_form(run[i].word, run[j - 1].word); !joined.empty())
        phrase = Q(Q::OP_SYNONYM, phrase, joined);
      units.push_back({phrase, 0, {}, {}, {}});
      alone.push_back(false);
      if (b.ranking_.title_weight > 0 && negation_depth == 0)
        title_bonus.push_back(phrase_query(words, positions, schema::kTitle));
      std::fill(unit_of.begin() + static_cast<std::ptrdiff_t>(i),
                unit_of.begin() + static_cast<std::ptrdiff_t>(j), units.size() - 1);
      i = j;
      continue;
    }
    std::size_t end = i + 1;
    Unit unit = grouped_unit(run, i, end);
    std::size_t words = 0;
    for (std::size_t k = i; k < end; ++k) words += run[k].word.stopword ? 0 : 1;
    // One word, no synonym or company name in its place: unit.df is then
    // the word's own frequency (0 with alternatives).
    alone.push_back(words == 1 && unit.df > 0);
    units.push_back(std::move(unit));
    std::fill(unit_of.begin() + static_cast<std::ptrdiff_t>(i),
              unit_of.begin() + static_cast<std::ptrdiff_t>(end), units.size() - 1);
    i = end;
  }
  place_pairs(pairs, units, unit_of, alone);
  joined_forms.clear();  // they point into `run`
  // `Che anno è morto Tesla?`: `anno` says what kind of answer is sought, not
  // what about; weighed in full, a passage that says `anno` twice and `Tesla`
  // outranks the one that says when Tesla died.
  if (b.ranking_.answer_type_weight != 1.0 && sequence_depth == 1 && root_is_sequence &&
      negation_depth == 0) {
    if (const std::optional<std::size_t> k = answer_type_word(run); k && alone[unit_of[*k]]) {
      Unit& u = units[unit_of[*k]];
      u.q = scaled(u.q, b.ranking_.answer_type_weight);
      u.parts = {};  // its bonuses stay outside the scaled word
      u.df = b.db_.get_doccount();  // not informative: no every-word bonus, no minimum match
    }
  }
  return units;
}

// A name written apart in the query and joined in articles (`wi fi`, `node
// js`, `open source`, `IT Wallet` for `wifi`, `nodejs`, `opensource`,
// `itwallet`), and a dotted token (`Node.js`, `Hack.Developers`) for the
// joined form: the joined word, where an article holds it, is one more
// alternative of each word it joins, inside the word's OP_SYNONYM: weighed as
// the word is (`linux day`: `linuxday` is not rarer than `linux` and `day`
// together). The index gives a hyphenated compound
// (`Wi-Fi`) its joined form and its parts, so an article that writes
// `Wi-Fi` already matched `wi fi`; one that writes `wifi` did not. Stopwords
// never join (`con tatto` is not `contatto`).
void QueryBuilder::Impl::join_written_apart(const std::vector<RunWord>& run) {
  const auto joined_query = [&](const std::string& surface) -> Q {
    // The form as written, not its stem: `app IO` is not `appi…` (Appia).
    const analysis::Analysis a = b.analyzer_.analyze(surface);
    if (a.words.size() != 1 || a.words.front().stopword || a.words.front().terms.empty())
      return Q();
    const analysis::Word& w = a.words.front();
    const std::string term = typed_term(w);
    if (b.db_.get_termfreq(term) == 0) return Q();
    add_highlight(w.terms);
    return Q(term);
  };
  std::size_t previous = run.size();
  for (std::size_t k = 0; k < run.size(); ++k) {
    const RunWord& r = run[k];
    if (r.word.stopword) {
      previous = run.size();
      continue;
    }
    if (r.in_phrase) {
      // The whole token, once, at its first word.
      previous = run.size();
      if (k > 0 && run[k - 1].token == r.token) continue;
      std::string surface;
      bool stop = false;
      std::size_t j = k;
      for (; j < run.size() && run[j].token == r.token; ++j) {
        stop = stop || run[j].word.stopword;
        surface += run[j].word.surface;
      }
      if (Q q = stop ? Q() : joined_query(surface); !q.empty())
        joined_forms.push_back({&r.word, &run[j - 1].word, q});
      continue;
    }
    if (previous < run.size() && run[previous].position + 1 == r.position) {
      const RunWord& p = run[previous];
      if (Q q = joined_query(p.word.surface + r.word.surface); !q.empty())
        joined_forms.push_back({&p.word, &r.word, q});
    }
    previous = k;
  }
}

// A name typed whole in the query and written apart in articles
// (`opensource`, `itwallet`, `macos` for `open source`, `IT Wallet`, `Mac
// OS`): the two words side by side, where an article has them so, are one
// more alternative of the word, inside its OP_SYNONYM, weighed as the word
// is (as join_written_apart does the other way). Only a word of letters in
// at most informative_max_doc_fraction of the articles (an Italian word
// typed whole is seldom a name written apart), split where both halves are
// words some article holds as typed, and neither is a stopword
// (`contatto` is not `con tatto`).
void QueryBuilder::Impl::split_written_whole(const std::vector<RunWord>& run) {
  const double common =
      b.ranking_.informative_max_doc_fraction * static_cast<double>(b.db_.get_doccount());
  for (const RunWord& r : run) {
    const analysis::Word& w = r.word;
    if (w.stopword || r.in_phrase || w.terms.empty() || !w.parts.empty()) continue;
    const std::string folded = text::fold(w.surface);
    if (folded.size() < kSplitMinLetters ||
        !std::all_of(folded.begin(), folded.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
      continue;
    if (static_cast<double>(b.db_.get_termfreq(w.terms.front())) > common) continue;
    // The most even splits first: `open|source` before `opens|ource`.
    std::vector<std::size_t> cuts;
    for (std::size_t k = kSplitMinHalf; k + kSplitMinHalf <= folded.size(); ++k) cuts.push_back(k);
    std::stable_sort(cuts.begin(), cuts.end(), [&](std::size_t x, std::size_t y) {
      const auto uneven = [&](std::size_t k) {
        return std::max(k, folded.size() - k) - std::min(k, folded.size() - k);
      };
      return uneven(x) < uneven(y);
    });
    std::size_t tries = 0;
    for (std::size_t k : cuts) {
      Q q = written_apart(std::string_view(folded).substr(0, k), std::string_view(folded).substr(k));
      if (q.empty() || q.get_type() == Q::LEAF_MATCH_NOTHING) {
        if (!q.empty() && ++tries == kSplitMaxTries) break;
        continue;
      }
      joined_forms.push_back({&w, &w, q});
      break;
    }
  }
}

// Empty when a half is no word of the index as typed (no look-up spent);
// Q::MatchNothing when both are but no article has them side by side.
Q QueryBuilder::Impl::written_apart(std::string_view first, std::string_view second) {
  // A half some article holds as typed is its own stem or, where stemming
  // changes it, its exact form: two look-ups, before any analysis; the
  // longer half first, seldom a word.
  const bool longer_first = first.size() >= second.size();
  for (std::string_view half : {longer_first ? first : second, longer_first ? second : first}) {
    const std::string as_is(half);
    if (b.db_.get_termfreq(as_is) == 0 &&
        b.db_.get_termfreq(std::string(schema::kExactForm) + as_is) == 0)
      return Q();
  }
  std::vector<const analysis::Word*> words;
  analysis::Analysis a = b.analyzer_.analyze(first);
  analysis::Analysis c = b.analyzer_.analyze(second);
  for (const analysis::Analysis* x : {&a, &c}) {
    if (x->words.size() != 1) return Q();
    const analysis::Word& w = x->words.front();
    if (w.stopword || w.terms.empty() || !w.parts.empty()) return Q();
    if (b.db_.get_termfreq(typed_term(w)) == 0) return Q();
    words.push_back(&w);
  }
  // The look-up reads the positions of the articles holding both: none
  // when a half is in over a quarter of them (as for proximity pairs).
  const double common = kProximityMaxDocFraction * static_cast<double>(b.db_.get_doccount());
  for (const analysis::Word* w : words)
    if (static_cast<double>(b.db_.get_termfreq(w->terms.front())) > common) return Q::MatchNothing;
  const std::vector<Q> pair{term_set(words[0]->terms, Q::OP_OR),
                            term_set(words[1]->terms, Q::OP_OR)};
  const Q phrase(Q::OP_PHRASE, pair.begin(), pair.end(), 2);
  Xapian::Enquire enquire(b.db_);
  enquire.set_query(phrase);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  if (enquire.get_mset(0, 1, 1).empty()) return Q::MatchNothing;
  add_highlight(words[0]->terms);
  add_highlight(words[1]->terms);
  return phrase;
}

void QueryBuilder::Impl::correct_typo(RunWord& r) {
  const analysis::Word& w = r.word;
  if (!b.ranking_.correct_typos || negation_depth > 0 || w.stopword || w.terms.empty() ||
      !w.parts.empty() || b.db_.get_termfreq(w.terms.front()) > 0)
    return;
  std::string s;
  try {
    s = b.db_.get_spelling_suggestion(w.surface, kTypoMaxEdits);
  } catch (const Xapian::Error&) {
    return;  // no spelling data (a remote first shard)
  }
  if (s.empty() || s == w.surface) return;
  analysis::Analysis a = b.analyzer_.analyze(s);
  if (a.words.size() != 1 || a.words.front().stopword || a.words.front().terms.empty() ||
      b.db_.get_termfreq(a.words.front().terms.front()) < kTypoMinArticles)
    return;
  out.corrections.push_back({s, r.begin, r.end});
  r.word = std::move(a.words.front());
}

// The word right after an interrogative determiner that opens the query
// (`Che anno...`, `Quale attore...`, `In quale città...`), when it is a plain
// word: the noun that names the kind of answer. `Che cosa`, `Qual è` and the
// like have a stopword there and give none.
std::optional<std::size_t> QueryBuilder::Impl::answer_type_word(const std::vector<RunWord>& run) {
  static const std::set<std::string> prepositions = {"a",   "in", "di", "da", "per",
                                                     "con", "su", "tra", "fra"};
  static const std::set<std::string> determiners = {"che", "quale", "quali", "qual"};
  if (run.empty() || run.front().position != 0) return std::nullopt;  // not the opening
  std::size_t i = 0;
  if (prepositions.count(run[i].word.surface) && i + 1 < run.size()) ++i;
  if (!determiners.count(run[i].word.surface)) return std::nullopt;
  const std::size_t j = i + 1;
  if (j >= run.size() || run[j].word.stopword || run[j].in_phrase) return std::nullopt;
  return j;
}

// Xapian reads the positions of a bonus on the right of AND_MAYBE for every
// match on its left: outside the OR, for every article holding any query
// word (`pro cialda istituto`: 92,000 of 100,000, 300 ms in Xapian alone);
// next to its rarer word, only for the articles holding that word (50 ms).
// The weights are the same: the pair is only in articles holding both words.
void QueryBuilder::Impl::place_pairs(std::vector<ProximityPair>& pairs, std::vector<Unit>& units,
                                     const std::vector<std::size_t>& unit_of,
                                     const std::vector<bool>& alone) {
  // The rarest pairs only (of up to proximity_max_words words there are
  // never more than proximity_max_pairs at the default of 3).
  std::stable_sort(pairs.begin(), pairs.end(),
                   [](const auto& x, const auto& y) { return x.cost < y.cost; });
  if (pairs.size() > b.ranking_.proximity_max_pairs) pairs.resize(b.ranking_.proximity_max_pairs);
  for (ProximityPair& p : pairs) {
    std::size_t rarer = unit_of[p.second_df < p.first_df ? p.second : p.first];
    const std::size_t other = unit_of[p.second_df < p.first_df ? p.first : p.second];
    if (!alone[rarer]) {
      if (p.rarer_only) continue;  // next to the common word: read for most matches
      rarer = other;
    }
    if (!alone[rarer]) {
      proximity_pairs.push_back(std::move(p));
      continue;
    }
    if (Q bonus = p.bonus(b.ranking_.proximity_weight); !bonus.empty()) {
      out.positional.push_back(bonus);
      units[rarer].bonuses.push_back(std::move(bonus));
      proximity_inside = true;
    }
  }
}

// The unit starting at the non-stopword run[first]: a single word, or the
// longest run of words that is a synonym expression or a company alias,
// with its alternatives; its df is that of its rarest word (0 with
// alternatives). Sets `end` past the words used.
Unit QueryBuilder::Impl::grouped_unit(const std::vector<RunWord>& run, std::size_t first,
                                      std::size_t& end) {
  Unit unit;
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

  std::size_t company_words = 0;
  std::optional<std::string> company;
  if (negation_depth == 0) company = find_company(run, first, nonstop, best_words, company_words);
  const std::size_t covered = std::max({best_words, company_words, std::size_t{1}});
  const bool use_synonym = synonym && synonym->length == covered;
  const bool use_company = company && company_words == covered;
  end = nonstop[covered - 1] + 1;

  // The words themselves, and the same without their exact forms.
  std::vector<Q> originals, matching_originals;
  bool exact_forms = false;
  for (std::size_t k = 0; k < covered; ++k) {
    const RunWord& r = run[nonstop[k]];
    const Xapian::doccount word_df = b.db_.get_termfreq(r.word.terms.front());
    unit.df = use_synonym || use_company ? 0 : k == 0 ? word_df : std::min(unit.df, word_df);
    Q word = word_query(r.word, {});
    // A word in nearly every article: its bonuses would order almost every
    // match by what says little, each at the cost of a long posting list.
    const bool bonuses = !too_common_for_bonuses(word_df);
    // A word stemming leaves as typed (`fosdem`, `streaming`, `ssh`): every
    // article holding it holds the form typed, so it weighs as a word plus
    // its exact form, like `visione` in the articles that say `visione`.
    // Without this, names and English terms weighed less than the Italian
    // words beside them (news check set, bench/RESULTS.md 52).
    if (bonuses && typed_as_stem(r.word)) word = scaled(word, 1.0 + b.ranking_.exact_weight);
    Q own = word;
    Q coarse = bonuses ? coarse_query(r.word) : Q();
    if (!coarse.empty()) word = Q(Q::OP_OR, word, coarse);
    // AND_MAYBE, not OR: every article with the exact form holds the word,
    // and AND_MAYBE adds the two weights in one order on every shard (an OR
    // may swap its sides by each shard's frequencies, and the last bit of a
    // sum with it: ties then fall differently on shards and on one database).
    Q exact = bonuses ? exact_query(r.word) : Q();
    matching_originals.push_back(word);
    if (!exact.empty()) {
      word = Q(Q::OP_AND_MAYBE, word, exact);
      exact_forms = true;
    }
    if (covered == 1 && !use_synonym && !use_company && !coarse.empty())
      unit.parts = {own, coarse, exact};
    originals.push_back(std::move(word));
    note_run_word(r);
    if (bonuses && b.ranking_.title_weight > 0 && negation_depth == 0)
      title_bonus.push_back(word_query_plain(r.word, schema::kTitle));
  }
  const Q::op words_op = b.ranking_.default_operator == DefaultOperator::all ? Q::OP_AND : Q::OP_OR;
  Q original = combine(words_op, originals);
  // Only the exact forms differ (`matching` empty when there are none).
  if (exact_forms) unit.matching = combine(words_op, matching_originals);
  if (!use_synonym && !use_company) {
    unit.q = original;
    return unit;
  }
  if (use_company && covered > 1) {
    unit.matching = Q();  // the name's phrase replaces the words
    // A name is its words in order (`Big G`): `G` alone (`5G`) is not Google.
    std::vector<const analysis::Word*> words;
    std::vector<unsigned> positions;
    for (std::size_t k = 0; k < covered; ++k) {
      words.push_back(&run[nonstop[k]].word);
      positions.push_back(run[nonstop[k]].position);
    }
    // The phrase weighs as one term, its words together as they would
    // apart: a name of three words counts as three of the query's words,
    // not one (`gara Polo Strategico Nazionale`: the article about the
    // centre ranked below one saying only `gara` and `aggiudicata`).
    Q phrase = phrase_query(words, positions, {});
    // Written whole in articles (`GPT 4`: `GPT4`, `GPT-4`).
    if (Q joined = joined_form(*words.front(), *words.back()); covered == 2 && !joined.empty())
      phrase = Q(Q::OP_SYNONYM, phrase, joined);
    original = scaled(phrase, static_cast<double>(covered));
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
    // Two words at most (`Big G`, `Apple iPhone`) ask about the company; in
    // a longer query it is the platform of a task (`giochi windows su
    // linux`, `chiave ssh github`), and its bonus lifted every article about
    // it above those about the task (bench/RESULTS.md 52).
    const auto content = static_cast<std::size_t>(std::count_if(
        run.begin(), run.end(), [](const RunWord& r) { return !r.word.stopword; }));
    if (b.ranking_.company_weight > 0 && content <= kCompanyBonusMaxWords) {
      const std::string term =
          schema::boolean_term(schema::kCompany, fold_facet_value(*company));
      company_parts.emplace_back(Q::OP_FILTER, fixed_weight(b.ranking_.company_weight),
                                 Q(term));
    }
  }
  std::vector<Q> others;
  if (!alternatives.empty())
    others.push_back(scaled(combine(Q::OP_SYNONYM, alternatives), b.ranking_.synonym_weight));
  for (Q& c : company_parts) others.push_back(std::move(c));
  const auto with_others = [&](const Q& words) {
    std::vector<Q> with{words};
    with.insert(with.end(), others.begin(), others.end());
    return combine(Q::OP_OR, with);
  };
  if (!unit.matching.empty()) unit.matching = with_others(unit.matching);
  unit.q = with_others(original);
  return unit;
}

// Company aliases: word runs that may start with stopwords right before
// run[first] (`la Mela`), end on a non-stopword of `nonstop`, and span at most
// kMaxAliasWords. Only a run at least as long as `best_words` counts. Sets
// `company_words` to the non-stopword words the alias covers.
std::optional<std::string> QueryBuilder::Impl::find_company(
    const std::vector<RunWord>& run, std::size_t first, const std::vector<std::size_t>& nonstop,
    std::size_t best_words, std::size_t& company_words) const {
  std::optional<std::string> company;
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
  return company;
}

}  // namespace segugio::search
