#include "front_matter.h"

#include <yaml-cpp/yaml.h>

#include "text.h"
#include "segugio/text/normalize.h"
#include "segugio/text/strings.h"

namespace segugio::corpus::detail {

namespace {

// The line starting at `pos` and the position after its newline.
std::string_view line_at(std::string_view text, std::size_t pos, std::size_t& next) {
  std::size_t end = text.find('\n', pos);
  next = end == std::string_view::npos ? text.size() : end + 1;
  if (end == std::string_view::npos) end = text.size();
  std::string_view line = text.substr(pos, end - pos);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// 'It''s', "Quoted \"x\"", plain # comment -> the value a YAML reader means.
std::string unquote(std::string_view v) {
  v = text::trim(v);
  if (v.size() >= 2 && v.front() == '\'' && v.back() == '\'') {
    std::string out;
    const std::string_view inner = v.substr(1, v.size() - 2);
    for (std::size_t i = 0; i < inner.size(); ++i) {
      out += inner[i];
      if (inner[i] == '\'' && i + 1 < inner.size() && inner[i + 1] == '\'') ++i;
    }
    return out;
  }
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
    std::string out;
    const std::string_view inner = v.substr(1, v.size() - 2);
    for (std::size_t i = 0; i < inner.size(); ++i) {
      if (inner[i] == '\\' && i + 1 < inner.size()) {
        const char e = inner[++i];
        out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
      } else {
        out += inner[i];
      }
    }
    return out;
  }
  // A comment starts at " #" in a plain value ("C# e .NET" keeps its '#').
  if (const std::size_t hash = v.find(" #"); hash != std::string_view::npos) v = v.substr(0, hash);
  if (!v.empty() && v[0] == '#') return {};
  return std::string(text::trim(v));
}

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

std::vector<std::string> inline_list(std::string_view v) {
  std::vector<std::string> out;
  v = text::trim(v);
  v = v.substr(1, v.size() - 2);
  std::size_t i = 0;
  while (i <= v.size()) {
    // Commas inside quotes do not split.
    std::size_t j = i;
    char quote = 0;
    for (; j < v.size(); ++j) {
      if (quote) {
        if (v[j] == quote) quote = 0;
      } else if (v[j] == '"' || v[j] == '\'') {
        quote = v[j];
      } else if (v[j] == ',') {
        break;
      }
    }
    std::string item = unquote(v.substr(i, j - i));
    if (!item.empty()) out.push_back(std::move(item));
    i = j + 1;
  }
  return out;
}

// Reads "key: value", "key = value" (TOML), "- item" lists under a key and
// indented continuation lines. Nested maps are flattened away.
void recover_lines(std::string_view block, FrontMatter& fm) {
  std::string key;
  bool scalar = false;
  std::size_t pos = 0;
  while (pos < block.size()) {
    std::size_t next = 0;
    const std::string_view line = line_at(block, pos, next);
    pos = next;
    if (text::trim(line).empty() || text::trim(line)[0] == '#') continue;
    std::size_t k = 0;
    while (k < line.size() && is_key_char(line[k])) ++k;
    std::size_t sep = k;
    while (sep < line.size() && (line[sep] == ' ' || line[sep] == '\t')) ++sep;
    if (k > 0 && sep < line.size() && (line[sep] == ':' || line[sep] == '=')) {
      key = text::ascii_lower(line.substr(0, k));
      auto& values = fm.fields[key];
      values.clear();
      const std::string_view rest = text::trim(line.substr(sep + 1));
      scalar = false;
      if (rest.size() >= 2 && rest.front() == '[' && rest.back() == ']') {
        values = inline_list(rest);
      } else if (!rest.empty() && rest != "|" && rest != ">" && rest != "|-" && rest != ">-") {
        std::string value = unquote(rest);
        if (!value.empty()) values.push_back(std::move(value));
        scalar = true;
      }
      continue;
    }
    if (key.empty()) continue;
    const std::string_view t = text::trim(line);
    if (t[0] == '-' && (t.size() == 1 || t[1] == ' ' || t[1] == '\t')) {
      std::string item = unquote(t.substr(1));
      if (!item.empty() && !scalar) fm.fields[key].push_back(std::move(item));
      continue;
    }
    if (line[0] == ' ' || line[0] == '\t') {
      // A folded continuation, or a nested "name: x" under the key.
      auto& values = fm.fields[key];
      const std::size_t colon = t.find(": ");
      if (colon != std::string_view::npos && text::ascii_lower(t.substr(0, colon)) == "name") {
        values.push_back(unquote(t.substr(colon + 2)));
      } else if (scalar || values.empty()) {
        if (values.empty()) values.emplace_back();
        if (!values.back().empty()) values.back() += ' ';
        values.back() += unquote(t);
        scalar = true;
      }
    }
  }
}

void add_node(const YAML::Node& node, std::vector<std::string>& out) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar: {
      std::string v = node.Scalar();
      if (!text::trim(v).empty()) out.push_back(std::move(v));
      break;
    }
    case YAML::NodeType::Sequence:
      for (const YAML::Node& item : node)
        if (item.IsScalar() || item.IsMap()) add_node(item, out);
      break;
    case YAML::NodeType::Map:
      for (const char* key : {"name", "title", "value"}) {
        const YAML::Node v = node[key];
        if (v && v.IsScalar()) {
          add_node(v, out);
          break;
        }
      }
      break;
    default:
      break;
  }
}

bool parse_yaml(std::string_view block, FrontMatter& fm) {
  try {
    const YAML::Node root = YAML::Load(std::string(block));
    if (root.IsNull()) return true;
    if (!root.IsMap()) {
      fm.error = "front matter is not a map of fields";
      return false;
    }
    for (const auto& kv : root) {
      if (!kv.first.IsScalar()) continue;
      add_node(kv.second, fm.fields[text::ascii_lower(kv.first.Scalar())]);
    }
    return true;
  } catch (const YAML::Exception& e) {
    fm.error = e.what();
    fm.fields.clear();
    return false;
  }
}

}  // namespace

FrontMatter parse_front_matter(std::string_view text) {
  FrontMatter fm;
  fm.body = text;
  std::size_t next = 0;
  const std::string_view first = text::trim(line_at(text, 0, next));
  if (first != "---" && first != "+++") return fm;
  const bool toml = first == "+++";
  std::size_t pos = next;
  while (pos < text.size()) {
    std::size_t after = 0;
    const std::string_view line = text::trim(line_at(text, pos, after));
    const bool closes = toml ? line == "+++" : (line == "---" || line == "...");
    if (closes) {
      const std::string_view block = text.substr(next, pos - next);
      fm.present = true;
      fm.body = text.substr(after);
      if (toml || !parse_yaml(block, fm)) {
        fm.recovered = !toml;
        recover_lines(block, fm);
      }
      return fm;
    }
    pos = after;
  }
  return fm;  // no closing line: a thematic break, not front matter
}

}  // namespace segugio::corpus::detail
