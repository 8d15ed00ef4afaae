// JSON Lines: one article per line, streamed, so memory stays bounded by one
// line whatever the file size. A .json file: an array of articles (parsed as
// a stream, one article in memory at a time), one article object, or JSON
// Lines under another name.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "field_keys.h"
#include "markdown_text.h"
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

using Values = FieldValues<json>;

// The first of a field's values with text.
std::string first_text(const Values& values, Field field) {
  for (const Values::Entry& e : values.of(field)) {
    std::string v = as_text(*e.value);
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

std::vector<std::string> all_lists(const Values& values, Field field) {
  std::vector<std::string> out;
  for (const Values::Entry& e : values.of(field)) add_list(*e.value, out);
  return out;
}

// A Unix time in seconds, or milliseconds when it is too large for seconds.
std::optional<Date> epoch_date(double t) {
  if (!std::isfinite(t) || t < 0) return std::nullopt;
  if (t > 1e11) t /= 1000;
  const Date d = Date::from_days_since_epoch(static_cast<long>(t / 86400));
  return d.valid() ? std::optional<Date>(d) : std::nullopt;
}

std::optional<Date> record_date(const Values& values) {
  for (const Values::Entry& e : values.of(Field::date)) {
    if (e.value->is_number()) {
      if (auto d = epoch_date(e.value->get<double>())) return d;
    } else if (e.value->is_string()) {
      if (auto d = parse_date_value(e.value->get<std::string>())) return d;
    }
  }
  return std::nullopt;
}

// Authors as a list ("author": ["A", "B"]) become "A, B".
std::string record_author(const Values& values) {
  for (const Values::Entry& e : values.of(Field::author)) {
    if (!e.value->is_array()) {
      std::string v = as_text(*e.value);
      if (!text::trim(v).empty()) return v;
      continue;
    }
    std::vector<std::string> names;
    add_list(*e.value, names);
    std::string joined;
    for (const std::string& name : names) joined += (joined.empty() ? "" : ", ") + name;
    if (!joined.empty()) return joined;
  }
  return {};
}

// "[json.exception.parse_error.101] parse error at line 1, column 3: ..." ->
// "parse error at column 3: ...": the line is already in `where`.
std::string without_exception_id(const char* what);

std::string parser_message(const char* what) {
  std::string out = without_exception_id(what);
  if (const std::size_t at = out.find("at line 1, "); at != std::string::npos) out.erase(at + 3, 8);
  return out;
}

// The record's keys sorted by field; a key that fills none is reported.
Values sort_keys(const json& record, ReadContext& context) {
  Values values;
  const FieldKeys& keys = context.field_keys();
  for (auto it = record.begin(); it != record.end(); ++it) {
    if (const auto m = keys.classify(it.key()))
      values.add(*m, it.key(), it.value());
    else
      context.ignored_key(it.key());
  }
  values.sort();
  return values;
}

// `default_id`: the id when the record has none.
Article to_article(const json& record, ReadContext& context, std::string default_id) {
  const Values values = sort_keys(record, context);
  Article a;
  // Cleaned before the choice: an id of control characters only is no id.
  a.id = clean_line(first_text(values, Field::id));
  if (a.id.empty()) a.id = std::move(default_id);
  a.title = first_text(values, Field::title);
  a.lead = first_text(values, Field::lead);
  a.date = record_date(values);
  a.url = first_text(values, Field::url);
  a.source = first_text(values, Field::source);
  a.section = first_text(values, Field::section);
  a.tags = all_lists(values, Field::tags);
  const std::vector<std::string> categories = all_lists(values, Field::category);
  if (a.section.empty() && !categories.empty()) a.section = categories.front();
  a.tags.insert(a.tags.end(), categories.begin(), categories.end());
  a.author = record_author(values);
  const std::string text = first_text(values, Field::body);
  if (looks_like_html(text)) {
    ExtractedText extracted = html_fragment_text(text);
    a.body = std::move(extracted.body);
    a.code = std::move(extracted.code);
  } else if (looks_like_markdown(text)) {
    // As a Markdown file's text: no link targets, marks or code in the prose.
    MarkdownText md = markdown_to_text(text);
    a.body = body_of(md);
    a.code = std::move(md.code);
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
  bool array = false;      // the top level is an array of articles
  std::size_t number = 0;  // articles seen
  const auto on_event = [&](int depth, json::parse_event_t event, json& parsed) {
    if (depth == 0 && event == json::parse_event_t::array_start) array = true;
    const bool element =
        array && depth == 1 &&
        (event == json::parse_event_t::object_end || event == json::parse_event_t::value);
    const bool whole = !array && depth == 0 && event == json::parse_event_t::object_end;
    if (!element && !whole) return true;
    ++number;
    const std::string where =
        whole ? context.path() : context.path() + " [" + std::to_string(number) + "]";
    if (!parsed.is_object()) {
      context.report(where, Reason::bad_article, true, "not a JSON object");
      return false;
    }
    const std::string& base = context.file().id_base;
    Article a = to_article(parsed, context, whole ? base : base + "#" + std::to_string(number));
    context.finish(std::move(a), where, whole);
    return false;  // handed over: not kept in the tree
  };
  try {
    const json top = json::parse(StreamIterator(in), StreamIterator(), on_event);
    if (number == 0 && !array)
      context.report(context.path(), Reason::not_json_articles, true,
                     "neither an array of articles nor one article object");
  } catch (const json::exception& e) {
    context.report(context.path(), Reason::not_json, true, without_exception_id(e.what()));
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
      context.report(context.where(number), Reason::too_large, true,
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
      context.report(context.where(number), Reason::bad_line, true, parser_message(e.what()));
      continue;
    }
    if (!record.is_object()) {
      context.report(context.where(number), Reason::bad_line, true, "not a JSON object");
      continue;
    }
    context.finish(
        to_article(record, context, context.file().id_base + "#" + std::to_string(number)),
        context.where(number), false);
  }
}

}  // namespace segugio::corpus::detail
