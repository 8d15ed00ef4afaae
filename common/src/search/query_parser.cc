// A hand-written lexer and recursive-descent parser. Xapian::QueryParser is not
// used: it keeps apostrophes inside words (`dell'azienda` would never meet the
// analysed index) and silently accepts an unbalanced quote.
#include "segugio/search/query_parser.h"

#include <tuple>
#include <utility>

#include "query_lexer.h"
#include "segugio/core/error.h"

namespace segugio::search {

using namespace lexing;

namespace {

// Brackets nested deeper than this are refused: the parser (and everything
// that walks the tree after it) recurses once per level, and 10,000 levels of
// `((((...` would overflow the stack. No person writes more than a handful.
constexpr int kMaxBracketDepth = 100;

class Parser {
 public:
  Parser(std::vector<Token> tokens, const Lexer& lexer)
      : tokens_(std::move(tokens)), lexer_(lexer) {}

  QueryNode parse() {
    QueryNode root = parse_or();
    while (peek().type == Token::Type::close) {
      lexer_.note("la parentesi \")\" " + lexer_.where(take().offset) +
                  " non chiude nulla: la ignoro");
      QueryNode rest = parse_or();
      if (empty(rest)) continue;
      if (empty(root)) {
        root = std::move(rest);
        continue;
      }
      QueryNode both = empty_sequence(root.offset);
      both.children.push_back(std::move(root));
      both.children.push_back(std::move(rest));
      root = std::move(both);
    }
    return root;
  }

 private:
  const Token& peek() const { return tokens_[at_]; }
  const Token& take() { return tokens_[at_ < tokens_.size() - 1 ? at_++ : at_]; }
  [[noreturn]] static void fail(const std::string& message) { throw QuerySyntaxError(message); }

  static QueryNode empty_sequence(std::size_t offset) {
    QueryNode n;
    n.kind = Kind::sequence;
    n.offset = offset;
    return n;
  }

  // An operator with nothing on one side (`cloud AND`) is dropped, with a notice.
  void ignore_operator(std::string_view op, const Token& t) {
    lexer_.note(std::string(op) + " " + lexer_.where(t.offset) +
                " non ha parole su un lato: lo ignoro");
  }

  // The children of an AND or OR node, or the only one.
  static QueryNode joined(Kind kind, std::vector<QueryNode> children, std::size_t offset) {
    if (children.empty()) return empty_sequence(offset);
    if (children.size() == 1) return std::move(children.front());
    QueryNode node;
    node.kind = kind;
    node.offset = children.front().offset;
    node.children = std::move(children);
    return node;
  }

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

  QueryNode parse_or() { return parse_joined(Token::Type::op_or); }
  QueryNode parse_and() { return parse_joined(Token::Type::op_and); }

  // `a OR b OR c` (or AND); an operand missing on either side drops its operator.
  QueryNode parse_joined(Token::Type op_type) {
    const bool is_or = op_type == Token::Type::op_or;
    const std::string_view name = is_or ? "OR" : "AND";
    auto operand = [&] { return is_or ? parse_and() : parse_not(); };
    const std::size_t offset = peek().offset;
    QueryNode first = operand();
    if (peek().type != op_type) return first;
    std::vector<QueryNode> children;
    bool left_empty = empty(first);
    if (!left_empty) children.push_back(std::move(first));
    while (peek().type == op_type) {
      const Token& op = take();
      QueryNode next = operand();
      const bool right_empty = empty(next);
      if (left_empty || right_empty) ignore_operator(name, op);
      if (!right_empty) children.push_back(std::move(next));
      left_empty = right_empty;
    }
    return joined(is_or ? Kind::any : Kind::all, std::move(children), offset);
  }

  QueryNode parse_not() {
    QueryNode left = parse_sequence();
    while (peek().type == Token::Type::op_not) {
      const Token& op = take();
      QueryNode right = parse_sequence();
      if (empty(right)) {
        ignore_operator("NOT", op);
        continue;
      }
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
            peek().type == Token::Type::op_not) {
          ignore_operator("NOT", op);
          continue;
        }
        QueryNode item = parse_item();
        item.modifier = Modifier::excluded;  // `NOT -a` excludes a once
        seq.children.push_back(std::move(item));
        continue;
      }
      if (t.type == Token::Type::end || t.type == Token::Type::close ||
          t.type == Token::Type::op_and || t.type == Token::Type::op_or ||
          t.type == Token::Type::op_not)
        break;
      QueryNode item = parse_item();
      if (!empty(item)) seq.children.push_back(std::move(item));
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
        if (peek().type == Token::Type::close)
          take();
        else
          lexer_.note("la parentesi \"(\" " + lexer_.where(t.offset) +
                      " non si chiude: la chiudo alla fine");
        if (empty(inner)) return inner;  // `()`: nothing asked
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

QueryNode parse_query(std::string_view query, std::vector<std::string>* notices) {
  std::vector<std::string> ignored;
  Lexer lexer(query, notices ? *notices : ignored);
  Parser parser(lexer.tokens(), lexer);
  return parser.parse();
}

}  // namespace segugio::search
