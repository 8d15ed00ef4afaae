#include "xml_text.h"

#include <libxml/parser.h>

#include <array>
#include <mutex>

#include "text.h"
#include "segugio/text/normalize.h"

namespace segugio::corpus::detail {

namespace {

void ignore_generic(void*, const char*, ...) {}
void ignore_structured(void*, xmlErrorPtr) {}

constexpr int kHtmlOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                             HTML_PARSE_NONET | HTML_PARSE_COMPACT;

constexpr std::array kSkipped = {"nav",      "header",   "footer",   "aside",  "script", "style",
                                 "noscript", "form",     "template", "iframe", "svg",    "button",
                                 "select",   "textarea", "object",   "embed",  "canvas", "dialog",
                                 "head",     "title",    "math",     "audio",  "video",  "map"};

constexpr std::array kBlocks = {
    "p",          "div",        "section",  "article", "main",    "h1",      "h2",     "h3",
    "h4",         "h5",         "h6",       "ul",      "ol",      "li",      "dl",     "dt",
    "dd",         "blockquote", "table",    "thead",   "tbody",   "tfoot",   "tr",     "figure",
    "figcaption", "hr",         "br",       "address", "details", "summary", "center", "body",
    "caption",    "hgroup",     "fieldset", "legend",  "picture", "pre"};

// Words of class and id attributes that mark page furniture, not the article.
constexpr std::array kFurnitureWords = {"share",         "sharing",    "social", "related",
                                        "comments",      "newsletter", "cookie", "cookies",
                                        "advertisement", "adv",        "ads",    "breadcrumb",
                                        "breadcrumbs",   "sidebar",    "promo",  "paywall"};

template <std::size_t N>
bool in(const std::array<const char*, N>& list, std::string_view word) {
  for (const char* w : list)
    if (word == w) return true;
  return false;
}

bool is_furniture(const xmlNode* node) {
  for (const char* attr : {"class", "id"}) {
    const std::string value = text::ascii_lower(attribute(node, attr));
    std::size_t i = 0;
    while (i < value.size()) {
      const std::size_t j = value.find_first_of(" \t\n-_", i);
      const std::string_view word =
          std::string_view(value).substr(i, j == std::string::npos ? std::string::npos : j - i);
      if (in(kFurnitureWords, word)) return true;
      if (j == std::string::npos) break;
      i = j + 1;
    }
  }
  return false;
}

bool is_hidden(const xmlNode* node) {
  if (xmlHasProp(node, reinterpret_cast<const xmlChar*>("hidden"))) return true;
  if (attribute(node, "aria-hidden") == "true") return true;
  const std::string role = text::ascii_lower(attribute(node, "role"));
  return role == "navigation" || role == "banner" || role == "contentinfo" ||
         role == "complementary";
}

// Appends text with runs of ASCII white space as one space: in HTML a newline
// in the source is a space, never a paragraph break.
void append_collapsed(std::string& out, std::string_view text) {
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      if (!out.empty() && out.back() != ' ' && out.back() != '\n') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
}

void paragraph_break(std::string& out) {
  if (!out.empty() && out.back() != '\n') out += "\n\n";
}

class TextWalker {
 public:
  TextWalker(ExtractedText& out, const ExtractOptions& options) : out_(out), options_(options) {}

  void walk(const xmlNode* node) {
    for (; node != nullptr; node = node->next) visit(node);
  }

  void visit(const xmlNode* node) {
    switch (node->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        if (node->content) append_collapsed(body_, reinterpret_cast<const char*>(node->content));
        return;
      case XML_ELEMENT_NODE:
        break;
      case XML_DOCUMENT_NODE:
      case XML_HTML_DOCUMENT_NODE:
        walk(node->children);
        return;
      default:
        return;  // comments, processing instructions, DTDs
    }
    const std::string name = local_name(node);
    if (in(kSkipped, name) || is_hidden(node)) return;
    if (options_.drop_furniture_classes && is_furniture(node)) return;
    if (name == "pre") {
      const std::string code = node_text(node);
      if (!out_.code.empty()) out_.code += "\n\n";
      out_.code += code;
      paragraph_break(body_);
      return;
    }
    const bool block = in(kBlocks, name);
    if (block) paragraph_break(body_);
    if (name == "td" || name == "th") append_collapsed(body_, " ");
    walk(node->children);
    if (block) paragraph_break(body_);
  }

 public:
  std::string body_;

 private:
  ExtractedText& out_;
  const ExtractOptions& options_;
};

}  // namespace

void init_libxml() {
  static std::once_flag once;  // libxml2 2.9 must be initialised before threads parse
  std::call_once(once, [] { xmlInitParser(); });
}

QuietLibxml::QuietLibxml()
    : generic_(xmlGenericError),
      generic_context_(xmlGenericErrorContext),
      structured_(xmlStructuredError),
      structured_context_(xmlStructuredErrorContext) {
  xmlSetGenericErrorFunc(nullptr, ignore_generic);
  xmlSetStructuredErrorFunc(nullptr, ignore_structured);
}

QuietLibxml::~QuietLibxml() {
  xmlSetGenericErrorFunc(generic_context_, generic_);
  xmlSetStructuredErrorFunc(structured_context_, structured_);
}

XmlDocPtr parse_html(std::string_view utf8) {
  init_libxml();
  if (utf8.empty()) return nullptr;
  return XmlDocPtr(htmlReadMemory(utf8.data(), static_cast<int>(utf8.size()), nullptr, "UTF-8",
                                  kHtmlOptions | HTML_PARSE_IGNORE_ENC));
}

XmlDocPtr parse_html_in(std::string_view bytes, const std::string& encoding) {
  init_libxml();
  if (bytes.empty()) return nullptr;
  return XmlDocPtr(htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr,
                                  encoding.c_str(), kHtmlOptions));
}

std::string local_name(const xmlNode* node) {
  if (!node || !node->name) return {};
  return text::ascii_lower(reinterpret_cast<const char*>(node->name));
}

bool is_element(const xmlNode* node, std::string_view lower_name) {
  return node && node->type == XML_ELEMENT_NODE && local_name(node) == lower_name;
}

std::string attribute(const xmlNode* node, const char* name) {
  if (!node || node->type != XML_ELEMENT_NODE) return {};
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (!value) return {};
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

std::string node_text(const xmlNode* node) {
  if (!node) return {};
  xmlChar* content = xmlNodeGetContent(node);
  if (!content) return {};
  std::string out(reinterpret_cast<const char*>(content));
  xmlFree(content);
  return out;
}

ExtractedText extract_text(const xmlNode* node, const ExtractOptions& options) {
  ExtractedText out;
  TextWalker walker(out, options);
  if (node && (node->type == XML_DOCUMENT_NODE || node->type == XML_HTML_DOCUMENT_NODE))
    walker.walk(node->children);
  else if (node)
    walker.visit(node);
  out.body = clean_paragraphs(walker.body_);
  return out;
}

ExtractedText html_fragment_text(std::string_view utf8_html) {
  QuietLibxml quiet;
  XmlDocPtr doc = parse_html(utf8_html);
  if (!doc) return {};
  return extract_text(reinterpret_cast<const xmlNode*>(doc.get()));
}

}  // namespace segugio::corpus::detail
