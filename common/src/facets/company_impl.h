// The company gazetteer's private parts, shared by its sources:
// company_data.cc parses the data files, company_scan.cc finds the names the
// gazetteer knows in a text, company_cues.cc finds names it does not know from
// the words around them, company_gazetteer.cc ranks what they found.
// Private to the facets library.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "data_lines.h"
#include "name_tokens.h"
#include "segugio/facets/company_gazetteer.h"

namespace segugio::facets::detail {


// Ambiguity markers of an alias (see companies.tsv).
enum Marker : std::uint8_t {
  kWord = 1,         // ~ an ordinary word too
  kSurname = 2,      // @ a surname or a place too
  kFirstName = 4,    // % a first name too
  kWeak = 8,         // ^ always needs evidence
  kLookupOnly = 16,  // ? never matched in text
  kPlatform = 32,    // & a platform: `su Instagram` is a channel, not evidence
};
inline constexpr std::uint8_t kAmbiguous = kWord | kSurname | kFirstName | kWeak;
inline constexpr std::uint32_t kBlocked = UINT32_MAX;  // company index of a blocked phrase

// Articles that may stand before an alias written as `la Mela`, alone or inside
// an articulated preposition.
inline constexpr std::array<std::array<std::string_view, 7>, 7> kArticleForms = {{
    {"il", "del", "al", "dal", "nel", "sul", "col"},
    {"lo", "dello", "allo", "dallo", "nello", "sullo", "collo"},
    {"la", "della", "alla", "dalla", "nella", "sulla", "colla"},
    {"l", "dell", "all", "dall", "nell", "sull", "coll"},
    {"i", "dei", "ai", "dai", "nei", "sui", "coi"},
    {"gli", "degli", "agli", "dagli", "negli", "sugli", "cogli"},
    {"le", "delle", "alle", "dalle", "nelle", "sulle", "colle"},
}};

inline int article_index(std::string_view folded_word) {
  for (std::size_t a = 0; a < kArticleForms.size(); ++a)
    if (kArticleForms[a][0] == folded_word) return static_cast<int>(a);
  return -1;
}

// `e` or `ed` (and): what joins the last two items of a list, `Acme, Beta e
// Gamma`, and splits a run of capitals into names, `Acme e Beta`.
inline bool and_word(std::string_view w) { return w == "e" || w == "ed"; }

// The end of the first item of the run of names from `first` to `last`: the
// run `Acme e Beta` lists two names.
inline std::size_t first_item_end(const NameTokens& t, std::size_t first, std::size_t last) {
  for (std::size_t k = first + 1; k < last; ++k)
    if (and_word(t.word(k))) return k;
  return last;
}

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
  bool own_name = false;     // the company's canonical name, not a product or epithet
  // A form of the company's name (`Microsoft Corp.`, `CDP` for Cassa Depositi e
  // Prestiti, `Monte dei Paschi di Siena`), not a product (`Windows`) or an
  // epithet (`Big G`): only these name the company in a text.
  bool name_form = false;
  std::string written;       // the alias as written in the data, without markers
  NamePattern pattern;
};

struct Company {
  std::string name;
  bool outlet = false;
  std::vector<std::string> aliases;  // as written, without markers
  std::uint32_t owner = kBlocked;    // the company that owns it (`of=`), or none
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
  // Found by the words near it, the name being software that bears its
  // maker's name (`^`): the article's code may say it is the software.
  bool word_like = false;
  const std::string* written = nullptr;  // the name as the text writes it (known companies)
};


// A name the gazetteer does not know, confirmed by a cue in the article.
struct FoundName {
  std::string key;      // folded words (`acme robotics`)
  std::string written;  // as the article first writes it (`Acme Robotics`)
  // Confirmed by a cue that says `company` (not only by a relation, `in
  // collaborazione con Acme`): taught to the rest of the collection.
  bool taught = true;
};

// company_candidates.cc: sorts and dedupes `evidence`, drops the candidates a
// cue confirmed and the one-word candidates that `fields` also write in lower
// case (`Agenda` beside `agenda`) or as the last word of a longer candidate
// (a surname: `Spinelli` beside `Achille Spinelli`), and the confirmed
// one-word names it writes
// in lower case too (those are not taught to the collection).
void settle_evidence(const std::array<NameTokens, 3>& fields, NameEvidence& evidence);

// The weight of a mention at token `start` of field `field` (0 title, 1 lead,
// 2 body): 3 in the title, 2 in the lead, in the body from 1 (first words)
// down to 0.5 (last words).
inline double mention_weight(const NameTokens& t, int field, std::size_t field_bytes,
                             std::size_t start) {
  if (field == 0) return 3.0;
  if (field == 1) return 2.0;
  return 1.0 - 0.5 * (field_bytes == 0 ? 0.0
                                       : static_cast<double>(t.tokens[start].begin) /
                                             static_cast<double>(field_bytes));
}

}  // namespace segugio::facets::detail

namespace segugio::facets {

using detail::Candidate;
using detail::Company;
using detail::NamePattern;
using detail::NameToken;
using detail::NameTokens;
using detail::StringMap;
using detail::Variant;
using detail::mention_weight;
using detail::WordSet;

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
  WordSet sentence_adverbs;  // `Ieri`, `Inoltre`: open a sentence, never a name
  WordSet channel_before;
  WordSet title_before;
  StringMap<std::size_t> cue_before;  // folded phrase -> its word count
  std::size_t cue_before_max_words = 0;
  StringMap<std::size_t> cue_list;  // `le aziende`: plural cues before a list of names
  std::size_t cue_list_max_words = 0;
  // Relations (`in collaborazione con Acme`, `sponsor Acme e Beta`, `powered
  // by Acme`) and venues (`presso Acme Group`): weaker cues, see company_cues.cc.
  StringMap<std::size_t> cue_partner;
  std::size_t cue_partner_max_words = 0;
  WordSet cue_interview;
  StringMap<std::size_t> cue_venue;
  std::size_t cue_venue_max_words = 0;
  WordSet cue_of;
  WordSet not_company;
  WordSet title_after;
  WordSet product_before;
  WordSet software_after;  // `il gestore pacchetti`: a company word naming software
  WordSet institution_before;
  WordSet subject_bodies;  // `Commissione Bilancio, Poste e Lavori pubblici`
  WordSet event_after;
  WordSet family_before;  // `i clan Acme e Beta`: families, not companies

  void parse_companies(std::string_view text);
  void parse_context(std::string_view text);
  void add_alias(std::string_view written, std::uint32_t company, std::size_t line);

  std::optional<std::uint32_t> find_company(std::string_view typed) const;
  std::size_t legal_form_at(const NameTokens& t, std::size_t j, std::uint32_t sentence) const;
  // The company word at k names a piece of software: `gestore pacchetti`.
  bool software_word(const NameTokens& t, std::size_t k) const;
  bool company_word_near(const NameTokens& t, std::size_t first, std::size_t last,
                         bool deeds) const;
  bool credited(const NameTokens& t, std::size_t first, std::size_t last) const;
  bool channel(const NameTokens& t, std::size_t first) const;
  bool titled(const NameTokens& t, std::size_t first, std::size_t last) const;
  bool event_name(const NameTokens& t, std::size_t last) const;
  bool subject_of_body(const NameTokens& t, std::size_t start) const;
  bool word_before(const WordSet& words, const NameTokens& t, std::size_t first,
                   std::size_t window) const;
  // The longest known name starting at token i (at most `most` tokens, with
  // its article where the variant wants one), its length in `length`; null
  // when none.
  const Variant* match_at(const NameTokens& t, std::size_t i, std::size_t most,
                          std::size_t& length) const;
  void scan(const NameTokens& t, int field, std::size_t field_bytes,
            std::vector<Candidate>& out) const;
  void scan_tag(std::string_view tag, std::uint64_t order, std::vector<Candidate>& out) const;

  // company_cues.cc: names the gazetteer does not know, confirmed by the words
  // around them; each found name is added to `learned` (if new) and a candidate
  // whose company is companies.size() + its index in `learned` is added to `out`.
  // A cue before a name the gazetteer knows makes that mention strong.
  void find_by_cues(const NameTokens& t, std::string_view text, int field,
                    std::vector<detail::FoundName>& learned, std::vector<Candidate>& out) const;
  // Mentions of names already confirmed (`learned[first_name..]`) elsewhere in
  // the text, written with their capitals: they add to salience.
  void count_names(const NameTokens& t, int field, std::size_t field_bytes,
                   const std::vector<detail::FoundName>& learned,
                   std::vector<Candidate>& out) const;
  // Capitalised names the gazetteer does not know (NameEvidence::candidates,
  // before the article-wide checks of find()), appended to `out`.
  void collect_candidates(const NameTokens& t, std::vector<std::string>& out) const;
  std::size_t cue_name_before(const NameTokens& t, std::size_t j) const;
  static std::size_t phrase_before(const StringMap<std::size_t>& phrases, std::size_t most,
                                   const NameTokens& t, std::size_t j);
  void find_by_relations(const NameTokens& t, std::string_view text, int field,
                         std::vector<detail::FoundName>& learned,
                         std::vector<Candidate>& out) const;
  void find_interviews(const NameTokens& t, std::string_view text, int field,
                       std::vector<detail::FoundName>& learned,
                       std::vector<Candidate>& out) const;
  bool institutional(std::string_view word) const;
  // The keys of the names written after a word of [family-before] (`il clan
  // Acme`, `le famiglie Acme e Beta`), appended to `out`.
  void family_names(const NameTokens& t, std::vector<std::string>& out) const;
  bool cue_phrase_at(const NameTokens& t, std::size_t k) const;
  bool copula_cue(const NameTokens& t, std::size_t k, std::uint32_t sentence) const;
  std::size_t name_run(const NameTokens& t, std::size_t first) const;
  std::size_t add_cued_list(const NameTokens& t, std::string_view text, int field,
                            std::size_t first, std::vector<detail::FoundName>& learned,
                            std::vector<Candidate>& out) const;
  void add_cued(const NameTokens& t, std::string_view text, int field, std::size_t first,
                std::size_t last, std::vector<detail::FoundName>& names,
                std::vector<Candidate>& out, bool teach = true) const;

  // company_gazetteer.cc: the companies named (a strong mention each at
  // least), most salient first; candidates past companies.size() are `names`.
  std::vector<CompanyMention> rank(std::vector<Candidate>& candidates,
                                   const std::vector<detail::FoundName>& names) const;
};

}  // namespace segugio::facets
