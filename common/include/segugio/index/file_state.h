// What the indexer remembers about each source file, so that a later run reads
// only what changed (ARCHITECTURE.md, "Incremental runs").
//
// One metadata entry per file, in the first shard only:
//   key    "segugio:file:" + the file's absolute, lexically normal path, the
//          root given on the command line with its symbolic links resolved
//          (index_plan.h, root_state_path()); cut and hashed like a long term
//          when the key would pass 245 bytes
//   value  "1 <size> <mtime ns> <content hash, 16 hex> <articles> <path>"
// The documents a file produced carry the boolean term XP<path>, so the state
// need not list their ids: the term finds them, and it is committed together
// with them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace segugio::index {

struct FileState {
  std::string path;                // absolute, lexically normal
  std::uintmax_t size = 0;         // bytes on disk
  std::int64_t mtime_ns = 0;       // last modification, ns since the epoch
  std::uint64_t content_hash = 0;  // hash_file()
  std::uint64_t articles = 0;      // documents it produced on that run

  bool operator==(const FileState&) const = default;
};

// The metadata key of `path`'s state.
std::string file_state_key(std::string_view path);
std::string encode_file_state(const FileState& state);
// nullopt for a value this version does not understand (the file is then read again).
std::optional<FileState> decode_file_state(std::string_view value);

// schema::stable_hash() of the file's bytes, read in blocks; nullopt when the
// file cannot be read.
std::optional<std::uint64_t> hash_file(const std::filesystem::path& path);

// The form of `path` kept in states and XP terms: absolute, lexically normal,
// symbolic links not resolved (so it stays under the folder it was found in).
std::string state_path(const std::filesystem::path& path);

// True when `path` (a state_path) is `root` (a state_path) or lies below it.
bool path_is_under(std::string_view path, std::string_view root);

}  // namespace segugio::index
