// JSON Lines: one article per line, streamed, so memory stays bounded by one
// line whatever the file size. A .json file: an array of articles (parsed as
// a stream, one article in memory at a time), one article object, or JSON
// Lines under another name.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "read_context.h"
#include "text.h"
#include "xml_text.h"
#include "segugio/text/strings.h"
#include "segugio/text/utf8.h"

namespace segugio::corpus::detail {

namespace {

using nlohmann::json;

// A field's text: strings as they are, numbers as written, an object's
// "name"; empty otherwise.
std::string as_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
  if (v.is_array()) {  // paragraphs as a list of strings
    std::string joined;
    for (const json& item : v)
      if (item.is_string()) joined += (joined.empty() ? "" : "\n\n") + item.get<std::string>();
    return joined;
  }
  if (v.is_object()) {
    for (const char* key : {"name", "title", "value"}) {
      const auto it = v.find(key);
      if (it != v.end() && it->is_string()) return it->get<std::string>();
    }
  }
  return {};
}

std::string first_text(const json& record, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    const auto it = record.find(key);
    if (it == record.end()) continue;
    std::string v = as_text(*it);
    if (!text::trim(v).empty()) return v;
  }
  return {};
}

void add_list(const json& v, std::vector<std::string>& out) {
  if (v.is_array()) {
    for (const json& item : v) {
      std::string text = as_text(item);
      if (!text::trim(text).empty()) out.push_back(std::move(text));
    }
  } else if (v.is_string()) {
    for (std::string& item : split_list(v.get<std::string>(), false))
      out.push_back(std::move(item));
  }
}

// A Unix time in seconds, or milliseconds when it is too large for seconds.
std::optional<Date> epoch_date(double t) {
  if (!std::isfinite(t) || t < 0) return std::nullopt;
  if (t > 1e11) t /= 1000;
  const Date d = Date::from_days_since_epoch(static_cast<long>(t / 86400));
  return d.valid() ? std::optional<Date>(d) : std::nullopt;
}

std::optional<Date> record_date(const json& record) {
  for (const char* key :
       {"date", "published", "pubDate", "published_at", "publishedAt", "datePublished", "pub_date",
        "data", "updated", "modified", "dateModified"}) {
    const auto it = record.find(key);
    if (it == record.end()) continue;
    if (it->is_number()) {
      if (auto d = epoch_date(it->get<double>())) return d;
    } else if (it->is_string()) {
      if (auto d = parse_date_value(it->get<std::string>())) return d;
    }
  }
  return std::nullopt;
}

// "[json.exception.parse_error.101] parse error at line 1, column 3: ..." ->
// "parse error at column 3: ...": the line is already in `where`.
std::string without_exception_id(const char* what);

std::string parser_message(const char* what) {
  std::string out = without_exception_id(what);
  if (const std::size_t at = out.find("at line 1, "); at != std::string::npos) out.erase(at + 3, 8);
  return out;
}

Article to_article(const json& record, const std::string& id_base, std::size_t line) {
  Article a;
  a.id = first_text(record, {"id", "_id"});
  if (a.id.empty()) a.id = id_base + "#" + std::to_string(line);
  a.title = first_text(record, {"title", "headline"});
  a.lead = first_text(record, {"lead", "description", "subtitle", "summary", "abstract"});
  a.date = record_date(record);
  a.url = first_text(record, {"url", "link", "permalink"});
  a.source = first_text(record, {"source", "site", "publisher"});
  a.section = first_text(record, {"section", "category"});
  for (const char* key : {"tags", "keywords"}) {
    if (const auto it = record.find(key); it != record.end()) add_list(*it, a.tags);
  }
  if (const auto it = record.find("categories"); it != record.end()) {
    std::vector<std::string> categories;
    add_list(*it, categories);
    if (a.section.empty() && !categories.empty()) a.section = categories.front();
    a.tags.insert(a.tags.end(), categories.begin(), categories.end());
  }
  if (const auto it = record.find("author"); it != record.end() && it->is_array()) {
    std::vector<std::string> names;
    add_list(*it, names);
    for (const std::string& name : names) a.author += (a.author.empty() ? "" : ", ") + name;
  } else {
    a.author = first_text(record, {"author", "authors", "byline", "creator"});
  }
  const std::string text = first_text(record, {"text", "body", "content", "articleBody"});
  if (looks_like_html(text)) {
    ExtractedText extracted = html_fragment_text(text);
    a.body = std::move(extracted.body);
    a.code = std::move(extracted.code);
  } else {
    a.body = text;
  }
  return a;
}

// The bytes of a BufferedStream as an input iterator, for nlohmann's parser;
// a default-constructed one is the end.
class StreamIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  StreamIterator() = default;
  explicit StreamIterator(BufferedStream& in) : in_(&in) { next(); }
  const char& operator*() const { return ch_; }
  StreamIterator& operator++() {
    next();
    return *this;
  }
  bool operator==(const StreamIterator& other) const { return in_ == other.in_; }
  bool operator!=(const StreamIterator& other) const { return in_ != other.in_; }

 private:
  void next() {
    if (in_ && in_->read(&ch_, 1) == 0) in_ = nullptr;
  }
  BufferedStream* in_ = nullptr;
  char ch_ = 0;
};

// "[json.exception.parse_error.101] parse error at line 3, column 1: ..." ->
// "parse error at line 3, column 1: ...".
std::string without_exception_id(const char* what) {
  std::string_view m = what;
  if (!m.empty() && m[0] == '[') {
    const std::size_t end = m.find("] ");
    if (end != std::string_view::npos) m.remove_prefix(end + 2);
  }
  return std::string(m);
}

// True when the first line of `head` is a whole JSON object: JSON Lines.
bool first_line_is_object(std::string_view head) {
  const std::size_t eol = head.find('\n');
  if (eol == std::string_view::npos) return false;
  return json::accept(head.substr(0, eol));
}

}  // namespace

// The articles of a .json file. Each element of a top-level array (or the
// top-level object) is read as soon as it is parsed and then dropped, so
// memory stays bounded by one article. Text that is not JSON (`[1, 2` cut
// short, a page saved as .json) is one problem naming the file and the line
// and column, never indexed as text; the articles before a fault are kept.
void read_json(BufferedStream& in, ReadContext& context) {
  constexpr std::size_t kLookAhead = 1u << 20;
  std::string_view start = in.peek(kLookAhead);
  const bool bom = start.substr(0, 3) == "\xEF\xBB\xBF";
  if (bom) start.remove_prefix(3);
  start.remove_prefix(std::min(start.size(), start.find_first_not_of(" \t\r\n")));
  if (first_line_is_object(start)) {
    read_jsonl(in, context);
    return;
  }
  if (bom) {
    char skipped[3];
    in.read(skipped, sizeof skipped);
  }
  bool array = false;       // the top level is an array of articles
  std::size_t number = 0;  // articles seen
  const auto on_event = [&](int depth, json::parse_event_t event, json& parsed) {
    if (depth == 0 && event == json::parse_event_t::array_start) array = true;
    const bool element = array && depth == 1 &&
                         (event == json::parse_event_t::object_end ||
                          event == json::parse_event_t::value);
    const bool whole = !array && depth == 0 && event == json::parse_event_t::object_end;
    if (!element && !whole) return true;
    ++number;
    const std::string where =
        whole ? context.path() : context.path() + " [" + std::to_string(number) + "]";
    if (!parsed.is_object()) {
      context.report(where, "bad article", true, "not a JSON object");
      return false;
    }
    Article a = to_article(parsed, context.file().id_base, number);
    if (whole && !parsed.contains("id") && !parsed.contains("_id")) a.id = context.file().id_base;
    context.finish(std::move(a), where, whole);
    return false;  // handed over: not kept in the tree
  };
  try {
    const json top = json::parse(StreamIterator(in), StreamIterator(), on_event);
    if (number == 0 && !array)
      context.report(context.path(), "not JSON articles", true,
                     "neither an array of articles nor one article object");
  } catch (const json::exception& e) {
    context.report(context.path(), "not JSON", true, without_exception_id(e.what()));
  }
}

void read_jsonl(BufferedStream& in, ReadContext& context) {
  const std::size_t max = context.options().max_article_bytes;
  std::string line;
  bool too_long = false;
  std::size_t number = 0;
  while (in.read_line(line, max, too_long)) {
    ++number;
    if (too_long) {
      context.report(context.where(number), "too large", true,
                     "line longer than " + std::to_string(max) + " bytes");
      continue;
    }
    std::string_view view = line;
    if (number == 1 && view.substr(0, 3) == "\xEF\xBB\xBF") view.remove_prefix(3);
    view = text::trim(view);
    if (view.empty()) continue;
    std::string repaired;
    if (!text::valid_utf8(view)) {
      bool redecoded = false;
      repaired = repair_utf8(view, redecoded);
      view = repaired;
      context.note_redecoded(context.where(number));
    }
    json record;
    try {
      record = json::parse(view);
    } catch (const json::exception& e) {
      context.report(context.where(number), "bad line", true, parser_message(e.what()));
      continue;
    }
    if (!record.is_object()) {
      context.report(context.where(number), "bad line", true, "not a JSON object");
      continue;
    }
    context.finish(to_article(record, context.file().id_base, number), context.where(number),
                   false);
  }
}

}  // namespace segugio::corpus::detail
