// UTF-8 helpers private to the analysis chain.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace segugio::analysis::utf8 {

// Decodes the code point at `pos` and advances `pos`. On an invalid sequence
// returns -1 and advances by one byte.
std::int32_t next(std::string_view text, std::size_t& pos);

void append(std::string& out, std::int32_t cp);

enum class CharClass { separator, letter, digit, mark };
CharClass classify(std::int32_t cp);
bool is_upper(std::int32_t cp);
std::int32_t to_lower(std::int32_t cp);

// NFC + lower case. `strip_accents` also removes combining marks (`città` -> `citta`).
std::string normalize(std::string_view word, bool strip_accents);

}  // namespace segugio::analysis::utf8
