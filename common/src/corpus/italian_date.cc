#include "segugio/corpus/italian_date.h"

#include <array>
#include <cstdlib>
#include <string>
#include <vector>

#include "segugio/text/month_names.h"
#include "segugio/text/normalize.h"

namespace segugio::corpus {

namespace {

struct Token {
  enum Kind { number, word, punct } kind;
  std::string text;  // digits, folded letters, or one punctuation character
  int value = 0;     // numbers only
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::vector<Token> tokenize(std::string_view folded) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < folded.size()) {
    const char c = folded[i];
    if (is_digit(c)) {
      std::size_t j = i;
      while (j < folded.size() && is_digit(folded[j])) ++j;
      Token t{Token::number, std::string(folded.substr(i, j - i))};
      // Longer runs are never part of a date; keep the value small and harmless.
      t.value = t.text.size() <= 8 ? std::atoi(t.text.c_str()) : -1;
      tokens.push_back(std::move(t));
      i = j;
    } else if (is_alpha(c)) {
      std::size_t j = i;
      while (j < folded.size() && is_alpha(folded[j])) ++j;
      tokens.push_back({Token::word, std::string(folded.substr(i, j - i))});
      i = j;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      // A multi-byte character ("°", "º", "–", "|"): one punctuation token.
      std::size_t j = i + 1;
      while (j < folded.size() && (static_cast<unsigned char>(folded[j]) & 0xC0) == 0x80) ++j;
      tokens.push_back({Token::punct, std::string(folded.substr(i, j - i))});
      i = j;
    } else {
      tokens.push_back({Token::punct, std::string(1, c)});
      ++i;
    }
  }
  return tokens;
}

constexpr std::array kWeekdays = {
    "lunedi",   "lun", "martedi",  "mar", "mercoledi", "mer", "giovedi", "gio", "venerdi",   "ven",
    "sabato",   "sab", "domenica", "dom", "monday",    "mon", "tuesday", "tue", "wednesday", "wed",
    "thursday", "thu", "friday",   "fri", "saturday",  "sat", "sunday",  "sun",
};

constexpr std::array kZones = {"z",   "gmt", "ut",   "utc", "cet", "cest", "est",
                               "edt", "cst", "cdt",  "mst", "mdt", "pst",  "pdt",
                               "bst", "wet", "west", "eet", "eest"};

template <std::size_t N>
bool in(const std::array<const char*, N>& list, const std::string& word) {
  for (const char* w : list)
    if (word == w) return true;
  return false;
}

// A cursor over the tokens; every match_* function either consumes and
// returns true, or leaves the position where it was.
class Cursor {
 public:
  explicit Cursor(const std::vector<Token>& tokens, std::size_t pos = 0)
      : tokens_(tokens), pos_(pos) {}

  bool done() const { return pos_ >= tokens_.size(); }
  std::size_t pos() const { return pos_; }
  void seek(std::size_t pos) { pos_ = pos; }
  const Token* peek(std::size_t ahead = 0) const {
    return pos_ + ahead < tokens_.size() ? &tokens_[pos_ + ahead] : nullptr;
  }

  bool punct(std::string_view p) {
    const Token* t = peek();
    if (t && t->kind == Token::punct && t->text == p) return ++pos_, true;
    return false;
  }
  bool word(std::string_view w) {
    const Token* t = peek();
    if (t && t->kind == Token::word && t->text == w) return ++pos_, true;
    return false;
  }
  // A number of `min_digits`..`max_digits` digits.
  bool number(std::size_t min_digits, std::size_t max_digits, int& value) {
    const Token* t = peek();
    if (t && t->kind == Token::number && t->text.size() >= min_digits &&
        t->text.size() <= max_digits) {
      value = t->value;
      return ++pos_, true;
    }
    return false;
  }
  bool month_name(int& month) {
    const Token* t = peek();
    if (!t || t->kind != Token::word) return false;
    const std::optional<int> m = text::month_number(t->text);
    if (!m) return false;
    month = *m;
    ++pos_;
    punct(".");  // "Feb.", "sett."
    return true;
  }
  bool weekday() {
    const std::size_t start = pos_;
    const Token* t = peek();
    if (!t || t->kind != Token::word || !in(kWeekdays, t->text)) return false;
    ++pos_;
    punct(".");
    punct(",");
    // Only a weekday when a day number follows ("mar 5 marzo"), so that "mar"
    // as a month ("Mar 5, 2024") is left alone.
    const Token* next = peek();
    if (next && next->kind == Token::number) return true;
    pos_ = start;
    return false;
  }

 private:
  const std::vector<Token>& tokens_;
  std::size_t pos_;
};

int full_year(int year, std::size_t digits) {
  if (digits == 2) return year < 70 ? 2000 + year : 1900 + year;
  return year;
}

std::optional<Date> make_date(int year, int month, int day) {
  const Date d{year, month, day};
  if (!d.valid()) return std::nullopt;
  return d;
}

bool is_separator(const Cursor& c, std::string& sep) {
  const Token* t = c.peek();
  if (t && t->kind == Token::punct && (t->text == "-" || t->text == "/" || t->text == ".")) {
    sep = t->text;
    return true;
  }
  return false;
}

// The day itself, in one of the forms of the header. Consumes it on success.
std::optional<Date> match_day(Cursor& c) {
  const std::size_t start = c.pos();
  int a = 0, b = 0, y = 0, month = 0;
  std::string sep;

  // 2024-02-28, 2024/02/28, 2024.02.28
  if (c.number(4, 4, y) && is_separator(c, sep) && c.punct(sep) && c.number(1, 2, b) &&
      c.punct(sep) && c.number(1, 2, a)) {
    return make_date(y, b, a);
  }
  c.seek(start);

  // 20240228
  if (const Token* t = c.peek(); t && t->kind == Token::number && t->text.size() == 8) {
    c.seek(start + 1);
    return make_date(t->value / 10000, t->value / 100 % 100, t->value % 100);
  }

  // 28/02/2024, 28-02-2024, 28.02.2024, 28/02/24
  if (c.number(1, 2, a) && is_separator(c, sep) && c.punct(sep) && c.number(1, 2, b) &&
      c.punct(sep)) {
    const Token* t = c.peek();
    if (t && t->kind == Token::number && (t->text.size() == 4 || t->text.size() == 2)) {
      c.seek(c.pos() + 1);
      return make_date(full_year(t->value, t->text.size()), b, a);
    }
  }
  c.seek(start);

  // 28 feb 2024, 28 febbraio 2024, 1° marzo 2024, 28-feb-2024, 05 Mar 24
  if (c.number(1, 2, a)) {
    c.punct("°") || c.punct("º") || c.punct(".");
    c.punct("-") || c.punct("/");
    if (c.month_name(month)) {
      c.punct("-") || c.punct("/") || c.punct(",");
      const Token* t = c.peek();
      if (t && t->kind == Token::number && (t->text.size() == 4 || t->text.size() == 2)) {
        c.seek(c.pos() + 1);
        return make_date(full_year(t->value, t->text.size()), month, a);
      }
    }
  }
  c.seek(start);

  // Mar 5, 2024 / March 5th 2024
  if (c.month_name(month) && c.number(1, 2, a)) {
    c.word("st") || c.word("nd") || c.word("rd") || c.word("th");
    c.punct(",");
    if (c.number(4, 4, y)) return make_date(y, month, a);
  }
  c.seek(start);
  return std::nullopt;
}

// An optional time and zone after the day: "10:30", "ore 10.30", "T23:30:00",
// ", 10:00:00 +0100", "- 10:30 CET".
void skip_time_and_zone(Cursor& c) {
  std::size_t start = c.pos();
  c.punct(",") || c.punct("-") || c.punct("|") || c.punct("\xe2\x80\x93");  // en dash
  c.word("alle");
  c.word("ore") || c.word("h") || c.word("t") || c.word("at");
  int h = 0, m = 0, s = 0;
  if (c.number(1, 2, h) && (c.punct(":") || c.punct(".")) && c.number(2, 2, m)) {
    if (c.punct(":")) {
      if (!c.number(2, 2, s)) c.seek(c.pos() - 1);
      const std::size_t before_fraction = c.pos();
      if (c.punct(".") || c.punct(",")) {
        int fraction = 0;
        const Token* t = c.peek();
        if (t && t->kind == Token::number)
          c.number(1, t->text.size(), fraction);
        else
          c.seek(before_fraction);
      }
    }
  } else {
    c.seek(start);
    return;
  }
  // Zone.
  start = c.pos();
  int zone = 0;
  if (c.punct("+") || c.punct("-")) {
    if (c.number(4, 4, zone)) return;
    if (c.number(2, 2, zone)) {
      const std::size_t before_minutes = c.pos();
      if (!(c.punct(":") && c.number(2, 2, zone))) c.seek(before_minutes);
      return;
    }
    c.seek(start);
    return;
  }
  const Token* t = c.peek();
  if (t && t->kind == Token::word && in(kZones, t->text)) {
    c.seek(c.pos() + 1);
    // "GMT+1", "UTC+01:00"
    const std::size_t after_zone = c.pos();
    if (c.punct("+") || c.punct("-")) {
      if (!c.number(1, 4, zone))
        c.seek(after_zone);
      else if (c.punct(":") && !c.number(2, 2, zone))
        c.seek(c.pos() - 1);
    }
  }
}

// A day and optional time and zone starting at `start`. With `whole`, nothing
// may follow.
std::optional<Date> match_date_at(const std::vector<Token>& tokens, std::size_t start, bool whole) {
  // With a weekday first ("mar 5 marzo 2024"), then without ("Mar 5, 2024").
  for (bool weekday : {true, false}) {
    Cursor c(tokens, start);
    if (weekday && !c.weekday()) continue;
    std::optional<Date> day = match_day(c);
    if (!day) continue;
    skip_time_and_zone(c);
    c.punct(".");
    if (whole && !c.done()) continue;
    return day;
  }
  return std::nullopt;
}

// Where the date after a lead-in word ("pubblicato", "aggiornato") starts, or
// npos when `lead_words` does not occur.
std::size_t after_lead_in(const std::vector<Token>& tokens,
                          std::initializer_list<std::string_view> lead_words) {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != Token::word) continue;
    bool hit = false;
    for (std::string_view w : lead_words) hit = hit || tokens[i].text == w;
    if (!hit) continue;
    Cursor c(tokens, i + 1);
    c.punct(":");
    c.word("il") || c.word("on") || (c.word("in") && c.word("data"));
    c.punct(":");
    return c.pos();
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<Date> parse_italian_date(std::string_view text) {
  const std::vector<Token> tokens = tokenize(text::fold(text));
  if (tokens.empty()) return std::nullopt;

  // After a lead-in, anything may follow the date; the publication date wins.
  for (auto lead : {std::initializer_list<std::string_view>{"pubblicato", "pubblicata", "published",
                                                            "pubblicazione"},
                    std::initializer_list<std::string_view>{"aggiornato", "aggiornata", "updated",
                                                            "aggiornamento"}}) {
    const std::size_t start = after_lead_in(tokens, lead);
    if (start != std::string_view::npos) {
      if (auto d = match_date_at(tokens, start, false)) return d;
    }
  }
  // "Data: 28/02/2024", "Del 28/02/2024"
  {
    Cursor c(tokens);
    if (c.word("data") || c.word("del") || c.word("date")) {
      c.punct(":");
      if (auto d = match_date_at(tokens, c.pos(), true)) return d;
    }
  }
  return match_date_at(tokens, 0, true);
}

}  // namespace segugio::corpus
