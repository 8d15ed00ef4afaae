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
  out.topics.clear();
  out.companies.clear();
  const std::optional<unsigned> month = for_each_facet(
      packed, [&](std::string_view t) { out.topics.push_back(t); },
      [&](std::string_view c) { out.companies.push_back(c); });
  if (!month) return false;
  out.month = *month;
  return true;
}

std::string month_label(unsigned packed_month) {
  if (packed_month == 0) return "senza-data";
  char text[16];
  std::snprintf(text, sizeof text, "%04u-%02u", (packed_month - 1) / 12, (packed_month - 1) % 12 + 1);
  return text;
}

}  // namespace segugio::index
