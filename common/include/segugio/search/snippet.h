// Snippets: the best window of an article's text, with the words the query
// matched marked.
//
// The text is analysed with the same Analyzer as the index, and a word is
// marked when one of its terms, or a compound part that is not a single letter
// or a number (`gpt` of `GPT-4`, not `g` of `5G`), is a query term, so
// highlighting follows stems and elisions: for the query `intelligenza`,
// `dell'intelligenza` marks only `intelligenza`, and `investimenti` is marked
// for `investire`. The window is the one of at most `max_bytes` with the most
// distinct matched terms (then the most matches, then the earliest); it starts
// at a sentence when one starts shortly before the first match. Whitespace runs
// become single spaces, and `…` marks text cut at either end.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "segugio/analysis/analyzer.h"

namespace segugio::search {

struct SnippetPiece {
  std::string text;
  bool highlighted = false;
};

struct Snippet {
  std::vector<SnippetPiece> pieces;

  bool empty() const { return pieces.empty(); }
  // The text with highlighted pieces between `open` and `close`; `escape`
  // makes & < > HTML entities (for `<b>` marks).
  std::string render(std::string_view open, std::string_view close, bool escape = false) const;
};

// Cuts the snippet of `text` for a query of `terms`. Without a match, the
// beginning of the text. `max_bytes` counts the text's bytes (UTF-8), not the marks.
Snippet make_snippet(analysis::Analyzer& analyzer, std::string_view text,
                     const std::unordered_set<std::string>& terms, std::size_t max_bytes = 220);

}  // namespace segugio::search
