// QueryBuilder's insides, shared by the files that build a query (private to
// src/search): query_builder.cc (the tree, sequences, minimum match),
// query_words.cc (words, phrases, prefixes, coarse and exact forms),
// query_units.cc (runs of plain words: synonyms, company aliases, proximity),
// query_filters.cc (field filters).
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include <xapian.h>

#include "segugio/search/query_builder.h"

namespace segugio::search {

namespace building {

using Q = Xapian::Query;
using Kind = QueryNode::Kind;
using Modifier = QueryNode::Modifier;

// Longest word run looked up as a company alias (`colosso di Mountain View`).
inline constexpr std::size_t kMaxAliasWords = 6;
// Words in more than this fraction of the articles make no proximity pairs,
// but beside a rare word, in at most kProximityRareDocFraction of them and
// kProximityRareMaxDocs (`Bootstrap Italia`): that pair is read only for the
// rare word's articles. Past 100 of them, the pair cost a tenth more time
// on 100,000 articles for no measured gain (bench/RESULTS.md).
inline constexpr double kProximityMaxDocFraction = 0.25;
inline constexpr double kProximityRareDocFraction = 0.02;
inline constexpr double kProximityRareMaxDocs = 100;
// A query run of at most this many words that names a company gets the
// company bonus (RankingOptions::company_weight): past it the company is
// the platform of a task, not what is asked about.
inline constexpr std::size_t kCompanyBonusMaxWords = 2;
// A typo's correction is searched in its place when at least this many
// articles hold it (spelling.h's confident suggestion asks as much).
inline constexpr Xapian::doccount kTypoMinArticles = 2;
// ... and when it is one edit away (a letter added, dropped, changed, or two
// swapped: `elementry`, `debain`): at two, other words come in (`picchetti`
// -> `pacchetto`, SQuAD-it).
inline constexpr unsigned kTypoMaxEdits = 1;
// A word typed whole is tried as two words (`opensource` -> `open source`)
// when it has at least this many letters, each half at least
// kSplitMinHalf, and at most kSplitMaxTries splits whose halves are both
// words of the index are looked up as phrases (one look-up reads the
// positions of the articles holding both halves: none when a half is in
// over kProximityMaxDocFraction of the articles).
inline constexpr std::size_t kSplitMinLetters = 5;
inline constexpr std::size_t kSplitMinHalf = 2;
inline constexpr std::size_t kSplitMaxTries = 2;

inline Q combine(Q::op op, std::vector<Q> parts, Xapian::termcount window = 0) {
  parts.erase(std::remove_if(parts.begin(), parts.end(), [](const Q& q) { return q.empty(); }),
              parts.end());
  if (parts.empty()) return Q();
  if (parts.size() == 1 && op != Q::OP_PHRASE && op != Q::OP_NEAR) return parts.front();
  return Q(op, parts.begin(), parts.end(), window);
}

inline Q scaled(const Q& q, double factor) {
  if (q.empty() || factor <= 0) return Q();
  if (factor == 1.0) return q;
  return Q(Q::OP_SCALE_WEIGHT, q, factor);
}

inline std::vector<std::string> with_prefix(const std::vector<std::string>& terms, std::string_view prefix) {
  std::vector<std::string> out;
  out.reserve(terms.size());
  for (const std::string& t : terms) out.push_back(std::string(prefix) + t);
  return out;
}

inline Q term_set(const std::vector<std::string>& terms, Q::op op) {
  std::vector<Q> qs;
  qs.reserve(terms.size());
  for (const std::string& t : terms) qs.emplace_back(t);
  return combine(op, std::move(qs));
}

// A query that matches nothing and, unlike Query::MatchNothing, is not empty
// (so that `AND` keeps it): a term no analysis produces (a control character).
inline Q nothing() { return Q(std::string(1, '\x01')); }

// Hostile queries: each `prefix*` scans the index's terms that start with it,
// so a query may hold only so many, and one scan reads only so many terms
// (`a*` on a large index would otherwise gather millions into memory).
inline constexpr int kMaxPrefixes = 50;
inline constexpr std::size_t kMaxScannedTerms = 500000;

// Xapian takes ownership of a released posting source.
inline Q fixed_weight(double weight) {
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

// A free-text unit of a sequence (a word with its alternatives, a phrase...)
// and how many articles hold it: the rarest are the informative ones.
struct Unit {
  Q q;
  Xapian::doccount df = 0;  // 0 for phrases and fields: always informative
  // Proximity bonuses of this word, ranked next to it (`q AND_MAYBE b1
  // AND_MAYBE b2`) and nowhere else: not in the every-word bonus or the
  // minimum match.
  std::vector<Q> bonuses;
  // One word with a coarse stem: its own terms, the coarse stem and the
  // exact form (q is `(own OR coarse) AND_MAYBE exact`), so that its
  // proximity bonuses go next to `own` (with_bonuses(const Unit&)).
  struct Parts {
    Q own, coarse, exact;
  } parts;
  // q without its exact forms, for the weightless minimum match (empty: q
  // itself). Each sits on the right of AND_MAYBE, which matches exactly what
  // its left side matches (`(stem OR coarse) AND_MAYBE XEform` the articles
  // of `stem OR coarse`), so the articles are the same; yet Xapian 1.4.22
  // walks that right side in a weightless pass too. The coarse stem stays:
  // OR'd, it widens the match to other words sharing it (`XTtelefo`).
  Q matching;
};

// The unit with its proximity bonuses. A bonus holds the word's own term,
// so it is tested only where `own` matches, not on every article holding
// the coarse stem: `tralicci travasino` at 1,000,000 articles tested its pair
// on the 45,000 holding `travas…` instead of the 943 holding `travasin`
// (364 ms against 19 ms). Each article gets the same bonus either way.
Q with_bonuses(const Unit& u);

// What a piece of the query turned into.
struct Part {
  enum class Type { none, weighted, boolean };
  Type type = Type::none;
  Q q;

  static Part weighted(Q q) { return q.empty() ? Part{} : Part{Type::weighted, std::move(q)}; }
  static Part boolean(Q q) { return q.empty() ? Part{} : Part{Type::boolean, std::move(q)}; }
};

// The pieces of one sequence (`a +b -c azienda:x`), gathered before they are
// put together.
struct SequenceParts {
  std::vector<Q> required, excluded;
  std::vector<Unit> positives;
  std::map<int, std::vector<Q>> filters;  // by field; each group its own key
};

}  // namespace building

// The state of one build(): bonuses and terms gathered along the way.
struct QueryBuilder::Impl {
  using Q = building::Q;
  using Part = building::Part;
  using RunWord = building::RunWord;
  using Unit = building::Unit;
  using SequenceParts = building::SequenceParts;

  QueryBuilder& b;
  BuiltQuery& out;
  std::vector<Q> title_bonus;
  struct ProximityPair {
    Q query;
    Q both;  // the two words, weightless: where the pair may be
    Xapian::doccount cost;  // the two words' document frequencies together
    std::size_t first = 0, second = 0;  // the two words' places in their run
    Xapian::doccount first_df = 0, second_df = 0;
    bool rarer_only = false;  // one word is common: the pair goes next to the rarer or nowhere
    // The pair weighed `weight` as a bonus, tested only in the articles
    // holding both words: `0 * (a AND b) AND_MAYBE weight * (a PHRASE n b)`.
    // A bare phrase on the right of AND_MAYBE is tested again (its positions
    // and its weight, so a document length far away) for every match of the
    // left side up to the next article holding both words (Xapian 1.4.22's
    // SelectPostList::check): `approfondiscono certificazioni Accenture` at
    // 1,000,000 articles tested one pair 28,500 times. The weightless AND
    // adds exactly 0: every article gets the same weight, bit for bit.
    Q bonus(double weight) const {
      Q pair = building::scaled(query, weight);
      if (pair.empty()) return pair;
      return Q(Q::OP_AND_MAYBE, Q(Q::OP_SCALE_WEIGHT, both, 0.0), pair);
    }
  };
  std::vector<ProximityPair> proximity_pairs;
  std::vector<Q> all_words_bonus;
  std::unordered_set<std::string> highlight;
  std::vector<std::string> stopwords_seen;
  bool content_seen = false;  // a non-stopword word, phrase, prefix or field
  int negation_depth = 0;     // > 0 inside an exclusion: no bonuses, no highlights
  bool too_long_seen = false;  // a token longer than max_word_bytes (never indexed)
  int prefixes_seen = 0;       // `prefix*` items so far (at most kMaxPrefixes)
  int sequence_depth = 0;      // 1 in the query's outermost sequence
  bool root_is_sequence = false;  // the query is words, phrases, fields side by side
  bool proximity = true;          // false: a rebuild for a query of too many words
  bool proximity_inside = false;  // proximity bonuses placed next to a word


  // --- single words ---







  // --- prefixes ---





  // --- runs of plain words: synonyms, company aliases, proximity ---







  // --- informative words ---



  // --- the tree ---


  void add_highlight(const std::vector<std::string>& terms);
  Q word_query(const analysis::Word& w, std::string_view prefix);
  static Q term_set_phrase(const std::vector<std::string>& terms, Xapian::termcount window);
  // OP_PHRASE over words (stopwords keep their positions), each word the OR of
  // its terms: OP_PHRASE takes only terms or ORs of terms as subqueries.
  Q phrase_query(const std::vector<const analysis::Word*>& words,
                 const std::vector<unsigned>& positions, std::string_view prefix);
  // The non-stopword words of `text` as a phrase (or one word).
  Q text_phrase(std::string_view text, std::size_t text_offset, std::string_view prefix,
                bool for_spelling);
  void note_run_word(const RunWord& r);
  void note_word(const analysis::Word& w, std::size_t text_offset);
  Q prefix_query(std::string_view text, std::string_view term_prefix);
  // Terms starting with `full_prefix` (index terms), plus for text the terms
  // of spelling-table words starting with `word_prefix`: the most frequent
  // max_expansions of them.
  std::vector<std::string> expand(const std::string& full_prefix, std::string_view term_prefix,
                                  const std::string& word_prefix, const std::string& display);
  // The terms of the spelling table's words that start with `word_prefix`
  // (the table is sorted: skip to the prefix, stop past it).
  void add_spelling_words(std::map<std::string, Xapian::doccount>& found,
                          std::string_view term_prefix, const std::string& word_prefix);
  // The most frequent max_expansions of the terms found, with a notice when
  // there were more, or none at all.
  std::vector<std::string> pick(const std::map<std::string, Xapian::doccount>& found,
                                const std::string& display);
  std::vector<Unit> run_units(std::vector<RunWord>& run);
  // A word no article holds (`debain`) becomes its spelling correction when
  // that is one word in at least two articles (RankingOptions::correct_typos),
  // noted in BuiltQuery::corrections.
  void correct_typo(RunWord& r);
  // The joined form (`wifi`) of query words written apart (`wi fi`) or of a
  // dotted token (`Node.js`), where an article holds it, as one more
  // alternative of the units of the words it joins.
  // (into joined_forms, read by word_query and the phrase of a token).
  void join_written_apart(const std::vector<RunWord>& run);
  // The reverse: a word typed whole (`opensource`) that articles write as
  // two words (`open source`), their phrase where an article holds it, as
  // one more alternative of the word (into joined_forms, first == last).
  void split_written_whole(const std::vector<RunWord>& run);
  // The phrase of `first` and `second` written apart, where an article
  // holds it; else an empty query.
  Q written_apart(std::string_view first, std::string_view second);
  // The joined form noted for the words from `first` to `last` (a token's
  // or two query words'), or an empty query.
  Q joined_form(const analysis::Word& first, const analysis::Word& last) const;
  struct JoinedForm {
    const analysis::Word* first;
    const analysis::Word* last;
    Q query;
  };
  std::vector<JoinedForm> joined_forms;
  // The noun a question opens with (`Che anno`, `Quale attore`): its place in
  // `run`, or nullopt.
  std::optional<std::size_t> answer_type_word(const std::vector<RunWord>& run);
  // Each proximity pair of the run next to the unit of its rarer word when
  // that unit is the word alone (it then holds every article the pair
  // does), else among the query's bonuses.
  void place_pairs(std::vector<ProximityPair>& pairs, std::vector<Unit>& units,
                   const std::vector<std::size_t>& unit_of, const std::vector<bool>& alone);
  // The unit starting at the non-stopword run[first]: a single word, or the
  // longest run of words that is a synonym expression or a company alias,
  // with its alternatives (its df that of its rarest word, 0 with
  // alternatives; its parts for one word with a coarse stem). Sets `end`
  // past the words used.
  Unit grouped_unit(const std::vector<RunWord>& run, std::size_t first, std::size_t& end);
  // The word's coarse stem (`XTtelefo`), weighted coarse_weight, unless it
  // collides: held by over coarse_max_ratio times the articles holding the
  // word's own stem (`questionario` -> `questi…`, `accessibilità` ->
  // `access…`: the prefix is mostly other words).
  Q coarse_query(const analysis::Word& w) const;
  // The word as typed (`XEfunzioni`), weighted exact_weight, where stemming
  // changed it: above the articles that hold only its stem (`funzionamento`).
  Q exact_query(const analysis::Word& w) const;
  // The exact-form term the indexer writes for the word as typed, where
  // stemming changed it (`XEfunzioni`); empty where the word's main term is
  // already the form typed (`fosdem`) or it is a compound (`Wi-Fi`).
  static std::string exact_term(const analysis::Word& w);
  // The term an article writing the word as typed holds: its exact form where
  // stemming changed it (`XEwifi`), else its main term. The word has terms.
  static std::string typed_term(const analysis::Word& w);
  // The word's main term is the form typed (stemming left it as it is): its
  // exact form is the word itself, weighed 1 + exact_weight.
  bool typed_as_stem(const analysis::Word& w) const;
  // A word held by `word_df` articles, over bonus_max_doc_fraction of them:
  // no coarse, exact or title bonus for it.
  bool too_common_for_bonuses(Xapian::doccount word_df) const;
  Q word_query_plain(const analysis::Word& w, std::string_view prefix);
  Q expression_query(const std::vector<std::vector<std::string>>& terms,
                     const std::vector<unsigned>& positions);
  // The units found in at most informative_max_doc_fraction of the articles,
  // rarest first: `cosa`, `cambia`, `nuovo` say little about what is sought.
  // When every unit is that common (`sicurezza dati`), all of them.
  std::vector<Unit> informative_units(std::vector<Unit> units) const;
  // The minimum-should-match rule of docs/search.md: of the (at most
  // kMaxWellMatchedUnits rarest) informative units, all when there are up to
  // three, all but one past that. Weightless; empty when nothing was asked.
  static Q at_least_all_but_one(std::vector<Q> informative);
  Part node(const QueryNode& n);
  Part sequence(const std::vector<const QueryNode*>& items);
  Part joined_sequence(SequenceParts& parts, bool top);
  std::optional<std::string> find_company(const std::vector<RunWord>& run, std::size_t first,
                                          const std::vector<std::size_t>& nonstop,
                                          std::size_t best_words,
                                          std::size_t& company_words) const;
};

}  // namespace segugio::search
