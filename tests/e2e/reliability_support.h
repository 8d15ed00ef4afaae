// Shared by the reliability tests: the text of synthetic article number `i`.
#pragma once

#include <string>

namespace segugio::testing {

// `words` words from a small vocabulary, after the marker word `segugioprova`
// (every article matches it) and before `parola<i>` (only article i does).
inline std::string synthetic_body(int i, int words) {
  static const char* kWords[] = {"rete", "dati", "cloud", "chip", "governo", "mercato", "utenti",
                                 "sicurezza", "energia", "satellite", "banca", "algoritmo"};
  std::string s = "segugioprova ";
  for (int w = 0; w < words; ++w) s += std::string(kWords[(i * 7 + w * 3) % 12]) + " ";
  return s + "parola" + std::to_string(i) + " fine.";
}

}  // namespace segugio::testing
