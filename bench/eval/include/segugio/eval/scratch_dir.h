// A temporary folder for a benchmark's own databases, removed with everything
// in it when the object goes away.
#pragma once

#include <filesystem>
#include <string_view>

namespace segugio::eval {

class ScratchDir {
 public:
  // Creates $TMPDIR/<prefix>-XXXXXX (/tmp when TMPDIR is unset). Throws
  // DataError when it cannot.
  explicit ScratchDir(std::string_view prefix = "segugio-bench");
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace segugio::eval
