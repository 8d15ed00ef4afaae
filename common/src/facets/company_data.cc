#include "company_impl.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

#include "data_lines.h"
#include "segugio/core/error.h"

namespace segugio::facets {

using namespace detail;

namespace {

// `microsoft corp` and `microsoft`, `cdp` and `cassa depositi e prestiti`,
// `pagopa` and `pagopa`: the same first word, or the initials of the
// canonical name's words (small words left out or not: `e`, `di`, and the
// articulated prepositions, so `ipzs` is `istituto poligrafico e zecca dello
// stato`).
bool small_word(std::string_view w) {
  static constexpr std::array<std::string_view, 5> kArticulated = {"dello", "della", "delle",
                                                                   "degli", "dell"};
  return w.size() <= 3 || std::find(kArticulated.begin(), kArticulated.end(), w) != kArticulated.end();
}

std::string initials(std::string_view words, bool long_words_only) {
  std::string out;
  std::size_t start = 0;
  while (start < words.size()) {
    std::size_t end = words.find(' ', start);
    if (end == std::string_view::npos) end = words.size();
    const std::string_view w = words.substr(start, end - start);
    if (!w.empty() && (!long_words_only || !small_word(w))) out += w.front();
    start = end + 1;
  }
  return out;
}

bool has_word(std::string_view words, std::string_view word) {
  std::size_t start = 0;
  while (start <= words.size()) {
    std::size_t end = words.find(' ', start);
    if (end == std::string_view::npos) end = words.size();
    if (words.substr(start, end - start) == word) return true;
    start = end + 1;
  }
  return false;
}

// Whether the words of `alias` are words of `name` in the same order, one of
// them not a small word.
bool some_words_of(std::string_view alias, std::string_view name) {
  std::vector<std::string_view> words;
  for_each_item(name, ' ', [&](std::string_view w) { words.push_back(w); });
  std::size_t next = 0;
  bool long_word = false;
  bool all = true;
  for_each_item(alias, ' ', [&](std::string_view w) {
    while (next < words.size() && words[next] != w) ++next;
    if (next == words.size()) all = false;
    else ++next;
    long_word = long_word || !small_word(w);
  });
  return all && long_word;
}

// `microsoft corp` and `microsoft`, `google deepmind` and `deepmind`, `cdp`
// and `cassa depositi e prestiti`, `amazon web services` and `aws`: the
// alias holds the canonical name's first word, or some of its words in order
// (`zecca dello stato`), or one is the initials of the other (small words left
// out or not).
bool is_name_form(std::string_view alias, std::string_view canonical) {
  std::string_view first = canonical.substr(0, canonical.find(' '));
  // `Il Sole 24 Ore`, `The Verge`: the name's first word is the one after its
  // article (`Sole 24 Ore` is a form of the name).
  if ((article_index(first) >= 0 || first == "the") && first.size() < canonical.size()) {
    const std::string_view rest = canonical.substr(first.size() + 1);
    first = rest.substr(0, rest.find(' '));
  }
  if (has_word(alias, first)) return true;
  // `zecca dello stato` for the Istituto Poligrafico e Zecca dello Stato,
  // `hynix` for SK Hynix: the alias is some of the name's words, in order.
  if (some_words_of(alias, canonical)) return true;
  // `Wind` for WindTre.
  const std::string_view alias_first = alias.substr(0, alias.find(' '));
  if (alias_first.size() >= 3 && first.substr(0, alias_first.size()) == alias_first) return true;
  const auto acronym_of = [](std::string_view a, std::string_view b) {
    return a.find(' ') == std::string_view::npos && a.size() >= 2 &&
           (a == initials(b, false) || a == initials(b, true));
  };
  return acronym_of(alias, canonical) || acronym_of(canonical, alias);
}

}  // namespace

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
  v.own_name = company != kBlocked && name == companies[company].name;
  v.written = std::string(name);
  // `PagoPA S.p.A.` is written `PagoPA` as a value: a legal form is no part of
  // it; but a canonical name is the value as it is (`TI Trust Technologies`,
  // `In.Te.S.A.`).
  for (std::size_t n = std::min(legal_max_words, tokens.tokens.size() - 1); n >= 1 && !v.own_name;
       --n)
    if (legal.count(std::string(tokens.span(tokens.tokens.size() - n, tokens.tokens.size())))) {
      v.written = std::string(text::trim(name.substr(0, tokens.tokens[tokens.tokens.size() - n].begin)));
      while (!v.written.empty() && (v.written.back() == ',' || v.written.back() == ' '))
        v.written.pop_back();
      break;
    }
  if (company != kBlocked) {
    const std::string& canonical = companies[company].name;
    // `pagoPA` beside `PagoPA`: the lower-case spelling is the product (an
    // article before the name is no spelling: `il Corriere`).
    const std::size_t word = tokens.tokens.size() >= 2 && article_index(tokens.word(0)) >= 0 &&
                                     !tokens.tokens[0].first_upper
                                 ? 1
                                 : 0;
    const bool product_spelling = !tokens.tokens[word].first_upper && !canonical.empty() &&
                                  canonical[0] >= 'A' && canonical[0] <= 'Z';
    v.name_form = !product_spelling && is_name_form(tokens.folded, fold_name(canonical));
  }
  std::size_t first = 0;
  // `la Mela`: a lower-case article is a condition on the previous word.
  if (tokens.tokens.size() >= 2 && !tokens.tokens[0].first_upper) {
    const int a = article_index(tokens.word(0));
    if (a >= 0) {
      v.article = static_cast<std::int8_t>(a);
      first = 1;
      // The value is the name without its article: `Corriere`, not `il Corriere`.
      v.written = std::string(name.substr(tokens.tokens[1].begin));
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
  std::vector<std::pair<std::uint32_t, std::pair<std::string, std::size_t>>> owners;
  detail::for_each_data_line(text, [&](std::string_view line, std::size_t number) {
    if (line.empty() || line.front() == '#') return;
    std::array<std::string_view, 3> cols;
    std::size_t count = 0;
    std::size_t start = 0;
    for (;;) {
      const std::size_t tab = line.find('\t', start);
      const std::string_view col =
          line.substr(start, tab == std::string_view::npos ? line.npos : tab - start);
      if (count < cols.size()) cols[count] = text::trim(col);
      ++count;
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    if (count != 3)
      throw DataError("companies.tsv line " + std::to_string(number) +
                      ": expected canonical<TAB>flags<TAB>aliases, found " + std::to_string(count) +
                      " columns");
    bool outlet = false, block = false;
    std::string owner;
    if (cols[1] != "-") {
      detail::for_each_item(cols[1], ',', [&](std::string_view flag) {
        if (flag.substr(0, 3) == "of=")
          owner = std::string(flag.substr(3));
        else if (flag == "outlet")
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
      if (!owner.empty()) owners.push_back({index, {owner, number}});
      companies.push_back(std::move(c));
      add_alias(cols[0], index, number);
    }
    if (cols[2] != "-")
      detail::for_each_item(cols[2], '|',
                            [&](std::string_view alias) { add_alias(alias, index, number); });
  });
  // `of=Microsoft`: the owner is another line's canonical name.
  for (const auto& [company, owner] : owners) {
    const auto it = lookup.find(detail::fold_name(owner.first));
    if (it == lookup.end() || companies[it->second].name != owner.first)
      throw DataError("companies.tsv line " + std::to_string(owner.second) + ": owner '" +
                      owner.first + "' is no company's canonical name");
    companies[company].owner = it->second;
  }
  // `Ibm`, `Mps`, `Amd`: Italian newspapers write an acronym as a word with one
  // capital. An acronym of three to five capitals that is no ordinary word
  // (no marker) is found so written too, as a name that is also a word (`~`):
  // in mid-sentence, or with other evidence. Not when the data spells that
  // form already (`%Tim` for TIM).
  for (auto& [key, variants] : names) {
    if (variants.empty() || variants.front().company == kBlocked) continue;
    const Variant& v = variants.front();
    const bool acronym = v.pattern.words.size() == 1 && v.markers == 0 && v.article < 0 &&
                         v.pattern.words[0].rule == detail::CaseRule::all_upper &&
                         v.pattern.words[0].letters >= 3 && v.pattern.words[0].letters <= 5;
    const bool spelled = std::any_of(variants.begin(), variants.end(), [](const Variant& o) {
      return o.pattern.words.size() != 1 || o.pattern.words[0].rule != detail::CaseRule::all_upper;
    });
    if (!acronym || spelled) continue;
    Variant word = v;
    word.markers = kWord;
    word.pattern.words[0].rule = detail::CaseRule::initial_upper;
    variants.push_back(std::move(word));
  }
}

void CompanyGazetteer::Impl::parse_context(std::string_view text) {
  WordSet* words = nullptr;
  bool in_legal = false;
  // A section of phrases (`casa editrice`, `in collaborazione con`).
  StringMap<std::size_t>* phrases = nullptr;
  std::size_t* phrases_max_words = nullptr;
  detail::for_each_data_line(text, [&](std::string_view line, std::size_t number) {
    if (const std::size_t hash = line.find('#'); hash != std::string_view::npos)
      line = text::trim(line.substr(0, hash));
    if (line.empty()) return;
    if (line.front() == '[') {
      in_legal = false;
      phrases = nullptr;
      words = nullptr;
      if (line == "[legal]")
        in_legal = true;
      else if (line == "[company]")
        words = &company_words;
      else if (line == "[company-deed]")
        words = &company_deeds;
      else if (line == "[attribution-before]")
        words = &attribution_before;
      else if (line == "[sentence-adverb]")
        words = &sentence_adverbs;
      else if (line == "[channel-before]")
        words = &channel_before;
      else if (line == "[title-before]")
        words = &title_before;
      else if (line == "[title-after]")
        words = &title_after;
      else if (line == "[product-before]")
        words = &product_before;
      else if (line == "[software-after]")
        words = &software_after;
      else if (line == "[cue-of]")
        words = &cue_of;
      else if (line == "[not-company]")
        words = &not_company;
      else if (line == "[institution-before]")
        words = &institution_before;
      else if (line == "[subject-body]")
        words = &subject_bodies;
      else if (line == "[event-after]")
        words = &event_after;
      else if (line == "[family-before]")
        words = &family_before;
      else if (line == "[cue-interview]")
        words = &cue_interview;
      else if (line == "[cue-before]")
        phrases = &cue_before, phrases_max_words = &cue_before_max_words;
      else if (line == "[cue-list]")
        phrases = &cue_list, phrases_max_words = &cue_list_max_words;
      else if (line == "[cue-partner]")
        phrases = &cue_partner, phrases_max_words = &cue_partner_max_words;
      else if (line == "[cue-venue]")
        phrases = &cue_venue, phrases_max_words = &cue_venue_max_words;
      else
        throw DataError("company-context-it.txt line " + std::to_string(number) +
                        ": unknown section " + std::string(line));
      return;
    }
    if (phrases) {
      const std::string folded = detail::fold_name(line);
      const std::size_t count = 1 + static_cast<std::size_t>(
                                        std::count(folded.begin(), folded.end(), ' '));
      phrases->emplace(folded, count);
      *phrases_max_words = std::max(*phrases_max_words, count);
    } else if (in_legal) {
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
  std::size_t from = 0;
  if (to > 1 && (article_index(words[0]) >= 0 || words[0] == "the")) {
    if (auto c = find_words(1, to)) return c;
    from = 1;
  }
  // `Gruppo Acme`, `Acme Italia`: the group and its Italian branch are the
  // company, as the data makes `Gruppo TIM` TIM and `Microsoft Italia`
  // Microsoft.
  if (to - from > 1 && words[from] == "gruppo")
    if (auto c = find_words(from + 1, to)) return c;
  if (to - from > 1 && words[to - 1] == "italia")
    if (auto c = find_words(from, to - 1)) return c;
  return std::nullopt;
}

}  // namespace segugio::facets
