#include "segugio/search/synonyms.h"

#include <algorithm>

#include "segugio/core/data.h"
#include "segugio/core/error.h"
#include "segugio/text/strings.h"

namespace segugio::search {

namespace {

bool share_a_term(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const std::string& x : a)
    for (const std::string& y : b)
      if (x == y) return true;
  return false;
}

}  // namespace

const SynonymTable& SynonymTable::builtin() {
  static const SynonymTable table = [] {
    analysis::Analyzer analyzer;
    return SynonymTable(data::file("synonyms-it.tsv"), analyzer);
  }();
  return table;
}

SynonymTable::SynonymTable(std::string_view tsv, analysis::Analyzer& analyzer) {
  std::size_t start = 0;
  std::size_t line_number = 0;
  while (start < tsv.size()) {
    std::size_t end = tsv.find('\n', start);
    if (end == std::string_view::npos) end = tsv.size();
    std::string_view line = tsv.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (const std::size_t hash = line.find('#'); hash != std::string_view::npos)
      line = line.substr(0, hash);
    if (text::trim(line).empty()) continue;
    std::vector<SynonymExpression> group;
    std::size_t from = 0;
    while (from <= line.size()) {
      std::size_t tab = line.find('\t', from);
      if (tab == std::string_view::npos) tab = line.size();
      const std::string_view text = text::trim(line.substr(from, tab - from));
      from = tab + 1;
      if (text.empty()) continue;
      SynonymExpression e;
      e.text = std::string(text);
      const analysis::Analysis a = analyzer.analyze(text);
      for (std::size_t i = 0; i < a.words.size(); ++i) {
        if (a.words[i].stopword) continue;
        e.terms.push_back(a.words[i].terms);
        e.positions.push_back(static_cast<unsigned>(i));
      }
      if (e.terms.empty())
        throw DataError("synonyms-it.tsv:" + std::to_string(line_number) + ": \"" + e.text +
                        "\" is made of stopwords only");
      group.push_back(std::move(e));
    }
    if (group.size() < 2)
      throw DataError("synonyms-it.tsv:" + std::to_string(line_number) +
                      ": a group needs at least two expressions separated by TABs");
    groups_.push_back(std::move(group));
  }
  for (std::size_t g = 0; g < groups_.size(); ++g)
    for (std::size_t x = 0; x < groups_[g].size(); ++x)
      for (const std::string& t : groups_[g][x].terms.front()) by_first_[t].emplace_back(g, x);
  for (auto& [term, list] : by_first_) {
    std::sort(list.begin(), list.end(), [this](const auto& a, const auto& b) {
      const std::size_t la = groups_[a.first][a.second].terms.size();
      const std::size_t lb = groups_[b.first][b.second].terms.size();
      return la != lb ? la > lb : a < b;
    });
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
}

std::optional<SynonymTable::Match> SynonymTable::match(
    const std::vector<const std::vector<std::string>*>& words, std::size_t first) const {
  if (first >= words.size()) return std::nullopt;
  std::optional<Match> best;
  for (const std::string& term : *words[first]) {
    const auto it = by_first_.find(term);
    if (it == by_first_.end()) continue;
    for (const auto& [g, x] : it->second) {
      const SynonymExpression& e = groups_[g][x];
      const std::size_t n = e.terms.size();
      if (best && best->length >= n) break;  // longest first
      if (first + n > words.size()) continue;
      bool all = true;
      for (std::size_t i = 1; i < n && all; ++i) all = share_a_term(e.terms[i], *words[first + i]);
      if (all) {
        best = Match{n, g, x};
        break;
      }
    }
  }
  return best;
}

}  // namespace segugio::search
