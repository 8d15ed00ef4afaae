#include "segugio/facets/company_gazetteer.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "company_impl.h"
#include "segugio/core/data.h"
#include "segugio/core/error.h"

namespace segugio::facets {

CompanyGazetteer::CompanyGazetteer(std::string_view companies_tsv, std::string_view context_txt)
    : impl_(std::make_unique<Impl>()) {
  impl_->parse_context(context_txt);
  impl_->parse_companies(companies_tsv);
}

CompanyGazetteer::~CompanyGazetteer() = default;
CompanyGazetteer::CompanyGazetteer(CompanyGazetteer&&) noexcept = default;
CompanyGazetteer& CompanyGazetteer::operator=(CompanyGazetteer&&) noexcept = default;

const CompanyGazetteer& CompanyGazetteer::builtin() {
  static const CompanyGazetteer gazetteer = [] {
    try {
      return CompanyGazetteer(data::file("companies.tsv"), data::file("company-context-it.txt"));
    } catch (const DataError& e) {
      throw std::logic_error(std::string("built-in company gazetteer: ") + e.what());
    }
  }();
  return gazetteer;
}

std::vector<CompanyMention> CompanyGazetteer::find(const Article& article) const {
  std::vector<Candidate> candidates;
  NameTokens tokens;
  const std::string* fields[] = {&article.title, &article.lead, &article.body};
  for (int f = 0; f < 3; ++f) {
    const std::string& text = *fields[f];
    if (text.empty()) continue;
    detail::tokenize_names(text, tokens);
    impl_->scan(tokens, f, text.size(), candidates);
  }
  for (std::size_t k = 0; k < article.tags.size(); ++k)
    impl_->scan_tag(article.tags[k], (std::uint64_t{3} << 32) | k, candidates);

  // A company is named when at least one mention needs no other evidence;
  // then its other mentions count too.
  struct Tally {
    bool strong = false;
    double salience = 0;
    int mentions = 0;
    std::uint64_t first = UINT64_MAX;
  };
  std::unordered_map<std::uint32_t, Tally> tally;
  for (const Candidate& c : candidates) {
    Tally& t = tally[c.company];
    t.strong = t.strong || c.strong;
    t.salience += c.weight;
    ++t.mentions;
    t.first = std::min(t.first, c.order);
  }
  struct Ranked {
    std::uint32_t company;
    Tally tally;
  };
  std::vector<Ranked> ranked;
  for (const auto& [company, t] : tally)
    if (t.strong) ranked.push_back({company, t});
  std::sort(ranked.begin(), ranked.end(), [&](const Ranked& a, const Ranked& b) {
    if (a.tally.salience != b.tally.salience) return a.tally.salience > b.tally.salience;
    if (a.tally.first != b.tally.first) return a.tally.first < b.tally.first;
    return impl_->companies[a.company].name < impl_->companies[b.company].name;
  });
  std::vector<CompanyMention> result;
  result.reserve(ranked.size());
  for (const Ranked& r : ranked)
    result.push_back({impl_->companies[r.company].name, r.tally.salience, r.tally.mentions});
  return result;
}

std::optional<std::string> CompanyGazetteer::canonical(std::string_view alias) const {
  if (auto c = impl_->find_company(alias)) return impl_->companies[*c].name;
  return std::nullopt;
}

std::vector<std::string> CompanyGazetteer::aliases(std::string_view canonical) const {
  std::vector<std::string> out;
  if (auto c = impl_->find_company(canonical)) {
    const Company& company = impl_->companies[*c];
    out.push_back(company.name);
    out.insert(out.end(), company.aliases.begin(), company.aliases.end());
  }
  return out;
}

std::optional<std::string> CompanyGazetteer::owner(std::string_view name) const {
  const auto c = impl_->find_company(name);
  if (!c || impl_->companies[*c].owner == detail::kBlocked) return std::nullopt;
  return impl_->companies[impl_->companies[*c].owner].name;
}

std::vector<std::string> CompanyGazetteer::subsidiaries(std::string_view name) const {
  std::vector<std::string> out;
  const auto c = impl_->find_company(name);
  if (!c) return out;
  std::vector<std::uint32_t> owners = {*c};
  // Breadth first; the data has no cycles (each company has one owner and
  // ownership chains are short), but a visited check costs nothing.
  for (std::size_t k = 0; k < owners.size(); ++k)
    for (std::uint32_t i = 0; i < impl_->companies.size(); ++i)
      if (impl_->companies[i].owner == owners[k] &&
          std::find(owners.begin(), owners.end(), i) == owners.end()) {
        owners.push_back(i);
        out.push_back(impl_->companies[i].name);
      }
  return out;
}

std::size_t CompanyGazetteer::size() const {
  return impl_->companies.size();
}

}  // namespace segugio::facets
