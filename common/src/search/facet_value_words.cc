#include "facet_value_words.h"

#include <algorithm>

namespace segugio::search {

namespace {

// ASCII punctuation and blanks separate words; bytes of multi-byte letters
// (folding keeps `ß`, `ø`) stay inside them.
bool separates(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
}

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && separates(text[i])) ++i;
    const std::size_t start = i;
    while (i < text.size() && !separates(text[i])) ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

bool holds_every_word(const std::vector<std::string_view>& value,
                      const std::vector<std::string_view>& wanted) {
  return std::all_of(wanted.begin(), wanted.end(), [&](std::string_view w) {
    return std::any_of(value.begin(), value.end(),
                       [&](std::string_view v) { return v.substr(0, w.size()) == w; });
  });
}

}  // namespace

std::vector<std::string> terms_matching_words(const Xapian::Database& db,
                                              std::string_view term_prefix,
                                              std::string_view folded, unsigned max) {
  const std::vector<std::string_view> wanted = words_of(folded);
  std::vector<std::string> terms;
  if (wanted.empty()) return terms;
  const std::string prefix(term_prefix);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    const std::string term = *it;
    if (holds_every_word(words_of(std::string_view(term).substr(prefix.size())), wanted)) {
      terms.push_back(term);
      if (terms.size() >= max) break;
    }
  }
  return terms;
}

}  // namespace segugio::search
