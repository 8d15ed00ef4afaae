#include "segugio/index/facet_pack.h"

#include <algorithm>
#include <cstdio>

#include "segugio/index/schema.h"

namespace segugio::index {

namespace {

constexpr std::size_t kMaxBytes = 255;

void put_string(std::string& out, std::string_view s) {
  std::size_t n = std::min(s.size(), kMaxBytes);
  // Do not cut a UTF-8 sequence in half.
  while (n < s.size() && n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  out += static_cast<char>(n);
  out.append(s.substr(0, n));
}

void put_list(std::string& out, const std::vector<std::string>& values, std::size_t most) {
  const std::size_t n = std::min(values.size(), most);
  out += static_cast<char>(n);
  for (std::size_t i = 0; i < n; ++i) put_string(out, values[i]);
}

// Reads `count` length-prefixed strings at `at`; false when they run past the end.
bool get_list(std::string_view packed, std::size_t& at, std::vector<std::string_view>& out) {
  out.clear();
  if (at >= packed.size()) return false;
  const auto count = static_cast<unsigned char>(packed[at++]);
  for (unsigned i = 0; i < count; ++i) {
    if (at >= packed.size()) return false;
    const auto n = static_cast<unsigned char>(packed[at++]);
    if (packed.size() - at < n) return false;
    out.push_back(packed.substr(at, n));
    at += n;
  }
  return true;
}

}  // namespace

std::string pack_facets(const std::optional<Date>& date, const std::vector<std::string>& topics,
                        const std::vector<std::string>& companies) {
  std::string out;
  out.reserve(8 + 16 * (topics.size() + companies.size()));
  out += static_cast<char>(kFacetPackVersion);
  const unsigned month =
      date && date->year >= 1 && date->year <= 9999
          ? static_cast<unsigned>(date->year * 12 + date->month - 1) + 1
          : 0;
  for (int shift = 0; shift < 24; shift += 8) out += static_cast<char>((month >> shift) & 0xFF);
  put_list(out, topics, schema::kMaxTopics);
  put_list(out, companies, schema::kMaxCompanySlots);
  return out;
}

bool unpack_facets(std::string_view packed, FacetPackView& out) {
  if (packed.size() < 4 || static_cast<unsigned char>(packed[0]) != kFacetPackVersion) return false;
  out.month = 0;
  for (int i = 0; i < 3; ++i)
    out.month |= static_cast<unsigned>(static_cast<unsigned char>(packed[1 + i])) << (8 * i);
  std::size_t at = 4;
  return get_list(packed, at, out.topics) && get_list(packed, at, out.companies) &&
         at == packed.size();
}

std::string month_label(unsigned packed_month) {
  if (packed_month == 0) return "senza-data";
  char text[16];
  std::snprintf(text, sizeof text, "%04u-%02u", (packed_month - 1) / 12, (packed_month - 1) % 12 + 1);
  return text;
}

}  // namespace segugio::index
