// Any bytes through the Italian date parser: no crash, and a date it returns
// is a real day.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "segugio/corpus/italian_date.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto date =
      segugio::corpus::parse_italian_date(std::string_view(reinterpret_cast<const char*>(data), size));
  if (date && !date->valid()) std::abort();
  return 0;
}
