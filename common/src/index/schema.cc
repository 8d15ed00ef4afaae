#include "segugio/index/schema.h"

#include <cstdint>
#include <cstdio>
#include <fstream>

#include "segugio/core/error.h"

#include "segugio/text/utf8.h"

namespace segugio::schema {

std::uint64_t stable_hash_update(std::uint64_t hash, std::string_view bytes) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

std::uint64_t stable_hash(std::string_view bytes) {
  return stable_hash_update(kStableHashSeed, bytes);
}

std::string boolean_term(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  if (prefix.size() + value.size() <= kMaxTermBytes) {
    term += value;
    return term;
  }
  // Keep a readable head, then '#' and 16 hex digits of the whole value's hash.
  char hash[20];
  std::snprintf(hash, sizeof hash, "#%016llx", static_cast<unsigned long long>(stable_hash(value)));
  term.append(text::utf8_prefix(value, kMaxTermBytes - prefix.size() - 17));
  term += hash;
  return term;
}

namespace {

int check_update(const Xapian::Database& db, const std::string& name) {
  // Every shard is checked: shards commit on their own, so after a kill one
  // may hold documents while another is still as it was created (its schema
  // written, its creator not yet; or, killed in between, nothing at all).
  const std::string stored = db.get_metadata(std::string(kMetaSchema));
  const bool documents = db.get_doccount() != 0;
  if (!documents && stored.empty()) return kSchemaVersion;
  if (stored == std::to_string(kSchemaVersion) &&
      (!documents || !db.get_metadata(std::string(kMetaCreator)).empty()))
    return kSchemaVersion;
  throw DatabaseError(name + ": written by another version of Segugio (schema " +
                      (stored.empty() ? "unknown" : stored) + ", this one writes " +
                      std::to_string(kSchemaVersion) + "); rebuild it with --full");
}

int check_search(const Xapian::Database& db, const std::string& name) {
  const std::string stored = db.get_metadata(std::string(kMetaSchema));
  // A database segugio-index was creating when it was stopped, before even
  // its first commit: empty, with no metadata at all. It answers, with nothing.
  if (stored.empty() && db.get_doccount() == 0 &&
      db.metadata_keys_begin() == db.metadata_keys_end())
    return kSchemaVersion;
  if (stored.empty())
    throw DatabaseError(name +
                        ": not a Segugio database (it has no segugio:schema metadata); build "
                        "one with segugio-index");
  int version = 0;
  for (char c : stored) {
    if (c < '0' || c > '9' || version > 100000)
      throw DatabaseError(name + ": unreadable schema version \"" + stored + "\"");
    version = version * 10 + (c - '0');
  }
  if (version > kSchemaVersion)
    throw DatabaseError(name + ": written by a newer Segugio (schema " + stored +
                        "; this segugio-search reads schema " + std::to_string(kSchemaVersion) +
                        "): update segugio-search, or rebuild the database");
  if (version < 1) throw DatabaseError(name + ": unknown schema version \"" + stored + "\"");
  return version;
}

std::string_view trimmed(std::string_view s) {
  const std::size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

}  // namespace

int check_schema(const Xapian::Database& db, const std::string& name, SchemaUse use) {
  return use == SchemaUse::update ? check_update(db, name) : check_search(db, name);
}

std::vector<StubLine> stub_lines(std::string_view text) {
  std::vector<StubLine> lines;
  std::size_t start = 0;
  unsigned number = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = trimmed(text.substr(start, end - start));
    start = end + 1;
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const std::size_t blank = line.find_first_of(" \t");
    StubLine l;
    l.kind = std::string(line.substr(0, blank));
    if (blank != std::string_view::npos)
      l.rest = std::string(trimmed(line.substr(blank)));
    l.text = std::string(line);
    l.number = number;
    lines.push_back(std::move(l));
  }
  return lines;
}

std::optional<std::vector<StubLine>> read_stub(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::string head(64 * 1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (head.find('\0') != std::string::npos) return std::nullopt;  // binary: a database file
  return stub_lines(head);
}

}  // namespace segugio::schema
