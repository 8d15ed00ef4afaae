// A test that cannot run here says so, and ctest lists it as skipped (not
// passed): every test is registered with SKIP_REGULAR_EXPRESSION
// "SEGUGIO-SKIPPED:" (tests/CMakeLists.txt). The caller returns right after:
//
//   if (!fs::exists(list)) return segugio::testing::skip("no " + list.string());
#pragma once

#include <iostream>
#include <string_view>

namespace segugio::testing {

inline void skip(std::string_view why) {
  std::cout << "SEGUGIO-SKIPPED: " << why << std::endl;
}

}  // namespace segugio::testing
