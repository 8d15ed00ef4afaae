#include "company_impl.h"

namespace segugio::facets {

using namespace detail;

namespace {

// `il repository di github`, `il gruppo telegram`: a one-word name that is no
// ordinary word (no ambiguity marker in the data) names its company in lower
// case too, when it is long enough not to be an abbreviation (`ibm` stays a
// capitals-only match, `github` does not) and has no capital at all (`pagoPA`
// is the platform's own spelling, not the company's name in lower case).
bool lower_case_brand(const Variant& v, const NameTokens& t, std::size_t i) {
  if (v.pattern.words.size() != 1 || (v.markers & (kAmbiguous | kLookupOnly)) != 0 ||
      v.article >= 0)
    return false;
  const NameToken& w = t.tokens[i];
  return w.all_lower && !w.technical && !w.accented && w.letters >= 5;
}

// `Cassa depositi e prestiti`, `Poste italiane`: a name of two words or more,
// no ordinary word, written in sentence case (its first word capitalised,
// the capitalised words after it in lower case), as Italian prose often
// writes the names of companies and institutions.
bool sentence_case_name(const Variant& v, const NameTokens& t, std::size_t i) {
  const auto& words = v.pattern.words;
  if (words.size() < 2 || (v.markers & (kAmbiguous | kLookupOnly)) != 0 || v.article >= 0 ||
      !v.name_form || words[0].rule != detail::CaseRule::initial_upper)
    return false;
  const NameToken& first = t.tokens[i];
  if (!first.first_upper || first.all_upper || first.technical || (first.accented && !words[0].accented))
    return false;
  bool lowered = false;
  for (std::size_t k = 1; k < words.size(); ++k) {
    const NameToken& w = t.tokens[i + k];
    if (w.technical || w.sentence != first.sentence || (w.accented && !words[k].accented))
      return false;
    if (words[k].rule == detail::CaseRule::initial_upper) {
      if (!w.all_lower) return false;
      lowered = true;
    } else if (words[k].rule == detail::CaseRule::all_upper && !w.all_upper) {
      return false;
    }
  }
  return lowered;
}

// `il gruppo telegram`, `il canale slack`: a platform (`&`) in lower case right
// after a word for a place on it names the platform, even when its name is
// also an ordinary word.
bool channel_platform(const Variant& v, const NameTokens& t, std::size_t i) {
  if (v.pattern.words.size() != 1 || (v.markers & kPlatform) == 0 ||
      (v.markers & kLookupOnly) != 0 || v.article >= 0 || i == 0)
    return false;
  const NameToken& w = t.tokens[i];
  if (!w.all_lower || w.technical || w.accented || t.tokens[i - 1].sentence != w.sentence)
    return false;
  const std::string_view before = t.word(i - 1);
  for (std::string_view place : {"gruppo", "gruppi", "canale", "canali", "pagina", "profilo",
                                 "account", "chat", "server", "workspace"})
    if (before == place) return true;
  return false;
}

// Particles between a first name and a surname: `Leonardo da Vinci`.
constexpr std::array<std::string_view, 9> kNameParticles = {"da",  "de",  "del", "di", "van",
                                                            "von", "der", "dos", "du"};

// `i software su Acme`, `il tool con Acme`: a preposition between a product
// word and the name makes the name a place or a partner, not the product.
bool place_preposition(std::string_view w) {
  for (std::string_view p : {"su", "sul", "sulla", "sui", "sugli", "sulle", "con", "col", "tra",
                             "fra", "in", "nel", "nella", "nei", "negli", "nelle"})
    if (w == p) return true;
  return false;
}

// `ad esempio`, `simile ad Acme`: the preposition `a` before a vowel, not the
// `ad` (amministratore delegato) of `l'ad di Acme` or `l'AD Mario Rossi`,
// which an elided article precedes or capitals write.
bool preposition_ad(const NameTokens& t, std::size_t k) {
  if (t.word(k) != "ad" || t.tokens[k].all_upper) return false;
  if (k > 0 && t.tokens[k - 1].elided && t.tokens[k - 1].sentence == t.tokens[k].sentence)
    return false;
  if (k + 1 >= t.tokens.size() || t.tokens[k + 1].sentence != t.tokens[k].sentence) return false;
  const std::string_view next = t.word(k + 1);
  return !next.empty() && std::string_view("aeiou").find(next.front()) != std::string_view::npos;
}

}  // namespace

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

bool CompanyGazetteer::Impl::software_word(const NameTokens& t, std::size_t k) const {
  const std::uint32_t sentence = t.tokens[k].sentence;
  for (std::size_t j = k + 1; j < t.tokens.size() && j <= k + 2; ++j) {
    if (t.tokens[j].sentence != sentence) return false;
    const std::string_view w = t.word(j);
    if (software_after.contains(w)) return true;
    if (w != "di" && w != "dei" && w != "delle" && w != "degli" && w != "del" && w != "della")
      return false;
  }
  return false;
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
    // A word of code is no prose: `systemctl start acme` names no startup.
    if (t.tokens[k].technical) continue;
    if (preposition_ad(t, k)) continue;
    if (company_words.contains(t.word(k)) && !software_word(t, k)) return true;
    if (deeds && company_deeds.contains(t.word(k))) return true;
  }
  return false;
}

bool CompanyGazetteer::Impl::word_before(const WordSet& words, const NameTokens& t,
                                        std::size_t first, std::size_t window) const {
  // A comma ends the phrase: `dalla versione 8, Acme ha ...` is no `versione Acme`.
  for (std::size_t k = first; k > 0 && first - k < window && !t.tokens[k].comma_before; --k)
    if (t.tokens[k - 1].sentence == t.tokens[first].sentence && words.contains(t.word(k - 1)))
      return true;
  return false;
}

bool CompanyGazetteer::Impl::channel(const NameTokens& t, std::size_t first) const {
  return word_before(channel_before, t, first, 2);
}

bool CompanyGazetteer::Impl::titled(const NameTokens& t, std::size_t first,
                                    std::size_t last) const {
  const std::uint32_t sentence = t.tokens[first].sentence;
  // `Engineering Manager`: a capitalised title word right after the name.
  if (last < t.tokens.size() && t.tokens[last].sentence == sentence &&
      t.tokens[last].space_before && t.tokens[last].first_upper &&
      title_after.contains(t.word(last)))
    return true;
  // `premio Wise Turtle`, `Commissario straordinario per l'Agenda Digitale`:
  // walk back over articles, `per` and one qualifier (`straordinario`) to a
  // title word. Any other word between makes the title word someone else's:
  // `i progetti con Acme` is no programme named Acme.
  constexpr std::size_t kWindow = 4;
  bool qualifier = false;
  for (std::size_t k = first, steps = 0; k > 0 && steps < kWindow; ++steps) {
    --k;
    if (t.tokens[k].sentence != sentence) return false;
    // `il Ministero, Google e Acme`: a comma ends the title's phrase.
    if (t.tokens[k + 1].comma_before) return false;
    const std::string_view w = t.word(k);
    if (title_before.contains(w)) return true;
    if (article_index(w) >= 0 || w == "per") continue;
    // `il CEO di Acme`: an employer, not a title.
    if (w == "di" || w == "del" || w == "della" || w == "dell" || w == "dello" || w == "dei" ||
        w == "degli" || w == "delle" || w == "of" || w == "at" || w == "presso")
      return false;
    // `con`, `e`: another phrase.
    if (qualifier || t.tokens[k].letters < 4 || t.tokens[k].first_upper) return false;
    qualifier = true;
  }
  return false;
}

bool CompanyGazetteer::Impl::event_name(const NameTokens& t, std::size_t last) const {
  // `Acme Workshop Fest`, `Acme European Financials Conference`: capitalised
  // words after the name that end in an event word make it an event's name.
  constexpr std::size_t kWindow = 4;
  const std::uint32_t sentence = t.tokens[last - 1].sentence;
  for (std::size_t k = last; k < t.tokens.size() && k < last + kWindow; ++k) {
    const NameToken& w = t.tokens[k];
    if (w.sentence != sentence || !w.space_before || !w.first_upper) return false;
    if (event_after.contains(t.word(k))) return true;
  }
  return false;
}

bool CompanyGazetteer::Impl::credited(const NameTokens& t, std::size_t first,
                                      std::size_t last) const {
  // A credit, the article's source header: `(ANSA)`, `ANSA/Reuters`. An
  // outlet named in a sentence (`ha detto al Financial Times`, `secondo
  // Reuters`) is an organisation the article names: it counts.
  return (t.tokens[first].paren_before && t.tokens[last - 1].paren_after) ||
         t.tokens[last - 1].slash_after;
}

// `la Commissione Bilancio, Poste e Lavori pubblici`, `la Commissione
// Agenda Digitale`: the name at `start` is one of the capitalised subjects
// listed (commas, `e`) right after the capitalised name of a public body.
bool CompanyGazetteer::Impl::subject_of_body(const NameTokens& t, std::size_t start) const {
  constexpr std::size_t kMostWords = 6;
  if (start == 0) return false;
  const std::uint32_t sentence = t.tokens[start].sentence;
  // An item of the list: after a comma, after `e`, or first after the body.
  const std::string_view before = t.word(start - 1);
  const bool item = (!t.tokens[start].space_before && !t.tokens[start].paren_before) ||
                    and_word(before) || subject_bodies.contains(before);
  if (!item) return false;
  for (std::size_t k = start; k > 0 && start - k < kMostWords; --k) {
    const NameToken& prev = t.tokens[k - 1];
    if (prev.sentence != sentence) return false;
    const std::string_view w = t.word(k - 1);
    // The body's name goes on after a space (`Ministero, Google e Acme` lists parties).
    if (prev.first_upper && subject_bodies.contains(w)) return t.tokens[k].space_before;
    if (!prev.first_upper && !and_word(w)) return false;
  }
  return false;
}

const Variant* CompanyGazetteer::Impl::match_at(const NameTokens& t, std::size_t i,
                                                std::size_t most, std::size_t& length) const {
  const std::uint32_t sentence = t.tokens[i].sentence;
  for (std::size_t n = most; n >= 1; --n) {
    auto it = names.find(t.span(i, i + n));
    if (it == names.end()) continue;
    // A spelling the data writes first (`pagoPA`, the product, for `pagopa`),
    // then a brand in lower case (`github`, `il gruppo telegram`).
    for (const bool as_written : {true, false})
      for (const Variant& v : it->second) {
        if (v.pattern.words.size() != n) continue;
        if (as_written ? !v.pattern.matches(t, i)
                       : !lower_case_brand(v, t, i) && !channel_platform(v, t, i) &&
                             !sentence_case_name(v, t, i))
          continue;
        if (v.article >= 0) {
          if (i == 0 || t.tokens[i - 1].sentence != sentence) continue;
          const auto& forms = kArticleForms[static_cast<std::size_t>(v.article)];
          if (std::find(forms.begin(), forms.end(), t.word(i - 1)) == forms.end()) continue;
        }
        length = n;
        return &v;
      }
  }
  return nullptr;
}

void CompanyGazetteer::Impl::scan(const NameTokens& t, int field, std::size_t field_bytes,
                                  std::vector<Candidate>& out) const {
  const std::size_t size = t.tokens.size();
  const std::size_t first_out = out.size();
  // Per candidate of this field: its first token and whether it is an item of
  // a list (`Aruba, Sielte, Register e altri`).
  std::vector<std::pair<std::size_t, bool>> items;
  std::size_t matched_until = 0;  // tokens before this belong to a match
  std::size_t matched_before = 0;  // the same, before the current match
  // A capitalised word right before token i that is not a name we know:
  // `Times Square`, `Enzo Ferrari`. A capital that opens the sentence says
  // nothing (`Secondo Meta`), unless the word is an acronym (`GNOME Shell`);
  // one that opens a quotation in mid-sentence does (`la rubrica "Diario
  // Politico"`).
  auto capitalised_before = [&](std::size_t i) {
    if (i == 0 || i - 1 < matched_before) return false;
    const NameToken& prev = t.tokens[i - 1];
    const NameToken& cur = t.tokens[i];
    return cur.space_before && prev.sentence == cur.sentence && prev.first_upper &&
           (!prev.sentence_start || prev.quote_start || (prev.all_upper && prev.letters >= 2)) &&
           !t.sentences[cur.sentence].capitals_uninformative;
  };
  for (std::size_t i = 0; i < size; ++i) {
    auto first = first_words.find(t.word(i));
    if (first == first_words.end()) continue;
    const std::uint32_t sentence = t.tokens[i].sentence;
    std::size_t most = std::min(first->second, size - i);
    while (most > 1 && t.tokens[i + most - 1].sentence != sentence) --most;

    std::size_t n = 0;
    const Variant* found = match_at(t, i, most, n);
    if (!found) continue;
    const std::size_t last = i + n;  // one past the name
    const std::size_t start = i;
    matched_before = matched_until;
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
    if (company.outlet && credited(t, start, last)) continue;  // `(ANSA)`
    // A URL, an e-mail address or a code span is not prose: `github.com/acme`.
    bool technical = false;
    for (std::size_t k = start; k < last; ++k) technical = technical || t.tokens[k].technical;
    if (technical) continue;
    if (!has_legal_form && titled(t, start, last)) continue;  // `premio Wise Turtle`
    if (!has_legal_form && event_name(t, last)) continue;  // `Acme Workshop Fest`
    // `Fondazione Acme`, `l'Istituto Acme`: part of an institution's name.
    if (!has_legal_form && start > 0 && t.tokens[start].space_before &&
        t.tokens[start - 1].sentence == sentence &&
        institution_before.contains(t.word(start - 1)))
      continue;
    if (!has_legal_form && subject_of_body(t, start)) continue;  // `Commissione Bilancio, Poste`

    // `Windows`, `Big G`: a product or an epithet is not the company named.
    if (!found->name_form) continue;
    Candidate c;
    c.company = found->company;
    c.written = &found->written;
    // A platform named as a channel (`un post su Instagram`, `il gruppo
    // Telegram`) is named all the same: readers label it.
    if ((m & kAmbiguous) == 0 || has_legal_form) {
      c.strong = true;
    } else if (found->own_name && word_before(product_before, t, start, 2) &&
               !place_preposition(t.word(start - 1))) {
      c.strong = false;  // `utilizzando Proton`: a product in use, not its namesake company
    } else if (m & kWeak) {
      c.strong = company_word_near(t, start, last, false);
    } else {
      // Inside a longer run of capitalised words the name is part of another
      // one, whatever the words around it: `Times Square`, `Wise Turtle`,
      // `Platform Engineering`.
      // A platform that is also a word names a place on it before a
      // capitalised name (`Slack Developers`, `Telegram Linux Italia`).
      const bool place_on_platform = (m & kPlatform) && (m & kAmbiguous) == kWord;
      const bool capitalised_after = last < size && t.tokens[last].sentence == sentence &&
                                     t.tokens[last].space_before && t.tokens[last].first_upper &&
                                     !place_on_platform;
      // An acronym of two or three capitals (`BT`, `RL`) is written so
      // whatever it means: its capitals are no evidence.
      const bool short_acronym = n == 1 && found->pattern.words[0].rule == detail::CaseRule::all_upper &&
                                 found->pattern.words[0].letters <= 3;
      if (capitalised_after || capitalised_before(start))
        c.strong = false;
      else
        c.strong = (t.capital_informative(start) && !short_acronym) ||
                   company_word_near(t, start, last, !short_acronym);
    }
    c.word_like = !has_legal_form && (m & kWeak) != 0;
    c.weight = mention_weight(t, field, field_bytes, start);
    c.order = (static_cast<std::uint64_t>(field) << 32) | start;
    out.push_back(c);
    // A separator other than spaces (a comma) between the name and a
    // neighbour in its sentence, or `e` and a capitalised word after it...
    const auto separated = [&](std::size_t k) {  // between tokens k - 1 and k
      return k > 0 && k < size && t.tokens[k].sentence == t.tokens[k - 1].sentence &&
             !t.tokens[k].space_before && !t.tokens[k].paren_before;
    };
    const bool and_next = last + 1 < size && t.tokens[last + 1].sentence == sentence &&
                          and_word(t.word(last)) &&
                          t.tokens[last + 1].first_upper;
    // ...or `e` after a capitalised word before it: the last item of `Acme,
    // Beta e Tim`.
    const bool and_before = start >= 2 && t.tokens[start - 2].sentence == sentence &&
                            and_word(t.word(start - 1)) &&
                            t.tokens[start - 2].first_upper;
    items.emplace_back(start, separated(start) || separated(last) || and_next || and_before);
  }
  // In a list of companies (two other items of a list, near it, named
  // without doubt), a name that needs evidence has it: `gestori: Aruba,
  // In.Te.S.A., InfoCert, Register, Sielte` (the list may cross what the
  // tokeniser takes for a sentence end: `S.A.,`).
  constexpr std::size_t kListWindow = 8;
  for (std::size_t a = 0; a < items.size(); ++a) {
    Candidate& c = out[first_out + a];
    if (c.strong || !items[a].second) continue;
    std::vector<std::uint32_t> others;
    for (std::size_t b = 0; b < items.size(); ++b) {
      const Candidate& o = out[first_out + b];
      const std::size_t distance = items[b].first > items[a].first ? items[b].first - items[a].first
                                                                   : items[a].first - items[b].first;
      if (b != a && o.strong && items[b].second && distance <= kListWindow &&
          o.company != c.company &&
          std::find(others.begin(), others.end(), o.company) == others.end())
        others.push_back(o.company);
    }
    c.strong = others.size() >= 2;
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
    if (!v.name_form) return;  // a tag `ubuntu` names the product, not Canonical
    Candidate c;
    c.written = &v.written;
    c.company = v.company;
    c.strong = true;
    c.weight = 2.0;
    c.order = order;
    out.push_back(c);
    return;
  }
}

}  // namespace segugio::facets
