// Runs one of Segugio's programs as a user would, capturing what it prints.
#pragma once

#include <string>
#include <vector>

namespace segugio::testing {

struct ProgramResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `program` with `args` (no shell), standard input from `input`.
// Environment: NO_COLOR=1 is set so output is plain unless a test asks otherwise.
ProgramResult run_program(const std::string& program, const std::vector<std::string>& args,
                          const std::string& input = {});

inline ProgramResult run_index(const std::vector<std::string>& args) {
  return run_program(SEGUGIO_INDEX_BIN, args);
}
inline ProgramResult run_search(const std::vector<std::string>& args,
                                const std::string& input = {}) {
  return run_program(SEGUGIO_SEARCH_BIN, args, input);
}
#ifdef SEGUGIO_BENCH_BIN  // defined for the tests that drive segugio-bench
inline ProgramResult run_bench(const std::vector<std::string>& args) {
  return run_program(SEGUGIO_BENCH_BIN, args);
}
#endif

}  // namespace segugio::testing
