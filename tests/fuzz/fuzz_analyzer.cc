// Any bytes through the analysis chain: no crash, no exception, offsets inside
// the text, no term Xapian would refuse.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "segugio/analysis/analyzer.h"
#include "segugio/text/normalize.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static segugio::analysis::Analyzer analyzer;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const segugio::analysis::Analysis a = analyzer.analyze(text);
  for (const segugio::analysis::Word& w : a.words) {
    if (w.begin > w.end || w.end > size) std::abort();
    for (const std::string& t : w.terms)
      if (t.empty() || t.size() > 245) std::abort();
    for (const std::string& t : w.parts)
      if (t.empty() || t.size() > 245) std::abort();
  }
  (void)segugio::text::fold(text);
  return 0;
}
