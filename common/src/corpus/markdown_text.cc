#include "markdown_text.h"

#include <array>

#include "text.h"
#include "segugio/text/normalize.h"
#include "segugio/text/strings.h"

namespace segugio::corpus::detail {

namespace {

// Links and code spans are searched for this far at most, so a stray "[" or
// "`" never makes a paragraph quadratic.
constexpr std::size_t kMaxSpan = 4096;

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

// Columns of leading white space (a tab counts 4) and where the text starts.
std::size_t indentation(std::string_view line, std::size_t& text_at) {
  std::size_t columns = 0;
  text_at = 0;
  while (text_at < line.size() && (line[text_at] == ' ' || line[text_at] == '\t')) {
    columns += line[text_at] == '\t' ? 4 - columns % 4 : 1;
    ++text_at;
  }
  return columns;
}

// `line` without its first `columns` columns of indentation.
std::string_view outdent(std::string_view line, std::size_t columns) {
  std::size_t seen = 0, i = 0;
  while (i < line.size() && seen < columns && (line[i] == ' ' || line[i] == '\t')) {
    seen += line[i] == '\t' ? 4 - seen % 4 : 1;
    ++i;
  }
  return line.substr(i);
}

bool is_blank(std::string_view line) {
  return text::trim(line).empty();
}

// "```", "~~~~ python": the fence character and length, 0 when not a fence.
std::size_t fence_length(std::string_view text, char& fence_char) {
  if (text.empty() || (text[0] != '`' && text[0] != '~')) return 0;
  std::size_t n = 0;
  while (n < text.size() && text[n] == text[0]) ++n;
  if (n < 3) return 0;
  if (text[0] == '`' && text.substr(n).find('`') != std::string_view::npos) return 0;
  fence_char = text[0];
  return n;
}

// "{% highlight ruby linenos %}" for tag "highlight".
bool is_liquid(std::string_view text, std::string_view tag) {
  text = text::trim(text);
  if (text.substr(0, 2) != "{%" || text.size() < 4 || text.substr(text.size() - 2) != "%}")
    return false;
  std::string_view inner = text::trim(text.substr(2, text.size() - 4));
  if (!inner.empty() && inner[0] == '-') inner = text::trim(inner.substr(1));  // "{%- tag -%}"
  return inner.substr(0, tag.size()) == tag &&
         (inner.size() == tag.size() || inner[tag.size()] == ' ' || inner[tag.size()] == '-');
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Length of a list marker at the start of `t` ("- ", "* ", "+ ", "12. ",
// "3) "), including the space; 0 when there is none.
std::size_t list_marker(std::string_view t) {
  if (t.size() >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && (t[1] == ' ' || t[1] == '\t'))
    return 2;
  if (t.size() == 1 && (t[0] == '-' || t[0] == '*' || t[0] == '+')) return 1;
  std::size_t i = 0;
  while (i < t.size() && i < 9 && is_digit(t[i])) ++i;
  if (i > 0 && i + 1 < t.size() && (t[i] == '.' || t[i] == ')') &&
      (t[i + 1] == ' ' || t[i + 1] == '\t'))
    return i + 2;
  return 0;
}

// Step 1: code blocks out, the rest kept line for line.
struct CodeSplit {
  std::string prose;
  std::string code;
};

void add_code(std::string& code, std::string_view block) {
  if (text::trim(block).empty()) return;
  if (!code.empty()) code += "\n\n";
  code += block;
}

CodeSplit split_code(std::string_view markdown) {
  CodeSplit out;
  bool in_fence = false, in_indented = false, in_list = false, prev_blank = true;
  char fence_char = 0;
  std::size_t fence_len = 0;
  std::string block;
  for (std::string_view line : split_lines(markdown)) {
    std::size_t text_at = 0;
    const std::size_t indent = indentation(line, text_at);
    const std::string_view text = line.substr(text_at);
    if (in_fence) {
      char c = 0;
      const std::size_t n = fence_length(text, c);
      const bool closes = fence_char == '{'
                              ? is_liquid(text, "endhighlight")
                              : n >= fence_len && c == fence_char && text::trim(text.substr(n)).empty();
      if (closes) {
        add_code(out.code, block);
        block.clear();
        in_fence = false;
        out.prose += '\n';
        prev_blank = true;
      } else {
        block += line;
        block += '\n';
      }
      continue;
    }
    if (in_indented) {
      if (is_blank(line)) {
        block += '\n';
        continue;
      }
      if (indent >= 4) {
        block += outdent(line, 4);
        block += '\n';
        continue;
      }
      add_code(out.code, block);
      block.clear();
      in_indented = false;
    }
    if (is_blank(line)) {
      out.prose += '\n';
      prev_blank = true;
      continue;
    }
    // Jekyll's "{% highlight bash %}" ... "{% endhighlight %}" is a fence too.
    if (is_liquid(text, "highlight")) {
      fence_char = '{';
      in_fence = true;
      out.prose += '\n';
      continue;
    }
    char c = 0;
    if ((indent < 4 || in_list) && (fence_len = fence_length(text, c)) > 0) {
      fence_char = c;
      in_fence = true;
      out.prose += '\n';
      continue;
    }
    if (indent >= 4 && prev_blank && !in_list) {
      in_indented = true;
      block += outdent(line, 4);
      block += '\n';
      continue;
    }
    if (list_marker(text) > 0)
      in_list = true;
    else if (indent < 2 && prev_blank)
      in_list = false;
    out.prose += line;
    out.prose += '\n';
    prev_blank = false;
  }
  add_code(out.code, block);  // an unclosed fence runs to the end
  return out;
}

// Tags and entities out of the text of an HTML <pre>.
std::string pre_text(std::string_view html) {
  std::string out;
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (html[i] == '<' && i + 1 < html.size() &&
        (is_ascii_alpha(html[i + 1]) || html[i + 1] == '/')) {
      const std::size_t gt = html.find('>', i);
      if (gt == std::string_view::npos) break;
      i = gt;
      continue;
    }
    out += html[i];
  }
  return decode_entities(out);
}

// Step 2: multi-line HTML regions: <pre> to code; <script>, <style> and
// comments dropped.
std::string take_html_regions(std::string_view prose, std::string& code) {
  const std::string lower = text::ascii_lower(prose);
  std::string out;
  std::size_t i = 0;
  while (i < prose.size()) {
    const std::size_t lt = prose.find('<', i);
    if (lt == std::string_view::npos) break;
    out.append(prose.substr(i, lt - i));
    i = lt;
    if (lower.compare(lt, 4, "<!--") == 0) {
      const std::size_t end = lower.find("-->", lt + 4);
      if (end != std::string::npos) {
        out += ' ';
        i = end + 3;
        continue;
      }
    }
    bool handled = false;
    for (const char* tag : {"pre", "script", "style"}) {
      const std::string open = std::string("<") + tag;
      if (lower.compare(lt, open.size(), open) != 0) continue;
      const char after = lt + open.size() < lower.size() ? lower[lt + open.size()] : '\0';
      if (after != '>' && after != ' ' && after != '\t' && after != '\n') continue;
      const std::size_t open_end = lower.find('>', lt);
      const std::size_t close = lower.find(std::string("</") + tag, lt);
      if (open_end == std::string::npos || close == std::string::npos || close < open_end) continue;
      const std::size_t close_end = lower.find('>', close);
      if (std::string_view(tag) == "pre")
        add_code(code, pre_text(prose.substr(open_end + 1, close - open_end - 1)));
      out += "\n\n";
      i = close_end == std::string::npos ? prose.size() : close_end + 1;
      handled = true;
      break;
    }
    if (!handled) {
      out += '<';
      ++i;
    }
  }
  if (i < prose.size()) out.append(prose.substr(i));
  return out;
}

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
        out += text::trim(s.substr(i + n, at - i - n));
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

bool is_rule_line(std::string_view t, char& rule_char) {
  if (t.size() < 3) return false;
  const char c = t[0];
  if (c != '-' && c != '=' && c != '*' && c != '_') return false;
  std::size_t count = 0;
  for (char x : t) {
    if (x == c)
      ++count;
    else if (x != ' ' && x != '\t')
      return false;
  }
  rule_char = c;
  return count >= 3;
}

bool is_table_separator(std::string_view t) {
  if (t.find('|') == std::string_view::npos || t.find('-') == std::string_view::npos) return false;
  for (char x : t)
    if (x != '|' && x != '-' && x != ':' && x != ' ' && x != '\t') return false;
  return true;
}

// "[label]: http://..." (not a footnote "[^1]: text").
bool is_link_definition(std::string_view t) {
  if (t.size() < 4 || t[0] != '[' || t[1] == '^') return false;
  const std::size_t close = t.find("]:");
  return close != std::string_view::npos &&
         t.substr(1, close - 1).find('[') == std::string_view::npos;
}

}  // namespace

MarkdownText markdown_to_text(std::string_view markdown) {
  MarkdownText result;
  CodeSplit split = split_code(markdown);
  result.code = std::move(split.code);
  const std::string prose = take_html_regions(split.prose, result.code);

  // Step 3: blocks, still with inline Markdown.
  struct RawBlock {
    std::string text;
    int heading = 0;
  };
  std::vector<RawBlock> raw;
  std::string paragraph;
  auto end_paragraph = [&](int heading = 0) {
    if (!text::trim(paragraph).empty()) raw.push_back({paragraph, heading});
    paragraph.clear();
  };
  for (std::string_view line : split_lines(prose)) {
    std::string_view t = text::trim(line);
    while (!t.empty() && t[0] == '>') t = text::trim(t.substr(1));
    if (t.empty()) {
      end_paragraph();
      continue;
    }
    if (t[0] == '#') {
      std::size_t level = 0;
      while (level < t.size() && t[level] == '#') ++level;
      if (level <= 6 && (level == t.size() || t[level] == ' ' || t[level] == '\t')) {
        end_paragraph();
        std::string_view h = text::trim(t.substr(level));
        while (!h.empty() && h.back() == '#') h.remove_suffix(1);
        paragraph = std::string(text::trim(h));
        end_paragraph(static_cast<int>(level));
        continue;
      }
    }
    char rule_char = 0;
    if (is_rule_line(t, rule_char)) {
      // A setext underline makes the paragraph above a heading.
      const bool setext = (rule_char == '=' || rule_char == '-') && !paragraph.empty();
      end_paragraph(setext ? (rule_char == '=' ? 1 : 2) : 0);
      continue;
    }
    if (is_table_separator(t) || is_link_definition(t)) continue;
    if ((t.substr(0, 2) == "{:" || t.substr(0, 2) == "{%") && t.back() == '}') continue;
    if (const std::size_t marker = list_marker(t); marker > 0) {
      end_paragraph();
      t = text::trim(t.substr(marker));
      for (const char* box : {"[ ] ", "[x] ", "[X] "})
        if (t.substr(0, 4) == box) t.remove_prefix(4);
    } else if (t[0] == '|') {
      end_paragraph();
      paragraph = std::string(t);
      for (char& x : paragraph)
        if (x == '|') x = ' ';
      end_paragraph();
      continue;
    }
    if (!paragraph.empty()) paragraph += '\n';
    paragraph += t;
  }
  end_paragraph();

  // Step 4: inline Markdown and HTML out.
  InlineRenderer renderer;
  for (const RawBlock& block : raw) {
    std::string rendered;
    renderer.render(block.text, rendered);
    // Block-level HTML inside a paragraph splits it.
    const std::string text = clean_paragraphs(decode_entities(rendered));
    bool first_part = true;
    for (std::size_t at = 0; at < text.size();) {
      std::size_t end = text.find("\n\n", at);
      if (end == std::string::npos) end = text.size();
      std::string part = text.substr(at, end - at);
      at = end + 2;
      if (block.heading > 0 && first_part && result.first_heading_level == 0) {
        result.first_heading = result.blocks.size();
        result.first_heading_level = block.heading;
      }
      first_part = false;
      result.blocks.push_back(std::move(part));
    }
  }
  return result;
}

}  // namespace segugio::corpus::detail
