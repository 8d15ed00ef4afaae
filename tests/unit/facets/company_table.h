// Table tests of the company gazetteer: texts, each with a company it must (or
// must not) name. Shared by the facets unit tests.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

#include "segugio/facets/company_gazetteer.h"

namespace segugio::testing {

struct Expected {
  const char* text;
  const char* company;
  bool expected;
};

// Whether the body `text` names `company`: by name as the text writes it, or
// by identity as the gazetteer resolves it (`Ibm` is IBM).
inline bool names_company(const std::string& text, const std::string& company) {
  const auto& g = facets::CompanyGazetteer::builtin();
  Article a;
  a.body = text;
  const auto found = g.find(a);
  const auto wanted = g.canonical(company);
  return std::any_of(found.begin(), found.end(), [&](const facets::CompanyMention& m) {
    return m.name == company || (wanted && g.canonical(m.name) == wanted);
  });
}

inline void check_table(std::initializer_list<Expected> cases) {
  for (const Expected& c : cases) {
    const std::string label = std::string(c.text) + " -> " + c.company;
    INFO(label);
    CHECK(names_company(c.text, c.company) == c.expected);
  }
}

}  // namespace segugio::testing
