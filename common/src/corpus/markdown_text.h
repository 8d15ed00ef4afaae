// Markdown to plain prose and code (internal to segugio_corpus).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace segugio::corpus::detail {

struct MarkdownText {
  // Paragraphs, headings, list items and table rows, one block each, with the
  // Markdown removed: a link keeps its text, an image its alt text, a code
  // span its backticks (`git push`: code, never a company name); emphasis,
  // heading and list marks, HTML tags, Liquid and Kramdown tags go; entities
  // are decoded.
  std::vector<std::string> blocks;
  // Fenced and indented code blocks and HTML <pre>, separated by "\n\n".
  std::string code;
  // Index in `blocks` of the first heading and its level; level 0 when none.
  std::size_t first_heading = 0;
  int first_heading_level = 0;
};

// `markdown` is the text after the front matter, valid UTF-8.
MarkdownText markdown_to_text(std::string_view markdown);

// The blocks of `md` but the one at `skip` (one used as the title; none by
// default), joined as paragraphs ("\n\n"): an article's body.
std::string body_of(const MarkdownText& md, std::size_t skip = static_cast<std::size_t>(-1));

}  // namespace segugio::corpus::detail
