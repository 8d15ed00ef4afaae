// Starts a program and leaves it running, for tests that act on it meanwhile
// (kill -9, Ctrl-C, searches during its commits); run_program.h waits instead.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace segugio::testing {

// Starts argv[0] with `argv` (no shell) in the test's own environment, so a
// setenv() before the call reaches the child. Standard output goes to
// /dev/null, standard error to `stderr_path` (created or truncated). With
// `own_process_group` the child leads a new process group, which kill(-pid, …)
// then signals without reaching the test. Throws std::runtime_error if the
// program cannot be started. The caller reaps the child (wait_child).
pid_t spawn_program(const std::vector<std::string>& argv,
                    const std::string& stderr_path = "/dev/null", bool own_process_group = false);

struct ChildExit {
  int code = -1;         // exit code, or 128 + signal
  long peak_rss_kb = 0;  // the child's peak resident set
};

// Waits for child `pid` to end and reaps it. Throws std::runtime_error if
// `pid` is not an unreaped child of this process.
ChildExit wait_child(pid_t pid);

inline pid_t spawn_index(const std::vector<std::string>& args,
                         const std::string& stderr_path = "/dev/null") {
  std::vector<std::string> argv{SEGUGIO_INDEX_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  return spawn_program(argv, stderr_path);
}

}  // namespace segugio::testing
