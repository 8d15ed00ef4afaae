// Markdown posts (Jekyll, Hugo): front matter for the fields, Markdown turned
// into prose and code for the text.
#include "front_matter.h"
#include "markdown_text.h"
#include "read_context.h"
#include "text.h"

namespace segugio::corpus::detail {

namespace {

const std::vector<std::string>* values(const FrontMatter& fm, const char* key) {
  const auto it = fm.fields.find(key);
  return it == fm.fields.end() ? nullptr : &it->second;
}

// Jekyll reads "tags: eventi sviluppatori" as two tags.
void add_list(const FrontMatter& fm, const char* key, bool spaces, std::vector<std::string>& out) {
  const auto* v = values(fm, key);
  if (!v) return;
  if (v->size() == 1) {
    for (std::string& item : split_list((*v)[0], spaces)) out.push_back(std::move(item));
  } else {
    out.insert(out.end(), v->begin(), v->end());
  }
}

std::optional<Date> front_matter_date(const FrontMatter& fm) {
  for (const char* key : {"date", "publishdate", "pubdate", "published", "published_at", "created",
                          "lastmod", "updated", "modified"}) {
    const auto* v = values(fm, key);
    if (!v || v->empty()) continue;
    if (auto d = parse_date_value(v->front())) return d;
  }
  return std::nullopt;
}

}  // namespace

void read_markdown(std::string_view text, ReadContext& context) {
  const FrontMatter fm = parse_front_matter(text);
  if (fm.recovered)
    context.report(context.path(), Reason::invalid_front_matter, false,
                   fm.error + " (fields recovered line by line)");

  Article a;
  a.id = context.file().id_base;
  a.title = first_value(fm, {"title", "headline"});
  a.lead = first_value(fm, {"subtitle", "description", "summary", "excerpt", "abstract", "lead"});
  a.date = front_matter_date(fm);
  add_list(fm, "tags", true, a.tags);
  add_list(fm, "keywords", false, a.tags);
  std::vector<std::string> categories;
  add_list(fm, "categories", true, categories);
  add_list(fm, "category", false, categories);
  a.section = first_value(fm, {"section"});
  if (a.section.empty() && !categories.empty()) a.section = categories.front();
  a.tags.insert(a.tags.end(), categories.begin(), categories.end());
  if (const auto* authors = values(fm, "author") ? values(fm, "author") : values(fm, "authors")) {
    for (const std::string& name : *authors) {
      if (!a.author.empty()) a.author += ", ";
      a.author += name;
    }
  }
  a.url = first_value(fm, {"url", "permalink", "canonical", "canonical_url", "link"});
  a.source = first_value(fm, {"source", "site", "site_name"});

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
  for (std::size_t i = 0; i < md.blocks.size(); ++i) {
    if (i == skip) continue;
    if (!a.body.empty()) a.body += "\n\n";
    a.body += md.blocks[i];
  }
  context.finish(std::move(a), context.path(), true);
}

}  // namespace segugio::corpus::detail
