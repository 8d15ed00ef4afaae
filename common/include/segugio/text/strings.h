// Trimming and splitting of byte strings (data files, option values, lines).
#pragma once

#include <string_view>
#include <vector>

namespace segugio::text {

// `text` without the ASCII white space (space, tab, CR, LF, FF, VT) at both ends.
std::string_view trim(std::string_view text);

// The pieces of `text` between the `separator`s, empty ones included:
// split("a--b", '-') == {"a", "", "b"}; split("", '-') == {""}.
std::vector<std::string_view> split(std::string_view text, char separator);

}  // namespace segugio::text
