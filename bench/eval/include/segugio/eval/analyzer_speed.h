// Micro-benchmark of the analysis chain alone: words per second and MB/s.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace segugio::eval {

struct AnalyzerSpeed {
  std::size_t bytes = 0;        // text analysed, over all rounds
  std::size_t words = 0;        // words produced, stopwords included
  std::size_t terms = 0;        // index terms produced
  double seconds = 0;
  double words_per_second() const { return seconds > 0 ? static_cast<double>(words) / seconds : 0; }
  double mb_per_second() const { return seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0; }
};

// Analyses every text `rounds` times with one Analyzer (one thread).
AnalyzerSpeed measure_analyzer(const std::vector<std::string>& texts, int rounds);

}  // namespace segugio::eval
