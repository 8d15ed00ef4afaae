// YAML (---) and TOML (+++) front matter of Jekyll and Hugo posts (internal
// to segugio_corpus).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace segugio::corpus::detail {

struct FrontMatter {
  // Lower-case key -> values: one for a scalar, any number for a list; a map
  // value ("author: {name: ...}") gives its "name".
  std::map<std::string, std::vector<std::string>> fields;
  bool present = false;    // the text started with a front matter block
  bool recovered = false;  // not valid YAML: read line by line instead
  std::string error;       // why the YAML parser refused it
  std::string_view body;   // the text after the front matter
};

// Splits `text` into front matter and body. Front matter that is not valid
// YAML (an unquoted ':' in a title, tabs) is recovered line by line so the
// article keeps its fields; `recovered` and `error` say so.
FrontMatter parse_front_matter(std::string_view text);

}  // namespace segugio::corpus::detail
