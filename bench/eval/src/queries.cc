#include "segugio/eval/queries.h"

#include <fstream>
#include <istream>
#include <ostream>
#include <set>

#include <nlohmann/json.hpp>

#include "segugio/core/error.h"

namespace segugio::eval {

namespace {

[[noreturn]] void bad_line(const std::string& name, std::size_t line_no, const std::string& what) {
  throw DataError(name + ":" + std::to_string(line_no) + ": " + what);
}

bool blank(const std::string& line) {
  return line.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string string_member(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  throw std::invalid_argument(std::string("\"") + key + "\" is not a string");
}

// A string or a list of strings.
std::vector<std::string> list_member(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  if (it->is_string()) return {it->get<std::string>()};
  if (!it->is_array())
    throw std::invalid_argument(std::string("\"") + key + "\" is not a string or a list");
  std::vector<std::string> values;
  for (const nlohmann::json& v : *it) {
    if (!v.is_string())
      throw std::invalid_argument(std::string("\"") + key + "\" holds something not a string");
    values.push_back(v.get<std::string>());
  }
  return values;
}

std::optional<Date> date_member(const nlohmann::json& object, const char* key) {
  const std::string text = string_member(object, key);
  if (text.empty()) return std::nullopt;
  const std::optional<Date> date = Date::parse_iso(text);
  if (!date) throw std::invalid_argument(std::string("\"") + key + "\" is not YYYY-MM-DD: " + text);
  return date;
}

BenchQuery parse_json_line(const std::string& line) {
  const nlohmann::json object = nlohmann::json::parse(line);
  if (!object.is_object()) throw std::invalid_argument("not a JSON object");
  BenchQuery q;
  q.id = string_member(object, "_id");
  if (q.id.empty()) q.id = string_member(object, "id");
  q.text = string_member(object, "text");
  if (const auto f = object.find("filters"); f != object.end() && !f->is_null()) {
    if (!f->is_object()) throw std::invalid_argument("\"filters\" is not an object");
    q.filters.companies = list_member(*f, "company");
    q.filters.topics = list_member(*f, "topic");
    q.filters.from = date_member(*f, "from");
    q.filters.to = date_member(*f, "to");
  }
  return q;
}

BenchQuery parse_tsv_line(const std::string& line) {
  const std::size_t tab = line.find('\t');
  if (tab == std::string::npos) throw std::invalid_argument("expected qid<TAB>text");
  std::string text = line.substr(tab + 1);
  while (!text.empty() && (text.back() == '\r' || text.back() == '\n')) text.pop_back();
  return {line.substr(0, tab), text, {}};
}

}  // namespace

std::vector<BenchQuery> read_queries(std::istream& in, const std::string& name) {
  std::vector<BenchQuery> queries;
  std::set<std::string> seen;
  std::string line;
  std::size_t line_no = 0;
  bool json = false;
  bool decided = false;
  while (std::getline(in, line)) {
    ++line_no;
    if (blank(line)) continue;
    if (!decided) {
      const std::size_t first = line.find_first_not_of(" \t\xEF\xBB\xBF");
      json = first != std::string::npos && line[first] == '{';
      decided = true;
    }
    BenchQuery q;
    try {
      q = json ? parse_json_line(line) : parse_tsv_line(line);
    } catch (const std::exception& e) {
      bad_line(name, line_no, e.what());
    }
    if (q.id.empty()) bad_line(name, line_no, "query without an id");
    if (blank(q.text)) bad_line(name, line_no, "query " + q.id + " has no text");
    if (!seen.insert(q.id).second) bad_line(name, line_no, "query id " + q.id + " given twice");
    queries.push_back(std::move(q));
  }
  return queries;
}

std::vector<BenchQuery> read_queries_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(path + ": cannot read the queries");
  return read_queries(in, path);
}

void write_queries(std::ostream& out, const std::vector<BenchQuery>& queries) {
  for (const BenchQuery& q : queries) {
    nlohmann::json object = {{"_id", q.id}, {"text", q.text}};
    if (!q.filters.empty()) {
      nlohmann::json f = nlohmann::json::object();
      if (!q.filters.companies.empty()) f["company"] = q.filters.companies;
      if (!q.filters.topics.empty()) f["topic"] = q.filters.topics;
      if (q.filters.from) f["from"] = q.filters.from->iso();
      if (q.filters.to) f["to"] = q.filters.to->iso();
      object["filters"] = f;
    }
    out << object.dump() << '\n';
  }
}

}  // namespace segugio::eval
