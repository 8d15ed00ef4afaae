// Inline Markdown to plain text (internal to segugio_corpus): what
// markdown_text.cc does to each block once blocks are found.
#pragma once

#include <string>
#include <string_view>

namespace segugio::corpus::detail {

// Appends `block` to `out` without its inline Markdown: a link keeps its
// text, an image its alt text, a code span its content; emphasis marks,
// HTML tags, Liquid "{% %}", "{{ }}" and Kramdown "{: }" tags go; a
// backslash escape keeps the character. Entities are left for the caller.
void render_inline(std::string_view block, std::string& out);

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace segugio::corpus::detail
