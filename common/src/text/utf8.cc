#include "segugio/text/utf8.h"

#include <utf8proc.h>

namespace segugio::text {

namespace {

const utf8proc_uint8_t* bytes(std::string_view text, std::size_t pos) {
  return reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos);
}

bool continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// True when the bytes from `pos` to the end are a lead byte and continuation
// bytes, fewer than the lead byte asks for. Whether they are a valid start is
// left to utf8proc once the rest has arrived: an invalid one then decodes
// exactly as it would have here.
bool truncated(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  const auto wanted = static_cast<std::size_t>(utf8proc_utf8class[lead]);
  if (wanted < 2 || text.size() - pos >= wanted) return false;
  for (std::size_t i = pos + 1; i < text.size(); ++i)
    if (!continuation(static_cast<unsigned char>(text[i]))) return false;
  return true;
}

}  // namespace

namespace detail {

std::int32_t next_code_point_slow(std::string_view text, std::size_t& pos) {
  utf8proc_int32_t cp = -1;
  const utf8proc_ssize_t n =
      utf8proc_iterate(bytes(text, pos), static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
  if (n <= 0) {
    ++pos;
    return -1;
  }
  pos += static_cast<std::size_t>(n);
  return cp;
}

}  // namespace detail

std::size_t sequence_length(std::string_view text, std::size_t pos, bool* incomplete) {
  if (incomplete) *incomplete = false;
  if (static_cast<unsigned char>(text[pos]) < 0x80) return 1;
  std::size_t end = pos;
  if (detail::next_code_point_slow(text, end) >= 0) return end - pos;
  if (incomplete) *incomplete = truncated(text, pos);
  return 0;
}

bool valid_utf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size())
    if (next_code_point(text, pos) < 0) return false;
  return true;
}

namespace detail {

void append_utf8_slow(std::string& out, char32_t code_point) {
  if (!utf8proc_codepoint_valid(static_cast<utf8proc_int32_t>(code_point)))
    code_point = kReplacement;
  utf8proc_uint8_t buf[4];
  const utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(code_point), buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

}  // namespace detail

std::string to_valid_utf8(std::string_view text) {
  if (valid_utf8(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t pos = 0; pos < text.size();) {
    const std::int32_t cp = next_code_point(text, pos);
    append_utf8(out, cp < 0 ? kReplacement : static_cast<char32_t>(cp));
  }
  return out;
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (max_bytes >= text.size()) return text;
  std::size_t cut = max_bytes;
  while (cut > 0 && continuation(static_cast<unsigned char>(text[cut]))) --cut;
  return text.substr(0, cut);
}

}  // namespace segugio::text
