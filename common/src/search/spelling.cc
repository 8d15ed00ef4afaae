#include "spelling.h"

#include <algorithm>

namespace segugio::search {

namespace {

// A word found in more articles, or more often, than this is never a typo;
// one found in fewer is one when the suggestion is this many times as
// frequent.
constexpr Xapian::doccount kMaxTypoArticles = 2;
constexpr Xapian::termcount kMaxTypoOccurrences = 2;
constexpr Xapian::doccount kTypoRatio = 100;
// A replacement searched instead of the query is in at least this many articles.
constexpr Xapian::doccount kConfidentArticles = 2;

struct Replacement {
  std::size_t begin, end;
  std::string text;
};

// A spelling frequency, 0 when the table cannot say.
Xapian::doccount spelling_frequency(const Xapian::Database& db, const std::string& word) {
  try {
    Xapian::TermIterator it = db.spellings_begin();
    it.skip_to(word);
    return it != db.spellings_end() && *it == word ? it.get_termfreq() : 0;
  } catch (const Xapian::Error&) {
    return 0;
  }
}

}  // namespace

std::optional<SpellingSuggestion> suggest_spelling(const Xapian::Database& db,
                                                   analysis::Analyzer& analyzer,
                                                   const std::string& query,
                                                   const std::vector<QueryWord>& words) {
  std::vector<Replacement> replacements;
  bool confident = true;
  for (const QueryWord& w : words) {
    // A word of the index is a word, however rare (`colosso` is not a typo
    // for the commoner `coloro`, nor `dazi` for `dati`), unless it is a
    // one-off and the suggestion is everywhere (a typo that slipped into an
    // article or two). Asked first: a frequency costs far less than a
    // spelling look-up.
    const Xapian::doccount typed = db.get_termfreq(w.main_term);
    if (typed > kMaxTypoArticles ||
        (typed > 0 && db.get_collection_freq(w.main_term) > kMaxTypoOccurrences))
      continue;
    std::string s;
    try {
      s = db.get_spelling_suggestion(w.surface);
    } catch (const Xapian::Error&) {
      return std::nullopt;  // no spelling data (a remote first shard)
    }
    if (s.empty() || s == w.surface) continue;
    const std::vector<std::string> terms = analyzer.terms_of(s);
    if (terms.empty() || terms.front() == w.main_term) continue;
    const Xapian::doccount suggested = db.get_termfreq(terms.front());
    if (suggested <= typed) continue;
    if (spelling_frequency(db, s) <= spelling_frequency(db, w.surface)) continue;
    if (typed > 0 && suggested < kTypoRatio * typed) continue;
    if (w.end > query.size() || w.begin >= w.end) continue;
    confident = confident && typed == 0 && suggested >= kConfidentArticles;
    replacements.push_back({w.begin, w.end, s});
  }
  if (replacements.empty()) return std::nullopt;
  std::sort(replacements.begin(), replacements.end(),
            [](const Replacement& a, const Replacement& b) { return a.begin > b.begin; });
  SpellingSuggestion suggestion{query, confident};
  std::size_t limit = suggestion.query.size();
  for (const Replacement& r : replacements) {
    if (r.end > limit) continue;  // overlapping: keep the later one
    suggestion.query.replace(r.begin, r.end - r.begin, r.text);
    limit = r.begin;
  }
  return suggestion;
}

}  // namespace segugio::search
