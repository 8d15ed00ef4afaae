// Line and item splitting for the data files of the facets library
// (companies.tsv, company-context-it.txt, topics.tsv). Private to the library.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "segugio/text/strings.h"

namespace segugio::facets::detail {

// Hash maps and sets keyed by strings that find string_views without a copy.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};
template <class V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

// Calls fn(line, number) for each line (1-based numbers), without the line
// break and trailing carriage return or spaces; leading tabs are kept.
template <class Fn>
void for_each_data_line(std::string_view text, Fn&& fn) {
  std::size_t number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++number;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    fn(line, number);
  }
}

// Calls fn(item) for each non-empty, trimmed item of `text` split at `sep`.
template <class Fn>
void for_each_item(std::string_view text, char sep, Fn&& fn) {
  while (true) {
    const std::size_t end = text.find(sep);
    const std::string_view item = text::trim(text.substr(0, end));
    if (!item.empty()) fn(item);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
}

}  // namespace segugio::facets::detail
