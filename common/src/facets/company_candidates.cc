// Candidates for collection-level learning: capitalised names the gazetteer
// does not know and no cue confirms in this article. The index keeps them
// (index/company_learning.h) so that a name a cue confirms in another article
// of the collection becomes a company here too.
#include <algorithm>

#include "company_impl.h"
#include "segugio/analysis/analyzer.h"

namespace segugio::facets {

using namespace detail;

void CompanyGazetteer::Impl::collect_candidates(const NameTokens& t,
                                                std::vector<std::string>& out) const {
  const std::size_t size = t.tokens.size();
  for (std::size_t first = 0; first < size; ++first) {
    const NameToken& w = t.tokens[first];
    // A capital says `name` only in mid-sentence of a sentence-case text: not
    // `Oggi` opening a sentence, not a Title Case headline.
    if (!w.first_upper || w.technical || w.letters == 0 || !t.capital_informative(first)) continue;
    // Inside a run that began before (`Banca Sella` seen from `Sella`).
    if (first > 0 && t.tokens[first - 1].first_upper && w.space_before &&
        t.tokens[first - 1].sentence == w.sentence)
      continue;
    const std::size_t last = name_run(t, first);
    if (last == first) continue;
    // `Microsoft Teams`: a run that opens with a name the gazetteer knows is
    // that company, not a new one.
    bool known = false;
    for (std::size_t end = last; end > first && !known; --end)
      known = find_company(t.span(first, end)).has_value();
    const std::string_view key = t.span(first, last);
    const bool one_word = last == first + 1;
    // `BT`, `API`, `PNRR`: one word in capitals is a code or an acronym more
    // often than a company; `Il`, `Di`: stopwords; `Ad`: too short to tell.
    const bool word_like = one_word && (w.all_upper || w.letters < 3 ||
                                        analysis::is_stopword(key));
    const bool blocked = [&] {
      const auto b = names.find(key);
      return b != names.end() && b->second.front().company == kBlocked;
    }();
    if (!known && !word_like && !blocked && !not_company.contains(key))
      out.emplace_back(key);
    first = last - 1;
  }
}

void detail::settle_evidence(const std::array<NameTokens, 3>& fields, NameEvidence& evidence) {
  const auto sort_unique = [](std::vector<std::string>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  };
  sort_unique(evidence.confirmed);
  sort_unique(evidence.candidates);
  const auto written_lower = [&](std::string_view word) {
    for (const NameTokens& t : fields)
      for (std::size_t i = 0; i < t.tokens.size(); ++i)
        if (!t.tokens[i].first_upper && !t.tokens[i].technical && t.word(i) == word) return true;
    return false;
  };
  const auto word = [&](const std::string& key) {
    return key.find(' ') == std::string::npos && written_lower(key);
  };
  std::vector<std::string>& c = evidence.candidates;
  // `Achille Spinelli ... ha detto Spinelli`: one word that ends a longer
  // name of the article is a surname here.
  const auto surname = [&](const std::string& key) {
    if (key.find(' ') != std::string::npos) return false;
    return std::any_of(c.begin(), c.end(), [&](const std::string& other) {
      return other.size() > key.size() + 1 &&
             other.compare(other.size() - key.size(), key.size(), key) == 0 &&
             other[other.size() - key.size() - 1] == ' ';
    });
  };
  std::vector<std::string> surnames;
  for (const std::string& key : c)
    if (surname(key)) surnames.push_back(key);
  c.erase(std::remove_if(c.begin(), c.end(),
                         [&](const std::string& key) {
                           return std::binary_search(evidence.confirmed.begin(),
                                                     evidence.confirmed.end(), key) ||
                                  word(key) ||
                                  std::binary_search(surnames.begin(), surnames.end(), key);
                         }),
          c.end());
  // `il gruppo Kernel` beside `il kernel`: the cue may be right here, but a
  // word is not taught to the collection.
  std::vector<std::string>& k = evidence.confirmed;
  k.erase(std::remove_if(k.begin(), k.end(), word), k.end());
}

}  // namespace segugio::facets
