#include "segugio/facets/company_gazetteer.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

#include "company_impl.h"
#include "segugio/core/data.h"
#include "segugio/core/error.h"
#include "segugio/text/normalize.h"

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
  return find_names(article, nullptr);
}

std::vector<CompanyMention> CompanyGazetteer::find(const Article& article,
                                                   NameEvidence& evidence) const {
  return find_names(article, &evidence);
}

std::string CompanyGazetteer::name_key(std::string_view name) {
  return detail::fold_name(name);
}

namespace {

// `written` as a whole word of the article's code blocks (`vgcreate Acme1
// /dev/sda3`), written the same way, or with `spans` also of a `code span` of
// its text (`apt install acme`, `~/.acme`).
bool in_code(std::string_view written, const Article& article, bool spans) {
  const auto word_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           (static_cast<unsigned char>(c) & 0x80) != 0;
  };
  const auto whole_word_in = [&](std::string_view code) {
    for (std::size_t at = code.find(written); at != std::string_view::npos;
         at = code.find(written, at + 1)) {
      const std::size_t end = at + written.size();
      if ((at == 0 || !word_char(code[at - 1])) && (end == code.size() || !word_char(code[end])))
        return true;
    }
    return false;
  };
  if (whole_word_in(article.code)) return true;
  if (!spans) return false;
  for (const std::string* text : {&article.lead, &article.body})
    for (std::size_t open = text->find('`'); open != std::string::npos;) {
      const std::size_t close = text->find('`', open + 1);
      if (close == std::string::npos) break;
      if (whole_word_in(std::string_view(*text).substr(open + 1, close - open - 1))) return true;
      open = text->find('`', close + 1);
    }
  return false;
}

}  // namespace

std::vector<CompanyMention> CompanyGazetteer::find_names(const Article& article,
                                                         NameEvidence* evidence) const {
  std::vector<Candidate> candidates;
  std::vector<detail::FoundName> unknown;  // names the gazetteer lacks, confirmed by a cue
  std::array<NameTokens, 3> tokens;
  const std::string* fields[] = {&article.title, &article.lead, &article.body};
  for (int f = 0; f < 3; ++f) {
    const std::string& text = *fields[f];
    if (text.empty()) continue;
    detail::tokenize_names(text, tokens[f]);
    impl_->scan(tokens[f], f, text.size(), candidates);
    impl_->find_by_cues(tokens[f], text, f, unknown, candidates);
    impl_->find_by_relations(tokens[f], text, f, unknown, candidates);
    impl_->find_interviews(tokens[f], text, f, unknown, candidates);
  }
  if (!unknown.empty()) {
    // `il gruppo Acme` beside `i clan Acme e Beta`: a family, not a company;
    // `VolumeGroup1 è il gruppo ...` beside `vgcreate VolumeGroup1`: a name the
    // article's code blocks use is an identifier.
    std::vector<std::string> not_companies;
    for (int f = 0; f < 3; ++f)
      if (!fields[f]->empty()) impl_->family_names(tokens[f], not_companies);
    for (const detail::FoundName& n : unknown)
      if (in_code(n.written, article, false)) not_companies.push_back(n.key);
    for (std::size_t n = 0; n < unknown.size() && !not_companies.empty(); ++n)
      if (std::find(not_companies.begin(), not_companies.end(), unknown[n].key) !=
          not_companies.end()) {
        const auto company = static_cast<std::uint32_t>(impl_->companies.size() + n);
        std::erase_if(candidates, [&](const Candidate& c) { return c.company == company; });
        unknown[n].taught = false;
      }
  }
  // `Docker` beside `apt install docker`: a known name marked as software
  // bearing its maker's name (`^`), which the article's code writes in lower
  // case, is the software there; the words near it are no evidence (a cue or
  // a legal form still is).
  std::vector<std::pair<std::uint32_t, bool>> software;  // company -> in code
  for (Candidate& c : candidates) {
    if (!c.strong || !c.word_like) continue;
    auto it = std::find_if(software.begin(), software.end(),
                           [&](const auto& p) { return p.first == c.company; });
    if (it == software.end()) {
      const std::string lower = text::ascii_lower(impl_->companies[c.company].name);
      it = software.emplace(software.end(), c.company, in_code(lower, article, true));
    }
    if (it->second) c.strong = false;
  }
  if (!unknown.empty())
    for (int f = 0; f < 3; ++f)
      if (!fields[f]->empty())
        impl_->count_names(tokens[f], f, fields[f]->size(), unknown, candidates);
  for (std::size_t k = 0; k < article.tags.size(); ++k)
    impl_->scan_tag(article.tags[k], (std::uint64_t{3} << 32) | k, candidates);
  // A newspaper naming itself in its own article (`il riepilogo serale per
  // chi è abbonato al Corriere`) is the article's byline, not a company it
  // names.
  if (!article.source.empty())
    if (const auto own = impl_->find_company(article.source);
        own && *own < impl_->companies.size() && impl_->companies[*own].outlet)
      std::erase_if(candidates, [&](const Candidate& c) { return c.company == *own; });
  if (evidence) {
    for (const detail::FoundName& n : unknown)
      if (n.taught) evidence->confirmed.push_back(n.key);
    for (int f = 0; f < 3; ++f)
      if (!fields[f]->empty()) impl_->collect_candidates(tokens[f], evidence->candidates);
    detail::settle_evidence(tokens, *evidence);
    // A name the article names by a relation only (`in collaborazione con
    // Acme`) is taught nothing, and no candidate either: learning would give
    // the article the company it already has, a second time.
    for (const detail::FoundName& n : unknown)
      if (!n.taught) std::erase(evidence->candidates, n.key);
  }
  return impl_->rank(candidates, unknown);
}

std::vector<CompanyMention> CompanyGazetteer::Impl::rank(
    std::vector<Candidate>& candidates, const std::vector<detail::FoundName>& found) const {
  // A mention seen twice (by the gazetteer and by a cue, or by a cue and the
  // count of a cued name) counts once, strong if either says so.
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.company != b.company ? a.company < b.company : a.order < b.order;
  });
  std::vector<Candidate> unique;
  for (const Candidate& c : candidates) {
    if (!unique.empty() && unique.back().company == c.company && unique.back().order == c.order)
      unique.back().strong = unique.back().strong || c.strong;
    else
      unique.push_back(c);
  }
  // A company is named when at least one mention needs no other evidence;
  // then its other mentions count too.
  struct Tally {
    std::uint32_t company = 0;
    const std::string* written = nullptr;  // the form the text uses most
    std::vector<std::pair<const std::string*, int>> forms;
    bool strong = false;
    bool tagged = false;  // an editor's tag names it
    int in_text = 0;      // mentions in the title, lead or body
    double salience = 0;
    int mentions = 0;
    std::uint64_t first = UINT64_MAX;
  };
  std::vector<Tally> ranked;
  for (const Candidate& c : unique) {
    if (ranked.empty() || ranked.back().company != c.company) {
      ranked.emplace_back();
      ranked.back().company = c.company;
    }
    Tally& t = ranked.back();
    const bool tag = (c.order >> 32) == 3;
    t.tagged = t.tagged || tag;
    if (!tag) {
      t.strong = t.strong || c.strong;
      ++t.in_text;
    }
    t.salience += c.weight;
    ++t.mentions;
    t.first = std::min(t.first, c.order);
    if (c.written) {
      auto f = std::find_if(t.forms.begin(), t.forms.end(),
                            [&](const auto& p) { return *p.first == *c.written; });
      if (f == t.forms.end()) t.forms.emplace_back(c.written, 1);
      else ++f->second;
    }
  }
  // The value is the company as the article names it: its most frequent form
  // (`CDP`, `Monte dei Paschi di Siena`); ties go to the first seen.
  for (Tally& t : ranked) {
    int best = 0;
    for (const auto& [form, count] : t.forms)
      if (count > best) {
        best = count;
        t.written = form;
      }
  }
  // A tag is evidence for the text's mentions, not a mention: a company only
  // tagged (`tags: github` on a post that never names GitHub) is not named.
  ranked.erase(std::remove_if(ranked.begin(), ranked.end(),
                              [](const Tally& t) { return !t.strong && !(t.tagged && t.in_text > 0); }),
               ranked.end());
  const auto name_of = [&](const Tally& t) -> const std::string& {
    if (t.written) return *t.written;
    return t.company < companies.size() ? companies[t.company].name
                                        : found[t.company - companies.size()].written;
  };
  std::sort(ranked.begin(), ranked.end(), [&](const Tally& a, const Tally& b) {
    if (a.salience != b.salience) return a.salience > b.salience;
    if (a.first != b.first) return a.first < b.first;
    return name_of(a) < name_of(b);
  });
  std::vector<CompanyMention> result;
  result.reserve(ranked.size());
  for (const Tally& r : ranked) {
    CompanyMention m{name_of(r), r.salience, r.mentions};
    m.known = r.company < companies.size();
    result.push_back(std::move(m));
  }
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

namespace {

// Damerau-Levenshtein distance (adjacent swaps count one), stopping early
// past `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t row_best = limit + 1;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      row_best = std::min(row_best, d[i][j]);
    }
    if (row_best > limit) return limit + 1;
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::optional<std::string> CompanyGazetteer::closest(std::string_view typed) const {
  if (impl_->find_company(typed)) return std::nullopt;
  const std::string folded = detail::fold_name(typed);
  if (folded.size() < 4) return std::nullopt;  // `ibn` is no typo of anything in particular
  const std::size_t limit = folded.size() >= 8 ? 2 : 1;
  std::size_t best = limit + 1;
  std::optional<std::uint32_t> found;
  for (const auto& [name, company] : impl_->lookup) {
    const std::size_t d = edit_distance(folded, name, limit);
    // Ties: the company with the shorter canonical name, then the first by name.
    if (d < best || (d == best && found && impl_->companies[company].name < impl_->companies[*found].name)) {
      best = d;
      found = company;
    }
  }
  if (!found || best > limit) return std::nullopt;
  return impl_->companies[*found].name;
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
