// A temporary folder that removes itself, for tests that write files.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace segugio::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `content` to path()/relative (creating folders); returns the full path.
  std::filesystem::path write(std::string_view relative, std::string_view content) const;

 private:
  std::filesystem::path path_;
};

// The whole content of a file.
std::string read_file(const std::filesystem::path& path);

}  // namespace segugio::testing
