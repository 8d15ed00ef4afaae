// Open-world company detection: a capitalised name the gazetteer does not know
// is a company when the Italian words around it say so ("la startup Acme",
// "il CEO di Acme", "Acme, azienda di Torino", "Acme S.r.l."). The cue words
// are data (company-context-it.txt, sections [cue-before] and [cue-of]).
#include <algorithm>

#include "company_impl.h"
#include "segugio/analysis/analyzer.h"

namespace segugio::facets {

using namespace detail;

namespace {

constexpr std::size_t kMaxNameWords = 6;

// Lower-case words inside a name: `Cassa Depositi e Prestiti`, `Ferrovie dello
// Stato`.
bool name_connector(std::string_view w) {
  for (std::string_view c : {"di", "del", "della", "dello", "dei", "degli", "delle", "de", "e"})
    if (w == c) return true;
  return false;
}

// Legal forms that also close names of groups that are no companies
// (`Working Group`, `Users Groups`): not a cue for a name the gazetteer lacks.
bool weak_legal_form(std::string_view w) {
  for (std::string_view f : {"group", "groups", "technologies", "holding", "holdings", "co", "se",
                             "sa", "kk", "limited"})
    if (w == f) return true;
  return false;
}

// `italiana`, `torinese`, `statunitense`, `americano`, `britannica`,
// `lombarda`, `trentina`, `spagnola`, `europea`, `polacca`: an adjective of
// origin between a cue and the name ("la startup milanese Acme").
bool origin_adjective(std::string_view w) {
  // ...or of kind: `il gruppo bancario Acme`, `il gruppo editoriale Acme`, `la
  // società informatica Acme`, `la compagnia assicurativa Acme`.
  for (std::string_view end : {"ese", "ana", "ano", "ense", "ica", "ico", "esca", "esco", "arda",
                               "ardo", "ina", "ino", "ola", "olo", "ea", "eo", "cca", "cco",
                               "ario", "aria", "ale", "iva", "ivo"})
    if (w.size() > end.size() + 2 && w.substr(w.size() - end.size()) == end) return true;
  return false;
}

// `italiane`, `tecnologiche`, `aggiudicatarie`: a plural adjective of origin
// or kind after a plural cue (`le aziende italiane Acme e Beta`).
bool origin_adjective_plural(std::string_view w) {
  for (std::string_view end : {"esi", "ane", "ani", "ensi", "iche", "ici", "esche", "eschi",
                               "arde", "ardi", "ine", "ini", "ole", "oli", "ee", "ei", "cche",
                               "cchi", "arie", "ari", "ali", "ive", "ivi"})
    if (w.size() > end.size() + 2 && w.substr(w.size() - end.size()) == end) return true;
  return false;
}

// `Acme, nota azienda`, `Acme, storica casa editrice`: the adjectives that may
// stand between the comma and the cue.
bool known_adjective(std::string_view w) {
  for (std::string_view a : {"nota", "noto", "celebre", "famosa", "famoso", "storica", "storico",
                             "giovane", "grande", "piccola", "piccolo", "nuova", "nuovo",
                             "importante", "principale", "prima", "primo", "ex"})
    if (w == a) return true;
  return false;
}

// Only a comma (and Markdown emphasis, `**Acme**, ...`) between the word
// before token `k` and token `k`.
bool comma_between(const NameTokens& t, std::string_view text, std::size_t k) {
  if (k == 0 || k >= t.tokens.size() || t.tokens[k].paren_before) return false;
  const std::string_view gap =
      text.substr(t.tokens[k - 1].end, t.tokens[k].begin - t.tokens[k - 1].end);
  bool comma = false;
  for (const char c : gap) {
    if (c == ',' && !comma)
      comma = true;
    else if (c != ' ' && c != '*' && c != '_')
      return false;
  }
  return comma;
}

// Only spaces between the word before token `k` and token `k`, or spaces and
// the bracket that opens a Markdown link's text: `la società [Acme](...)`
// names Acme as `la società Acme` does.
bool spaced_or_linked(const NameTokens& t, std::string_view text, std::size_t k) {
  if (t.tokens[k].space_before) return true;
  if (k == 0) return false;
  const std::string_view gap =
      text.substr(t.tokens[k - 1].end, t.tokens[k].begin - t.tokens[k - 1].end);
  return gap.size() >= 2 && gap.back() == '[' &&
         gap.find_first_not_of(' ') == gap.size() - 1;
}

bool preposition_of(std::string_view w) {
  for (std::string_view p : {"di", "del", "della", "dello", "dell", "da", "dal", "dalla", "dallo",
                             "dall", "of", "by"})
    if (w == p) return true;
  return false;
}

// `acquisita`, `controllato`: the cue words of [cue-of] that take `da` (by).
bool owning_participle(std::string_view w) {
  if (w.starts_with("delegat") || w.size() < 4) return false;
  const std::string_view end = w.substr(w.size() - 3);
  return end == "ata" || end == "ato" || end == "ita" || end == "ito";
}

bool capitals_at_least_half(const NameToken& w, std::string_view text) {
  int upper = 0, lower = 0;
  for (const char c : text.substr(w.begin, w.end - w.begin)) {
    if (c >= 'A' && c <= 'Z') ++upper;
    if (c >= 'a' && c <= 'z') ++lower;
  }
  return upper >= lower;
}

bool article_word(std::string_view w) {
  return article_index(w) >= 0 || w == "un" || w == "una" || w == "uno";
}

}  // namespace

// Whether a cue phrase starts at token k (`azienda`, `casa editrice`).
bool CompanyGazetteer::Impl::cue_phrase_at(const NameTokens& t, std::size_t k) const {
  for (std::size_t n = std::min(cue_before_max_words, t.tokens.size() - k); n >= 1; --n)
    if (t.tokens[k + n - 1].sentence == t.tokens[k].sentence &&
        cue_before.find(t.span(k, k + n)) != cue_before.end())
      return true;
  return false;
}

// `Acme è una startup`, `Acme (ACM) è la società che ...`, `Acme è un'azienda
// nota`: the name at `last` is followed (after an acronym in parentheses) by
// `è`, an article and a cue word, an adjective between them allowed.
bool CompanyGazetteer::Impl::copula_cue(const NameTokens& t, std::size_t k,
                                        std::uint32_t sentence) const {
  const std::size_t size = t.tokens.size();
  if (k < size && t.tokens[k].paren_before && t.tokens[k].paren_after && t.tokens[k].all_upper)
    ++k;  // `Chi Paga (CP) è ...`
  if (k + 2 >= size || t.tokens[k].sentence != sentence || t.word(k) != "e" ||
      !t.tokens[k].accented)
    return false;
  const std::string_view a = t.word(k + 1);
  if (t.tokens[k + 1].first_upper || !(article_word(a) && a != "i" && a != "gli" && a != "le"))
    return false;
  k += 2;
  if (k + 1 < size && !t.tokens[k].first_upper && known_adjective(t.word(k))) ++k;
  // `MadeIT è un marchio che ...`: a label is a brand by law, not an
  // organisation the article names.
  if (t.word(k) == "marchio" || t.word(k) == "brand") return false;
  return t.tokens[k].sentence == sentence && !t.tokens[k].first_upper && cue_phrase_at(t, k);
}

// Words of a cue phrase ending at token j (`la startup`, `casa editrice`), 0
// when none. A cue is written in lower case: `Gruppo` may open a name.
std::size_t CompanyGazetteer::Impl::cue_name_before(const NameTokens& t, std::size_t j) const {
  return phrase_before(cue_before, cue_before_max_words, t, j);
}

// One past the last word of a capitalised name starting at `first`, or
// `first` when no name starts there: up to four capitalised words (or numbers
// after the first) separated by spaces, in the same sentence, not code, not a
// legal form (`Acme S.p.A.` is the name `Acme`).
std::size_t CompanyGazetteer::Impl::name_run(const NameTokens& t, std::size_t first) const {
  const std::size_t size = t.tokens.size();
  if (first >= size) return first;
  const std::uint32_t sentence = t.tokens[first].sentence;
  if (t.sentences[sentence].capitals_uninformative) return first;  // a Title Case headline
  std::size_t k = first;
  for (; k < size && k - first < kMaxNameWords; ++k) {
    const NameToken& w = t.tokens[k];
    if (w.sentence != sentence || w.technical) break;
    if (k > first && (!w.space_before || legal_form_at(t, k, sentence) > 0)) break;
    const bool number = w.letters == 0;
    if (k > first && !w.first_upper && !number && name_connector(t.word(k)) && k + 1 < size &&
        t.tokens[k + 1].first_upper && t.tokens[k + 1].sentence == sentence &&
        t.tokens[k + 1].space_before && k + 1 - first < kMaxNameWords)
      continue;  // `Cassa Depositi e Prestiti`
    if (!(w.first_upper || (number && k > first))) break;
    if (w.letters == 1 && !number) break;  // `E`, `A`: a letter, not a name
    if (t.tokens[k].elided) break;         // `Dell'`
  }
  // A name does not end in a connector (`Acme e` before a lower-case word).
  while (k > first + 1 && name_connector(t.word(k - 1))) --k;
  return k;
}

void CompanyGazetteer::Impl::add_cued(const NameTokens& t, std::string_view text, int field,
                                      std::size_t first, std::size_t last,
                                      std::vector<detail::FoundName>& learned,
                                      std::vector<Candidate>& out, bool teach) const {
  if (first >= last) return;
  // `Secondo Nikkei Asia, ...`, `Anche Acme, azienda ...`, `Ieri Acme S.p.A.
  // ha ...`: a word that opens the sentence is not part of the name when it is
  // a preposition, an attribution, a stopword or an adverb.
  if (t.tokens[first].sentence_start && !t.tokens[first].quote_start && last - first > 1 &&
      (attribution_before.contains(t.word(first)) || article_word(t.word(first)) ||
       analysis::is_stopword(t.word(first)) || sentence_adverbs.contains(t.word(first))))
    ++first;
  // `Chief Design Officer di PagoPA S.p.A.`, `Presidente di Acme Srl`: a
  // known name after a connector is the company; the words before are a title.
  // So is any name after a connector when the words before hold a job title
  // (`Global Technology Director di Acme`).
  bool title = false;
  for (std::size_t k = first + 1; k + 1 < last; ++k) {
    title = title || title_after.contains(t.word(k - 1)) || title_before.contains(t.word(k - 1));
    if (name_connector(t.word(k)) && !t.tokens[k].first_upper &&
        (title || find_company(t.span(k + 1, last)))) {
      first = k + 1;
      break;
    }
  }
  // `Infratel Italia Marco Rossi`, `Ferrovie dello Stato Italiane`: a known
  // name at the start is that company.
  for (std::size_t end = last - 1; end > first; --end)
    if (find_company(t.span(first, end)) && !t.tokens[end - 1].elided) {
      last = end;
      break;
    }
  // `Milano-Cortina 2026 Infratel Italia S.p.A.`: ...and a known name at the
  // end of an unknown run, the words before it another phrase's.
  if (!find_company(t.span(first, last)))
    for (std::size_t start = first + 1; start < last; ++start)
      if (t.tokens[start].first_upper && find_company(t.span(start, last))) {
        first = start;
        break;
      }
  const std::string_view key = t.span(first, last);
  if (not_company.contains(key)) return;  // `controllata dallo Stato`
  // `il fornitore SaaS`, `le aziende PaaS`: a service model written `XaaS`
  // (Software, Platform, Mobility as a Service) is a kind of firm.
  if (last - first == 1 && t.tokens[first].letters >= 4 && t.tokens[first].first_upper &&
      text.substr(t.tokens[first].end - 3, 3) == "aaS")
    return;
  // `le società ICT`, `le aziende PA`: two or three capitals after a cue word
  // name a sector more often than a company; a legal form must say so.
  const bool short_acronym = last - first == 1 && t.tokens[first].all_upper &&
                             t.tokens[first].letters <= 3;
  if (short_acronym && !(last < t.tokens.size() && legal_form_at(t, last, t.tokens[first].sentence) &&
                         !weak_legal_form(t.word(last))))
    return;
  Candidate c;
  c.strong = true;
  c.weight = mention_weight(t, field, text.size(), first);
  c.order = (static_cast<std::uint64_t>(field) << 32) | first;
  if (auto known = find_company(key)) {
    // A cue confirms a name the gazetteer knows too, unless the words before
    // make it a channel: `il nostro gruppo Telegram`.
    if (channel(t, first)) return;
    c.company = *known;
  } else {
    // `il CTO del Dipartimento per ...`, `il direttore dell'Agenzia ...`: the
    // name of a public body or an institution, cue or not.
    if (institution_before.contains(t.word(first)) || subject_bodies.contains(t.word(first)))
      return;
    // `Leonardo da Vinci`: a blocked phrase is no company, cue or not.
    if (auto b = this->names.find(key); b != this->names.end() && b->second.front().company == kBlocked)
      return;
    auto it = std::find_if(learned.begin(), learned.end(),
                           [&](const detail::FoundName& n) { return n.key == key; });
    if (it == learned.end()) {
      detail::FoundName found{std::string(key), {}, teach};
      // As written, spaces and line breaks between words made one space.
      const std::string_view span = text.substr(t.tokens[first].begin,
                                                t.tokens[last - 1].end - t.tokens[first].begin);
      for (const char ch : span) {
        const bool blank = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
        if (!blank)
          found.written += ch;
        else if (!found.written.empty() && found.written.back() != ' ')
          found.written += ' ';
      }
      it = learned.insert(learned.end(), std::move(found));
    } else if (teach) {
      it->taught = true;
    }
    c.company = static_cast<std::uint32_t>(companies.size() + (it - learned.begin()));
  }
  out.push_back(c);
}

// The names of the list starting at token `first` after a plural cue (`le
// aziende Acme, Beta e Gamma`); `Acme e Beta` are two names unless the
// gazetteer knows the whole (`Cassa Depositi e Prestiti`). A name the
// gazetteer knows is named; the others are companies only beside one it knows
// (`le aziende aggiudicatarie Acme, Fastweb e Tim`): after `le società` or
// `gli operatori` alone, capitalised words are as often kinds (`Utility e
// Telco`, `Tlc`) or learned societies, and a product in the list (`aziende
// Linux e Windows`) makes it a list of kinds. Returns one past the list's
// last word.
std::size_t CompanyGazetteer::Impl::add_cued_list(const NameTokens& t, std::string_view text,
                                                  int field, std::size_t first,
                                                  std::vector<detail::FoundName>& learned,
                                                  std::vector<Candidate>& out) const {
  constexpr std::size_t kMostItems = 8;
  const std::size_t size = t.tokens.size();
  const std::uint32_t sentence = t.tokens[first].sentence;
  std::vector<std::pair<std::size_t, std::size_t>> unknown;
  bool known = false;
  std::size_t next = first, end = first;
  for (std::size_t item = 0; item < kMostItems; ++item) {
    std::size_t last = name_run(t, next);
    if (last == next) break;
    const bool whole_known = find_company(t.span(next, last)).has_value();
    if (!whole_known) last = first_item_end(t, next, last);
    if (const auto variants = names.find(t.span(next, last));
        variants != names.end() &&
        std::none_of(variants->second.begin(), variants->second.end(),
                     [](const Variant& v) { return v.name_form; })) {
      // A product (`i produttori Android`, `aziende Linux e Windows`): the
      // list names kinds of firm, not companies.
      return end;
    } else if (find_company(t.span(next, last))) {
      known = true;
      add_cued(t, text, field, next, last, learned, out);
    } else {
      bool institution = false;
      for (std::size_t k = next; k < last; ++k) institution = institution || institutional(t.word(k));
      if (!institution) unknown.emplace_back(next, last);
    }
    end = last;
    const std::size_t after = last + legal_form_at(t, last, sentence);
    if (after < size && t.tokens[after].comma_before) {
      next = after;
    } else if (after + 1 < size && and_word(t.word(after))) {
      next = after + 1;
    } else {
      break;
    }
    if (next >= size || t.tokens[next].sentence != sentence || !t.tokens[next].first_upper ||
        t.tokens[next].technical)
      break;
  }
  if (known)
    for (const auto& [from, to] : unknown) add_cued(t, text, field, from, to, learned, out);
  return end;
}

void CompanyGazetteer::Impl::find_by_cues(const NameTokens& t, std::string_view text, int field,
                                          std::vector<detail::FoundName>& learned,
                                          std::vector<Candidate>& out) const {
  const std::size_t size = t.tokens.size();
  for (std::size_t j = 0; j < size; ++j) {
    const NameToken& w = t.tokens[j];
    // A cue word is followed by its name within two words (`il CEO di Acme`,
    // `la startup lombarda Acme`), or four after `in house` and an adjective
    // (`la società in house regionale Acme`): most words are followed by
    // none, and need no lookup.
    if (!w.first_upper && !w.technical && !(j + 1 < size && t.tokens[j + 1].first_upper) &&
        !(j + 2 < size && t.tokens[j + 2].first_upper) &&
        !(j + 4 < size && t.word(j + 1) == "in" && t.word(j + 2) == "house" &&
          (t.tokens[j + 3].first_upper || t.tokens[j + 4].first_upper)))
      continue;
    // `il CEO di Acme`, `acquisita da Acme` (`CEO` is written in capitals).
    // `da` (by) follows a participle of buying or owning: `l'amministratore
    // delegato di Acme`, not `delegato dalla Presidenza` (delegated by); `i
    // dipendenti di Acme`, not `dipendenti da Paesi terzi` (dependent on).
    const bool cue_of_here =
        j + 1 < size && cue_of.contains(t.word(j)) && preposition_of(t.word(j + 1)) &&
        !((t.word(j + 1).substr(0, 2) == "da" || t.word(j + 1) == "by") &&
          !owning_participle(t.word(j)));
    if (!cue_of_here && (w.first_upper || w.technical)) {
      // `Acme S.r.l.`, `Acme, azienda ...`: cues after a name, found at its
      // first word.
      if (!w.first_upper || (j > 0 && t.tokens[j - 1].first_upper && t.tokens[j].space_before &&
                             t.tokens[j - 1].sentence == w.sentence))
        continue;
      const std::size_t last = name_run(t, j);
      // `Il CEO di Acme`, `Secondo COO di Acme` opening a sentence: the run
      // of capitals holds a cue, which names what follows it.
      std::size_t inner = j + 1;
      while (inner + 1 < last && !(cue_of.contains(t.word(inner)) && preposition_of(t.word(inner + 1))))
        ++inner;
      if (inner + 1 < last) {
        j = inner - 1;
        continue;
      }
      if (last == j || last >= size || t.tokens[last].sentence != w.sentence) continue;
      // A lone capitalised word opening a sentence may be any word.
      const bool sentence_word = w.sentence_start && last == j + 1;
      if (t.tokens[last].space_before && legal_form_at(t, last, w.sentence) > 0 &&
          !weak_legal_form(t.word(last)) && !sentence_word) {
        add_cued(t, text, field, j, last, learned, out);
      } else if (comma_between(t, text, last)) {
        // `Acme, azienda ...`, `Acme, una startup ...`, `Acme, nota azienda
        // ...`; not `Inoltre, l'azienda ha ...` nor `Secondo Reuters, il
        // gruppo ...` (a definite article starts a new subject), nor `Acme -
        // gruppo di ...` in a list.
        std::size_t k = last;
        const std::string_view a = k < size ? t.word(k) : std::string_view();
        if ((a == "un" || a == "una" || a == "uno") && !sentence_word) ++k;
        if (k + 1 < size && !t.tokens[k].first_upper && known_adjective(t.word(k))) ++k;
        if (k < size && t.tokens[k].sentence == w.sentence && !t.tokens[k].first_upper &&
            cue_phrase_at(t, k))
          add_cued(t, text, field, j, last, learned, out);
      } else if (copula_cue(t, last, w.sentence) &&
                 !(sentence_word && (analysis::is_stopword(t.word(j)) ||
                                     sentence_adverbs.contains(t.word(j))))) {
        // `Acme è una startup ...`, `Acme (ACM) è la società che ...`.
        add_cued(t, text, field, j, last, learned, out);
      }
      j = last - 1;
      continue;
    }
    std::size_t next = j + 1;
    bool list = false;
    if (cue_of_here) {
      ++next;  // `controllata da Acme` (`la controllata Acme` below)
    } else if (phrase_before(cue_list, cue_list_max_words, t, j) > 0) {
      // `le aziende aggiudicatarie Acme, Beta e Gamma`.
      list = true;
      if (next < size && !t.tokens[next].first_upper && origin_adjective_plural(t.word(next)))
        ++next;
    } else if (cue_name_before(t, j) > 0) {
      // `la startup Acme`, `l'azienda torinese Acme`, `la società in-house
      // regionale Acme`.
      for (int modifier = 0; modifier < 2 && next < size && !t.tokens[next].first_upper;
           ++modifier) {
        if (next + 1 < size && t.word(next) == "in" && t.word(next + 1) == "house")
          next += 2;
        else if (origin_adjective(t.word(next)))
          ++next;
        else
          break;
      }
    } else {
      continue;
    }
    // The name follows the cue with only spaces (or a link's bracket) between:
    // not `startup, PMI`.
    if (next >= size || t.tokens[next].sentence != w.sentence || !t.tokens[next].first_upper ||
        !spaced_or_linked(t, text, next))
      continue;
    const std::size_t last =
        list ? add_cued_list(t, text, field, next, learned, out) : name_run(t, next);
    if (!list) add_cued(t, text, field, next, last, learned, out);
    if (last > next) j = last - 1;
  }
}

std::size_t CompanyGazetteer::Impl::phrase_before(const StringMap<std::size_t>& phrases,
                                                  std::size_t most, const NameTokens& t,
                                                  std::size_t j) {
  for (std::size_t n = std::min(most, j + 1); n >= 1; --n) {
    const std::size_t first = j + 1 - n;
    // A cue is written in lower case, but for an article opening the sentence
    // (`Le aziende Acme e Beta`).
    if (t.tokens[first].sentence != t.tokens[j].sentence ||
        (t.tokens[first].first_upper &&
         !(first < j && t.tokens[first].sentence_start && article_word(t.word(first)))))
      continue;
    if (phrases.find(t.span(first, j + 1)) != phrases.end()) return n;
  }
  return 0;
}

// `il Ministero`, `l'Università`, `la Regione`, `il progetto`: a word that
// opens the name of a public body, an institution or a programme.
bool CompanyGazetteer::Impl::institutional(std::string_view word) const {
  return institution_before.contains(word) || subject_bodies.contains(word) ||
         not_company.contains(word) || title_before.contains(word);
}

// `in collaborazione con Acme`, `collabora con Acme e Beta`, `gli sponsor
// Acme, Beta e Gamma`, `powered by Acme`, `presso Acme Group`: a relation
// names a partner that may be a company, a public body, a university or a
// person. A name the gazetteer knows is named (a strong mention); a name it
// does not know is a company only when written without an article (`con il
// Politecnico`, `con la NASA` are institutions), not in capitals alone
// (`AgID`, `INPS`), and not opening with an institution's word (`Agenzia`,
// `Fondazione`, `Ministero`); after `presso` (a place as often as a firm) it
// needs a legal form besides (`Acme Group`). The article alone says so: such a
// name is not taught to the collection.
void CompanyGazetteer::Impl::find_by_relations(const NameTokens& t, std::string_view text,
                                               int field, std::vector<detail::FoundName>& learned,
                                               std::vector<Candidate>& out) const {
  const std::size_t size = t.tokens.size();
  constexpr std::size_t kMostItems = 6;
  for (std::size_t j = 0; j + 1 < size; ++j) {
    // A name starts within three words (`partner tecnologico l'Acme`): checked
    // first, as most words are followed by none.
    bool name_near = false;
    for (std::size_t k = j + 1; k < size && k <= j + 3 && !name_near; ++k)
      name_near = t.tokens[k].first_upper;
    if (!name_near) continue;
    const bool partner = phrase_before(cue_partner, cue_partner_max_words, t, j) > 0;
    if (!partner && phrase_before(cue_venue, cue_venue_max_words, t, j) == 0) continue;
    const std::uint32_t sentence = t.tokens[j].sentence;
    std::size_t next = j + 1;
    // `partner tecnologico Acme`.
    if (partner && !t.tokens[next].first_upper && origin_adjective(t.word(next))) ++next;
    // Unknown names of the list, added at its end unless an item is a public
    // body or an institution: `con il Ministero, Edunet e Scuolab` lists
    // public partners, whatever their names.
    std::vector<std::pair<std::size_t, std::size_t>> unknown;
    bool institutional_list = false;
    for (std::size_t item = 0; item < kMostItems; ++item) {
      const bool with_article = next < size && article_index(t.word(next)) >= 0 &&
                                !t.tokens[next].first_upper;
      if (with_article) ++next;
      if (next >= size || t.tokens[next].sentence != sentence || !t.tokens[next].first_upper ||
          t.tokens[next].technical)
        break;
      if (item == 0 && !spaced_or_linked(t, text, next) && !with_article) break;
      std::size_t last = name_run(t, next);
      if (last == next) break;
      last = first_item_end(t, next, last);  // `Acme e Beta` are two names
      const std::string_view key = t.span(next, last);
      if (find_company(key)) {
        add_cued(t, text, field, next, last, learned, out, false);
      } else {
        // `NASA`, `AgID`: more capitals than small letters.
        const bool acronym = last == next + 1 && capitals_at_least_half(t.tokens[next], text);
        const bool legal_form = last < size && t.tokens[last].space_before &&
                           legal_form_at(t, last, sentence) > 0;
        // `Consorzio.IT`: the name goes on past the run (not into the address
        // of a link around it, `[Acme](https://...)`).
        const bool cut = last < size && t.tokens[last].sentence == sentence &&
                         !t.tokens[last].space_before && !t.tokens[last].comma_before &&
                         !t.tokens[last].paren_before && !t.tokens[last].technical;
        bool institution = false;
        for (std::size_t k = next; k < last; ++k) institution = institution || institutional(t.word(k));
        institutional_list = institutional_list || institution;
        // `Oltre`, `Anche`: a capitalised ordinary word after a line break,
        // written in lower case elsewhere (in prose: `acme.example` is an
        // address).
        bool word = last == next + 1 && analysis::is_stopword(key);
        for (std::size_t k = 0; k < size && last == next + 1 && !word; ++k)
          word = !t.tokens[k].first_upper && !t.tokens[k].technical && t.word(k) == key;
        if (!with_article && !acronym && !cut && !institution && !word && t.capital_informative(next) &&
            (partner || legal_form))
          unknown.emplace_back(next, last);
      }
      // A list goes on after a comma or `e`: `Acme, Beta e Gamma`.
      std::size_t after = last;
      if (legal_form_at(t, after, sentence) > 0) after += legal_form_at(t, after, sentence);
      if (after < size && t.tokens[after].sentence == sentence && t.tokens[after].comma_before) {
        next = after;
      } else if (after + 1 < size && and_word(t.word(after)) &&
                 t.tokens[after].sentence == sentence) {
        next = after + 1;
      } else {
        break;
      }
      if (!partner) break;  // `presso Acme, in via Roma`
    }
    if (institutional_list) continue;
    for (const auto& [first, last] : unknown) add_cued(t, text, field, first, last, learned, out, false);
  }
}

void CompanyGazetteer::Impl::family_names(const NameTokens& t,
                                          std::vector<std::string>& out) const {
  const std::size_t size = t.tokens.size();
  for (std::size_t j = 0; j + 1 < size; ++j) {
    if (t.tokens[j].first_upper || !family_before.contains(t.word(j))) continue;
    const std::uint32_t sentence = t.tokens[j].sentence;
    std::size_t next = j + 1;
    while (next < size && t.tokens[next].sentence == sentence && t.tokens[next].first_upper &&
           !t.tokens[next].technical) {
      std::size_t last = name_run(t, next);
      if (last == next) break;
      last = first_item_end(t, next, last);
      out.emplace_back(t.span(next, last));
      if (last < size && t.tokens[last].comma_before)
        next = last;
      else if (last + 1 < size && and_word(t.word(last)))
        next = last + 1;
      else
        break;
    }
  }
}

void CompanyGazetteer::Impl::count_names(const NameTokens& t, int field, std::size_t field_bytes,
                                         const std::vector<detail::FoundName>& learned,
                                         std::vector<Candidate>& out) const {
  const std::size_t size = t.tokens.size();
  for (std::size_t n = 0; n < learned.size(); ++n) {
    const std::string& key = learned[n].key;
    const std::size_t words = 1 + static_cast<std::size_t>(std::count(key.begin(), key.end(), ' '));
    for (std::size_t i = 0; i + words <= size; ++i) {
      if (!t.tokens[i].first_upper || t.tokens[i].technical) continue;
      if (t.span(i, i + words) != key) continue;
      bool written = true;
      for (std::size_t k = i; k < i + words && written; ++k)
        written = (t.tokens[k].first_upper || t.tokens[k].letters == 0) && !t.tokens[k].technical;
      if (!written) continue;
      Candidate c;
      c.company = static_cast<std::uint32_t>(companies.size() + n);
      c.weight = mention_weight(t, field, field_bytes, i);
      c.order = (static_cast<std::uint64_t>(field) << 32) | i;
      out.push_back(c);
    }
  }
}

// `Intervista del Sottosegretario a "La Sicilia"`, `un'intervista rilasciata
// al "Piccolo"`: the title in quotation marks an interview is given to is a
// newspaper's, a company of its article, named as the quotation writes it
// (`La Sicilia`, `l'Adige`). Not taught to the collection: elsewhere the
// title's words are a place.
void CompanyGazetteer::Impl::find_interviews(const NameTokens& t, std::string_view text, int field,
                                             std::vector<detail::FoundName>& learned,
                                             std::vector<Candidate>& out) const {
  constexpr std::size_t kWithin = 8;      // words from `intervista` to `a`
  constexpr std::size_t kMostWords = 5;   // words of the title
  constexpr std::size_t kMostBytes = 60;  // to the closing quotation mark
  const std::size_t size = t.tokens.size();
  for (std::size_t j = 0; j < size; ++j) {
    if (!cue_interview.contains(t.word(j))) continue;
    const std::uint32_t sentence = t.tokens[j].sentence;
    for (std::size_t k = j + 1; k + 1 < size && k <= j + kWithin; ++k) {
      if (t.tokens[k].sentence != sentence) break;
      const std::string_view to = t.word(k);
      const std::size_t first = k + 1;
      if ((to != "a" && to != "ad" && to != "al" && to != "alla" && to != "allo" && to != "all") ||
          !t.tokens[first].quote_start)
        continue;
      // The title ends at the closing quotation mark.
      std::size_t close = std::string_view::npos;
      for (const std::string_view mark : {"\"", "\u201d", "\u00bb"})
        close = std::min(close, text.find(mark, t.tokens[first].begin));
      if (close == std::string_view::npos || close - t.tokens[first].begin > kMostBytes) break;
      std::size_t last = first;
      bool capital = false;
      while (last < size && t.tokens[last].end <= close && last - first < kMostWords) {
        capital = capital || t.tokens[last].first_upper;
        ++last;
      }
      if (capital && (last == size || t.tokens[last].begin > close))
        add_cued(t, text, field, first, last, learned, out, false);
      break;
    }
  }
}

}  // namespace segugio::facets
