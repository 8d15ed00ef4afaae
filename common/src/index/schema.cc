#include "segugio/index/schema.h"

#include <cstdint>
#include <cstdio>

#include "segugio/text/utf8.h"

namespace segugio::schema {

std::uint64_t stable_hash_update(std::uint64_t hash, std::string_view bytes) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

std::uint64_t stable_hash(std::string_view bytes) {
  return stable_hash_update(kStableHashSeed, bytes);
}

std::string boolean_term(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  if (prefix.size() + value.size() <= kMaxTermBytes) {
    term += value;
    return term;
  }
  // Keep a readable head, then '#' and 16 hex digits of the whole value's hash.
  char hash[20];
  std::snprintf(hash, sizeof hash, "#%016llx", static_cast<unsigned long long>(stable_hash(value)));
  term.append(text::utf8_prefix(value, kMaxTermBytes - prefix.size() - 17));
  term += hash;
  return term;
}

}  // namespace segugio::schema
