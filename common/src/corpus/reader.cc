#include "segugio/corpus/reader.h"

#include <algorithm>
#include <new>

#include "byte_stream.h"
#include "read_context.h"
#include "segugio/corpus/italian_date.h"
#include "text.h"
#include "segugio/text/normalize.h"
#include "segugio/text/strings.h"
#include "segugio/text/utf8.h"

namespace segugio::corpus {

namespace detail {

ReadContext::ReadContext(const SourceFile& file, const ReadOptions& options,
                         const std::function<void(Article&&)>& on_article, ProblemSink& problems)
    : file_(file),
      options_(options),
      on_article_(on_article),
      problems_(problems),
      path_(file.path.string()) {}

std::string ReadContext::where(std::size_t line) const {
  return path_ + ":" + std::to_string(line);
}

void ReadContext::report(std::string where, Reason reason, bool skipped, std::string detail) {
  problems_.problem(Problem{std::move(where), reason, skipped, std::move(detail)});
}

void ReadContext::note_redecoded(std::string where) {
  if (redecoded_reported_) return;
  redecoded_reported_ = true;
  report(std::move(where), Reason::redecoded, false,
         "bytes that are not UTF-8 were read as Windows-1252");
}

const FieldKeys& ReadContext::field_keys() {
  if (!field_keys_) field_keys_.emplace(options_.field_map);
  return *field_keys_;
}

namespace {

void clean_tags(std::vector<std::string>& tags) {
  std::vector<std::string> out;
  std::vector<std::string> seen;
  for (const std::string& t : tags) {
    std::string tag = clean_line(t);
    if (tag.empty()) continue;
    std::string key = text::fold(tag);
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(std::move(key));
    out.push_back(std::move(tag));
  }
  tags = std::move(out);
}

}  // namespace

void ReadContext::finish(Article&& a, const std::string& where, bool single) {
  a.source_path = path_;
  a.id = clean_line(a.id);
  a.title = clean_line(a.title);
  a.lead = clean_line(a.lead);
  a.body = clean_paragraphs(a.body);
  a.code = clean_code(a.code);
  a.section = clean_line(a.section);
  a.author = clean_line(a.author);
  a.url = clean_line(a.url);
  a.source = clean_line(a.source);
  clean_tags(a.tags);

  // A page repeats its title as the first heading of the body.
  if (!a.title.empty()) {
    const std::size_t end = a.body.find("\n\n");
    const std::string_view first = std::string_view(a.body).substr(0, end);
    if (text::fold(first) == text::fold(a.title))
      a.body.erase(0, end == std::string::npos ? std::string::npos : end + 2);
  }
  if (a.lead == a.title) a.lead.clear();

  if (a.source.empty()) a.source = domain_of(a.url);
  if (!a.date) a.date = date_in_name(a.url);
  if (!a.date && single) a.date = date_in_name(file_.path.filename().string());

  if (a.title.empty() && a.lead.empty() && a.body.empty() && a.code.empty()) {
    report(where, Reason::empty, true, "no title and no text");
    return;
  }
  if (!a.date) report(where, Reason::no_date, false);
  try {
    on_article_(std::move(a));
  } catch (...) {
    throw CallbackFailure{std::current_exception()};
  }
}

std::vector<std::string> split_list(std::string_view text, bool spaces) {
  std::vector<std::string> out;
  const bool has_delimiter = text.find_first_of(",;|") != std::string_view::npos;
  const char* delimiters = has_delimiter ? ",;|" : (spaces ? " \t" : "");
  std::size_t i = 0;
  while (i <= text.size()) {
    const std::size_t j = *delimiters ? text.find_first_of(delimiters, i) : std::string_view::npos;
    const std::string_view item =
        text::trim(text.substr(i, j == std::string_view::npos ? text.npos : j - i));
    if (!item.empty()) out.emplace_back(item);
    if (j == std::string_view::npos) break;
    i = j + 1;
  }
  return out;
}

std::optional<Date> parse_date_value(std::string_view text) {
  text = text::trim(text);
  if (text.empty()) return std::nullopt;
  return parse_italian_date(text);
}

}  // namespace detail

namespace {

using detail::BufferedStream;
using detail::ReadContext;

constexpr std::size_t kSniffBytes = std::size_t{64} * 1024;

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::string_view skip_bom_and_space(std::string_view text) {
  if (starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  while (!text.empty() && (text[0] == ' ' || text[0] == '\t' || text[0] == '\r' || text[0] == '\n'))
    text.remove_prefix(1);
  return text;
}

// NUL bytes or many control characters: not text. Windows-1252 text has many
// bytes that are not UTF-8, so those only count when they are most of it.
bool is_binary(std::string_view head) {
  std::size_t control = 0, high = 0;
  for (char ch : head) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == 0) return true;
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1B) ||
        c == 0x7F)
      ++control;
    if (c >= 0x80) ++high;
  }
  if (control * 20 > head.size()) return true;
  // A sequence cut at the end of the sample is not a reason to call it binary.
  const std::string_view body = head.size() > 4 ? head.substr(0, head.size() - 4) : head;
  return high * 10 > head.size() * 3 && !text::valid_utf8(body);
}

// The format the content shows, or `unknown` when it is just text.
Format format_of_content(std::string_view head) {
  const std::string_view text = skip_bom_and_space(head);
  if (starts_with(text, "---\n") || starts_with(text, "---\r\n") || starts_with(text, "+++\n") ||
      starts_with(text, "+++\r\n"))
    return Format::markdown;
  if (starts_with(text, "{")) return Format::jsonl;
  if (starts_with(text, "<")) {
    const std::string lower = text::ascii_lower(text.substr(0, 4096));
    const std::size_t html = std::min({lower.find("<html"), lower.find("<!doctype html"),
                                       lower.find("<head"), lower.find("<body")});
    for (const char* root : {"<rss", "<feed", "<rdf:rdf"}) {
      const std::size_t at = lower.find(root);
      if (at != std::string::npos && at < html) return Format::feed;
    }
    if (html != std::string::npos) return Format::html;
    if (detail::looks_like_html(lower)) return Format::html;
    if (starts_with(lower, "<?xml")) return Format::feed;  // the feed reader checks the root
  }
  return Format::unknown;
}

std::string inner_extension(const std::filesystem::path& path, bool zstd) {
  std::filesystem::path p = path.filename();
  if (zstd) p = p.stem();
  return text::ascii_lower(p.extension().string());
}

// The format to read `file` as: its extension when the content agrees or is
// neutral, the content when the name says nothing definite (.txt, none).
Format decide_format(const SourceFile& file, std::string_view head) {
  const Format content = format_of_content(head);
  switch (file.format) {
    case Format::markdown:
    case Format::jsonl:
    case Format::json:
    case Format::html:
      return file.format;
    case Format::feed:
      // An .xml file that is not a feed is not an article.
      if (content == Format::feed || inner_extension(file.path, file.zstd) != ".xml")
        return Format::feed;
      return Format::unknown;
    case Format::scraped_text:
    case Format::unknown:
      return content == Format::unknown ? Format::scraped_text : content;
  }
  return Format::unknown;
}

void read_single(BufferedStream& in, Format format, bool utf16, ReadContext& context) {
  std::string bytes;
  if (!in.read_all(bytes, context.options().max_article_bytes)) {
    context.report(context.path(), Reason::too_large, true,
                   "more than " + std::to_string(context.options().max_article_bytes) + " bytes");
    return;
  }
  if (utf16) {
    if (auto decoded = detail::decode_utf16(bytes)) bytes = std::move(*decoded);
  }
  if (format == Format::html) {
    detail::read_html(bytes, context);
    return;
  }
  bool redecoded = false;
  std::string text = detail::repair_utf8(bytes, redecoded);
  if (redecoded) context.note_redecoded(context.path());
  std::string_view view = text;
  if (starts_with(view, "\xEF\xBB\xBF")) view.remove_prefix(3);
  if (format == Format::markdown)
    detail::read_markdown(view, context);
  else
    detail::read_scraped_text(view, context);
}

}  // namespace

void read_file(const SourceFile& file, const ReadOptions& options,
               const std::function<void(Article&&)>& on_article, ProblemSink& problems) {
  ReadContext context(file, options, on_article, problems);
  try {
    BufferedStream in(detail::open_byte_stream(file.path, file.zstd));
    const std::string_view head = in.peek(kSniffBytes);
    if (skip_bom_and_space(head).empty() && head.size() < kSniffBytes) {
      context.report(context.path(), Reason::empty, true);
      return;
    }
    const bool utf16 = starts_with(head, "\xFF\xFE") || starts_with(head, "\xFE\xFF");
    if (!utf16 && is_binary(head)) {
      context.report(context.path(), Reason::binary, true);
      return;
    }
    std::string sniff(head);
    if (utf16) {
      if (auto decoded = detail::decode_utf16(head)) sniff = std::move(*decoded);
    }
    const Format format = decide_format(file, sniff);
    switch (format) {
      case Format::unknown:
        context.report(context.path(), Reason::not_article_format, true,
                       "XML without an <rss>, <feed> or <rdf:RDF> root");
        return;
      case Format::jsonl:
      case Format::json:
        if (utf16) {
          context.report(context.path(), Reason::not_article_format, true, "JSON must be UTF-8");
          return;
        }
        if (format == Format::json)
          detail::read_json(in, context);
        else
          detail::read_jsonl(in, context);
        return;
      case Format::feed:
        detail::read_feed(in, context);
        return;
      case Format::scraped_text:
      case Format::markdown:
      case Format::html:
        read_single(in, format, utf16, context);
        return;
    }
  } catch (const detail::CallbackFailure& failure) {
    std::rethrow_exception(failure.error);
  } catch (const detail::ReadFailure& failure) {
    context.report(context.path(), failure.reason, true, failure.detail);
  } catch (const std::bad_alloc&) {
    context.report(context.path(), Reason::too_large, true, "out of memory");
  } catch (const std::exception& e) {
    context.report(context.path(), Reason::unreadable, true, e.what());
  }
}

}  // namespace segugio::corpus
