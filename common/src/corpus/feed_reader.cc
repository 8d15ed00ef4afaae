// RSS 2.0, RSS 1.0 and Atom feeds, streamed with libxml2's xmlTextReader: one
// item or entry is expanded at a time, so memory stays bounded by one item.
#include <libxml/xmlreader.h>

#include "read_context.h"
#include "text.h"
#include "xml_text.h"
#include "segugio/text/normalize.h"
#include "segugio/text/strings.h"

namespace segugio::corpus::detail {

namespace {

// A longer <description> beside the content is a copy of the text, not a lead.
constexpr std::size_t kMaxLeadBytes = 1000;

struct ReaderDeleter {
  void operator()(xmlTextReader* reader) const { xmlFreeTextReader(reader); }
};

// Feeds the parser from the stream; bytes of a feed declared (or defaulting)
// to UTF-8 are repaired on the way, so a Windows-1252 feed still parses.
struct FeedInput {
  explicit FeedInput(BufferedStream& stream) : in(stream) {}
  BufferedStream& in;
  bool repair = false;
  Utf8Repairer repairer;
  std::string pending;  // repaired bytes not yet handed over
  std::size_t pending_at = 0;
  bool done = false;
  std::exception_ptr error;  // a ReadFailure from the stream, rethrown after parsing
};

// xmlInputReadCallback: must not throw through libxml2's C frames.
int read_input(void* context, char* buffer, int size) {
  auto* input = static_cast<FeedInput*>(context);
  try {
    if (!input->repair) {
      return static_cast<int>(input->in.read(buffer, static_cast<std::size_t>(size)));
    }
    while (input->pending_at == input->pending.size() && !input->done) {
      input->pending.clear();
      input->pending_at = 0;
      char chunk[16384];
      const std::size_t n = input->in.read(chunk, sizeof chunk);
      if (n == 0) {
        input->repairer.finish(input->pending);
        input->done = true;
      } else {
        input->repairer.feed(std::string_view(chunk, n), input->pending);
      }
    }
    const std::size_t n =
        std::min(static_cast<std::size_t>(size), input->pending.size() - input->pending_at);
    std::copy_n(input->pending.data() + input->pending_at, n, buffer);
    input->pending_at += n;
    return static_cast<int>(n);
  } catch (...) {
    input->error = std::current_exception();
    return -1;
  }
}

int close_input(void*) {
  return 0;
}

// The encoding named in "<?xml version="1.0" encoding="..."?>", lower case.
std::string declared_encoding(std::string_view head) {
  const std::string lower = text::ascii_lower(head.substr(0, 512));
  if (lower.rfind("<?xml", 0) != 0) return {};
  const std::size_t end = lower.find("?>");
  const std::size_t at = lower.find("encoding", 0);
  if (at == std::string::npos || at > end) return {};
  const std::size_t q = lower.find_first_of("\"'", at);
  if (q == std::string::npos || q > end) return {};
  const std::size_t close = lower.find(lower[q], q + 1);
  if (close == std::string::npos || close > end) return {};
  return lower.substr(q + 1, close - q - 1);
}

// Parser errors: the first one is kept for the report, none is printed.
struct ErrorLog {
  std::string message;
  int line = 0;
};

void on_error(void* context, xmlErrorPtr error) {
  auto* log = static_cast<ErrorLog*>(context);
  if (!error || error->level < XML_ERR_ERROR || !log->message.empty()) return;
  log->message = error->message ? text::trim(error->message) : "XML error";
  log->line = error->line;
}

const xmlNode* child(const xmlNode* node, std::string_view name) {
  for (const xmlNode* c = node->children; c; c = c->next)
    if (is_element(c, name)) return c;
  return nullptr;
}

std::string child_text(const xmlNode* node, std::string_view name) {
  const xmlNode* c = child(node, name);
  return c ? node_text(c) : std::string();
}

// Text of an element whose content may be HTML (RSS description,
// content:encoded, Atom content type="html"/"xhtml"/"text").
ExtractedText content_text(const xmlNode* node) {
  if (!node) return {};
  const std::string type = text::ascii_lower(attribute(node, "type"));
  if (type == "xhtml") return extract_text(node);
  const std::string text = node_text(node);
  if (type == "text" ||
      (type.empty() && !looks_like_html(text) && text.find('<') == std::string::npos)) {
    ExtractedText plain;
    plain.body = clean_paragraphs(decode_entities(text));
    return plain;
  }
  return html_fragment_text(text);
}

bool is_dc(const xmlNode* node) {
  return node->ns && node->ns->href &&
         std::string_view(reinterpret_cast<const char*>(node->ns->href)).find("purl.org/dc") !=
             std::string_view::npos;
}

Article item_article(const xmlNode* item, bool atom) {
  Article a;
  a.title = clean_line(content_text(child(item, "title")).body);
  std::string published, updated, guid;
  const xmlNode* description = nullptr;
  const xmlNode* content = nullptr;
  for (const xmlNode* c = item->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const std::string name = local_name(c);
    if (name == "link") {
      // Atom: <link rel="alternate" href="..."/>; RSS: <link>url</link>.
      const std::string href = attribute(c, "href");
      const std::string rel = attribute(c, "rel");
      if (!href.empty() && (rel.empty() || rel == "alternate") && a.url.empty())
        a.url = href;
      else if (href.empty() && a.url.empty())
        a.url = text::trim(node_text(c));
    } else if (name == "guid" || (atom && name == "id")) {
      guid = text::trim(node_text(c));
    } else if (name == "pubdate" || name == "published" || name == "issued" ||
               (name == "date" && is_dc(c))) {
      if (published.empty()) published = node_text(c);
    } else if (name == "updated" || name == "modified") {
      if (updated.empty()) updated = node_text(c);
    } else if (name == "category" || (name == "subject" && is_dc(c))) {
      std::string term = attribute(c, "term");
      if (term.empty()) term = attribute(c, "label");
      if (term.empty()) term = node_text(c);
      a.tags.push_back(term);
    } else if (name == "encoded" || name == "content") {
      content = c;
    } else if (name == "description" || name == "summary") {
      description = c;
    } else if (name == "creator" || name == "author") {
      // Atom <author><name>; RSS "mail@example.it (Nome Cognome)".
      std::string author = atom ? child_text(c, "name") : std::string();
      if (author.empty()) author = node_text(c);
      const std::size_t open = author.find('('), close = author.rfind(')');
      if (author.find('@') != std::string::npos && open != std::string::npos && close > open)
        author = author.substr(open + 1, close - open - 1);
      if (!text::trim(author).empty()) a.author += (a.author.empty() ? "" : ", ") + author;
    } else if (name == "source" && !atom) {
      a.source = node_text(c);
    }
  }
  if (content) {
    ExtractedText text = content_text(content);
    a.body = std::move(text.body);
    a.code = std::move(text.code);
  }
  if (description && a.body.empty()) {
    // No content, or an Atom <content src="..."> pointing elsewhere.
    ExtractedText text = content_text(description);
    a.body = std::move(text.body);
    a.code = std::move(text.code);
  } else if (description) {
    // A summary beside the content is the lead, unless it is the whole text
    // again.
    std::string lead = content_text(description).body;
    if (lead.size() <= kMaxLeadBytes && a.body.rfind(lead, 0) != 0) a.lead = std::move(lead);
  }
  a.date = parse_date_value(published);
  if (!a.date) a.date = parse_date_value(updated);
  a.id = guid.empty() ? a.url : guid;
  return a;
}

}  // namespace

void read_feed(BufferedStream& in, ReadContext& context) {
  init_libxml();
  QuietLibxml quiet;
  const std::string_view head = in.peek(512);
  const std::string declared = declared_encoding(head);
  const bool utf16 = head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF";
  FeedInput input(in);
  input.repair = !utf16 && (declared.empty() || declared == "utf-8" || declared == "utf8");

  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
                XML_PARSE_RECOVER | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES;
  if (input.repair) options |= XML_PARSE_IGNORE_ENC;
  const std::unique_ptr<xmlTextReader, ReaderDeleter> reader(
      xmlReaderForIO(read_input, close_input, &input, context.path().c_str(),
                     input.repair ? "UTF-8" : nullptr, options));
  if (!reader) throw ReadFailure(Reason::unreadable, "cannot start the XML reader");
  ErrorLog log;
  xmlTextReaderSetStructuredErrorHandler(reader.get(), on_error, &log);

  const std::size_t max = context.options().max_article_bytes;
  bool root_seen = false, atom = false;
  std::size_t items = 0;
  int ret = xmlTextReaderRead(reader.get());
  while (ret == 1) {
    if (xmlTextReaderNodeType(reader.get()) != XML_READER_TYPE_ELEMENT) {
      ret = xmlTextReaderRead(reader.get());
      continue;
    }
    const xmlChar* raw_name = xmlTextReaderConstLocalName(reader.get());
    const std::string name = raw_name ? text::ascii_lower(reinterpret_cast<const char*>(raw_name)) : "";
    if (!root_seen) {
      root_seen = true;
      atom = name == "feed";
      if (name != "rss" && name != "feed" && name != "rdf") {
        context.report(context.path(), Reason::not_article_format, true,
                       "XML root <" + name + "> is not <rss>, <feed> or <rdf:RDF>");
        return;
      }
    }
    if (name != "item" && name != "entry") {
      ret = xmlTextReaderRead(reader.get());
      continue;
    }
    ++items;
    const xmlNode* node = xmlTextReaderExpand(reader.get());
    const long line = node ? xmlGetLineNo(node) : xmlTextReaderGetParserLineNumber(reader.get());
    const std::string where = context.where(static_cast<std::size_t>(std::max(1L, line)));
    if (node) {
      if (node_text(node).size() > max) {
        context.report(where, Reason::too_large, true,
                       "feed item larger than " + std::to_string(max) + " bytes");
      } else {
        Article a = item_article(node, atom);
        // Cleaned before the choice: a guid of control characters only is no id.
        a.id = clean_line(a.id);
        if (a.id.empty()) a.id = context.file().id_base + "#" + std::to_string(items);
        context.finish(std::move(a), where, false);
      }
    }
    ret = xmlTextReaderNext(reader.get());
  }
  if (input.error) std::rethrow_exception(input.error);
  if (input.repairer.redecoded()) context.note_redecoded(context.path());
  if (ret < 0 || (!root_seen && !log.message.empty())) {
    const std::string where =
        log.line > 0 ? context.where(static_cast<std::size_t>(log.line)) : context.path();
    context.report(where, Reason::bad_feed, true,
                   (log.message.empty() ? std::string("XML error") : log.message) +
                       (items > 0 ? " (items before it were read)" : ""));
  } else if (!root_seen) {
    context.report(context.path(), Reason::empty, true, "no XML element");
  }
}

}  // namespace segugio::corpus::detail
