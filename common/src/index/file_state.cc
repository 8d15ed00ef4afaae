#include "segugio/index/file_state.h"

#include <charconv>
#include <cstdio>
#include <fstream>
#include <system_error>
#include <vector>

#include "segugio/index/schema.h"

namespace segugio::index {

namespace fs = std::filesystem;

namespace {

template <typename T>
bool parse_number(std::string_view text, T& out, int base = 10) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out, base);
  return ec == std::errc() && end == text.data() + text.size();
}

// Next space-separated field of `rest`; the last field (the path) may hold spaces.
std::string_view next_field(std::string_view& rest) {
  const std::size_t sp = rest.find(' ');
  const std::string_view field = rest.substr(0, sp);
  rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
  return field;
}

}  // namespace

std::string file_state_key(std::string_view path) {
  // boolean_term() cuts the same way: readable head, '#', hash of the whole.
  return schema::boolean_term(schema::kMetaFilePrefix, path);
}

std::string encode_file_state(const FileState& s) {
  char head[128];
  std::snprintf(head, sizeof head, "1 %llu %lld %016llx %llu ",
                static_cast<unsigned long long>(s.size), static_cast<long long>(s.mtime_ns),
                static_cast<unsigned long long>(s.content_hash),
                static_cast<unsigned long long>(s.articles));
  return head + s.path;
}

std::optional<FileState> decode_file_state(std::string_view value) {
  std::string_view rest = value;
  FileState s;
  if (next_field(rest) != "1") return std::nullopt;
  unsigned long long size = 0, articles = 0, hash = 0;
  long long mtime = 0;
  if (!parse_number(next_field(rest), size) || !parse_number(next_field(rest), mtime) ||
      !parse_number(next_field(rest), hash, 16) || !parse_number(next_field(rest), articles))
    return std::nullopt;
  if (rest.empty()) return std::nullopt;
  s.size = size;
  s.mtime_ns = mtime;
  s.content_hash = hash;
  s.articles = articles;
  s.path = std::string(rest);
  return s;
}

std::optional<std::uint64_t> hash_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::vector<char> block(1 << 16);
  std::uint64_t h = schema::kStableHashSeed;
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    const auto n = static_cast<std::size_t>(in.gcount());
    h = schema::stable_hash_update(h, std::string_view(block.data(), n));
  }
  if (in.bad()) return std::nullopt;
  return h;
}

std::string state_path(const fs::path& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec);
  if (ec) abs = path;
  abs = abs.lexically_normal();
  std::string s = abs.generic_string();
  // "/a/b/" (a folder named with a slash) and "/a/b" are one root.
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

bool path_is_under(std::string_view path, std::string_view root) {
  if (path.substr(0, root.size()) != root) return false;
  if (path.size() == root.size()) return true;
  return root == "/" || path[root.size()] == '/';
}

}  // namespace segugio::index
