#include "segugio/eval/analyzer_speed.h"

#include <chrono>

#include "segugio/analysis/analyzer.h"

namespace segugio::eval {

AnalyzerSpeed measure_analyzer(const std::vector<std::string>& texts, int rounds) {
  analysis::Analyzer analyzer;
  AnalyzerSpeed speed;
  const auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < rounds; ++r) {
    for (const std::string& text : texts) {
      const analysis::Analysis a = analyzer.analyze(text);
      speed.bytes += text.size();
      speed.words += a.words.size();
      for (const analysis::Word& w : a.words) speed.terms += w.terms.size() + w.parts.size();
    }
  }
  speed.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return speed;
}

}  // namespace segugio::eval
