#include "text.h"

#include <libxml/HTMLparser.h>

#include <array>

#include "segugio/text/normalize.h"
#include "segugio/text/strings.h"
#include "segugio/text/utf8.h"

namespace segugio::corpus::detail {

namespace {

// Windows-1252 for 0x80..0x9F; 0 marks the five unassigned bytes.
constexpr std::array<char32_t, 32> kWindows1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

char32_t windows1252(unsigned char byte) {
  if (byte < 0x80 || byte >= 0xA0) return byte;
  const char32_t cp = kWindows1252High[byte - 0x80];
  return cp != 0 ? cp : 0xFFFD;
}

// Decodes one code point at text[i], advancing i; U+FFFD and one byte for an
// invalid sequence.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const std::int32_t cp = text::next_code_point(text, i);
  return cp < 0 ? text::kReplacement : static_cast<char32_t>(cp);
}

bool is_blank_line(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size()) {
    const char32_t cp = next_code_point(line, i);
    if (!text::is_white_space(cp) && !text::is_invisible(cp)) return false;
  }
  return true;
}

// Calls f(line) for each line of `text` ("\n", "\r\n" or "\r" endings).
template <typename F>
void for_each_line(std::string_view text, F&& f) {
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n' || text[i] == '\r') {
      if (i == text.size() && start == i) break;
      f(text.substr(start, i - start));
      if (i + 1 < text.size() && text[i] == '\r' && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
}

// True when a blank line separates two lines of text.
bool has_blank_line(std::string_view text) {
  bool seen_text = false, pending_blank = false, found = false;
  for_each_line(text, [&](std::string_view line) {
    if (is_blank_line(line)) {
      pending_blank = seen_text;
    } else {
      found = found || pending_blank;
      seen_text = true;
      pending_blank = false;
    }
  });
  return found;
}

}  // namespace

void Utf8Repairer::feed(std::string_view chunk, std::string& out) {
  std::string joined;
  if (!pending_.empty()) {
    joined = pending_ + std::string(chunk);
    pending_.clear();
    chunk = joined;
  }
  std::size_t i = 0;
  std::size_t run = 0;  // start of a run of bytes copied as they are
  while (i < chunk.size()) {
    if (static_cast<unsigned char>(chunk[i]) < 0x80) {
      ++i;
      continue;
    }
    bool incomplete = false;
    const std::size_t len = text::sequence_length(chunk, i, &incomplete);
    if (len > 0) {
      i += len;
      continue;
    }
    out.append(chunk.substr(run, i - run));
    if (incomplete) {
      pending_.assign(chunk.substr(i));
      return;
    }
    text::append_utf8(out, windows1252(static_cast<unsigned char>(chunk[i])));
    redecoded_ = true;
    run = ++i;
  }
  out.append(chunk.substr(run));
}

void Utf8Repairer::finish(std::string& out) {
  for (char c : pending_) {
    text::append_utf8(out, windows1252(static_cast<unsigned char>(c)));
    redecoded_ = true;
  }
  pending_.clear();
}

std::string repair_utf8(std::string_view bytes, bool& redecoded) {
  if (text::valid_utf8(bytes)) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  Utf8Repairer repairer;
  repairer.feed(bytes, out);
  repairer.finish(out);
  redecoded = redecoded || repairer.redecoded();
  return out;
}

std::optional<std::string> decode_utf16(std::string_view bytes) {
  if (bytes.size() < 2) return std::nullopt;
  const auto b0 = static_cast<unsigned char>(bytes[0]);
  const auto b1 = static_cast<unsigned char>(bytes[1]);
  bool little = false;
  if (b0 == 0xFF && b1 == 0xFE)
    little = true;
  else if (!(b0 == 0xFE && b1 == 0xFF))
    return std::nullopt;
  std::string out;
  out.reserve(bytes.size());
  auto unit = [&](std::size_t i) -> char32_t {
    const auto lo = static_cast<unsigned char>(bytes[little ? i : i + 1]);
    const auto hi = static_cast<unsigned char>(bytes[little ? i + 1 : i]);
    return static_cast<char32_t>(hi << 8 | lo);
  };
  for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
    char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
      const char32_t low = unit(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
        i += 2;
      }
    }
    text::append_utf8(out, u);
  }
  return out;
}

std::string clean_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c > 0x20 && c < 0x7F) {  // printable ASCII, the common case
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c);
      ++i;
      continue;
    }
    const std::size_t start = i;
    const char32_t cp = next_code_point(text, i);
    if (text::is_white_space(cp)) {
      space = !out.empty();
    } else if (!text::is_invisible(cp)) {
      if (space) out.push_back(' ');
      space = false;
      if (cp == 0xFFFD && i - start == 1)
        text::append_utf8(out, cp);  // a stray byte
      else
        out.append(text.substr(start, i - start));
    }
  }
  return text::nfc(std::move(out));
}

namespace {

// Calls `f` with each paragraph of `text` (lines between blank lines) made
// one clean line, empty ones left out.
template <typename F>
void for_each_paragraph(std::string_view text, F&& f) {
  std::string paragraph;
  auto flush = [&] {
    std::string p = clean_line(paragraph);
    paragraph.clear();
    if (!p.empty()) f(std::move(p));
  };
  for_each_line(text, [&](std::string_view line) {
    if (is_blank_line(line)) {
      flush();
    } else {
      paragraph += line;
      paragraph += '\n';
    }
  });
  flush();
}

}  // namespace

std::string clean_paragraphs(std::string_view text) {
  std::string out;
  for_each_paragraph(text, [&](std::string p) {
    if (!out.empty()) out += "\n\n";
    out += p;
  });
  return out;
}

std::string clean_code(std::string_view text) {
  std::string out;
  std::size_t blank_lines = 0;
  for_each_line(text, [&](std::string_view line) {
    std::string clean;
    std::size_t i = 0;
    while (i < line.size()) {
      const std::size_t start = i;
      const char32_t cp = next_code_point(line, i);
      if (cp == '\t' || !text::is_invisible(cp)) clean.append(line.substr(start, i - start));
    }
    while (!clean.empty() && (clean.back() == ' ' || clean.back() == '\t')) clean.pop_back();
    if (clean.empty()) {
      ++blank_lines;
      return;
    }
    if (!out.empty()) out += blank_lines > 0 ? "\n\n" : "\n";
    blank_lines = 0;
    out += clean;
  });
  return text::nfc(std::move(out));
}

std::vector<std::string> split_blocks(std::string_view text) {
  std::vector<std::string> blocks;
  if (has_blank_line(text)) {
    for_each_paragraph(text, [&](std::string p) { blocks.push_back(std::move(p)); });
  } else {
    for_each_line(text, [&](std::string_view line) {
      std::string p = clean_line(line);
      if (!p.empty()) blocks.push_back(std::move(p));
    });
  }
  return blocks;
}

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t amp = text.find('&', i);
    if (amp == std::string_view::npos) break;
    out.append(text.substr(i, amp - i));
    i = amp + 1;
    const std::size_t semi = text.find(';', i);
    if (semi == std::string_view::npos || semi - i > 32 || semi == i) {
      out.push_back('&');
      continue;
    }
    const std::string_view name = text.substr(i, semi - i);
    if (name[0] == '#') {
      const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
      const std::string_view digits = name.substr(hex ? 2 : 1);
      char32_t cp = 0;
      bool ok = !digits.empty() && digits.size() <= 8;
      for (char c : digits) {
        int d = -1;
        if (c >= '0' && c <= '9')
          d = c - '0';
        else if (hex && c >= 'a' && c <= 'f')
          d = c - 'a' + 10;
        else if (hex && c >= 'A' && c <= 'F')
          d = c - 'A' + 10;
        if (d < 0) {
          ok = false;
          break;
        }
        cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(d);
      }
      if (ok) {
        // Numeric references to 0x80..0x9F mean Windows-1252 in practice.
        if (cp >= 0x80 && cp < 0xA0) cp = windows1252(static_cast<unsigned char>(cp));
        text::append_utf8(out, cp == 0 ? 0xFFFD : cp);
        i = semi + 1;
        continue;
      }
    } else {
      const std::string key(name);
      if (const htmlEntityDesc* e =
              htmlEntityLookup(reinterpret_cast<const xmlChar*>(key.c_str()))) {
        text::append_utf8(out, static_cast<char32_t>(e->value));
        i = semi + 1;
        continue;
      }
    }
    out.push_back('&');
  }
  out.append(text.substr(i));
  return out;
}

std::string domain_of(std::string_view url) {
  url = text::trim(url);
  std::size_t start = url.find("://");
  if (start != std::string_view::npos) {
    start += 3;
  } else if (url.substr(0, 2) == "//") {
    start = 2;
  } else if (text::ascii_lower(url.substr(0, 4)) == "www.") {
    start = 0;
  } else {
    return {};
  }
  std::size_t end = url.find_first_of("/?#", start);
  std::string_view host = url.substr(start, end == std::string_view::npos ? url.npos : end - start);
  if (const std::size_t at = host.rfind('@'); at != std::string_view::npos)
    host.remove_prefix(at + 1);
  if (const std::size_t colon = host.find(':'); colon != std::string_view::npos)
    host = host.substr(0, colon);
  std::string h = text::ascii_lower(host);
  while (!h.empty() && h.back() == '.') h.pop_back();
  if (h.rfind("www.", 0) == 0) h.erase(0, 4);
  return h;
}

std::optional<Date> date_in_name(std::string_view name) {
  auto digit = [&](std::size_t i) { return i < name.size() && name[i] >= '0' && name[i] <= '9'; };
  auto sep = [&](std::size_t i) {
    return i < name.size() &&
           (name[i] == '-' || name[i] == '/' || name[i] == '_' || name[i] == '.');
  };
  auto num = [&](std::size_t i, std::size_t n) {
    int v = 0;
    for (std::size_t k = 0; k < n; ++k) v = v * 10 + (name[i + k] - '0');
    return v;
  };
  for (std::size_t i = 0; i + 10 <= name.size(); ++i) {
    if (i > 0 && digit(i - 1)) continue;
    if (!(digit(i) && digit(i + 1) && digit(i + 2) && digit(i + 3) && sep(i + 4) && digit(i + 5) &&
          digit(i + 6) && name[i + 7] == name[i + 4] && digit(i + 8) && digit(i + 9) &&
          !digit(i + 10)))
      continue;
    const Date d{num(i, 4), num(i + 5, 2), num(i + 8, 2)};
    if (d.valid() && d.year >= 1970) return d;
  }
  return std::nullopt;
}

bool looks_like_html(std::string_view text) {
  const std::string lower = text::ascii_lower(text.substr(0, 1 << 16));
  for (const char* marker : {"<p>", "<p ", "</p>", "<br", "</div>", "</a>", "</li>", "</h1>",
                             "</h2>", "</h3>", "</strong>", "</em>", "</span>", "</blockquote>"})
    if (lower.find(marker) != std::string::npos) return true;
  return false;
}

namespace {

// How far around a mark the detectors below look: link texts, link targets
// and bold spans are shorter, and the bound keeps a hostile text linear.
constexpr std::size_t kMarkReach = 300;

// "[...](target)" with the bracket on the same line and a target without
// blanks: a link or an image, not "[1]" or "(vedi [2])".
bool has_inline_link(std::string_view text) {
  for (std::size_t at = text.find("]("); at != std::string_view::npos;
       at = text.find("](", at + 2)) {
    const std::size_t from = at > kMarkReach ? at - kMarkReach : 0;
    const std::string_view before = text.substr(from, at - from);
    const std::size_t open = before.rfind('[');
    const std::size_t line = before.rfind('\n');
    if (open == std::string_view::npos || (line != std::string_view::npos && line > open)) continue;
    const std::string_view after = text.substr(at + 2, kMarkReach);
    const std::size_t close = after.find(')');
    if (close == std::string_view::npos || close == 0) continue;
    if (after.substr(0, close).find_first_of(" \t\n") == std::string_view::npos) return true;
  }
  return false;
}

// A line of `text` that opens with `#`..`######` and a blank, or with a
// fence of three backticks or tildes.
bool has_heading_or_fence(std::string_view text) {
  for (std::size_t begin = 0; begin < text.size();) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(begin, end - begin);
    if (line.substr(0, 3) == "```" || line.substr(0, 3) == "~~~") return true;
    const std::size_t hashes = line.find_first_not_of('#');
    if (hashes >= 1 && hashes <= 6 && hashes < line.size() && line[hashes] == ' ') return true;
    begin = end + 1;
  }
  return false;
}

// "**word ... word**" on one line.
bool has_bold(std::string_view text) {
  for (std::size_t at = text.find("**"); at != std::string_view::npos;
       at = text.find("**", at + 2)) {
    const std::string_view after = text.substr(at + 2, kMarkReach);
    if (after.empty() || after[0] == ' ' || after[0] == '*') continue;
    const std::size_t close = after.find("**");
    const std::size_t line = after.find('\n');
    if (close != std::string_view::npos && (line == std::string_view::npos || close < line) &&
        after[close - 1] != ' ')
      return true;
  }
  return false;
}

}  // namespace

bool looks_like_markdown(std::string_view text) {
  text = text.substr(0, 1 << 16);
  return has_inline_link(text) || has_heading_or_fence(text) || has_bold(text);
}

}  // namespace segugio::corpus::detail
