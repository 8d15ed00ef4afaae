// Markdown posts (Jekyll, Hugo): front matter for the fields, Markdown turned
// into prose and code for the text.
#include "field_keys.h"
#include "front_matter.h"
#include "markdown_text.h"
#include "read_context.h"
#include "segugio/text/strings.h"
#include "text.h"

namespace segugio::corpus::detail {

namespace {

using Values = FieldValues<std::vector<std::string>>;

std::string first_value(const Values& values, Field field) {
  for (const Values::Entry& e : values.of(field))
    for (const std::string& v : *e.value)
      if (!text::trim(v).empty()) return v;
  return {};
}

// Every value of a list field. Jekyll reads "tags: eventi sviluppatori" (and
// "categories:") as two items; other keys split on commas only.
std::vector<std::string> all_values(const Values& values, Field field) {
  std::vector<std::string> out;
  for (const Values::Entry& e : values.of(field)) {
    const std::vector<std::string>& v = *e.value;
    if (v.size() != 1) {
      out.insert(out.end(), v.begin(), v.end());
      continue;
    }
    const bool spaces = e.key == "tags" || e.key == "categories";
    for (std::string& item : split_list(v[0], spaces)) out.push_back(std::move(item));
  }
  return out;
}

std::optional<Date> front_matter_date(const Values& values) {
  for (const Values::Entry& e : values.of(Field::date)) {
    if (e.value->empty()) continue;
    if (auto d = parse_date_value(e.value->front())) return d;
  }
  return std::nullopt;
}

// The front matter's keys sorted by field; a key that fills none is reported.
Values sort_keys(const FrontMatter& fm, ReadContext& context) {
  Values values;
  const FieldKeys& keys = context.field_keys();
  for (const auto& [key, v] : fm.fields) {
    if (const auto m = keys.classify(key))
      values.add(*m, key, v);
    else
      context.ignored_key(key);
  }
  values.sort();
  // The file names the article and the Markdown is its text: an `id` or
  // `body` key in the front matter is not used, and is said so.
  for (const Field unused : {Field::id, Field::body})
    for (const Values::Entry& e : values.of(unused)) context.ignored_key(std::string(e.key));
  return values;
}

// The fields the front matter gives (all but the text).
Article front_matter_article(const FrontMatter& fm, ReadContext& context) {
  const Values values = sort_keys(fm, context);
  Article a;
  a.id = context.file().id_base;
  a.title = first_value(values, Field::title);
  a.lead = first_value(values, Field::lead);
  a.date = front_matter_date(values);
  a.tags = all_values(values, Field::tags);
  const std::vector<std::string> categories = all_values(values, Field::category);
  a.section = first_value(values, Field::section);
  if (a.section.empty() && !categories.empty()) a.section = categories.front();
  a.tags.insert(a.tags.end(), categories.begin(), categories.end());
  // Authors as a list become "A, B"; only the first key that has any counts.
  for (const Values::Entry& e : values.of(Field::author)) {
    for (const std::string& name : *e.value) {
      if (text::trim(name).empty()) continue;
      if (!a.author.empty()) a.author += ", ";
      a.author += name;
    }
    if (!a.author.empty()) break;
  }
  a.url = first_value(values, Field::url);
  a.source = first_value(values, Field::source);
  return a;
}

}  // namespace

void read_markdown(std::string_view text, ReadContext& context) {
  const FrontMatter fm = parse_front_matter(text);
  if (fm.recovered)
    context.report(context.path(), Reason::invalid_front_matter, false,
                   fm.error + " (fields recovered line by line)");

  Article a = front_matter_article(fm, context);
  MarkdownText md = markdown_to_text(fm.body);
  a.code = std::move(md.code);
  std::size_t skip = md.blocks.size();  // the block used as title, if any
  if (a.title.empty() && !md.blocks.empty()) {
    // The first heading when the text opens with it or it is the only level-1
    // one; otherwise the first line, as for plain text.
    if (md.first_heading_level > 0 && (md.first_heading == 0 || md.first_heading_level == 1))
      skip = md.first_heading;
    else
      skip = 0;
    a.title = md.blocks[skip];
  }
  a.body = body_of(md, skip);
  context.finish(std::move(a), context.path(), true);
}

}  // namespace segugio::corpus::detail
