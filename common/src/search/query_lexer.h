// The query language's lexer: query text -> tokens (words, phrases, prefixes,
// fields with their values, brackets, operators), with offsets for messages.
// Private to query_parser.cc; see query_parser.h for the language.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "segugio/core/error.h"
#include "segugio/search/query_parser.h"
#include "segugio/text/normalize.h"
#include "segugio/text/utf8.h"

namespace segugio::search::lexing {


using Kind = QueryNode::Kind;
using Modifier = QueryNode::Modifier;

struct FieldAlias {
  std::string_view name;
  Field field;
};

// Field names, Italian and English, lower case (matched case-insensitively).
constexpr std::array<FieldAlias, 17> kFieldAliases{{
    {"id", Field::id},
    {"titolo", Field::title},
    {"title", Field::title},
    {"azienda", Field::company},
    {"company", Field::company},
    {"argomento", Field::topic},
    {"topic", Field::topic},
    {"tag", Field::tag},
    {"autore", Field::author},
    {"author", Field::author},
    {"fonte", Field::source},
    {"source", Field::source},
    {"sezione", Field::section},
    {"section", Field::section},
    {"data", Field::date},
    {"date", Field::date},
    {"giorno", Field::date},
}};

inline std::optional<Field> field_of(std::string_view name) {
  if (name.size() > 10) return std::nullopt;
  const std::string lower = text::ascii_lower(name);
  for (const FieldAlias& a : kFieldAliases)
    if (a.name == lower) return a.field;
  return std::nullopt;
}

// The code point at `pos` (0 for an invalid byte: an overlong form or a
// surrogate is not a space or a quote) and its length in bytes.
inline std::pair<char32_t, std::size_t> code_point(std::string_view s, std::size_t pos) {
  std::size_t end = pos;
  const std::int32_t cp = text::next_code_point(s, end);
  return {cp < 0 ? 0 : static_cast<char32_t>(cp), end - pos};
}

inline bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || cp == 0x202F || cp == 0x2009 || cp == 0x3000;
}

// " « » “ ” „ : any of them opens a phrase; the phrase ends at the next one.
inline bool is_quote(char32_t cp) {
  return cp == '"' || cp == 0xAB || cp == 0xBB || cp == 0x201C || cp == 0x201D || cp == 0x201E;
}

struct Token {
  enum class Type { word, phrase, prefix, field, open, close, op_and, op_or, op_not, end };
  Type type = Type::end;
  Modifier modifier = Modifier::none;
  Field field = Field::none;
  Type value_type = Type::word;  // for a field: word, phrase or prefix
  std::string text;
  std::size_t offset = 0;
  std::size_t text_offset = 0;
};

class Lexer {
 public:
  Lexer(std::string_view query, std::vector<std::string>& notices)
      : q_(query), notices_(notices) {}

  std::vector<Token> tokens() {
    std::vector<Token> out;
    while (true) {
      skip_spaces();
      if (pos_ >= q_.size()) break;
      Token t = next();
      t.text_offset = last_text_offset_;
      if (t.type != Token::Type::end) out.push_back(std::move(t));
    }
    Token end;
    end.offset = q_.size();
    out.push_back(end);
    return out;
  }

 private:
  char32_t peek(std::size_t at) const { return at < q_.size() ? code_point(q_, at).first : 0; }
  std::size_t len_at(std::size_t at) const { return code_point(q_, at).second; }

  void skip_spaces() {
    while (pos_ < q_.size()) {
      const auto [cp, len] = code_point(q_, pos_);
      if (!is_space(cp)) break;
      pos_ += len;
    }
  }

  bool at_boundary(std::size_t at) const {
    if (at >= q_.size()) return true;
    const char32_t cp = peek(at);
    return is_space(cp) || cp == '(' || cp == ')' || is_quote(cp);
  }

  // Reads a quoted phrase starting at the opening quote.
  std::string read_phrase(std::size_t open) {
    pos_ = open + len_at(open);
    const std::size_t start = pos_;
    last_text_offset_ = start;
    while (pos_ < q_.size()) {
      const auto [cp, len] = code_point(q_, pos_);
      if (is_quote(cp)) {
        std::string text(q_.substr(start, pos_ - start));
        pos_ += len;
        return text;
      }
      pos_ += len;
    }
    // `che ha "permesso di…?`: people leave quotes open in questions; the
    // phrase runs to the end, as web engines read it.
    note("le virgolette " + where(open) + " non sono chiuse: cerco la frase fino alla fine");
    return std::string(q_.substr(start));
  }

  std::string read_word() {
    const std::size_t start = pos_;
    last_text_offset_ = start;
    while (!at_boundary(pos_)) pos_ += len_at(pos_);
    return std::string(q_.substr(start, pos_ - start));
  }

  Token next() {
    Token t;
    t.offset = pos_;
    char32_t cp = peek(pos_);
    // `+word`, `-word`, `-"phrase"`, `-(group)`, `+azienda:x`: a sign right before
    // something. A lone sign (`a - b`) is punctuation and is dropped.
    if (cp == '+' || cp == '-') {
      const std::size_t after = pos_ + 1;
      if (after >= q_.size() || is_space(peek(after)) || peek(after) == ')') {
        pos_ = after;
        t.type = Token::Type::end;
        return t;
      }
      t.modifier = cp == '+' ? Modifier::required : Modifier::excluded;
      pos_ = after;
      cp = peek(pos_);
    }
    if (cp == '(') {
      t.type = Token::Type::open;
      ++pos_;
      return t;
    }
    if (cp == ')') {
      t.type = Token::Type::close;
      ++pos_;
      return t;
    }
    if (is_quote(cp)) {
      t.type = Token::Type::phrase;
      t.text = read_phrase(pos_);
      return t;
    }
    const std::size_t word_start = pos_;
    // A field name runs up to the first ':' of the word.
    std::size_t colon = word_start;
    while (!at_boundary(colon) && q_[colon] != ':') colon += len_at(colon);
    if (colon < q_.size() && q_[colon] == ':') {
      if (const std::optional<Field> field = field_of(q_.substr(word_start, colon - word_start))) {
        t.type = Token::Type::field;
        t.field = *field;
        pos_ = colon + 1;
        read_field_value(t);
        return t;
      }
    }
    std::string word = read_word();
    if (t.modifier == Modifier::none && (word == "AND" || word == "OR" || word == "NOT")) {
      t.type = word == "AND"  ? Token::Type::op_and
               : word == "OR" ? Token::Type::op_or
                              : Token::Type::op_not;
      return t;
    }
    classify_word(std::move(word), t.type, t.text);
    return t;
  }

  static void classify_word(std::string word, Token::Type& type, std::string& text) {
    std::size_t stars = 0;
    while (stars < word.size() && word[word.size() - 1 - stars] == '*') ++stars;
    if (stars == 0) {
      type = Token::Type::word;
    } else {
      word.resize(word.size() - stars);
      type = word.empty() ? Token::Type::end : Token::Type::prefix;  // a lone `*` says nothing
    }
    text = std::move(word);
  }

  void read_field_value(Token& t) {
    const std::size_t colon = pos_ - 1;
    const std::string name(q_.substr(t.offset, colon - t.offset));
    // `azienda: Google` (a space after the colon) is read as `azienda:Google`.
    skip_spaces();
    const char32_t cp = peek(pos_);
    if (pos_ >= q_.size() || cp == '(' || cp == ')') {
      const std::string bare = name.front() == '+' || name.front() == '-' ? name.substr(1) : name;
      throw QuerySyntaxError("\"" + bare + ":\" " + describe_at(colon) +
                             " needs a value (write " + bare + ":word or " + bare +
                             ":\"several words\")");
    }
    if (is_quote(cp)) {
      t.value_type = Token::Type::phrase;
      t.text = read_phrase(pos_);
      return;
    }
    classify_word(read_word(), t.value_type, t.text);
    if (t.value_type == Token::Type::end) {
      const std::string bare = name.front() == '+' || name.front() == '-' ? name.substr(1) : name;
      throw QuerySyntaxError("\"" + bare + ":*\" " + describe_at(colon) +
                             " needs the start of a word before the *");
    }
  }

 public:
  // A notice for people, in Italian (`al carattere 12`).
  void note(std::string message) const { notices_.push_back(std::move(message)); }
  std::string where(std::size_t offset) const {
    std::size_t chars = 0;
    for (std::size_t p = 0; p < offset && p < q_.size(); p += len_at(p)) ++chars;
    return "al carattere " + std::to_string(chars + 1);
  }

  // `at character 12 ("artif…")`: where, for people.
  std::string describe_at(std::size_t offset) const {
    std::size_t chars = 0;
    for (std::size_t p = 0; p < offset && p < q_.size(); p += len_at(p)) ++chars;
    std::string context;
    std::size_t end = offset;
    for (int n = 0; n < 12 && end < q_.size(); ++n) end += len_at(end);
    context = std::string(q_.substr(offset, end - offset));
    if (end < q_.size()) context += "\u2026";
    return "at character " + std::to_string(chars + 1) + " (\"" + context + "\")";
  }

 private:
  std::string_view q_;
  std::vector<std::string>& notices_;
  std::size_t pos_ = 0;
  std::size_t last_text_offset_ = 0;  // where the text of the last word or phrase read starts
};

}  // namespace segugio::search::lexing
