// The stored record, version 1 (ARCHITECTURE.md, "Stored data"):
//
//   byte 0      kRecordVersion (1)
//   then, in this order, each string as a varint byte length + bytes:
//     id, title, lead, date, url, path, source, section, author,
//     tags, companies, topics, text
//   date        varint: 0 when undated, else zigzag(days since 1970) + 1
//   lists       varint count, then that many strings
//
// Varints are LEB128 (7 bits a byte, low bits first). The body text comes last:
// it is most of the bytes, and a reader that wanted only the header fields
// could stop before it.
#include "segugio/index/stored_article.h"

#include <cstdint>

#include "segugio/core/error.h"

namespace segugio::index {

namespace {

constexpr unsigned char kRecordVersion = 1;

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void put_string(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

void put_list(std::string& out, const std::vector<std::string>& list) {
  put_varint(out, list.size());
  for (const std::string& s : list) put_string(out, s);
}

// Reads from a record, throwing DatabaseError at the first byte that does not fit.
class RecordReader {
 public:
  explicit RecordReader(std::string_view bytes) : bytes_(bytes) {}

  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= bytes_.size()) fail("truncated number");
      const auto b = static_cast<unsigned char>(bytes_[pos_++]);
      v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return v;
    }
    fail("number too long");
  }

  std::string string() {
    const std::uint64_t n = varint();
    if (n > bytes_.size() - pos_) fail("truncated text");
    std::string s(bytes_.substr(pos_, static_cast<std::size_t>(n)));
    pos_ += static_cast<std::size_t>(n);
    return s;
  }

  std::vector<std::string> list() {
    const std::uint64_t n = varint();
    // Each item takes at least one byte: a count larger than what is left is garbage.
    if (n > bytes_.size() - pos_) fail("truncated list");
    std::vector<std::string> items;
    items.reserve(static_cast<std::size_t>(n));
    for (std::uint64_t i = 0; i < n; ++i) items.push_back(string());
    return items;
  }

  unsigned char byte() {
    if (pos_ >= bytes_.size()) fail("empty record");
    return static_cast<unsigned char>(bytes_[pos_++]);
  }

  bool at_end() const { return pos_ == bytes_.size(); }

  [[noreturn]] static void fail(const char* what) {
    throw DatabaseError(std::string("stored article: ") + what +
                        " (the database is damaged or of another version)");
  }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

std::uint64_t zigzag(long v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}

long unzigzag(std::uint64_t v) {
  return static_cast<long>(v >> 1) ^ -static_cast<long>(v & 1);
}

}  // namespace

std::string encode(const StoredArticle& a) {
  std::string out;
  out.reserve(64 + a.id.size() + a.title.size() + a.lead.size() + a.url.size() + a.path.size() +
              a.text.size());
  out.push_back(static_cast<char>(kRecordVersion));
  put_string(out, a.id);
  put_string(out, a.title);
  put_string(out, a.lead);
  put_varint(out, a.date ? zigzag(a.date->days_since_epoch()) + 1 : 0);
  put_string(out, a.url);
  put_string(out, a.path);
  put_string(out, a.source);
  put_string(out, a.section);
  put_string(out, a.author);
  put_list(out, a.tags);
  put_list(out, a.companies);
  put_list(out, a.topics);
  put_string(out, a.text);
  return out;
}

StoredArticle decode(std::string_view bytes) {
  RecordReader in(bytes);
  const unsigned char version = in.byte();
  if (version != kRecordVersion)
    throw DatabaseError("stored article: record version " + std::to_string(version) +
                        " is not known to this Segugio (expected " +
                        std::to_string(kRecordVersion) + ")");
  StoredArticle a;
  a.id = in.string();
  a.title = in.string();
  a.lead = in.string();
  if (const std::uint64_t d = in.varint(); d != 0) {
    const long days = unzigzag(d - 1);
    // Plus or minus ~100,000 years covers every real date and keeps the
    // calendar arithmetic far from overflow on garbage.
    if (days < -40'000'000L || days > 40'000'000L) RecordReader::fail("date out of range");
    a.date = Date::from_days_since_epoch(days);
    if (!a.date->valid()) RecordReader::fail("date out of range");
  }
  a.url = in.string();
  a.path = in.string();
  a.source = in.string();
  a.section = in.string();
  a.author = in.string();
  a.tags = in.list();
  a.companies = in.list();
  a.topics = in.list();
  a.text = in.string();
  if (!in.at_end()) RecordReader::fail("trailing bytes");
  return a;
}

}  // namespace segugio::index
