// A hand-written lexer and recursive-descent parser. Xapian::QueryParser is not
// used: it keeps apostrophes inside words (`dell'azienda` would never meet the
// analysed index) and silently accepts an unbalanced quote.
#include "segugio/search/query_parser.h"

#include <array>
#include <optional>
#include <tuple>
#include <utility>

#include "segugio/core/error.h"

namespace segugio::search {

namespace {

// Brackets nested deeper than this are refused: the parser (and everything
// that walks the tree after it) recurses once per level, and 10,000 levels of
// `((((...` would overflow the stack. No person writes more than a handful.
constexpr int kMaxBracketDepth = 100;

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

std::optional<Field> field_of(std::string_view name) {
  if (name.size() > 10) return std::nullopt;
  std::string lower(name);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (const FieldAlias& a : kFieldAliases)
    if (a.name == lower) return a.field;
  return std::nullopt;
}

// Decodes the code point at `pos` (0 for an invalid byte) and its length.
std::pair<char32_t, std::size_t> code_point(std::string_view s, std::size_t pos) {
  const auto b = static_cast<unsigned char>(s[pos]);
  std::size_t len = 1;
  char32_t cp = b;
  if (b >= 0xF0) {
    len = 4;
    cp = b & 0x07;
  } else if (b >= 0xE0) {
    len = 3;
    cp = b & 0x0F;
  } else if (b >= 0xC0) {
    len = 2;
    cp = b & 0x1F;
  } else if (b >= 0x80) {
    return {0, 1};
  }
  if (pos + len > s.size()) return {0, 1};
  for (std::size_t i = 1; i < len; ++i) {
    const auto c = static_cast<unsigned char>(s[pos + i]);
    if ((c & 0xC0) != 0x80) return {0, 1};
    cp = (cp << 6) | (c & 0x3F);
  }
  return {cp, len};
}

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || cp == 0x202F || cp == 0x2009 || cp == 0x3000;
}

// " « » “ ” „ : any of them opens a phrase; the phrase ends at the next one.
bool is_quote(char32_t cp) {
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
  explicit Lexer(std::string_view query) : q_(query) {}

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
    throw QuerySyntaxError(
        "the quote " + describe_at(open) +
        " is never closed (close the phrase with a matching quote, or remove the quote to "
        "search the words one by one)");
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
  std::size_t pos_ = 0;
  std::size_t last_text_offset_ = 0;  // where the text of the last word or phrase read starts
};

class Parser {
 public:
  Parser(std::vector<Token> tokens, const Lexer& lexer)
      : tokens_(std::move(tokens)), lexer_(lexer) {}

  QueryNode parse() {
    QueryNode root = parse_or();
    if (peek().type == Token::Type::close)
      fail("\")\" " + lexer_.describe_at(peek().offset) +
           " closes a bracket that was never opened (remove it, or add \"(\" before)");
    return root;
  }

 private:
  const Token& peek() const { return tokens_[at_]; }
  const Token& take() { return tokens_[at_ < tokens_.size() - 1 ? at_++ : at_]; }
  [[noreturn]] static void fail(const std::string& message) { throw QuerySyntaxError(message); }

  static bool empty(const QueryNode& n) {
    return n.kind == Kind::sequence && n.children.empty();
  }

  static QueryNode simplify(QueryNode n) {
    if (n.kind == Kind::sequence && n.children.size() == 1 &&
        n.children.front().modifier == Modifier::none) {
      QueryNode only = std::move(n.children.front());
      return only;
    }
    return n;
  }

  std::string operand_hint(std::string_view op) const {
    return " (write \"a " + std::string(op) + " b\"; to search the word itself, write it in " +
           "lower case: \"" + lower_word(op) + "\")";
  }
  static std::string lower_word(std::string_view op) {
    std::string s(op);
    for (char& c : s) c = static_cast<char>(c - 'A' + 'a');
    return s;
  }

  QueryNode parse_or() {
    QueryNode first = parse_and();
    if (peek().type != Token::Type::op_or) return first;
    if (empty(first))
      fail("OR " + lexer_.describe_at(peek().offset) + " has nothing before it" +
           operand_hint("OR"));
    QueryNode node;
    node.kind = Kind::any;
    node.offset = first.offset;
    node.children.push_back(std::move(first));
    while (peek().type == Token::Type::op_or) {
      const Token& op = take();
      QueryNode next = parse_and();
      if (empty(next))
        fail("OR " + lexer_.describe_at(op.offset) + " has nothing after it" +
             operand_hint("OR"));
      node.children.push_back(std::move(next));
    }
    return node;
  }

  QueryNode parse_and() {
    QueryNode first = parse_not();
    if (peek().type != Token::Type::op_and) return first;
    if (empty(first))
      fail("AND " + lexer_.describe_at(peek().offset) + " has nothing before it" +
           operand_hint("AND"));
    QueryNode node;
    node.kind = Kind::all;
    node.offset = first.offset;
    node.children.push_back(std::move(first));
    while (peek().type == Token::Type::op_and) {
      const Token& op = take();
      QueryNode next = parse_not();
      if (empty(next))
        fail("AND " + lexer_.describe_at(op.offset) + " has nothing after it" +
             operand_hint("AND"));
      node.children.push_back(std::move(next));
    }
    return node;
  }

  QueryNode parse_not() {
    QueryNode left = parse_sequence();
    while (peek().type == Token::Type::op_not) {
      const Token& op = take();
      QueryNode right = parse_sequence();
      if (empty(right))
        fail("NOT " + lexer_.describe_at(op.offset) + " has nothing after it" +
             operand_hint("NOT"));
      QueryNode node;
      node.kind = Kind::but_not;
      node.offset = left.offset;
      node.children.push_back(std::move(left));
      node.children.push_back(std::move(right));
      left = std::move(node);
    }
    return left;
  }

  QueryNode parse_sequence() {
    QueryNode seq;
    seq.kind = Kind::sequence;
    seq.offset = peek().offset;
    while (true) {
      const Token& t = peek();
      if (t.type == Token::Type::op_not && seq.children.empty()) {
        // `NOT x` at the start of a sequence: x is excluded.
        const Token& op = take();
        if (peek().type == Token::Type::end || peek().type == Token::Type::close ||
            peek().type == Token::Type::op_and || peek().type == Token::Type::op_or ||
            peek().type == Token::Type::op_not)
          fail("NOT " + lexer_.describe_at(op.offset) + " has nothing after it" +
               operand_hint("NOT"));
        QueryNode item = parse_item();
        if (item.modifier == Modifier::excluded) fail("\"NOT -\" excludes twice: write one of them");
        item.modifier = Modifier::excluded;
        seq.children.push_back(std::move(item));
        continue;
      }
      if (t.type == Token::Type::end || t.type == Token::Type::close ||
          t.type == Token::Type::op_and || t.type == Token::Type::op_or ||
          t.type == Token::Type::op_not)
        break;
      seq.children.push_back(parse_item());
    }
    return simplify(std::move(seq));
  }

  QueryNode parse_item() {
    const Token t = take();
    QueryNode node;
    node.modifier = t.modifier;
    node.offset = t.offset;
    node.text_offset = t.text_offset;
    switch (t.type) {
      case Token::Type::word:
        node.kind = Kind::word;
        node.text = t.text;
        return node;
      case Token::Type::phrase:
        node.kind = Kind::phrase;
        node.text = t.text;
        return node;
      case Token::Type::prefix:
        node.kind = Kind::prefix;
        node.text = t.text;
        return node;
      case Token::Type::field: {
        node.kind = Kind::field;
        node.field = t.field;
        QueryNode value;
        value.kind = t.value_type == Token::Type::phrase   ? Kind::phrase
                     : t.value_type == Token::Type::prefix ? Kind::prefix
                                                           : Kind::word;
        value.text = t.text;
        value.offset = t.offset;
        value.text_offset = t.text_offset;
        node.children.push_back(std::move(value));
        return node;
      }
      case Token::Type::open: {
        if (++depth_ > kMaxBracketDepth)
          fail("brackets " + lexer_.describe_at(t.offset) + " are nested more than " +
               std::to_string(kMaxBracketDepth) + " deep (remove some)");
        QueryNode inner = parse_or();
        --depth_;
        if (peek().type != Token::Type::close)
          fail("the bracket \"(\" " + lexer_.describe_at(t.offset) +
               " is never closed (add \")\" where the group ends, or remove it)");
        take();
        if (empty(inner))
          fail("the brackets " + lexer_.describe_at(t.offset) +
               " are empty (put words inside, or remove them)");
        if (t.modifier != Modifier::none) {
          if (inner.modifier != Modifier::none) {
            QueryNode wrap;
            wrap.kind = Kind::sequence;
            wrap.offset = inner.offset;
            wrap.children.push_back(std::move(inner));
            inner = std::move(wrap);
          }
          inner.modifier = t.modifier;
        } else if (inner.modifier != Modifier::none) {
          // `(-a)`: keep the sign inside its own sequence.
          QueryNode wrap;
          wrap.kind = Kind::sequence;
          wrap.offset = inner.offset;
          wrap.children.push_back(std::move(inner));
          inner = std::move(wrap);
        }
        return inner;
      }
      default:
        break;
    }
    fail("unexpected " + lexer_.describe_at(t.offset));
  }

  std::vector<Token> tokens_;
  std::size_t at_ = 0;
  int depth_ = 0;  // brackets open around the current position
  const Lexer& lexer_;
};

void describe_into(const QueryNode& n, std::string& out) {
  if (n.modifier == Modifier::required) out += '+';
  if (n.modifier == Modifier::excluded) out += '-';
  auto list = [&](std::string_view name, std::string_view sep) {
    out += name;
    out += '(';
    for (std::size_t i = 0; i < n.children.size(); ++i) {
      if (i > 0) out += sep;
      describe_into(n.children[i], out);
    }
    out += ')';
  };
  switch (n.kind) {
    case Kind::word:
      out += "word:" + n.text;
      break;
    case Kind::phrase:
      out += "phrase:\"" + n.text + "\"";
      break;
    case Kind::prefix:
      out += "prefix:" + n.text + "*";
      break;
    case Kind::field:
      out += field_name(n.field);
      out += '=';
      if (!n.children.empty()) describe_into(n.children.front(), out);
      break;
    case Kind::sequence:
      list("seq", " ");
      break;
    case Kind::all:
      list("and", ", ");
      break;
    case Kind::any:
      list("or", ", ");
      break;
    case Kind::but_not:
      list("not", ", ");
      break;
  }
}

}  // namespace

std::string_view field_name(Field field) {
  switch (field) {
    case Field::none: return "text";
    case Field::id: return "id";
    case Field::title: return "title";
    case Field::company: return "company";
    case Field::topic: return "topic";
    case Field::tag: return "tag";
    case Field::author: return "author";
    case Field::source: return "source";
    case Field::section: return "section";
    case Field::date: return "date";
  }
  return "text";
}

std::string QueryNode::describe() const {
  std::string out;
  describe_into(*this, out);
  return out;
}

QueryNode parse_plain_text(std::string_view query) {
  QueryNode seq;
  seq.kind = Kind::sequence;
  std::size_t pos = 0;
  while (pos < query.size()) {
    // One blank-separated token; syntax characters become blanks.
    auto [cp, len] = code_point(query, pos);
    if (is_space(cp) || is_quote(cp) || cp == '(' || cp == ')') {
      pos += len;
      continue;
    }
    const std::size_t start = pos;
    while (pos < query.size()) {
      std::tie(cp, len) = code_point(query, pos);
      if (is_space(cp) || is_quote(cp) || cp == '(' || cp == ')') break;
      pos += len;
    }
    std::string_view token = query.substr(start, pos - start);
    std::size_t offset = start;
    while (!token.empty() && (token.front() == '+' || token.front() == '-')) {
      token.remove_prefix(1);
      ++offset;
    }
    while (!token.empty() && token.back() == '*') token.remove_suffix(1);
    if (token.empty()) continue;
    QueryNode word;
    word.kind = Kind::word;
    word.text = std::string(token);
    word.offset = word.text_offset = offset;
    seq.children.push_back(std::move(word));
  }
  if (seq.children.size() == 1) {
    QueryNode only = std::move(seq.children.front());
    return only;
  }
  return seq;
}

QueryNode parse_query(std::string_view query) {
  Lexer lexer(query);
  Parser parser(lexer.tokens(), lexer);
  return parser.parse();
}

}  // namespace segugio::search
