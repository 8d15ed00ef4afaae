#include "markdown_text.h"

#include <array>

#include "markdown_inline.h"
#include "text.h"
#include "segugio/text/normalize.h"
#include "segugio/text/strings.h"

namespace segugio::corpus::detail {

namespace {

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
  for (const RawBlock& block : raw) {
    std::string rendered;
    render_inline(block.text, rendered);
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

std::string body_of(const MarkdownText& md, std::size_t skip) {
  std::string body;
  for (std::size_t i = 0; i < md.blocks.size(); ++i) {
    if (i == skip) continue;
    if (!body.empty()) body += "\n\n";
    body += md.blocks[i];
  }
  return body;
}

}  // namespace segugio::corpus::detail
