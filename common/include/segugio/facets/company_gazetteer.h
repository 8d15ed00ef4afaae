// CompanyGazetteer: which companies an article is about, ranked by salience.
//
// The names live in data reviewed like code: common/data/companies.tsv (one
// company per line: canonical name, flags, aliases with ambiguity markers; its
// header documents the format) and common/data/company-context-it.txt (legal
// forms, company words, the words that mark a news outlet quoted as a source).
//
// Matching is case-aware and tells companies from ordinary words: `Meta` is the
// company, `la meta` is a goal; `Apple` at the start of a sentence, where every
// word is capitalised, needs evidence (another mention in mid-sentence, another
// alias, a legal form, a company word nearby, a tag); `Tim Cook` and `Leonardo
// da Vinci` are people; `ha dichiarato al Financial Times` quotes a source and
// is not a company of the article; `un post su Instagram` names a channel, not
// the subject. A brand or subsidiary readers know as an organisation is its own
// value (`GitHub`, `YouTube`, `WhatsApp`), with its owner kept as data.
//
// Speed: each field is tokenised once and token n-grams are looked up in a hash
// map keyed by folded words (no regular expressions), so `find` runs at tens of
// MB/s per core.
//
// Thread contract: a CompanyGazetteer is immutable after construction; `find`,
// `canonical` and `aliases` may be called from any number of threads at once.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "segugio/core/article.h"

namespace segugio::facets {

// One company an article names.
struct CompanyMention {
  std::string name;  // canonical name, as in companies.tsv (`Microsoft`)
  // Weighted mentions: 3 for each in the title, 2 in the lead or a tag, and in
  // the body from 1 (first words) down to 0.5 (last words). A passing mention
  // scores below 1; the subject of an article usually scores well above 5.
  double salience = 0;
  int mentions = 0;  // how many times it is named (title, lead, body, tags)
  // False for a name the gazetteer does not know, found because the words
  // around it say it is a company (`la startup Acme`, `Acme S.r.l.`): its
  // name is as the article writes it.
  bool known = true;
};

// What one article tells collection-level learning (index/company_learning.h),
// names given by name_key(): the names the gazetteer does not know that a cue
// confirms here (`la startup Acme` -> `acme`; not a one-word name the article
// also writes in lower case: `il gruppo Kernel` beside `il kernel`), and the
// candidates: names
// written with capitals in mid-sentence that the gazetteer does not know and
// no cue confirms here (`ha scelto Acme per ...`). A candidate looks like a
// proper name: not the first word of a sentence or a Title Case headline, not
// a word in capitals (`BT`, `API`), not a stopword, not a word of one or two
// letters, not a word the article also writes in lower case (`Agenda` when
// the text has `agenda`), not in code, URLs or e-mail addresses.
struct NameEvidence {
  std::vector<std::string> confirmed;   // sorted, unique
  std::vector<std::string> candidates;  // sorted, unique, none of them confirmed
};

class CompanyGazetteer {
 public:
  // The gazetteer built into the library, parsed once on first use
  // (thread-safe). Malformed built-in data is a build mistake: std::logic_error.
  static const CompanyGazetteer& builtin();

  // Parses a gazetteer in the formats of companies.tsv and
  // company-context-it.txt. Throws DataError naming the file line on malformed
  // data (a line without three columns, an unknown flag or marker, an alias
  // given to two companies).
  CompanyGazetteer(std::string_view companies_tsv, std::string_view context_txt);
  ~CompanyGazetteer();
  CompanyGazetteer(CompanyGazetteer&&) noexcept;
  CompanyGazetteer& operator=(CompanyGazetteer&&) noexcept;
  CompanyGazetteer(const CompanyGazetteer&) = delete;
  CompanyGazetteer& operator=(const CompanyGazetteer&) = delete;

  // Every company named in the title, lead, body or tags of `article`, most
  // salient first (ties: earlier first mention, then name). No cap on the
  // count; an article that names none gives an empty vector.
  std::vector<CompanyMention> find(const Article& article) const;
  // The same, and what the article tells collection-level learning.
  std::vector<CompanyMention> find(const Article& article, NameEvidence& evidence) const;

  // The key under which collection-level learning compares names: the folded
  // words joined by single spaces (`Acme Robotics` -> `acme robotics`,
  // `Città-Mobile` -> `citta mobile`).
  static std::string name_key(std::string_view name);

  // The canonical name for a name or alias typed by a user, ignoring case,
  // accents and punctuation: "big g" -> "Google", "microsoft corp" ->
  // "Microsoft", "la mela" -> "Apple". Lookup-only names count ("x" -> "X").
  // nullopt for an unknown name.
  std::optional<std::string> canonical(std::string_view alias) const;

  // The canonical name followed by its aliases as written in the data (without
  // markers); empty for an unknown company. Accepts anything canonical() does.
  std::vector<std::string> aliases(std::string_view canonical) const;

  // The canonical name of the company whose name or alias is nearest to a
  // name typed with a typo ("microsft" -> "Microsoft", "nvidai" -> "Nvidia"):
  // at most one edit (two for names of eight letters or more), compared
  // folded; nullopt when none is that near or `typed` is a known name.
  std::optional<std::string> closest(std::string_view typed) const;

  // Ownership, a relation in the data (`of=` in companies.tsv): the canonical
  // name of the company that owns `name` (any alias: "YouTube" -> "Google"),
  // nullopt for an unknown name or one without owner.
  std::optional<std::string> owner(std::string_view name) const;

  // The canonical names of what `name` owns, directly or through another
  // subsidiary ("Microsoft" -> GitHub, LinkedIn, Mojang); empty for none.
  std::vector<std::string> subsidiaries(std::string_view name) const;

  // Number of companies (news outlets included, blocked phrases not).
  std::size_t size() const;

 private:
  std::vector<CompanyMention> find_names(const Article& article, NameEvidence* evidence) const;

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace segugio::facets
