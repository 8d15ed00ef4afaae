// UTF-8 decoding, encoding and validation: the one decoder of the engine.
//
// Decoding is utf8proc's (`utf8proc_iterate`), which is strict: an overlong
// form (`C0 A0` for a space), a surrogate (`ED A0 80`), a code point above
// U+10FFFF or a truncated sequence is invalid. ASCII, most of Italian text,
// is decoded inline without a call.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace segugio::text {

// U+FFFD, what an invalid byte or code point becomes where text must be valid.
inline constexpr char32_t kReplacement = 0xFFFD;

namespace detail {
std::int32_t next_code_point_slow(std::string_view text, std::size_t& pos);
void append_utf8_slow(std::string& out, char32_t code_point);
}  // namespace detail

// Decodes the code point at `pos` (which must be < text.size()) and advances
// `pos` past it. An invalid sequence gives -1 and advances by one byte, so that
// the next call starts on the following byte.
inline std::int32_t next_code_point(std::string_view text, std::size_t& pos) {
  const auto c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) {
    ++pos;
    return c;
  }
  return detail::next_code_point_slow(text, pos);
}

// The length of the valid sequence at `pos`, 0 when it is invalid. With
// `incomplete`, also says whether the bytes from `pos` to the end could still
// be the start of a sequence that the next chunk of a stream completes (`C3`
// at the end of a chunk); such a sequence has length 0.
std::size_t sequence_length(std::string_view text, std::size_t pos, bool* incomplete = nullptr);

// True when `text` is entirely valid UTF-8.
bool valid_utf8(std::string_view text);

// Appends the UTF-8 encoding of `code_point`; U+FFFD when it is not a Unicode
// scalar value (a surrogate, above U+10FFFF).
inline void append_utf8(std::string& out, char32_t code_point) {
  if (code_point < 0x80)
    out.push_back(static_cast<char>(code_point));
  else
    detail::append_utf8_slow(out, code_point);
}

// `text` with each invalid byte replaced by U+FFFD (valid text is returned as is).
std::string to_valid_utf8(std::string_view text);

// The longest prefix of `text` of at most `max_bytes` that does not cut a
// multi-byte character in half: utf8_prefix("città", 4) == "citt".
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

}  // namespace segugio::text
