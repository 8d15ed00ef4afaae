// Running another program from a benchmark and measuring it: wall time, exit
// status and peak resident memory (from wait4's rusage, so the figure is the
// child's own and not the benchmark's).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace segugio::eval {

struct ChildOptions {
  std::filesystem::path stdin_path;     // empty: /dev/null
  std::filesystem::path stdout_path;    // empty: captured into ChildResult::out
  std::size_t max_captured = 1u << 26;  // bytes of stdout and stderr kept
};

struct ChildResult {
  int exit_code = -1;  // 128 + signal when killed by one
  double seconds = 0;  // wall time from start to exit
  std::uint64_t peak_rss_bytes = 0;
  double cpu_seconds = 0;  // user + system time of the child and what it waited for
  std::string out;  // stdout (unless redirected to a file)
  std::string err;  // stderr
  bool ok() const { return exit_code == 0; }
};

// Runs argv[0] (looked up in PATH when it has no '/') with argv and waits for
// it. Throws DataError when it cannot be started (the message names it).
ChildResult run_child(const std::vector<std::string>& argv, const ChildOptions& options = {});

// The full path of `program` in PATH, or nullopt.
std::optional<std::filesystem::path> find_program(const std::string& program);

// Bytes of the files under `path` (a file or a folder); 0 when it is missing.
std::uintmax_t disk_bytes(const std::filesystem::path& path);

}  // namespace segugio::eval
