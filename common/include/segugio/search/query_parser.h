// The query language, as syntax: text -> a tree of QueryNodes. What the words
// mean (analysis, synonyms, companies, dates) is query_builder.h's business.
//
//   intelligenza artificiale        words, joined by the default operator
//   "frase esatta"  «…»  “…”         a phrase
//   a AND b   a OR b   a NOT b      operators (upper case only; AND binds
//                                   tighter than OR; NOT excludes what follows)
//   +parola  -parola  -"frase"      required / excluded (also before a field or
//                                   a bracket); NOT at the start excludes too
//   ( ... )                         grouping
//   prefiss*                        every word starting with `prefiss`
//   campo:valore  campo:"due parole"
//       id:            the article id
//       titolo: title: words, phrases or prefixes searched in titles only
//       azienda: company: argomento: topic: tag: autore: author:
//       fonte: source: sezione: section:   filters on facet values
//       data: date:    a date filter (see date_filter.h)
//   Any other `word:word` is plain text (`ore 10:30`, `https://...`).
//
// Juxtaposed items form a sequence. Errors (QuerySyntaxError) name the problem
// and give a hint: an unclosed quote or bracket, a stray `)`, an operator
// without an operand, empty brackets, a field without a value.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace segugio::search {

enum class Field { none, id, title, company, topic, tag, author, source, section, date };

// The name used in descriptions and messages (`company`, `date`...).
std::string_view field_name(Field field);

struct QueryNode {
  enum class Kind {
    word,      // text: one whitespace-separated token, analysed later
    phrase,    // text: the words between quotes
    prefix,    // text: the word before `*`
    field,     // field + children[0] (word, phrase or prefix): the value
    sequence,  // children joined by the default operator, with modifiers
    all,       // a AND b AND ...
    any,       // a OR b OR ...
    but_not,   // children[0] NOT children[1]
  };
  enum class Modifier { none, required, excluded };

  Kind kind = Kind::word;
  Modifier modifier = Modifier::none;  // as an item of a sequence
  Field field = Field::none;
  std::string text;
  std::vector<QueryNode> children;
  std::size_t offset = 0;       // byte offset of the node in the query text, for messages
  std::size_t text_offset = 0;  // byte offset of `text` in the query text

  // A compact, stable rendering for tests and --debug: `seq(word:a +word:b)`,
  // `and(...)`, `or(...)`, `not(a, b)`, `phrase:"a b"`, `prefix:intell*`,
  // `company=word:Big`... (field values as field=child).
  std::string describe() const;
};

// Parses `query`. An empty (or all-blank) query gives an empty sequence.
// Natural input is read leniently, each repair adding a notice (in Italian,
// for people) to `notices` when given: an unclosed quote is a phrase to the
// end, an unclosed bracket closes at the end, a stray `)`, empty brackets and
// an operator with nothing on one side are ignored. Throws QuerySyntaxError
// only for field syntax that cannot mean anything (`azienda:` with no value,
// `titolo:*`) and for brackets nested too deep.
QueryNode parse_query(std::string_view query, std::vector<std::string>* notices = nullptr);

// The query as plain words: a sequence of word nodes, with no operators,
// fields, phrases, groups, signs or prefixes (quotes, brackets, leading signs
// and trailing `*` are dropped). Never throws: for questions fed in bulk
// (benchmarks), where a stray quote is text, not syntax.
QueryNode parse_plain_text(std::string_view query);

}  // namespace segugio::search
