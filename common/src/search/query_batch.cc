#include "segugio/search/query_batch.h"

#include <nlohmann/json.hpp>

#include "segugio/core/error.h"
#include "segugio/text/strings.h"

namespace segugio::search {

std::optional<BatchQuery> parse_batch_line(std::string_view line, std::size_t line_number,
                                           std::string_view source) {
  const std::string where = std::string(source) + ":" + std::to_string(line_number) + ": ";
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  const std::string_view trimmed = text::trim(line);
  if (trimmed.empty() || trimmed.front() == '#') return std::nullopt;
  BatchQuery q;
  if (trimmed.front() != '{') {
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) {
      q.id = std::to_string(line_number);
      q.text = std::string(trimmed);
    } else {
      q.id = std::string(text::trim(line.substr(0, tab)));
      q.text = std::string(text::trim(line.substr(tab + 1)));
      if (q.id.empty()) throw UsageError(where + "the query id before the TAB is empty");
    }
    return q;
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(trimmed);
  } catch (const nlohmann::json::exception& e) {
    throw UsageError(where + "not a JSON object (" + e.what() + ")");
  }
  if (!j.is_object()) throw UsageError(where + "not a JSON object");
  auto text_of = [&](const nlohmann::json& v, const std::string& name) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    throw UsageError(where + "\"" + name + "\" must be a string");
  };
  if (j.contains("_id")) q.id = text_of(j["_id"], "_id");
  else if (j.contains("id")) q.id = text_of(j["id"], "id");
  else q.id = std::to_string(line_number);
  if (j.contains("text")) q.text = text_of(j["text"], "text");
  else if (j.contains("query")) q.text = text_of(j["query"], "query");
  else throw UsageError(where + "a JSON query needs \"text\"");
  if (j.contains("filters") && !j["filters"].is_null()) {
    const nlohmann::json& f = j["filters"];
    if (!f.is_object()) throw UsageError(where + "\"filters\" must be an object");
    for (const auto& item : f.items()) {
      // Not a structured binding: clang 14 (the fuzz build) cannot capture
      // one in the lambdas below.
      const std::string& key = item.key();
      const nlohmann::json& value = item.value();
      std::vector<std::string> values;
      if (value.is_null()) continue;
      if (value.is_string()) {
        values.push_back(value.get<std::string>());
      } else if (value.is_array()) {
        for (const nlohmann::json& v : value) {
          if (!v.is_string())
            throw UsageError(where + "filter \"" + key + "\" must hold strings");
          values.push_back(v.get<std::string>());
        }
      } else {
        throw UsageError(where + "filter \"" + key + "\" must be a string or an array of strings");
      }
      auto one = [&](std::string& out) {
        if (values.size() > 1)
          throw UsageError(where + "filter \"" + key + "\" takes one date, not a list");
        if (!values.empty()) out = values.front();
      };
      auto append = [&](std::vector<std::string>& out) {
        out.insert(out.end(), values.begin(), values.end());
      };
      if (key == "company") append(q.filters.companies);
      else if (key == "topic") append(q.filters.topics);
      else if (key == "tag") append(q.filters.tags);
      else if (key == "author") append(q.filters.authors);
      else if (key == "source") append(q.filters.sources);
      else if (key == "section") append(q.filters.sections);
      else if (key == "from") one(q.filters.from);
      else if (key == "to") one(q.filters.to);
      else
        throw UsageError(where + "unknown filter \"" + key +
                         "\" (filters: company, topic, from, to, tag, author, source, section)");
    }
  }
  return q;
}

}  // namespace segugio::search
