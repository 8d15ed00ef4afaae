#include "segugio/index/database_file.h"

#include <fstream>
#include <string_view>
#include <vector>

#include "segugio/corpus/source_file.h"
#include "segugio/index/schema.h"

namespace segugio::index {

namespace {

namespace fs = std::filesystem;

// The first word of the first line that is not blank or a comment: stubs
// start with a backend name (`auto db1`, `remote host:7000`).
bool starts_like_stub(std::string_view head) {
  const std::vector<schema::StubLine> lines = schema::stub_lines(head);
  if (lines.empty()) return false;
  // `tcp` and `prog` are older Xapian spellings, refused with a hint later.
  for (std::string_view kind :
       {"auto", "glass", "chert", "honey", "remote", "inmemory", "tcp", "prog"})
    if (lines.front().kind == kind) return true;
  return false;
}

}  // namespace

DatabaseFileKind database_file_kind(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return DatabaseFileKind::other;
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (std::string_view(head).substr(0, 9) == "\x0f\x0dXapian ") return DatabaseFileKind::compacted_copy;
  const bool binary = head.find('\0') != std::string::npos;
  if (!binary && starts_like_stub(head)) return DatabaseFileKind::stub;  // also `shards.txt`
  if (corpus::describe_file(file).format != corpus::Format::unknown)
    return DatabaseFileKind::article_file;
  if (binary) return DatabaseFileKind::other;
  return DatabaseFileKind::text;
}

std::string describe_database_file(const fs::path& file) {
  switch (database_file_kind(file)) {
    case DatabaseFileKind::compacted_copy:
      return "a compacted copy of a database";
    case DatabaseFileKind::stub:
      return "a stub naming shards";
    case DatabaseFileKind::article_file:
      return "an article file (" +
             std::string(corpus::format_name(corpus::describe_file(file).format)) +
             "), not a database";
    case DatabaseFileKind::text:
      return "a text file, not a database (nor a stub naming shards: auto PATH, remote "
             "HOST:PORT)";
    case DatabaseFileKind::other:
      break;
  }
  return "not a database (neither a compacted copy nor a stub naming shards)";
}

}  // namespace segugio::index
