// HTML pages saved from a browser: fields from <meta>, <title>, <h1>, JSON-LD
// and <time>; text from <article> or <main> without the page around it.
#include <nlohmann/json.hpp>

#include <cctype>
#include <limits>
#include <map>

#include "read_context.h"
#include "segugio/corpus/italian_date.h"
#include "text.h"
#include "xml_text.h"
#include "segugio/text/normalize.h"
#include "segugio/text/strings.h"
#include "segugio/text/utf8.h"

namespace segugio::corpus::detail {

namespace {

using nlohmann::json;

// What one pass over the page collects.
struct PageFacts {
  std::multimap<std::string, std::string> meta;  // lower-case name/property/itemprop -> content
  std::string title;                             // <title>
  std::string h1;                                // first <h1>
  std::string canonical;                         // <link rel="canonical">
  std::vector<std::string> json_ld;              // <script type="application/ld+json">
  std::vector<const xmlNode*> articles;
  const xmlNode* main = nullptr;
  const xmlNode* body = nullptr;
  std::string time;  // first <time datetime>
};

void collect(const xmlNode* node, PageFacts& facts) {
  for (; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    const std::string name = local_name(node);
    if (name == "meta") {
      const std::string content = attribute(node, "content");
      for (const char* key : {"name", "property", "itemprop", "http-equiv"}) {
        const std::string k = text::ascii_lower(text::trim(attribute(node, key)));
        if (!k.empty()) facts.meta.emplace(k, content);
      }
    } else if (name == "title" && facts.title.empty()) {
      facts.title = node_text(node);
    } else if (name == "h1" && facts.h1.empty()) {
      facts.h1 = node_text(node);
    } else if (name == "link" && text::ascii_lower(attribute(node, "rel")) == "canonical") {
      facts.canonical = attribute(node, "href");
    } else if (name == "script") {
      if (text::ascii_lower(attribute(node, "type")) == "application/ld+json")
        facts.json_ld.push_back(node_text(node));
      continue;
    } else if (name == "article") {
      facts.articles.push_back(node);
    } else if (name == "main" || (text::ascii_lower(attribute(node, "role")) == "main" && !facts.main)) {
      if (!facts.main || name == "main") facts.main = node;
    } else if (name == "body" && !facts.body) {
      facts.body = node;
    } else if (name == "time" && facts.time.empty()) {
      facts.time = attribute(node, "datetime");
    }
    collect(node->children, facts);
  }
}

std::string meta(const PageFacts& facts, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    const auto range = facts.meta.equal_range(key);
    for (auto it = range.first; it != range.second; ++it)
      if (!text::trim(it->second).empty()) return it->second;
  }
  return {};
}

// The schema.org article in the page's JSON-LD, if any.
struct LinkedData {
  std::string headline, description, date, modified, section, author, publisher;
  std::vector<std::string> keywords;
};

bool is_article_type(const json& type) {
  auto article = [](const std::string& t) {
    return t.size() >= 7 && t.compare(t.size() - 7, 7, "Article") == 0 ? true : t == "BlogPosting";
  };
  if (type.is_string()) return article(type.get<std::string>());
  if (type.is_array())
    for (const json& t : type)
      if (t.is_string() && article(t.get<std::string>())) return true;
  return false;
}

std::string name_of(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object() && v.contains("name") && v["name"].is_string())
    return v["name"].get<std::string>();
  if (v.is_array() && !v.empty()) {
    std::string names;
    for (const json& item : v) {
      const std::string n = name_of(item);
      if (!n.empty()) names += (names.empty() ? "" : ", ") + n;
    }
    return names;
  }
  return {};
}

bool find_linked_article(const json& node, LinkedData& out, int depth = 0) {
  if (depth > 6) return false;
  if (node.is_array()) {
    for (const json& item : node)
      if (find_linked_article(item, out, depth + 1)) return true;
    return false;
  }
  if (!node.is_object()) return false;
  if (node.contains("@type") && is_article_type(node["@type"])) {
    auto text = [&](const char* key) {
      const auto it = node.find(key);
      return it != node.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    out.headline = text("headline");
    out.description = text("description");
    out.date = text("datePublished");
    out.modified = text("dateModified");
    out.section = text("articleSection");
    if (const auto it = node.find("author"); it != node.end()) out.author = name_of(*it);
    if (const auto it = node.find("publisher"); it != node.end()) out.publisher = name_of(*it);
    if (const auto it = node.find("keywords"); it != node.end()) {
      if (it->is_string())
        out.keywords = split_list(it->get<std::string>(), false);
      else if (it->is_array())
        for (const json& k : *it)
          if (k.is_string()) out.keywords.push_back(k.get<std::string>());
    }
    return true;
  }
  if (const auto it = node.find("@graph"); it != node.end())
    return find_linked_article(*it, out, depth + 1);
  return false;
}

LinkedData linked_data(const PageFacts& facts) {
  LinkedData out;
  for (const std::string& script : facts.json_ld) {
    const json doc = json::parse(script, nullptr, false);
    if (!doc.is_discarded() && find_linked_article(doc, out)) break;
  }
  return out;
}

// The part of the page holding the article: the largest <article>, else
// <main>, else the body.
const xmlNode* content_root(const PageFacts& facts, const xmlNode* fallback) {
  const xmlNode* best = nullptr;
  std::size_t best_size = 0;
  for (const xmlNode* article : facts.articles) {
    const std::size_t size = node_text(article).size();
    if (size > best_size) best = article, best_size = size;
  }
  if (best && best_size > 0) return best;
  if (facts.main) return facts.main;
  if (facts.body) return facts.body;
  return fallback;
}

// <meta charset="..."> or http-equiv content type, lower case; "" when none.
std::string declared_charset(std::string_view bytes) {
  const std::string head = text::ascii_lower(bytes.substr(0, 4096));
  const std::size_t at = head.find("charset=");
  if (at == std::string::npos) return {};
  std::size_t i = at + 8;
  while (i < head.size() && (head[i] == '"' || head[i] == '\'' || head[i] == ' ')) ++i;
  std::size_t j = i;
  while (j < head.size() &&
         (std::isalnum(static_cast<unsigned char>(head[j])) || head[j] == '-' || head[j] == '_'))
    ++j;
  return head.substr(i, j - i);
}

}  // namespace

void read_html(std::string_view bytes, ReadContext& context) {
  QuietLibxml quiet;
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    context.report(context.path(), Reason::too_large, true, "libxml2 reads at most 2 GiB");
    return;
  }
  XmlDocPtr doc;
  if (text::valid_utf8(bytes)) {
    doc = parse_html(bytes);
  } else {
    // A page that names its own 8-bit charset is read in it; otherwise the
    // bytes are repaired as Windows-1252.
    const std::string charset = declared_charset(bytes);
    if (!charset.empty() && charset != "utf-8" && charset != "utf8")
      doc = parse_html_in(bytes, charset);
    if (!doc) {
      bool redecoded = false;
      const std::string text = repair_utf8(bytes, redecoded);
      context.note_redecoded(context.path());
      doc = parse_html(text);
    }
  }
  if (!doc) {
    context.report(context.path(), Reason::empty, true);
    return;
  }
  PageFacts facts;
  const xmlNode* root = reinterpret_cast<const xmlNode*>(doc.get());
  collect(root->children, facts);
  const LinkedData ld = linked_data(facts);

  Article a;
  a.id = context.file().id_base;
  const std::string h1 = clean_line(facts.h1);
  const std::string title = clean_line(facts.title);
  a.title = meta(facts, {"og:title", "twitter:title"});
  if (a.title.empty()) a.title = ld.headline;
  if (a.title.empty()) {
    // "<title>Titolo - Sito</title>" when the <h1> says just "Titolo".
    a.title = !h1.empty() && title.find(h1) != std::string::npos ? h1 : title;
  }
  if (a.title.empty()) a.title = h1;
  a.lead = meta(facts, {"og:description", "description", "twitter:description"});
  if (a.lead.empty()) a.lead = ld.description;

  for (const std::string& value :
       {meta(facts, {"article:published_time", "date", "pubdate", "publishdate", "publish-date",
                     "publication_date", "dc.date.issued", "dc.date", "dcterms.created",
                     "datepublished", "parsely-pub-date", "sailthru.date"}),
        ld.date, facts.time,
        meta(facts, {"article:modified_time", "og:updated_time", "datemodified", "last-modified"}),
        ld.modified}) {
    if (a.date) break;
    a.date = parse_date_value(value);
  }

  a.section = meta(facts, {"article:section"});
  if (a.section.empty()) a.section = ld.section;
  for (auto [it, end] = facts.meta.equal_range("article:tag"); it != end; ++it)
    a.tags.push_back(it->second);
  if (a.tags.empty()) a.tags = ld.keywords;
  a.author = meta(facts, {"author", "article:author", "dc.creator"});
  if (a.author.empty() || a.author.find("://") != std::string::npos) a.author = ld.author;
  a.url = !facts.canonical.empty() ? facts.canonical : meta(facts, {"og:url"});
  a.source = meta(facts, {"og:site_name", "application-name"});
  if (a.source.empty()) a.source = ld.publisher;

  ExtractOptions options;
  options.drop_furniture_classes = true;
  ExtractedText text = extract_text(content_root(facts, root), options);
  a.body = std::move(text.body);
  a.code = std::move(text.code);
  context.finish(std::move(a), context.path(), true);
}

}  // namespace segugio::corpus::detail
