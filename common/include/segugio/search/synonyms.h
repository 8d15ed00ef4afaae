// SynonymTable: equivalent expressions applied on the query side only (the
// index is not touched, so the list can change without re-indexing).
//
// The data is common/data/synonyms-it.tsv, reviewed like code: one group of
// equivalent expressions a line, separated by TABs (`intelligenza
// artificiale<TAB>IA<TAB>AI`), `#` comments. Only real equivalences belong
// there: an expression must mean the same as the others wherever it appears.
//
// Expressions are analysed with the query's Analyzer, so they match inflected
// forms (`intelligenze artificiali`) and ignore stopwords inside
// (`internet delle cose` = `internet cose` at a distance of two). An expression
// in capitals is an acronym and survives the stopword list (`AI`, `IT`).
//
// Thread contract: immutable after construction; share it freely.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "segugio/analysis/analyzer.h"

namespace segugio::search {

// One analysed expression of a group.
struct SynonymExpression {
  std::string text;                             // as written in the data
  std::vector<std::vector<std::string>> terms;  // terms of each non-stopword word
  std::vector<unsigned> positions;              // position of each, stopwords counted
};

class SynonymTable {
 public:
  // The table of synonyms-it.tsv, analysed once (thread-safe).
  static const SynonymTable& builtin();

  // Parses `tsv` as described above. Throws DataError naming the line for a
  // group with fewer than two expressions or an expression of stopwords only.
  SynonymTable(std::string_view tsv, analysis::Analyzer& analyzer);

  struct Match {
    std::size_t length = 0;  // query words covered
    std::size_t group = 0;
    std::size_t expression = 0;  // the expression that matched
  };

  // The longest expression that matches the query words starting at `first`.
  // `words` holds each query word's terms (non-stopwords only, in order).
  // A word matches an expression's word when their term lists share a term.
  std::optional<Match> match(const std::vector<const std::vector<std::string>*>& words,
                             std::size_t first) const;

  const std::vector<SynonymExpression>& group(std::size_t g) const { return groups_[g]; }
  std::size_t size() const { return groups_.size(); }

 private:
  std::vector<std::vector<SynonymExpression>> groups_;
  // The first word's main term -> (group, expression), longest expressions first.
  std::unordered_map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> by_first_;
};

}  // namespace segugio::search
