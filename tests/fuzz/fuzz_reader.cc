// Any bytes as an article file of one format (SEGUGIO_FUZZ_FORMAT): read_file
// never throws and every article it gives has an id and valid UTF-8 text.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "segugio/corpus/reader.h"

#define SEGUGIO_STR2(x) #x
#define SEGUGIO_STR(x) SEGUGIO_STR2(x)

namespace {

segugio::corpus::Format format_of(const std::string& name) {
  using segugio::corpus::Format;
  if (name == "scraped_text") return Format::scraped_text;
  if (name == "markdown") return Format::markdown;
  if (name == "jsonl") return Format::jsonl;
  if (name == "html") return Format::html;
  return Format::feed;
}

bool valid_utf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

class NullSink : public segugio::corpus::ProblemSink {
 public:
  void problem(const segugio::corpus::Problem&) override {}
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path =
      "/tmp/segugio-fuzz-" + std::to_string(getpid()) + "-" SEGUGIO_STR(SEGUGIO_FUZZ_FORMAT);
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  segugio::corpus::SourceFile file;
  file.path = path;
  file.id_base = "fuzz";
  file.size = size;
  file.format = format_of(SEGUGIO_STR(SEGUGIO_FUZZ_FORMAT));
  segugio::corpus::ReadOptions options;
  options.max_article_bytes = 1 << 20;
  NullSink sink;
  segugio::corpus::read_file(file, options, [](segugio::Article&& a) {
    if (a.id.empty()) std::abort();
    if (!valid_utf8(a.title) || !valid_utf8(a.body) || !valid_utf8(a.lead)) std::abort();
  }, sink);
  return 0;
}
