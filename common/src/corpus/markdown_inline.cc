#include "markdown_inline.h"

#include <array>

#include "segugio/text/normalize.h"
#include "segugio/text/strings.h"
#include "text.h"

namespace segugio::corpus::detail {

namespace {

// Links and code spans are searched for this far at most, so a stray "[" or
// "`" never makes a paragraph quadratic.
constexpr std::size_t kMaxSpan = 4096;

constexpr std::array kHtmlTags = {
    "a",          "abbr",     "address", "article",    "aside",   "audio",  "b",      "big",
    "blockquote", "body",     "br",      "button",     "caption", "center", "cite",   "code",
    "col",        "colgroup", "dd",      "del",        "details", "dfn",    "div",    "dl",
    "dt",         "em",       "embed",   "figcaption", "figure",  "font",   "footer", "form",
    "h1",         "h2",       "h3",      "h4",         "h5",      "h6",     "head",   "header",
    "hr",         "html",     "i",       "iframe",     "img",     "input",  "ins",    "kbd",
    "label",      "li",       "link",    "main",       "mark",    "meta",   "nav",    "noscript",
    "object",     "ol",       "p",       "param",      "picture", "q",      "s",      "samp",
    "section",    "small",    "source",  "span",       "strike",  "strong", "sub",    "summary",
    "sup",        "svg",      "table",   "tbody",      "td",      "tfoot",  "th",     "thead",
    "time",       "tr",       "tt",      "u",          "ul",      "var",    "video",  "wbr"};

constexpr std::array kHtmlBlockTags = {
    "address", "article", "aside", "blockquote", "body",   "center",  "details", "div",
    "dl",      "dd",      "dt",    "figcaption", "figure", "footer",  "form",    "h1",
    "h2",      "h3",      "h4",    "h5",         "h6",     "header",  "hr",      "iframe",
    "li",      "main",    "nav",   "ol",         "p",      "section", "summary", "table",
    "tr",      "ul",      "video", "audio"};

template <std::size_t N>
bool in(const std::array<const char*, N>& list, std::string_view word) {
  for (const char* w : list)
    if (word == w) return true;
  return false;
}

// The value of attribute `name` in the text of an opening tag.
std::string tag_attribute(std::string_view tag, std::string_view name) {
  const std::string lower = text::ascii_lower(tag);
  std::size_t at = 0;
  while ((at = lower.find(name, at)) != std::string::npos) {
    const bool starts =
        at > 0 && (lower[at - 1] == ' ' || lower[at - 1] == '\t' || lower[at - 1] == '\n');
    std::size_t i = at + name.size();
    while (i < lower.size() && lower[i] == ' ') ++i;
    if (!starts || i >= lower.size() || lower[i] != '=') {
      at += name.size();
      continue;
    }
    ++i;
    while (i < lower.size() && lower[i] == ' ') ++i;
    if (i < tag.size() && (tag[i] == '"' || tag[i] == '\'')) {
      const std::size_t end = tag.find(tag[i], i + 1);
      if (end == std::string_view::npos) return {};
      return std::string(tag.substr(i + 1, end - i - 1));
    }
    const std::size_t end = tag.find_first_of(" \t\n>", i);
    return std::string(tag.substr(i, end == std::string_view::npos ? tag.npos : end - i));
  }
  return {};
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_punct(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x80 && !is_space(c) && !is_digit(c) && !is_ascii_alpha(c);
}
bool is_word_char(char c) {
  return !is_space(c) && !is_punct(c);
}

class InlineRenderer {
 public:
  void render(std::string_view s, std::string& out) {
    std::size_t i = 0;
    while (i < s.size()) {
      const char c = s[i];
      switch (c) {
        case '\\':
          if (i + 1 < s.size() && is_punct(s[i + 1])) {
            out += s[i + 1];
            i += 2;
          } else {
            out += i + 1 < s.size() && s[i + 1] == '\n' ? ' ' : '\\';
            ++i;
          }
          continue;
        case '`':
          i = code_span(s, i, out);
          continue;
        case '!':
          if (i + 1 < s.size() && s[i + 1] == '[') {
            if (const std::size_t end = link(s, i + 1, out); end != 0) {
              i = end;
              continue;
            }
          }
          break;
        case '[':
          if (const std::size_t end = link(s, i, out); end != 0) {
            i = end;
            continue;
          }
          break;
        case '<':
          if (const std::size_t end = html(s, i, out); end != 0) {
            i = end;
            continue;
          }
          break;
        case '*':
        case '_':
        case '~':
          i = emphasis(s, i, out);
          continue;
        case '{':
          if (const std::size_t end = template_tag(s, i); end != 0) {
            i = end;
            continue;
          }
          break;
        default:
          break;
      }
      out += c;
      ++i;
    }
  }

 private:
  std::size_t code_span(std::string_view s, std::size_t i, std::string& out) {
    std::size_t n = 0;
    while (i + n < s.size() && s[i + n] == '`') ++n;
    std::size_t j = i + n;
    const std::size_t limit = std::min(s.size(), i + kMaxSpan);
    while (j < limit) {
      const std::size_t at = s.find('`', j);
      if (at == std::string_view::npos || at >= limit) break;
      std::size_t m = 0;
      while (at + m < s.size() && s[at + m] == '`') ++m;
      if (m == n) {
        // The span keeps one pair of backticks, as a JSON source's text does:
        // code is searchable, but no name in it is a company (`Kernel-Plus`).
        const std::string_view code = text::trim(s.substr(i + n, at - i - n));
        if (!code.empty()) {
          out += '`';
          out += code;
          out += '`';
        }
        return at + m;
      }
      j = at + m;
    }
    out.append(n, '`');
    return i + n;
  }

  // [text](url "title"), [text][ref], ![alt](src); footnote references and
  // WordPress shortcodes ([caption ...]) vanish. Returns the end, 0 when `s[i]`
  // does not start one.
  std::size_t link(std::string_view s, std::size_t i, std::string& out) {
    const std::size_t limit = std::min(s.size(), i + kMaxSpan);
    std::size_t depth = 0, close = std::string_view::npos;
    for (std::size_t j = i; j < limit; ++j) {
      if (s[j] == '\\') {
        ++j;
      } else if (s[j] == '[') {
        ++depth;
      } else if (s[j] == ']' && --depth == 0) {
        close = j;
        break;
      }
    }
    if (close == std::string_view::npos) return 0;
    const std::string_view label = s.substr(i + 1, close - i - 1);
    if (!label.empty() && label[0] == '^') return close + 1;  // footnote reference
    if (close + 1 < s.size() && s[close + 1] == '(') {
      std::size_t parens = 0;
      for (std::size_t j = close + 1; j < limit; ++j) {
        if (s[j] == '\\') {
          ++j;
        } else if (s[j] == '(') {
          ++parens;
        } else if (s[j] == ')' && --parens == 0) {
          render(label, out);
          return j + 1;
        }
      }
      return 0;
    }
    if (close + 1 < s.size() && s[close + 1] == '[') {
      const std::size_t end = s.find(']', close + 1);
      if (end != std::string_view::npos && end < limit) {
        render(label, out);
        return end + 1;
      }
    }
    const std::string word = text::ascii_lower(label.substr(0, label.find_first_of(" \t]")));
    for (const char* code : {"caption", "/caption", "embed", "/embed", "video", "/video", "audio",
                             "/audio", "gallery", "playlist"})
      if (word == code) return close + 1;
    return 0;
  }

  // An HTML tag, comment or autolink at s[i] == '<'; 0 when it is just "<".
  std::size_t html(std::string_view s, std::size_t i, std::string& out) {
    if (s.compare(i, 4, "<!--") == 0) {
      const std::size_t end = s.find("-->", i + 4);
      return end == std::string_view::npos ? 0 : end + 3;
    }
    std::size_t j = i + 1;
    const bool closing = j < s.size() && s[j] == '/';
    if (closing) ++j;
    const std::size_t name_at = j;
    while (j < s.size() && (is_ascii_alpha(s[j]) || (j > name_at && is_digit(s[j])))) ++j;
    const std::string name = text::ascii_lower(s.substr(name_at, j - name_at));
    if (!closing && (name == "http" || name == "https" || name == "mailto" || name == "ftp") &&
        j < s.size() && s[j] == ':') {
      const std::size_t end = s.find('>', j);
      if (end == std::string_view::npos || s.substr(i, end - i).find(' ') != std::string_view::npos)
        return 0;
      out += s.substr(i + 1, end - i - 1);
      return end + 1;
    }
    if (name.empty() || !in(kHtmlTags, name)) return 0;
    if (j < s.size() && !(is_space(s[j]) || s[j] == '>' || s[j] == '/')) return 0;
    // The end of the tag, skipping quoted attribute values.
    char quote = 0;
    std::size_t end = std::string_view::npos;
    for (std::size_t k = j; k < s.size() && k < i + kMaxSpan; ++k) {
      if (quote) {
        if (s[k] == quote) quote = 0;
      } else if (s[k] == '"' || s[k] == '\'') {
        quote = s[k];
      } else if (s[k] == '>') {
        end = k;
        break;
      }
    }
    if (end == std::string_view::npos) return 0;
    if (name == "img" && !closing) {
      const std::string alt = tag_attribute(s.substr(i, end - i), "alt");
      if (!text::trim(alt).empty()) {
        out += ' ';
        out += alt;
        out += ' ';
      }
    } else if (in(kHtmlBlockTags, name)) {
      out += "\n\n";
    } else if (name == "br" || name == "td" || name == "th") {
      out += ' ';
    }
    return end + 1;
  }

  // Runs of '*', '_' and '~' that open or close emphasis go; others stay
  // ("5 * 3", "snake_case", "~/.bashrc").
  static std::size_t emphasis(std::string_view s, std::size_t i, std::string& out) {
    const char c = s[i];
    std::size_t n = 0;
    while (i + n < s.size() && s[i + n] == c) ++n;
    const char prev = i > 0 ? s[i - 1] : ' ';
    const char next = i + n < s.size() ? s[i + n] : ' ';
    const bool left = !is_space(next) && (!is_punct(next) || is_space(prev) || is_punct(prev));
    const bool right = !is_space(prev) && (!is_punct(prev) || is_space(next) || is_punct(next));
    bool markup = (left || right) && n <= 6;  // "**a****~**": two runs side by side
    if (c == '_' && is_word_char(prev) && is_word_char(next)) markup = false;
    if (c == '~' && n != 2) markup = false;
    if (!markup) out.append(n, c);
    return i + n;
  }

  // Liquid "{% ... %}", "{{ ... }}" and Kramdown "{: ... }".
  static std::size_t template_tag(std::string_view s, std::size_t i) {
    if (i + 1 >= s.size()) return 0;
    const char kind = s[i + 1];
    const char* close = kind == '%' ? "%}" : kind == '{' ? "}}" : kind == ':' ? "}" : nullptr;
    if (!close) return 0;
    const std::size_t end = s.find(close, i + 2);
    if (end == std::string_view::npos || end > i + kMaxSpan) return 0;
    return end + std::string_view(close).size();
  }
};

}  // namespace

void render_inline(std::string_view block, std::string& out) {
  InlineRenderer().render(block, out);
}

}  // namespace segugio::corpus::detail
