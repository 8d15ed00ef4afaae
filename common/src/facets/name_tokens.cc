#include "name_tokens.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "segugio/text/utf8.h"

namespace segugio::facets::detail {

namespace {

enum class Kind : char { separator, letter, digit, mark };

// The base letter of U+00C0..U+017F; the case of the table letter is the case
// of the character. `*` = not a letter (× ÷); ligatures are special-cased.
constexpr std::string_view kLatin =
    "AAAAAAACEEEEIIII"   // U+00C0 À..Ï (Æ special)
    "DNOOOOO*OUUUUYTs"   // U+00D0 Ð..ß (Þ, ß special)
    "aaaaaaaceeeeiiii"   // U+00E0 à..ï (æ special)
    "dnooooo*ouuuuyty"   // U+00F0 ð..ÿ (þ special)
    "AaAaAaCcCcCcCcDd"   // U+0100 Ā..ď
    "DdEeEeEeEeEeGgGg"   // U+0110 Đ..ğ
    "GgGgHhHhIiIiIiIi"   // U+0120 Ġ..į
    "IiJjJjKkkLlLlLlL"   // U+0130 İ..Ŀ (Ĳ ĳ special)
    "lLlNnNnNnnNnOoOo"   // U+0140 ŀ..ŏ
    "OoOoRrRrRrSsSsSs"   // U+0150 Ő..ş (Œ œ special)
    "SsTtTtTtUuUuUuUu"   // U+0160 Š..ů
    "UuUuWwYyYZzZzZzs";  // U+0170 Ű..ſ

struct CharInfo {
  Kind kind = Kind::separator;
  bool upper = false;
};

CharInfo classify(std::int32_t cp) {
  if (cp < 0x80) {
    if (cp >= 'a' && cp <= 'z') return {Kind::letter, false};
    if (cp >= 'A' && cp <= 'Z') return {Kind::letter, true};
    if (cp >= '0' && cp <= '9') return {Kind::digit, false};
    return {};
  }
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return {};
  if (cp < 0x180) {
    const char c = kLatin[static_cast<std::size_t>(cp - 0xC0)];
    return {Kind::letter, c >= 'A' && c <= 'Z'};
  }
  if (cp == 0x2BC) return {};  // ʼ, an apostrophe
  if (cp >= 0x300 && cp <= 0x36F) return {Kind::mark, false};
  if (cp >= 0x391 && cp <= 0x3A9) return {Kind::letter, true};  // Greek capitals
  if (cp >= 0x400 && cp <= 0x42F) return {Kind::letter, true};  // Cyrillic capitals
  if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
      (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF ||
      cp >= 0xFFF0)
    return {};
  return {Kind::letter, false};
}

void append_folded(std::string& out, std::int32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
    return;
  }
  if (cp < 0x180) {
    switch (cp) {
      case 0xC6:
      case 0xE6:
        out += "ae";
        return;  // Æ æ
      case 0xDE:
      case 0xFE:
        out += "th";
        return;  // Þ þ
      case 0xDF:
        out += "ss";
        return;  // ß
      case 0x132:
      case 0x133:
        out += "ij";
        return;  // Ĳ ĳ
      case 0x152:
      case 0x153:
        out += "oe";
        return;  // Œ œ
      default:
        break;
    }
    const char c = kLatin[static_cast<std::size_t>(cp - 0xC0)];
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return;
  }
  if (cp >= 0x300 && cp <= 0x36F) return;  // combining accents
  if (cp >= 0x391 && cp <= 0x3A9)
    cp += 0x20;
  else if (cp >= 0x410 && cp <= 0x42F)
    cp += 0x20;
  else if (cp >= 0x400 && cp <= 0x40F)
    cp += 0x50;
  text::append_utf8(out, static_cast<char32_t>(cp));
}

bool is_apostrophe(std::int32_t cp) {
  return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x2BC || cp == '`';
}
bool is_space(std::int32_t cp) {
  return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x2009 || cp == 0x202F || cp == 0x200B;
}
bool is_line_break(std::int32_t cp) {
  return cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029;
}
// Ends a sentence when followed by a space, a quote or the end: `.` in
// `S.p.A.` or `5.6` does not.
bool is_terminal(std::int32_t cp) {
  return cp == '.' || cp == '!' || cp == '?' || cp == ';' || cp == ':' || cp == 0x2026;
}
bool is_opening_quote(std::int32_t cp) {
  return cp == 0x201C || cp == 0xAB || cp == 0x2018;
}

// What lies between two words.
struct Gap {
  bool empty = true;
  bool paren_open = false;
  bool paren_close = false;
  bool slash_first = false;  // the gap starts with `/`
  bool comma = false;
  bool only_spaces = true;
  bool new_sentence = false;
  bool opens_quote = false;
};

// Marks the sentences whose capitals carry no information.
void mark_headlines(NameTokens& out) {
  struct Count {
    int words = 0;       // words of 3+ letters that do not open the sentence
    int capitals = 0;    // ... capitalised
    int long_words = 0;  // words of 2+ letters
    int all_upper = 0;   // ... in capitals
  };
  std::vector<Count> counts(out.sentences.size());
  for (const NameToken& t : out.tokens) {
    Count& c = counts[t.sentence];
    if (t.letters >= 2) {
      ++c.long_words;
      if (t.all_upper) ++c.all_upper;
    }
    if (t.sentence_start || t.letters < 3) continue;
    ++c.words;
    if (t.first_upper) ++c.capitals;
  }
  for (std::size_t s = 0; s < counts.size(); ++s) {
    const Count& c = counts[s];
    const bool title_case = c.words >= 3 && c.capitals * 5 >= c.words * 4;
    const bool capitals = c.long_words >= 3 && c.all_upper == c.long_words;
    out.sentences[s].capitals_uninformative = title_case || capitals;
  }
}

// Marks as technical the words of a sentence that speaks to the reader of the
// web page, not of the news: a cookie banner asks the reader to accept the
// cookies of a service (`Accetta i cookie di YouTube per vedere il video`),
// which names no company of the article. A sentence about cookies without
// the request (`Google rinuncia ai cookie di terze parti`) is news.
void mark_site_chrome(NameTokens& out) {
  const std::size_t size = out.tokens.size();
  for (std::size_t i = 0; i < size; ++i) {
    if (out.tokens[i].letters != 6 || out.word(i) != "cookie") continue;
    const std::uint32_t sentence = out.tokens[i].sentence;
    std::size_t first = i, last = i + 1;
    while (first > 0 && out.tokens[first - 1].sentence == sentence) --first;
    while (last < size && out.tokens[last].sentence == sentence) ++last;
    bool request = false;
    for (std::size_t k = first; k < last && !request; ++k) {
      const std::string_view w = out.word(k);
      request = w == "accetta" || w == "accetti" || w == "acconsenti" || w == "abilita" ||
                w == "accept";
    }
    if (request)
      for (std::size_t k = first; k < last; ++k) out.tokens[k].technical = true;
    i = last - 1;
  }
}

// Where the path of a domain written without scheme starts in `run`
// (`github.com/acme` -> 10, the `/`), npos when `run` does not open with one:
// letters, digits or hyphens, a dot, a top-level domain of 2 to 6 lower-case
// letters, a slash.
std::size_t bare_domain_end(std::string_view run) {
  std::size_t k = 0;
  const auto label = [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  };
  while (k < run.size() && (label(run[k]) || run[k] == '.')) ++k;
  if (k == run.size() || run[k] != '/') return std::string_view::npos;
  const std::size_t dot = run.substr(0, k).rfind('.');
  if (dot == std::string_view::npos || dot == 0 || k - dot - 1 < 2 || k - dot - 1 > 6)
    return std::string_view::npos;
  for (std::size_t c = dot + 1; c < k; ++c)
    if (run[c] < 'a' || run[c] > 'z') return std::string_view::npos;
  return k;
}

// Byte ranges of `text` that are code or addresses, not prose: a URL
// (`https://...`, `www.acme.it/...`, `acme.it/blog`), an e-mail address (`@` between two
// letters or digits), a file path (`~/.config/acme`), and a code span between
// two backticks on one line (`BT`, `git push`). An address ends at a space or
// at the punctuation that closes a Markdown or HTML link around it, so the
// link's text stays prose:
// in `[sviluppo su Acme](https://acme.example/x)` and
// `<a href="https://acme.example/">Acme</a>` the words are read, the address
// is not.
std::vector<std::pair<std::size_t, std::size_t>> technical_ranges(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  const auto blank = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  const auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  // Characters of the markup before an address (`](`, `href="`) and after it
  // (`)`, `">`); `=` only before: `?a=b` is inside an address.
  const auto opens = [](char c) {
    return c == '(' || c == '[' || c == '<' || c == '>' || c == '"' || c == '\'' || c == '=';
  };
  const auto closes = [](char c) {
    return c == ')' || c == ']' || c == '<' || c == '>' || c == '"' || c == '\'';
  };
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    if (blank(text[i])) {
      ++i;
      continue;
    }
    if (text[i] == '`') {
      const std::size_t close = text.find_first_of("`\n", i + 1);
      if (close != std::string_view::npos && text[close] == '`') {
        out.emplace_back(i, close + 1);
        i = close + 1;
        continue;
      }
    }
    std::size_t end = i + 1;  // past a lone backtick too
    while (end < n && !blank(text[end]) && text[end] != '`') ++end;
    // A file path is an address too: `/etc/acme/acme.conf`, `~/.config/acme`,
    // `$HOME/.acme`, `./acme` (not `ANSA/Reuters`, `e/o`).
    std::size_t p = i;
    while (p < end && opens(text[p])) ++p;
    if (const std::string_view run = text.substr(p, end - p);
        run.size() > 1 && run.find('/') != std::string_view::npos &&
        (run[0] == '/' || run[0] == '~' || run[0] == '$' || run[0] == '.' ||
         run.find("/.") != std::string_view::npos)) {
      out.emplace_back(p, end);
      i = end;
      continue;
    }
    // An address without scheme: a domain and a path (`github.com/acme`,
    // `acme.it/blog`), up to the markup that closes it; not `Amazon.com`.
    if (const std::size_t domain = text.substr(p, end - p).find('/') == std::string_view::npos
                                       ? std::string_view::npos
                                       : bare_domain_end(text.substr(p, end - p));
        domain != std::string_view::npos) {
      std::size_t to = p + domain;
      while (to < end && !closes(text[to])) ++to;
      out.emplace_back(p, to);
      i = to;
      continue;
    }
    // The addresses inside the run of non-spaces i..end.
    std::size_t k = i;
    while (k < end) {
      const std::string_view rest = text.substr(k, end - k);
      const std::size_t scheme = rest.find("://");
      const std::size_t www = rest.find("www.");
      const std::size_t at = rest.find('@');
      std::size_t hit = std::min({scheme, www, at});
      if (hit == std::string_view::npos) break;
      std::size_t from = k + hit;
      if (hit == at) {
        if (!(from > i && from + 1 < end && alnum(text[from - 1]) && alnum(text[from + 1]))) {
          k = from + 1;
          continue;
        }
      } else if (hit == www && from > i && !opens(text[from - 1])) {
        k = from + 4;  // `awww.` or a word ending in `www.`: not an address
        continue;
      }
      // Back to the start of the address (`https`, `info`), not past markup.
      while (from > i && !opens(text[from - 1])) --from;
      std::size_t to = k + hit + 1;
      while (to < end && !closes(text[to])) ++to;
      out.emplace_back(from, to);
      k = to;
    }
    i = end;
  }
  return out;
}

// What separator `cp` (after `prev_cp`; `pos` just past it) says about the
// gap between two words.
void add_separator(Gap& gap, std::int32_t cp, std::int32_t prev_cp, std::string_view text,
                   std::size_t pos) {
  if (gap.empty && cp == '/') gap.slash_first = true;
  if (cp == '(') gap.paren_open = true;
  if (cp == ')') gap.paren_close = true;
  if (cp == ',') gap.comma = true;
  gap.empty = false;
  if (!is_space(cp)) gap.only_spaces = false;
  if (is_line_break(cp)) gap.new_sentence = true;
  if (is_opening_quote(cp) || (cp == '"' && (is_space(prev_cp) || is_line_break(prev_cp))))
    gap.opens_quote = true;
  if (is_terminal(cp)) {
    // A terminal mark followed directly by a word character is inside a
    // token (`S.p.A.`, `5.6`, `Amazon.com`).
    std::size_t peek = pos;
    const std::int32_t following = peek < text.size() ? text::next_code_point(text, peek) : ' ';
    const Kind k = following < 0 ? Kind::separator : classify(following).kind;
    if (k == Kind::separator) gap.new_sentence = true;
  }
}

// Reads the rest of the word whose first code point `cp` (of class `info`)
// ends at `pos`: its letters, case and accents into `tok`, its folded form
// onto `folded`. Leaves `pos` after the word; returns its last code point.
std::int32_t read_word(std::string_view text, std::size_t& pos, std::int32_t cp, CharInfo info,
                       NameToken& tok, std::string& folded) {
  int upper = 0;
  bool seen_letter = false;
  std::int32_t c = cp;
  CharInfo ci = info;
  std::size_t end = pos;
  for (;;) {
    if (ci.kind == Kind::letter) {
      if (!seen_letter) tok.first_upper = ci.upper;
      seen_letter = true;
      ++tok.letters;
      if (ci.upper) ++upper;
      if (c >= 0xC0 && c < 0x180) tok.accented = true;
    } else if (ci.kind == Kind::mark) {
      tok.accented = true;
    }
    append_folded(folded, c);
    end = pos;
    if (pos >= text.size()) break;
    std::size_t peek = pos;
    const std::int32_t d = text::next_code_point(text, peek);
    const CharInfo di = d < 0 ? CharInfo{} : classify(d);
    if (di.kind == Kind::separator) break;
    c = d;
    ci = di;
    pos = peek;
  }
  tok.end = static_cast<std::uint32_t>(end);
  tok.all_upper = tok.letters > 0 && upper == tok.letters;
  tok.all_lower = tok.letters > 0 && upper == 0;
  return c;
}

// Whether the word ending at `pos` is elided: `Dell'Orto` is; `Apple's`
// is a possessive.
bool elided_at(std::string_view text, std::size_t pos) {
  const std::size_t n = text.size();
  std::size_t peek = pos;
  const std::int32_t d = text::next_code_point(text, peek);
  if (!is_apostrophe(d) || peek >= n) return false;
  std::size_t after = peek;
  const std::int32_t e = text::next_code_point(text, after);
  if (e < 0 || classify(e).kind != Kind::letter) return false;
  bool possessive = (e == 's' || e == 'S');
  if (possessive && after < n) {
    std::size_t after2 = after;
    const std::int32_t f = text::next_code_point(text, after2);
    possessive = f < 0 || classify(f).kind == Kind::separator;
  }
  return !possessive;
}

}  // namespace

void tokenize_names(std::string_view text, NameTokens& out) {
  out.folded.clear();
  out.tokens.clear();
  out.sentences.clear();
  out.sentences.emplace_back();

  const auto technical = technical_ranges(text);
  std::size_t next_technical = 0;
  Gap gap;
  gap.new_sentence = true;
  std::int32_t prev_cp = ' ';
  std::size_t pos = 0;
  const std::size_t n = text.size();
  while (pos < n) {
    const std::size_t start = pos;
    const std::int32_t cp = text::next_code_point(text, pos);
    const CharInfo info = cp < 0 ? CharInfo{} : classify(cp);
    if (info.kind == Kind::separator) {
      add_separator(gap, cp, prev_cp, text, pos);
      prev_cp = cp;
      continue;
    }
    if (info.kind == Kind::mark) continue;  // a stray mark between words

    // A word: letters, digits and combining marks.
    if (!out.tokens.empty()) {
      out.tokens.back().paren_after = gap.paren_close;
      out.tokens.back().slash_after = gap.slash_first;
    }
    NameToken tok;
    tok.paren_before = gap.paren_open;
    tok.comma_before = gap.comma;
    tok.begin = static_cast<std::uint32_t>(start);
    while (next_technical < technical.size() && technical[next_technical].second <= start)
      ++next_technical;
    tok.technical =
        next_technical < technical.size() && technical[next_technical].first <= start;
    if (!out.tokens.empty()) out.folded += ' ';
    tok.fold_begin = static_cast<std::uint32_t>(out.folded.size());
    if (gap.new_sentence && !out.tokens.empty()) out.sentences.emplace_back();
    tok.sentence = static_cast<std::uint32_t>(out.sentences.size() - 1);
    tok.sentence_start = gap.new_sentence || gap.opens_quote;
    tok.quote_start = gap.opens_quote && !gap.new_sentence && !out.tokens.empty();
    tok.space_before = !gap.empty && gap.only_spaces && !out.tokens.empty();
    std::int32_t c = read_word(text, pos, cp, info, tok, out.folded);
    // `C.D.P`, `J.P. Morgan`: single capitals joined by dots are one acronym,
    // the word `CDP` (`S.p.A.` is no acronym: it keeps its three words).
    if (tok.letters == 1 && tok.all_upper && tok.end == tok.begin + 1)
      while (pos + 1 < n && text[pos] == '.' && text[pos + 1] >= 'A' && text[pos + 1] <= 'Z' &&
             (pos + 2 == n || classify(static_cast<unsigned char>(text[pos + 2])).kind ==
                                  Kind::separator)) {
        c = text[pos + 1];
        out.folded += static_cast<char>(c - 'A' + 'a');
        ++tok.letters;
        pos += 2;
        tok.end = static_cast<std::uint32_t>(pos);
      }
    tok.fold_end = static_cast<std::uint32_t>(out.folded.size());
    if (pos < n) tok.elided = elided_at(text, pos);
    out.tokens.push_back(tok);
    gap = Gap{};
    prev_cp = c;
  }
  if (!out.tokens.empty()) {
    out.tokens.back().paren_after = gap.paren_close;
    out.tokens.back().slash_after = gap.slash_first;
  }
  mark_headlines(out);
  mark_site_chrome(out);
}

std::string fold_name(std::string_view text) {
  NameTokens tokens;
  tokenize_names(text, tokens);
  return std::move(tokens.folded);
}

}  // namespace segugio::facets::detail
