#include "segugio/analysis/analyzer.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "segugio/analysis/italian_stemmer.h"
#include "segugio/core/data.h"
#include "segugio/text/normalize.h"
#include "segugio/text/strings.h"
#include "segugio/text/utf8.h"

namespace segugio::analysis {

namespace {

using text::CharClass;

// A word list kept as data: one lower-case word per line, `#` comments.
class WordList {
 public:
  WordList(std::string_view text, bool fold_accents) {
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(start, end - start);
      start = end + 1;
      if (const std::size_t hash = line.find('#'); hash != std::string_view::npos)
        line = line.substr(0, hash);
      line = text::trim(line);
      if (!line.empty()) words_.emplace(text::normalize(line, fold_accents));
    }
  }
  bool contains(std::string_view word) const { return words_.count(std::string(word)) != 0; }

 private:
  std::unordered_set<std::string> words_;
};

const WordList& stopwords() {
  static const WordList list(data::file("stopwords-it.txt"), true);
  return list;
}

const WordList& elisions() {
  static const WordList list(data::file("elisions-it.txt"), false);
  return list;
}

bool is_form_of_essere(std::string_view word) {
  static const std::unordered_set<std::string_view> forms = {
      "è", "sono", "sei", "siamo", "siete", "ero", "eri", "era", "eravamo", "eravate",
      "erano", "fui", "fosti", "fu", "fummo", "foste", "furono", "sarò", "sarai", "sarà",
      "saremo", "sarete", "saranno", "sarei", "saresti", "sarebbe", "saremmo", "sareste",
      "sarebbero", "sia", "siate", "siano", "fossi", "fosse", "fossimo", "fossero",
      "essere", "essendo"};
  return forms.count(word) != 0;
}

// Adverbs that may stand between essere and its participle.
bool is_adverb_before_participle(std::string_view word) {
  static const std::unordered_set<std::string_view> adverbs = {
      "già", "mai", "anche", "sempre", "ormai", "appena", "poi", "ancora", "finalmente",
      "infatti", "quindi", "forse", "inoltre", "pure", "solo", "soltanto", "spesso",
      "davvero", "certamente", "sicuramente", "recentemente", "ufficialmente", "così",
      "tutto", "tutti", "tutte", "infine", "subito", "ora", "oggi", "ieri"};
  return adverbs.count(word) != 0;
}

bool is_apostrophe(std::int32_t cp) {
  // ' ’ ‘ ʼ `
  return cp == 0x27 || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x60;
}

bool is_hyphen(std::int32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }

bool is_word_char(CharClass c) { return c != CharClass::separator; }

// One run of letters, digits and marks inside a token.
struct Segment {
  std::string raw;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  int letters = 0;
  int digits = 0;
  int upper = 0;
};

// What joins a segment to the previous one.
enum class Joint : char { none, apostrophe, hyphen, dot, comma };

struct Token {
  std::vector<Segment> segments;
  std::vector<Joint> joints;  // joints[i] joins segments[i] to segments[i-1]; joints[0] = none
  bool trailing_apostrophe = false;
};

bool single_letter(const Segment& s) { return s.letters == 1 && s.digits == 0; }
bool all_digits(const Segment& s) { return s.letters == 0 && s.digits > 0; }

// Class of the code point at `pos`, without consuming it.
CharClass peek_class(std::string_view text, std::size_t pos, std::int32_t* cp_out = nullptr,
                     std::size_t* after = nullptr) {
  if (pos >= text.size()) return CharClass::separator;
  std::size_t p = pos;
  const std::int32_t cp = text::next_code_point(text, p);
  if (cp_out) *cp_out = cp;
  if (after) *after = p;
  return cp < 0 ? CharClass::separator : text::classify(cp);
}

void add_char(Segment& seg, std::int32_t cp, CharClass cls) {
  text::append_utf8(seg.raw, static_cast<char32_t>(cp));
  if (cls == CharClass::letter) {
    ++seg.letters;
    if (text::is_upper(cp)) ++seg.upper;
  } else if (cls == CharClass::digit) {
    ++seg.digits;
  }
}

// Italian accent typed as an apostrophe: `perche'` -> `perchè`, `citta'` -> `città`.
bool accent_final_vowel(std::string& word) {
  if (word.empty()) return false;
  static const std::pair<char, const char*> kAccented[] = {
      {'a', "\u00e0"}, {'e', "\u00e8"}, {'i', "\u00ec"}, {'o', "\u00f2"}, {'u', "\u00f9"}};
  for (const auto& [plain, accented] : kAccented) {
    if (word.back() == plain) {
      word.pop_back();
      word += accented;
      return true;
    }
  }
  return false;
}

}  // namespace

bool is_stopword(std::string_view lower_word) {
  return stopwords().contains(text::normalize(lower_word, true));
}
bool is_elision(std::string_view lower_word) { return elisions().contains(lower_word); }

bool is_participle_of_essere(std::string_view lower_word) {
  return lower_word == "stato" || lower_word == "stata" || lower_word == "stati" ||
         lower_word == "state";
}

bool is_essere_participle(std::string_view lower_word, const std::vector<std::string_view>& before) {
  if (!is_participle_of_essere(lower_word)) return false;
  std::size_t skipped = 0;
  for (std::string_view w : before) {
    if (is_form_of_essere(w)) return true;
    if (!is_adverb_before_participle(w) || ++skipped > 2) return false;
  }
  return false;
}

std::string coarse_stem(std::string_view surface) {
  std::string folded = text::fold(surface);
  bool letters = false;
  for (std::size_t pos = 0; pos < folded.size() && !letters;) {
    const std::int32_t cp = text::next_code_point(folded, pos);
    letters = cp >= 0 && text::classify(cp) == CharClass::letter;
  }
  if (!letters) return {};
  folded.resize(text::utf8_prefix(folded, kCoarseStemBytes).size());
  return folded;
}

// What a surface word gives, whatever its neighbours: worked out once per
// distinct word (normalising and stemming every occurrence again was a fifth
// of the indexer's analysis time).
struct Lexeme {
  bool stopword = false;
  std::vector<std::string> terms;
  std::string coarse;
};

struct Analyzer::Impl {
  Xapian::Stem stemmer = make_italian_stem();
  std::unordered_map<std::string, Lexeme> lexicon;
  std::unordered_map<std::string, std::string> stem_cache;
  static constexpr std::size_t kMaxCache = 1 << 18;
};

Analyzer::Analyzer(AnalyzerOptions options) : options_(options), impl_(std::make_unique<Impl>()) {
  // Load the word lists now, so that worker threads never race to build them.
  (void)stopwords();
  (void)elisions();
}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::string Analyzer::stem(std::string_view lower_word) {
  if (!options_.stemming) return std::string(lower_word);
  std::string key(lower_word);
  if (auto it = impl_->stem_cache.find(key); it != impl_->stem_cache.end()) return it->second;
  std::string stemmed = impl_->stemmer(key);
  if (impl_->stem_cache.size() >= Impl::kMaxCache) impl_->stem_cache.clear();
  impl_->stem_cache.emplace(std::move(key), stemmed);
  return stemmed;
}

namespace {

bool has_letter(std::string_view word) {
  for (std::size_t pos = 0; pos < word.size();) {
    const std::int32_t cp = text::next_code_point(word, pos);
    if (cp >= 0 && text::classify(cp) == CharClass::letter) return true;
  }
  return false;
}

// `word` with its final `a` accented when it ends in `ita` (`interoperabilita`
// -> `interoperabilità`), the one ending where people drop an accent that
// changes the Snowball stem (`-ità` nouns lose `abil`/`ic`/`iv` before it);
// nothing otherwise. Whether the accented stem is the word's is decided by
// the caller.
std::optional<std::string> with_final_accent(const std::string& word) {
  constexpr std::string_view kEnding = "ita";
  if (word.size() <= kEnding.size() + 2 || !std::string_view(word).ends_with(kEnding))
    return std::nullopt;
  std::string out(word, 0, word.size() - 1);
  out.append("\u00e0");
  return out;
}

// Terms of one lower-case word: fold(stem(w)), then stem(fold(w)) where it
// differs (`abbandonerà` -> `abbandon`, `abbandoner`).
std::vector<std::string> compute_terms(Analyzer& analyzer, const AnalyzerOptions& options,
                                       const std::string& word) {
  std::vector<std::string> terms;
  if (!has_letter(word)) {
    terms.push_back(word);
    return terms;
  }
  if (!options.stemming) {
    terms.push_back(options.fold_accents ? text::normalize(word, true) : word);
    return terms;
  }
  std::string main = analyzer.stem(word);
  if (!options.fold_accents) {
    terms.push_back(std::move(main));
    return terms;
  }
  terms.push_back(text::normalize(main, true));
  std::string folded = text::normalize(word, true);
  if (folded != word) {
    std::string alt = analyzer.stem(folded);
    if (alt != terms.front()) terms.push_back(std::move(alt));
  } else if (std::optional<std::string> accented = with_final_accent(word)) {
    // The same word typed without its final accent (`interoperabilita`):
    // give it the terms the accented form gives, stem first, so index and
    // query sides agree whichever spelling either used.
    // Only a stem the accent shortens (`interoper` < `interoperabil`): a
    // participle (`uscita`, stem `usc`) keeps its own.
    std::string accented_main = text::normalize(analyzer.stem(*accented), true);
    if (accented_main.size() < terms.front().size() &&
        std::string_view(terms.front()).starts_with(accented_main))
      terms.insert(terms.begin(), std::move(accented_main));
  }
  return terms;
}

}  // namespace

std::vector<std::string> Analyzer::terms_of(std::string_view word) {
  Analysis a = analyze(word);
  std::vector<std::string> out;
  for (Word& w : a.words) {
    if (w.stopword) continue;
    for (std::string& t : w.terms) out.push_back(std::move(t));
  }
  return out;
}

namespace {

// Whether `joint` between segment `prev` and the character `third` (of class
// `third_class`, followed by what lies at `after_third`) joins them into one
// token.
bool joins(Joint joint, const Segment& prev, CharClass third_class, std::string_view text,
           std::size_t after_third) {
  switch (joint) {
    case Joint::apostrophe:
    case Joint::hyphen:
      return true;
    case Joint::dot:
      // `S.p.A.`: single letters; `24.04`, `3.000`: digits.
      if (single_letter(prev) && third_class == CharClass::letter)
        return peek_class(text, after_third) == CharClass::separator;
      return all_digits(prev) && third_class == CharClass::digit;
    case Joint::comma:
      return all_digits(prev) && third_class == CharClass::digit;
    case Joint::none:
      break;
  }
  return false;
}

// Splits text into tokens: runs of letters, digits and marks, with the
// segments that hyphens, apostrophes, dotted acronyms and numbers join.
class Tokenizer {
 public:
  explicit Tokenizer(std::string_view text) : text_(text) {}

  // The next token into `tok`; false at the end of the text.
  bool next(Token& tok) {
    while (pos_ < text_.size()) {
      const std::size_t start = pos_;
      const std::int32_t cp = text::next_code_point(text_, pos_);
      if (cp < 0) {
        ++invalid_bytes_;
        continue;
      }
      const CharClass cls = text::classify(cp);
      // U+02BC is a letter to Unicode, an apostrophe to Italian typists.
      if (cls == CharClass::separator || cls == CharClass::mark || is_apostrophe(cp)) continue;
      // Emptied, not replaced: its vectors keep their storage for the next token.
      tok.segments.clear();
      tok.joints.clear();
      tok.trailing_apostrophe = false;
      tok.segments.emplace_back();
      tok.joints.push_back(Joint::none);
      tok.segments.back().begin = static_cast<std::uint32_t>(start);
      add_char(tok.segments.back(), cp, cls);
      while (pos_ < text_.size() && extend(tok)) {
      }
      end(tok);
      return true;
    }
    return false;
  }

  std::size_t invalid_bytes() const { return invalid_bytes_; }

 private:
  // Adds the character at pos_ to the token, or a joint and the first
  // character of a new segment; false when the token ends there.
  bool extend(Token& tok) {
    std::int32_t next_cp = 0;
    std::size_t after = 0;
    const CharClass next_class = peek_class(text_, pos_, &next_cp, &after);
    if (next_cp >= 0 && is_word_char(next_class) && !is_apostrophe(next_cp)) {
      add_char(tok.segments.back(), next_cp, next_class);
      pos_ = after;
      return true;
    }
    if (next_cp < 0) return false;
    if ((next_cp == '+' || next_cp == '#') && tok.segments.size() == 1 &&
        single_letter(tok.segments.back()))
      return add_language_symbols(tok, next_cp, after);
    Joint joint = Joint::none;
    if (is_apostrophe(next_cp)) joint = Joint::apostrophe;
    else if (is_hyphen(next_cp)) joint = Joint::hyphen;
    else if (next_cp == '.') joint = Joint::dot;
    else if (next_cp == ',') joint = Joint::comma;
    if (joint == Joint::none) return false;
    std::int32_t third = 0;
    std::size_t after_third = 0;
    const CharClass third_class = peek_class(text_, after, &third, &after_third);
    const bool third_is_word = third >= 0 && third_class != CharClass::separator &&
                               third_class != CharClass::mark && !is_apostrophe(third);
    if (!third_is_word) {
      if (joint == Joint::apostrophe) {
        tok.trailing_apostrophe = true;
        pos_ = after;
      }
      return false;
    }
    if (!joins(joint, tok.segments.back(), third_class, text_, after_third)) return false;
    tok.segments.back().end = static_cast<std::uint32_t>(pos_);
    tok.segments.emplace_back();
    tok.joints.push_back(joint);
    tok.segments.back().begin = static_cast<std::uint32_t>(after);
    add_char(tok.segments.back(), third, third_class);
    pos_ = after_third;
    return true;
  }

  // `C++`, `C#`, `F#`: a letter and its language's symbols are one word
  // (`c++`, `c#`), not the letter `c` of `vitamina C`. The symbols must end
  // the token (`C+1`, `C#5` stay `c`). Always false: the token ends here.
  bool add_language_symbols(Token& tok, std::int32_t symbol, std::size_t after) {
    std::size_t end = after;
    if (symbol == '+') {
      if (end >= text_.size() || text_[end] != '+') return false;
      ++end;
    }
    if (is_word_char(peek_class(text_, end))) return false;
    tok.segments.back().raw.append(text_.substr(pos_, end - pos_));
    pos_ = end;
    return false;
  }

  // Sets the end of the last segment: before a trailing apostrophe (which
  // may be multi-byte).
  void end(Token& tok) const {
    Segment& last = tok.segments.back();
    if (!tok.trailing_apostrophe) {
      last.end = static_cast<std::uint32_t>(pos_);
      return;
    }
    std::size_t p = last.begin;
    std::size_t last_end = p;
    while (p < pos_) {
      const std::int32_t c = text::next_code_point(text_, p);
      if (is_apostrophe(c)) break;
      last_end = p;
    }
    last.end = static_cast<std::uint32_t>(last_end);
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t invalid_bytes_ = 0;
};

// Keeps the apostrophes inside the word (elision splitting off).
void merge_apostrophes(Token& tok) {
  Token merged;
  for (std::size_t i = 0; i < tok.segments.size(); ++i) {
    if (i > 0 && tok.joints[i] == Joint::apostrophe) {
      Segment& last = merged.segments.back();
      last.raw += '\'';
      last.raw += tok.segments[i].raw;
      last.end = tok.segments[i].end;
      last.letters += tok.segments[i].letters;
      last.digits += tok.segments[i].digits;
      last.upper += tok.segments[i].upper;
      continue;
    }
    merged.segments.push_back(tok.segments[i]);
    merged.joints.push_back(tok.joints[i]);
  }
  merged.trailing_apostrophe = tok.trailing_apostrophe;
  tok = std::move(merged);
}

// The parts of a segment that letter/digit boundaries split: `GPT4` ->
// `GPT`, `4`.
void split_parts(const Segment& s, std::vector<std::string>& raw_parts) {
  // Letters (and marks) only, or digits only: one part, the segment.
  if (s.letters == 0 || s.digits == 0) {
    raw_parts.push_back(s.raw);
    return;
  }
  std::string part;
  CharClass part_class = CharClass::separator;
  for (std::size_t p = 0; p < s.raw.size();) {
    const std::size_t at = p;
    const std::int32_t cp = text::next_code_point(s.raw, p);
    CharClass c = text::classify(cp);
    if (c == CharClass::mark) c = part_class;
    if (c == CharClass::separator) {  // the apostrophe kept when elisions are not split
      part.append(s.raw, at, p - at);
      continue;
    }
    if (!part.empty() && c != part_class) {
      raw_parts.push_back(std::move(part));
      part.clear();
    }
    part.append(s.raw, at, p - at);
    part_class = c;
  }
  if (!part.empty()) raw_parts.push_back(std::move(part));
}

// Turns tokens into Words: elisions split off, segments grouped, each word's
// terms looked up once per distinct surface (the lexicon).
class WordBuilder {
 public:
  // `initials`: null, every word's terms; else only those of the words that
  // may give a term beginning with one of them (Analyzer::analyze_for_initials).
  // `places`: false, the other words (and elided articles) are left out.
  // `text`: the text the tokens come from (their offsets).
  WordBuilder(Analyzer& analyzer, const AnalyzerOptions& options,
              std::unordered_map<std::string, Lexeme>& lexicon, std::size_t max_lexicon,
              Analysis& result, std::string_view text, const std::u32string* initials = nullptr,
              bool places = true)
      : analyzer_(analyzer),
        options_(options),
        lexicon_(lexicon),
        max_lexicon_(max_lexicon),
        result_(result),
        text_(text),
        initials_(initials),
        places_(places) {}

  void add(Token& tok) {
    if (!options_.split_elisions) {
      merge_apostrophes(tok);
      add_group(tok, 0, tok.segments.size(), tok.trailing_apostrophe);
      return;
    }
    const std::size_t n = tok.segments.size();
    std::size_t first = 0;
    for (std::size_t i = 1; i <= n; ++i) {
      if (i < n && tok.joints[i] != Joint::apostrophe) continue;
      const bool elided = i < n || tok.trailing_apostrophe;
      if (elided && i - first == 1) {
        const Segment& s = tok.segments[first];
        std::string key = text::normalize(s.raw, false);
        if (is_elision(key)) {
          first = i;
          note_recent(s.begin, s.end);
          if (!places_) continue;
          Word w;
          w.surface = std::move(key);
          w.begin = s.begin;
          w.end = s.end;
          w.stopword = true;
          result_.words.push_back(std::move(w));
          continue;
        }
      }
      add_group(tok, first, i, i == n && tok.trailing_apostrophe);
      first = i;
    }
  }

 private:
  // The reference lives until the next call (the cache may be cleared then).
  const Lexeme& lexeme(const std::string& word) {
    auto it = lexicon_.find(word);
    if (it != lexicon_.end()) return it->second;
    if (lexicon_.size() >= max_lexicon_) lexicon_.clear();
    Lexeme lx;
    lx.stopword = is_stopword(word);
    lx.terms = compute_terms(analyzer_, options_, word);
    lx.coarse = coarse_stem(word);
    return lexicon_.emplace(word, std::move(lx)).first->second;
  }

  // Turns segments [first, last) of a token, joined by hyphens, dots or
  // commas, into one Word.
  void add_group(const Token& tok, std::size_t first, std::size_t last,
                 bool trailing_apostrophe) {
    if (first >= last) return;
    if (!places_ && surely_no_initial(tok.segments[first], last - first)) {
      note_recent(tok.segments[first].begin, tok.segments[first].end);
      return;
    }
    bool dotted_letters = last - first > 1, numeric = true;
    int letters = 0, upper = 0;
    for (std::size_t i = first; i < last; ++i) {
      const Segment& s = tok.segments[i];
      letters += s.letters;
      upper += s.upper;
      if (!single_letter(s) || (i > first && tok.joints[i] != Joint::dot)) dotted_letters = false;
      if (!all_digits(s) || (i > first && tok.joints[i] == Joint::hyphen)) numeric = false;
    }
    Word word;
    word.begin = tok.segments[first].begin;
    word.end = tok.segments[last - 1].end;
    std::string raw;
    std::vector<std::string> raw_parts;
    for (std::size_t i = first; i < last; ++i) {
      const Segment& s = tok.segments[i];
      if (i > first && numeric) raw += tok.joints[i] == Joint::comma ? ',' : '.';
      raw += s.raw;
      if (!dotted_letters && !numeric) split_parts(s, raw_parts);
    }
    word.surface = text::normalize(raw, false);
    if (trailing_apostrophe && letters > 1) accent_final_vowel(word.surface);
    bool participle_after_essere = false;
    if (is_participle_of_essere(word.surface)) {
      const std::vector<std::string> before = recent_words();
      participle_after_essere =
          is_essere_participle(word.surface, {before.begin(), before.end()});
    }
    note_recent(word.begin, word.end);
    if (word.surface.size() > options_.max_word_bytes) return;
    if (initials_ && !may_give_initial(word.surface, raw_parts)) {
      if (places_) result_.words.push_back(std::move(word));  // its place only
      return;
    }
    const bool acronym = letters >= 2 && upper == letters;
    const Lexeme& lx = lexeme(word.surface);
    word.stopword = raw_parts.size() <= 1 && !acronym && lx.stopword;
    if (word.stopword && is_participle_of_essere(word.surface) && !participle_after_essere)
      word.stopword = false;
    if (!word.stopword) {
      word.terms = lx.terms;
      word.coarse = lx.coarse;
      if (raw_parts.size() > 1) add_parts(word, raw_parts);
    }
    result_.words.push_back(std::move(word));
  }

  // Where the last words seen are in the text, whether built or skipped
  // (snippets), so that `stato` after `è` is the participle in every mode;
  // read back (lower case) only before a participle, enough of them for
  // is_essere_participle. Two offsets a word: the skipped words stay cheap.
  void note_recent(std::uint32_t begin, std::uint32_t end) {
    recent_head_ = (recent_head_ + recent_.size() - 1) % recent_.size();
    recent_[recent_head_] = {begin, end};
  }
  std::vector<std::string> recent_words() const {
    std::vector<std::string> out;
    for (std::size_t k = 0; k < recent_.size(); ++k) {
      const auto [begin, end] = recent_[(recent_head_ + k) % recent_.size()];
      out.push_back(end > begin && end <= text_.size()
                        ? text::normalize(text_.substr(begin, end - begin), false)
                        : std::string());
    }
    return out;
  }


  // Whether a term of the word (lower-case `surface`), or of one of its
  // compound parts, may begin with one of initials_. Every term begins with
  // the first character of the folded word it comes from: the Snowball stem
  // keeps a word's first two letters (its R1, R2 and RV regions start after
  // them, and its prelude only changes accents and the case of u and i), and
  // a word without letters is its own term (test_analysis checks it on every
  // word of Debian's witalian list).
  bool may_give_initial(const std::string& surface, const std::vector<std::string>& raw_parts) {
    if (begins_with_initial(surface)) return true;
    if (raw_parts.size() <= 1) return false;
    for (const std::string& p : raw_parts)
      if (begins_with_initial(text::normalize(p, false))) return true;
    return false;
  }

  // The common case decided before the word is built: one segment of
  // letters (or digits) beginning with two ASCII characters, so that its
  // lower-case surface begins with the first of them, lower-cased.
  bool surely_no_initial(const Segment& s, std::size_t segments) const {
    if (!initials_ || segments != 1 || (s.letters > 0 && s.digits > 0)) return false;
    const auto c0 = static_cast<unsigned char>(s.raw[0]);
    if (c0 >= 0x80 || (s.raw.size() > 1 && static_cast<unsigned char>(s.raw[1]) >= 0x80))
      return false;
    const char32_t lower = c0 >= 'A' && c0 <= 'Z' ? c0 + 32 : c0;
    return initials_->find(lower) == std::u32string::npos;
  }

  bool begins_with_initial(std::string_view word) const {
    if (word.empty()) return true;
    const auto first = static_cast<unsigned char>(word.front());
    // An ASCII first character is its folded word's too (lower case already).
    if (first < 0x80) return initials_->find(static_cast<char32_t>(first)) != std::u32string::npos;
    std::size_t pos = 0;
    const std::int32_t cp = text::next_code_point(word, pos);
    if (cp >= 0 && initials_->find(static_cast<char32_t>(cp)) != std::u32string::npos) return true;
    const std::string folded = text::fold(word);
    pos = 0;
    const std::int32_t folded_cp = folded.empty() ? -1 : text::next_code_point(folded, pos);
    return folded_cp >= 0 && initials_->find(static_cast<char32_t>(folded_cp)) != std::u32string::npos;
  }

  // A compound's parts (`Wi-Fi` -> `wi`, `fi`), each once, none of its terms.
  void add_parts(Word& word, const std::vector<std::string>& raw_parts) {
    for (const std::string& p : raw_parts) {
      const std::string& t = lexeme(text::normalize(p, false)).terms.front();
      bool seen = false;
      for (const std::string& x : word.terms) seen = seen || x == t;
      for (const std::string& x : word.parts) seen = seen || x == t;
      if (!seen) word.parts.push_back(t);
    }
  }

  Analyzer& analyzer_;
  const AnalyzerOptions& options_;
  std::unordered_map<std::string, Lexeme>& lexicon_;
  std::size_t max_lexicon_;
  Analysis& result_;
  std::string_view text_;  // the text analysed
  const std::u32string* initials_;
  bool places_;
  std::array<std::pair<std::uint32_t, std::uint32_t>, 3> recent_{};  // nearest at recent_head_
  std::size_t recent_head_ = 0;
};

}  // namespace

Analysis Analyzer::analyze(std::string_view text) { return analyze(text, nullptr, true); }

Analysis Analyzer::analyze_for_initials(std::string_view text, std::u32string_view initials,
                                        bool places) {
  const std::u32string list(initials);
  return analyze(text, &list, places);
}

Analysis Analyzer::analyze(std::string_view text, const std::u32string* initials, bool places) {
  Analysis result;
  Tokenizer tokenizer(text);
  WordBuilder words(*this, options_, impl_->lexicon, Impl::kMaxCache, result, text, initials,
                    places);
  Token tok;
  while (tokenizer.next(tok)) words.add(tok);
  result.invalid_bytes = tokenizer.invalid_bytes();
  add_dotted_names(text, result);
  return result;
}

// `Node.js`, `Hack.Developers`, `ASP.NET`, `X.509`: two words with a dot
// alone between them, the first with letters, the second with letters or
// digits. The first word also gets the terms of the two written whole, so
// `nodejs` typed in a query finds `Node.js` (and the query `Node.js` finds
// `nodejs`: search/query_units.cc, join_written_apart). Positions are
// unchanged, so phrases and snippets read the two words as before.
void Analyzer::add_dotted_names(std::string_view text, Analysis& result) {
  for (std::size_t i = 1; i < result.words.size(); ++i) {
    Word& first = result.words[i - 1];
    const Word& second = result.words[i];
    // A first word without terms is a place only (analyze_for_initials): the
    // whole name begins as it does, so it cannot give a term sought either.
    if (second.begin != first.end + 1 || first.end >= text.size() || text[first.end] != '.' ||
        first.stopword || second.stopword || first.terms.empty() || second.surface.empty() ||
        !has_letter(first.surface) || !first.parts.empty() || !second.parts.empty())
      continue;
    std::string whole = first.surface + second.surface;
    if (whole.size() > options_.max_word_bytes) continue;
    first.joined = compute_terms(*this, options_, whole);
  }
}

}  // namespace segugio::analysis
