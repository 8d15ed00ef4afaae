#include "segugio/index/schema.h"

#include <cstdint>
#include <cstdio>

namespace segugio::schema {

namespace {

// FNV-1a, 64 bit: stable across machines and runs.
std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

std::string boolean_term(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  if (prefix.size() + value.size() <= kMaxTermBytes) {
    term += value;
    return term;
  }
  // Keep a readable head, then '#' and 16 hex digits of the whole value's hash.
  char hash[20];
  std::snprintf(hash, sizeof hash, "#%016llx", static_cast<unsigned long long>(fnv1a(value)));
  std::size_t keep = kMaxTermBytes - prefix.size() - 17;
  // Do not cut a UTF-8 sequence in half.
  while (keep > 0 && (static_cast<unsigned char>(value[keep]) & 0xC0) == 0x80) --keep;
  term.append(value.substr(0, keep));
  term += hash;
  return term;
}

}  // namespace segugio::schema
