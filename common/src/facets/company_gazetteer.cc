#include "segugio/facets/company_gazetteer.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "data_lines.h"
#include "name_tokens.h"
#include "segugio/core/data.h"
#include "segugio/core/error.h"

namespace segugio::facets {

namespace {

using detail::NameToken;
using detail::NameTokens;

// Ambiguity markers of an alias (see companies.tsv).
enum Marker : std::uint8_t {
  kWord = 1,         // ~ an ordinary word too
  kSurname = 2,      // @ a surname or a place too
  kFirstName = 4,    // % a first name too
  kWeak = 8,         // ^ always needs evidence
  kLookupOnly = 16,  // ? never matched in text
  kPlatform = 32,    // & a platform: `su Instagram` is a channel, not evidence
};
constexpr std::uint8_t kAmbiguous = kWord | kSurname | kFirstName | kWeak;
constexpr std::uint32_t kBlocked = UINT32_MAX;  // company index of a blocked phrase

// Articles that may stand before an alias written as `la Mela`, alone or inside
// an articulated preposition.
constexpr std::array<std::array<std::string_view, 7>, 7> kArticleForms = {{
    {"il", "del", "al", "dal", "nel", "sul", "col"},
    {"lo", "dello", "allo", "dallo", "nello", "sullo", "collo"},
    {"la", "della", "alla", "dalla", "nella", "sulla", "colla"},
    {"l", "dell", "all", "dall", "nell", "sull", "coll"},
    {"i", "dei", "ai", "dai", "nei", "sui", "coi"},
    {"gli", "degli", "agli", "dagli", "negli", "sugli", "cogli"},
    {"le", "delle", "alle", "dalle", "nelle", "sulle", "colle"},
}};

int article_index(std::string_view folded_word) {
  for (std::size_t a = 0; a < kArticleForms.size(); ++a)
    if (kArticleForms[a][0] == folded_word) return static_cast<int>(a);
  return -1;
}

// Particles between a first name and a surname: `Leonardo da Vinci`.
constexpr std::array<std::string_view, 9> kNameParticles = {"da",  "de",  "del", "di", "van",
                                                            "von", "der", "dos", "du"};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};
template <class V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

enum class CaseRule : std::uint8_t { any, initial_upper, all_upper };

struct WordRule {
  CaseRule rule = CaseRule::any;
  std::uint16_t letters = 0;
  bool accented = false;
};

// How the words of a name must be written in the text.
struct NamePattern {
  std::vector<WordRule> words;

  static NamePattern of(const NameTokens& tokens, std::size_t first) {
    NamePattern p;
    for (std::size_t k = first; k < tokens.tokens.size(); ++k) {
      const NameToken& t = tokens.tokens[k];
      WordRule w;
      w.letters = t.letters;
      w.accented = t.accented;
      // A word whose first letter is lower case (`iPhone`, `di`) matches in any case.
      if (t.letters == 0 || !t.first_upper)
        w.rule = CaseRule::any;
      else if (t.all_upper)
        w.rule = CaseRule::all_upper;
      else
        w.rule = CaseRule::initial_upper;
      p.words.push_back(w);
    }
    return p;
  }

  bool matches(const NameTokens& text, std::size_t first) const {
    for (std::size_t k = 0; k < words.size(); ++k) {
      const NameToken& t = text.tokens[first + k];
      const WordRule& w = words[k];
      // `metà` is not `Meta`; `Citroen` may be `Citroën`.
      if (t.accented && !w.accented) return false;
      switch (w.rule) {
        case CaseRule::any:
          break;
        case CaseRule::initial_upper:
          if (!t.first_upper) return false;
          // `MAC address` is not `Mac`: a short word in capitals is an acronym,
          // unless the whole sentence is in capitals.
          if (t.all_upper && t.letters >= 2 && w.letters <= 4 &&
              !text.sentences[t.sentence].capitals_uninformative)
            return false;
          break;
        case CaseRule::all_upper:
          if (!t.all_upper) return false;
          break;
      }
    }
    return true;
  }
};

struct Variant {
  std::uint32_t company = kBlocked;
  std::uint8_t markers = 0;
  std::int8_t article = -1;  // index into kArticleForms, or -1
  NamePattern pattern;
};

struct Company {
  std::string name;
  bool outlet = false;
  std::vector<std::string> aliases;  // as written, without markers
};

// Words compared folded, exactly or (entries ending in `*`) by prefix.
class WordSet {
 public:
  void add(std::string_view entry) {
    if (!entry.empty() && entry.back() == '*')
      prefixes_.emplace_back(entry.substr(0, entry.size() - 1));
    else
      exact_.emplace(entry);
  }
  bool contains(std::string_view word) const {
    if (exact_.find(word) != exact_.end()) return true;
    for (const std::string& p : prefixes_)
      if (word.size() >= p.size() && word.compare(0, p.size(), p) == 0) return true;
    return false;
  }

 private:
  StringSet exact_;
  std::vector<std::string> prefixes_;
};

// One possible company mention found while scanning.
struct Candidate {
  std::uint32_t company = 0;
  double weight = 0;
  std::uint64_t order = 0;  // position in reading order: field, then token
  bool strong = false;      // needs no other evidence
};

}  // namespace

struct CompanyGazetteer::Impl {
  std::vector<Company> companies;
  StringMap<std::vector<Variant>> names;  // folded words of an alias (article removed)
  StringMap<std::size_t> first_words;     // folded first word -> most words of a name
  StringMap<std::uint32_t> lookup;        // folded alias as typed -> company
  StringMap<std::vector<NamePattern>> legal;
  std::size_t legal_max_words = 0;
  WordSet company_words;
  WordSet company_deeds;
  WordSet attribution_before;
  WordSet attribution_after;
  WordSet channel_before;

  void parse_companies(std::string_view text);
  void parse_context(std::string_view text);
  void add_alias(std::string_view written, std::uint32_t company, std::size_t line);

  std::optional<std::uint32_t> find_company(std::string_view typed) const;
  std::size_t legal_form_at(const NameTokens& t, std::size_t j, std::uint32_t sentence) const;
  bool company_word_near(const NameTokens& t, std::size_t first, std::size_t last,
                         bool deeds) const;
  bool attributed(const NameTokens& t, std::size_t first, std::size_t last) const;
  bool channel(const NameTokens& t, std::size_t first) const;
  void scan(const NameTokens& t, int field, std::size_t field_bytes,
            std::vector<Candidate>& out) const;
  void scan_tag(std::string_view tag, std::uint64_t order, std::vector<Candidate>& out) const;
};

void CompanyGazetteer::Impl::add_alias(std::string_view written, std::uint32_t company,
                                       std::size_t line) {
  std::uint8_t markers = 0;
  std::size_t m = 0;
  for (; m < written.size(); ++m) {
    const char c = written[m];
    if (c == '~')
      markers |= kWord;
    else if (c == '@')
      markers |= kSurname;
    else if (c == '%')
      markers |= kFirstName;
    else if (c == '^')
      markers |= kWeak;
    else if (c == '?')
      markers |= kLookupOnly;
    else if (c == '&')
      markers |= kPlatform;
    else
      break;
  }
  const std::string_view name = written.substr(m);
  NameTokens tokens;
  detail::tokenize_names(name, tokens);
  if (tokens.tokens.empty())
    throw DataError("companies.tsv line " + std::to_string(line) + ": empty name '" +
                    std::string(written) + "'");
  if (company == kBlocked && markers != 0)
    throw DataError("companies.tsv line " + std::to_string(line) +
                    ": a blocked phrase takes no markers: '" + std::string(written) + "'");

  // What a user may type: the whole alias, article included.
  if (company != kBlocked) {
    const std::string typed = tokens.folded;
    auto [it, inserted] = lookup.emplace(typed, company);
    if (!inserted && it->second != company)
      throw DataError("companies.tsv line " + std::to_string(line) + ": '" + std::string(name) +
                      "' names both " + companies[it->second].name + " and " +
                      companies[company].name);
    if (name != companies[company].name) companies[company].aliases.emplace_back(name);
  }
  if (markers & kLookupOnly) return;

  Variant v;
  v.company = company;
  v.markers = markers;
  std::size_t first = 0;
  // `la Mela`: a lower-case article is a condition on the previous word.
  if (tokens.tokens.size() >= 2 && !tokens.tokens[0].first_upper) {
    const int a = article_index(tokens.word(0));
    if (a >= 0) {
      v.article = static_cast<std::int8_t>(a);
      first = 1;
    }
  }
  v.pattern = NamePattern::of(tokens, first);
  const std::size_t count = tokens.tokens.size() - first;
  const std::string key(tokens.span(first, tokens.tokens.size()));

  std::vector<Variant>& variants = names[key];
  for (const Variant& other : variants) {
    if (other.company != company)
      throw DataError("companies.tsv line " + std::to_string(line) + ": '" + std::string(name) +
                      "' is also a name of " +
                      (other.company == kBlocked ? std::string("a blocked phrase")
                                                 : companies[other.company].name));
  }
  variants.push_back(std::move(v));
  // Blocked phrases first, then names that need no evidence, then the rest.
  std::stable_sort(variants.begin(), variants.end(), [](const Variant& a, const Variant& b) {
    const int ra = a.company == kBlocked ? 0 : (a.markers & kAmbiguous) ? 2 : 1;
    const int rb = b.company == kBlocked ? 0 : (b.markers & kAmbiguous) ? 2 : 1;
    return ra < rb;
  });
  std::size_t& most = first_words[std::string(tokens.word(first))];
  most = std::max(most, count);
}

void CompanyGazetteer::Impl::parse_companies(std::string_view text) {
  detail::for_each_data_line(text, [&](std::string_view line, std::size_t number) {
    if (line.empty() || line.front() == '#') return;
    std::array<std::string_view, 3> cols;
    std::size_t count = 0;
    std::size_t start = 0;
    for (;;) {
      const std::size_t tab = line.find('\t', start);
      const std::string_view col =
          line.substr(start, tab == std::string_view::npos ? line.npos : tab - start);
      if (count < cols.size()) cols[count] = detail::trim(col);
      ++count;
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    if (count != 3)
      throw DataError("companies.tsv line " + std::to_string(number) +
                      ": expected canonical<TAB>flags<TAB>aliases, found " + std::to_string(count) +
                      " columns");
    bool outlet = false, block = false;
    if (cols[1] != "-") {
      detail::for_each_item(cols[1], ',', [&](std::string_view flag) {
        if (flag == "outlet")
          outlet = true;
        else if (flag == "block")
          block = true;
        else if (flag != "it")
          throw DataError("companies.tsv line " + std::to_string(number) + ": unknown flag '" +
                          std::string(flag) + "'");
      });
    }
    std::uint32_t index = kBlocked;
    if (block) {
      if (cols[0] != "-")
        throw DataError("companies.tsv line " + std::to_string(number) +
                        ": a `block` line has `-` as its canonical name");
    } else {
      Company c;
      const std::size_t start_of_name = cols[0].find_first_not_of("~@%^?&");
      if (start_of_name == std::string_view::npos)
        throw DataError("companies.tsv line " + std::to_string(number) + ": empty name");
      c.name = std::string(cols[0].substr(start_of_name));
      if (c.name.empty())
        throw DataError("companies.tsv line " + std::to_string(number) + ": empty name");
      c.outlet = outlet;
      index = static_cast<std::uint32_t>(companies.size());
      companies.push_back(std::move(c));
      add_alias(cols[0], index, number);
    }
    if (cols[2] != "-")
      detail::for_each_item(cols[2], '|',
                            [&](std::string_view alias) { add_alias(alias, index, number); });
  });
}

void CompanyGazetteer::Impl::parse_context(std::string_view text) {
  WordSet* words = nullptr;
  bool in_legal = false;
  detail::for_each_data_line(text, [&](std::string_view line, std::size_t number) {
    if (const std::size_t hash = line.find('#'); hash != std::string_view::npos)
      line = detail::trim(line.substr(0, hash));
    if (line.empty()) return;
    if (line.front() == '[') {
      in_legal = false;
      words = nullptr;
      if (line == "[legal]")
        in_legal = true;
      else if (line == "[company]")
        words = &company_words;
      else if (line == "[company-deed]")
        words = &company_deeds;
      else if (line == "[attribution-before]")
        words = &attribution_before;
      else if (line == "[attribution-after]")
        words = &attribution_after;
      else if (line == "[channel-before]")
        words = &channel_before;
      else
        throw DataError("company-context-it.txt line " + std::to_string(number) +
                        ": unknown section " + std::string(line));
      return;
    }
    if (in_legal) {
      NameTokens tokens;
      detail::tokenize_names(line, tokens);
      if (tokens.tokens.empty()) return;
      legal[tokens.folded].push_back(NamePattern::of(tokens, 0));
      legal_max_words = std::max(legal_max_words, tokens.tokens.size());
    } else if (words) {
      const bool prefix = line.back() == '*';
      std::string folded = detail::fold_name(prefix ? line.substr(0, line.size() - 1) : line);
      if (prefix) folded += '*';
      words->add(folded);
    } else {
      throw DataError("company-context-it.txt line " + std::to_string(number) +
                      ": entry outside a section");
    }
  });
}

std::optional<std::uint32_t> CompanyGazetteer::Impl::find_company(std::string_view typed) const {
  std::vector<std::string_view> words;
  const std::string folded = detail::fold_name(typed);
  detail::for_each_item(folded, ' ', [&](std::string_view w) { words.push_back(w); });
  auto join = [&](std::size_t from, std::size_t to) {
    std::string key;
    for (std::size_t k = from; k < to; ++k) {
      if (k > from) key += ' ';
      key += words[k];
    }
    return key;
  };
  auto find_words = [&](std::size_t from, std::size_t to) -> std::optional<std::uint32_t> {
    if (from >= to) return std::nullopt;
    if (auto it = lookup.find(join(from, to)); it != lookup.end()) return it->second;
    return std::nullopt;
  };
  // `Microsoft Corp.` -> `microsoft`: legal forms at the end do not matter.
  std::size_t to = words.size();
  for (bool dropped = true; dropped && to > 1;) {
    dropped = false;
    for (std::size_t n = 1; n <= std::min<std::size_t>(legal_max_words, to - 1); ++n) {
      if (legal.find(join(to - n, to)) != legal.end()) {
        if (auto c = find_words(0, to)) return c;
        to -= n;
        dropped = true;
        break;
      }
    }
  }
  if (auto c = find_words(0, to)) return c;
  // `the Verge`, `il colosso di Redmond`: a leading article does not matter.
  if (to > 1 && (article_index(words[0]) >= 0 || words[0] == "the"))
    if (auto c = find_words(1, to)) return c;
  return std::nullopt;
}

std::size_t CompanyGazetteer::Impl::legal_form_at(const NameTokens& t, std::size_t j,
                                                  std::uint32_t sentence) const {
  const std::size_t size = t.tokens.size();
  if (j >= size || t.tokens[j].sentence != sentence) return 0;
  for (std::size_t n = std::min(legal_max_words, size - j); n >= 1; --n) {
    if (t.tokens[j + n - 1].sentence != sentence) continue;
    auto it = legal.find(t.span(j, j + n));
    if (it == legal.end()) continue;
    for (const NamePattern& p : it->second)
      if (p.matches(t, j)) return n;
  }
  return 0;
}

bool CompanyGazetteer::Impl::company_word_near(const NameTokens& t, std::size_t first,
                                               std::size_t last, bool deeds) const {
  constexpr std::size_t kWindow = 8;
  const std::uint32_t sentence = t.tokens[first].sentence;
  const std::size_t from = first >= kWindow ? first - kWindow : 0;
  const std::size_t to = std::min(t.tokens.size(), last + kWindow);
  for (std::size_t k = from; k < to; ++k) {
    if (k >= first && k < last) continue;
    if (t.tokens[k].sentence != sentence) continue;
    // A capitalised word touching the name is part of a longer name, not
    // evidence: `Engineering Manager`.
    const bool touching =
        (k == last && t.tokens[k].space_before) || (k + 1 == first && t.tokens[first].space_before);
    if (touching && t.tokens[k].first_upper) continue;
    if (company_words.contains(t.word(k))) return true;
    if (deeds && company_deeds.contains(t.word(k))) return true;
  }
  return false;
}

bool CompanyGazetteer::Impl::channel(const NameTokens& t, std::size_t first) const {
  constexpr std::size_t kWindow = 2;
  for (std::size_t k = first >= kWindow ? first - kWindow : 0; k < first; ++k)
    if (t.tokens[k].sentence == t.tokens[first].sentence && channel_before.contains(t.word(k)))
      return true;
  return false;
}

bool CompanyGazetteer::Impl::attributed(const NameTokens& t, std::size_t first,
                                        std::size_t last) const {
  // A credit: `(ANSA)`, `ANSA/Reuters`.
  if ((t.tokens[first].paren_before && t.tokens[last - 1].paren_after) ||
      t.tokens[last - 1].slash_after)
    return true;
  constexpr std::size_t kWindow = 3;
  for (std::size_t k = first >= kWindow ? first - kWindow : 0; k < first; ++k)
    if (attribution_before.contains(t.word(k))) return true;
  for (std::size_t k = last; k < std::min(t.tokens.size(), last + kWindow); ++k)
    if (attribution_after.contains(t.word(k))) return true;
  return false;
}

void CompanyGazetteer::Impl::scan(const NameTokens& t, int field, std::size_t field_bytes,
                                  std::vector<Candidate>& out) const {
  const std::size_t size = t.tokens.size();
  std::size_t matched_until = 0;  // tokens before this belong to a match
  // A capitalised word right before token i that is not a name we know:
  // `Times Square`, `Enzo Ferrari`. A capital that opens the sentence says
  // nothing (`Secondo Meta`), unless the word is an acronym (`GNOME Shell`).
  auto capitalised_before = [&](std::size_t i) {
    if (i == 0 || i - 1 < matched_until) return false;
    const NameToken& prev = t.tokens[i - 1];
    const NameToken& cur = t.tokens[i];
    return cur.space_before && prev.sentence == cur.sentence && prev.first_upper &&
           (!prev.sentence_start || (prev.all_upper && prev.letters >= 2)) &&
           !t.sentences[cur.sentence].capitals_uninformative;
  };
  for (std::size_t i = 0; i < size; ++i) {
    auto first = first_words.find(t.word(i));
    if (first == first_words.end()) continue;
    const std::uint32_t sentence = t.tokens[i].sentence;
    std::size_t most = std::min(first->second, size - i);
    while (most > 1 && t.tokens[i + most - 1].sentence != sentence) --most;

    const Variant* found = nullptr;
    std::size_t n = most;
    for (; n >= 1 && !found; --n) {
      auto it = names.find(t.span(i, i + n));
      if (it == names.end()) continue;
      for (const Variant& v : it->second) {
        if (v.pattern.words.size() != n || !v.pattern.matches(t, i)) continue;
        if (v.article >= 0) {
          if (i == 0 || t.tokens[i - 1].sentence != sentence) continue;
          const auto& forms = kArticleForms[static_cast<std::size_t>(v.article)];
          if (std::find(forms.begin(), forms.end(), t.word(i - 1)) == forms.end()) continue;
        }
        found = &v;
        break;
      }
      if (found) break;
    }
    if (!found) continue;
    const std::size_t last = i + n;  // one past the name
    const std::size_t start = i;
    matched_until = last;
    i = last - 1;
    if (found->company == kBlocked) continue;
    const Company& company = companies[found->company];
    const std::uint8_t m = found->markers;
    // `Dell'Orto` is a surname, `Dell'` an elided preposition.
    if (t.tokens[last - 1].elided) continue;
    const bool has_legal_form = legal_form_at(t, last, sentence) > 0;
    if (!has_legal_form && (m & kFirstName) && last < size && t.tokens[last].sentence == sentence) {
      const NameToken& next = t.tokens[last];
      // `Tim Cook`, `Claude Monet`.
      if (next.space_before && next.first_upper) continue;
      // `Leonardo da Vinci`, `Leonardo Del Vecchio`.
      const std::string_view w = t.word(last);
      if (last + 1 < size && t.tokens[last + 1].sentence == sentence &&
          t.tokens[last + 1].first_upper &&
          std::find(kNameParticles.begin(), kNameParticles.end(), w) != kNameParticles.end())
        continue;
    }
    if (!has_legal_form && (m & kSurname) && capitalised_before(start)) continue;  // `Enzo Ferrari`
    if (company.outlet && attributed(t, start, last)) continue;  // `secondo Reuters`

    Candidate c;
    c.company = found->company;
    if ((m & kPlatform) && channel(t, start)) {
      c.strong = false;  // `un post su Instagram`: the channel, not the subject
    } else if ((m & kAmbiguous) == 0 || has_legal_form) {
      c.strong = true;
    } else if (m & kWeak) {
      c.strong = company_word_near(t, start, last, false);
    } else {
      // Inside a longer run of capitalised words the name may be part of
      // another one: `Times Square`, `premi Wise Turtle`.
      const bool capitalised_after = last < size && t.tokens[last].sentence == sentence &&
                                     t.tokens[last].space_before && t.tokens[last].first_upper;
      c.strong =
          (t.capital_informative(start) && !capitalised_before(start) && !capitalised_after) ||
          company_word_near(t, start, last, true);
    }
    switch (field) {
      case 0:
        c.weight = 3.0;
        break;  // title
      case 1:
        c.weight = 2.0;
        break;  // lead
      default:
        // Body: earlier mentions weigh more, from 1 down to 0.5.
        c.weight = 1.0 - 0.5 * (field_bytes == 0 ? 0.0
                                                 : static_cast<double>(t.tokens[start].begin) /
                                                       static_cast<double>(field_bytes));
        break;
    }
    c.order = (static_cast<std::uint64_t>(field) << 32) | start;
    out.push_back(c);
  }
}

void CompanyGazetteer::Impl::scan_tag(std::string_view tag, std::uint64_t order,
                                      std::vector<Candidate>& out) const {
  NameTokens t;
  detail::tokenize_names(tag, t);
  if (t.tokens.empty()) return;
  auto it = names.find(t.folded);
  if (it == names.end()) return;
  for (const Variant& v : it->second) {
    if (v.company == kBlocked || v.article >= 0) return;
    // An editor's tag names the company, whatever its case, unless the name is
    // also an ordinary word (a tag `meta` or `sky` is not a company).
    if ((v.markers & kAmbiguous) && !v.pattern.matches(t, 0)) continue;
    Candidate c;
    c.company = v.company;
    c.strong = true;
    c.weight = 2.0;
    c.order = order;
    out.push_back(c);
    return;
  }
}

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

std::size_t CompanyGazetteer::size() const {
  return impl_->companies.size();
}

}  // namespace segugio::facets
