// libxml2 for the HTML and feed readers: safe set-up, owners, and turning an
// HTML tree into prose and code (internal to segugio_corpus).
//
// Thread contract: libxml2 is initialised once (std::call_once) before the
// first parse; each parse owns its documents; error output is silenced per
// thread for the duration of a call, so the library never prints.
#pragma once

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <memory>
#include <string>
#include <string_view>

namespace segugio::corpus::detail {

// Initialises libxml2 once per process; call before any parse.
void init_libxml();

// While alive, libxml2 reports nothing on this thread (its error handlers are
// per-thread); restores the previous handlers on destruction.
class QuietLibxml {
 public:
  QuietLibxml();
  ~QuietLibxml();
  QuietLibxml(const QuietLibxml&) = delete;
  QuietLibxml& operator=(const QuietLibxml&) = delete;

 private:
  xmlGenericErrorFunc generic_;
  void* generic_context_;
  xmlStructuredErrorFunc structured_;
  void* structured_context_;
};

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocDeleter>;

// Parses an HTML document or fragment already in UTF-8 (any <meta charset> is
// ignored). Never null for non-empty input in practice; may be null.
XmlDocPtr parse_html(std::string_view utf8);
// Parses HTML bytes in the named encoding ("ISO-8859-15"), as declared by the
// page itself.
XmlDocPtr parse_html_in(std::string_view bytes, const std::string& encoding);

// The element's name in lower case without namespace prefix ("content:encoded"
// -> "encoded").
std::string local_name(const xmlNode* node);
bool is_element(const xmlNode* node, std::string_view lower_name);
// The attribute's value, "" when absent.
std::string attribute(const xmlNode* node, const char* name);
// All text below `node`, as it is.
std::string node_text(const xmlNode* node);

// Prose and code of an HTML tree.
struct ExtractedText {
  std::string body;  // paragraphs separated by "\n\n", whitespace normalised
  std::string code;  // <pre> blocks, separated by "\n\n"
};

struct ExtractOptions {
  // Also drop page furniture by class or id ("share", "related", "comments",
  // "newsletter", ...), not only by element (nav, header, footer, aside, ...).
  bool drop_furniture_classes = false;
};

// Walks `node` (element or document) and collects its visible text: block
// elements separate paragraphs, <pre> goes to code; nav, header, footer,
// aside, script, style, noscript, form, template, iframe, svg, button, select
// and hidden elements are skipped.
ExtractedText extract_text(const xmlNode* node, const ExtractOptions& options = {});

// Text of an HTML fragment ("<p>Ciao <b>mondo</b></p>"), as extract_text().
ExtractedText html_fragment_text(std::string_view utf8_html);

}  // namespace segugio::corpus::detail
