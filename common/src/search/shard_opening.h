// Opening what segugio-search is pointed at (private to src/search): a folder,
// a compacted file, or a stub naming local (`auto PATH`) and remote
// (`remote HOST:PORT`, `remote :PROGRAM ARGS`) shards.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "segugio/search/searcher.h"

namespace segugio::search::opening {

// A database changed under us (Xapian::DatabaseModifiedError: the indexer
// committed twice while we read): open or reopen and try again this many times.
inline constexpr int kModifiedAttempts = 10;

namespace fs = std::filesystem;


struct ShardSpec {
  std::string location;  // an absolute path, HOST:PORT, or :PROGRAM ARGS (as in the stub)
  bool remote = false;
  std::string host;      // remote over TCP: the host (IPv6 without its brackets)...
  unsigned port = 0;     // ...and the port
  std::string program;   // remote through a program (`remote :PROGRAM ARGS`)
  std::string args;

  // How the stub names it: "remote 10.0.0.7:7001", "auto /srv/db/shard-02".
  std::string name() const { return (remote ? "remote " : "auto ") + location; }
};

// `HOST:PORT`, `[IPV6]:PORT`, or `:PROGRAM ARGS` (Xapian 1.4's three
// spellings after `remote`; there is no `tcp` line in 1.4 stubs).
std::optional<ShardSpec> remote_spec(const std::string& rest);

// The shards a stub file names: `auto PATH`, `glass PATH`, `remote ...` (see
// remote_spec; a relative path is relative to the stub's folder). nullopt
// when the file is not a stub (a compacted single-file database). Throws
// DatabaseError for a text file with a line no stub has.
std::optional<std::vector<ShardSpec>> read_stub(const fs::path& file);

std::vector<ShardSpec> shards_of(const fs::path& path);

std::uintmax_t size_on_disk(const fs::path& p);

// Why a remote shard failed, in a few words: "connection refused", "no
// answer within 10 s".
std::string failure_reason(const Xapian::Error& e, double timeout_seconds);

std::string not_answering(const ShardSpec& s, const std::string& reason);


// The database, and each of its shards opened on its own (for DocReader, which
// finds a hit's compression dictionary in its shard), when they can be.
struct OpenedDatabase {
  Xapian::Database combined;
  std::vector<Xapian::Database> shards;  // in stub order; empty: one database
  std::vector<std::size_t> present;      // for each of `shards`, its stub line
  std::vector<MissingShard> missing;     // left out (allow_partial)
};

unsigned milliseconds(double seconds);

Xapian::Database open_shard(const ShardSpec& s, const OpenOptions& options);

// Opens the database at `path` whose shards are `specs`, leaving out the
// shards of `left_out` (their stub index and reason) and, with
// allow_partial, the remote shards that do not answer.
OpenedDatabase open_database(const fs::path& path, const std::vector<ShardSpec>& specs,
                             const OpenOptions& options,
                             const std::map<std::size_t, std::string>& left_out = {});

}  // namespace segugio::search::opening
