#include "shard_opening.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string_view>
#include <utility>

#include "segugio/core/error.h"
#include "segugio/index/database_file.h"
#include "segugio/index/schema.h"

namespace segugio::search::opening {

std::optional<ShardSpec> remote_spec(const std::string& rest) {
  ShardSpec s;
  s.remote = true;
  s.location = rest;
  if (rest.empty()) return std::nullopt;
  if (rest[0] == ':') {  // `remote :xapian-progsrv /srv/db`: a program, not a port
    const std::size_t space = rest.find(' ');
    s.program = rest.substr(1, space == std::string::npos ? std::string::npos : space - 1);
    if (space != std::string::npos) s.args = rest.substr(space + 1);
    return s.program.empty() ? std::nullopt : std::optional<ShardSpec>(s);
  }
  const std::size_t colon = rest.rfind(':');
  if (colon == std::string::npos || colon + 1 == rest.size()) return std::nullopt;
  std::string host = rest.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  else if (host.find(':') != std::string::npos)
    return std::nullopt;  // `::1:7000`: an IPv6 address needs its brackets
  unsigned long port = 0;
  for (std::size_t i = colon + 1; i < rest.size(); ++i) {
    if (rest[i] < '0' || rest[i] > '9' || port > 65535) return std::nullopt;
    port = port * 10 + static_cast<unsigned long>(rest[i] - '0');
  }
  if (host.empty() || port == 0 || port > 65535) return std::nullopt;
  s.host = host;
  s.port = static_cast<unsigned>(port);
  return s;
}

std::optional<std::vector<ShardSpec>> read_stub(const fs::path& file) {
  const std::optional<std::vector<schema::StubLine>> lines = schema::read_stub(file);
  if (!lines) return std::nullopt;
  std::vector<ShardSpec> shards;
  for (const schema::StubLine& line : *lines) {
    const std::string& rest = line.rest;
    auto bad = [&](const std::string& why) {
      return DatabaseError(file.string() + ": line " + std::to_string(line.number) + " \"" +
                           line.text + "\": " + why);
    };
    ShardSpec s;
    if (line.kind == "remote") {
      // Xapian reads `remote :7001` as a program called "7001", not a port,
      // and `remote ::1:7001` as a program called ":1:7001".
      if (rest.size() > 1 && rest[0] == ':') {
        if (rest.find_first_not_of("0123456789", 1) == std::string::npos)
          throw bad("a leading colon names a program in Xapian stubs; for port " +
                    rest.substr(1) + " on this machine write remote 127.0.0.1" + rest);
        if (rest.find_first_not_of("0123456789abcdefABCDEF:.", 1) == std::string::npos)
          throw bad("a leading colon names a program in Xapian stubs; an IPv6 address is "
                    "written remote [ADDRESS]:PORT");
      }
      std::optional<ShardSpec> r = remote_spec(rest);
      if (!r) throw bad("a remote shard is written remote HOST:PORT ([IPV6]:PORT for IPv6)");
      s = std::move(*r);
    } else if (line.kind == "auto" || line.kind == "glass" || line.kind == "chert" ||
               line.kind == "honey") {
      if (rest.empty()) throw bad("a local shard needs its path");
      fs::path p(rest);
      if (p.is_relative()) p = file.parent_path() / p;
      s.location = p.lexically_normal().string();
    } else if (line.kind == "inmemory") {
      s.location = "inmemory";
    } else {
      throw bad("not a stub line (auto PATH, remote HOST:PORT)");
    }
    shards.push_back(std::move(s));
  }
  return shards;
}

std::vector<ShardSpec> shards_of(const fs::path& path) {
  if (fs::is_directory(path)) {
    const fs::path stub = path / schema::kStubFile;
    if (fs::is_regular_file(stub))
      if (std::optional<std::vector<ShardSpec>> s = read_stub(stub)) return *s;
    return {ShardSpec{path.string(), false, {}, 0, {}, {}}};
  }
  // A file: a compacted copy or a stub; anything else is named for what it
  // is (an article file given as -d is a common first mistake).
  const index::DatabaseFileKind kind = index::database_file_kind(path);
  if (kind != index::DatabaseFileKind::compacted_copy && kind != index::DatabaseFileKind::stub &&
      fs::is_regular_file(path))
    throw DatabaseError(path.string() + ": " + index::describe_database_file(path) +
                        "; -d names a database folder, a compacted copy or a stub");
  if (std::optional<std::vector<ShardSpec>> s = read_stub(path)) return *s;
  return {ShardSpec{path.string(), false, {}, 0, {}, {}}};
}

std::uintmax_t size_on_disk(const fs::path& p) {
  std::error_code ec;
  if (fs::is_regular_file(p, ec)) return fs::file_size(p, ec);
  std::uintmax_t total = 0;
  for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::end(it);
       it.increment(ec))
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  return total;
}

std::string failure_reason(const Xapian::Error& e, double timeout_seconds) {
  if (std::string_view(e.get_type()) == "NetworkTimeoutError") {  // Xapian::Error has no vtable
    std::ostringstream s;
    s << "no answer within " << timeout_seconds << " s";
    return s.str();
  }
  const char* detail = e.get_error_string();
  std::string reason = detail != nullptr && *detail != '\0' ? detail : e.get_msg();
  if (!reason.empty() && reason[0] >= 'A' && reason[0] <= 'Z')
    reason[0] = static_cast<char>(reason[0] - 'A' + 'a');  // "Connection refused"
  return reason;
}

std::string not_answering(const ShardSpec& s, const std::string& reason) {
  return "shard " + s.name() + " is not answering (" + reason + ")";
}

unsigned milliseconds(double seconds) {
  const double ms = std::clamp(seconds * 1000.0, 1.0, 86400.0 * 1000.0);
  return static_cast<unsigned>(ms);
}

Xapian::Database open_shard(const ShardSpec& s, const OpenOptions& options) {
  if (!s.remote) return Xapian::Database(s.location);
  const unsigned ms = milliseconds(options.remote_timeout_seconds);
  if (!s.program.empty()) return Xapian::Remote::open(s.program, s.args, ms);
  return Xapian::Remote::open(s.host, s.port, ms, ms);
}

OpenedDatabase open_database(const fs::path& path, const std::vector<ShardSpec>& specs,
                             const OpenOptions& options,
                             const std::map<std::size_t, std::string>& left_out) {
  const std::string name = path.string();
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw DatabaseError(name + ": no such database (build one with: segugio-index -d " + name +
                        " FOLDER)");
  const bool any_remote =
      std::any_of(specs.begin(), specs.end(), [](const ShardSpec& s) { return s.remote; });
  // Opening reads the tables' roots at the latest revision; an indexer
  // committing twice meanwhile discards it (DatabaseModifiedError, seen in
  // "searching while the indexer commits" under load): open again.
  for (int attempt = 1;; ++attempt) try {
    OpenedDatabase opened;
    if (specs.size() > 1 || any_remote) {
      for (std::size_t n = 0; n < specs.size(); ++n) {
        const ShardSpec& s = specs[n];
        if (const auto it = left_out.find(n); it != left_out.end()) {
          opened.missing.push_back({s.name(), it->second});
          continue;
        }
        try {
          opened.shards.push_back(open_shard(s, options));
          opened.present.push_back(n);
        } catch (const Xapian::NetworkError& e) {
          if (!s.remote) throw;
          const std::string reason = failure_reason(e, options.remote_timeout_seconds);
          if (!options.allow_partial) throw DatabaseError(not_answering(s, reason));
          opened.missing.push_back({s.name(), reason});
        }
      }
      if (opened.shards.empty()) {
        std::string list;
        for (const MissingShard& m : opened.missing)
          list += (list.empty() ? "" : "; ") + m.shard + " (" + m.reason + ")";
        throw DatabaseError(name + ": no shard is answering: " + list);
      }
      for (const Xapian::Database& s : opened.shards) opened.combined.add_database(s);
      // One shard alone: DocReader needs no map.
      if (specs.size() == 1) {
        opened.shards.clear();
        opened.present.clear();
      }
    } else {
      opened.combined = Xapian::Database(name);
    }
    return opened;
  } catch (const Xapian::DatabaseModifiedError& e) {
    if (attempt >= kModifiedAttempts)
      throw DatabaseError(name + ": the database keeps changing while opening (" + e.get_msg() +
                          ")");
  } catch (const Xapian::DatabaseNotFoundError& e) {
    throw DatabaseError(name + ": not a database (" + e.get_msg() +
                        "); build one with segugio-index");
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw DatabaseError(name + ": the database is damaged (" + e.get_msg() +
                        "); rebuild it with segugio-index --full");
  } catch (const Xapian::DatabaseVersionError& e) {
    throw DatabaseError(name + ": a database format this Xapian cannot read (" + e.get_msg() +
                        ")");
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw DatabaseError(name + ": cannot open the database (" + e.get_msg() + ")");
  } catch (const Xapian::NetworkError& e) {
    throw DatabaseError(name + ": a remote shard cannot be reached (" + e.get_msg() + ")");
  } catch (const Xapian::Error& e) {
    throw DatabaseError(name + ": " + e.get_type() + ": " + e.get_msg());
  }
}

}  // namespace segugio::search::opening
