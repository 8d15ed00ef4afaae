// The database a Searcher reads (private to src/search): opened through
// shard_opening.h, its schema checked, the value slots that hold values
// known, and kept answering: reopened after a commit, and opened again
// without the remote shards that stop answering (OpenOptions::allow_partial).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "segugio/index/doc_reader.h"
#include "segugio/search/searcher.h"
#include "facet_spies.h"
#include "shard_opening.h"

namespace segugio::search {

class SearchedDatabase {
 public:
  // Opens `path` (a folder, a compacted file or a stub). Throws DatabaseError.
  SearchedDatabase(const std::filesystem::path& path, const OpenOptions& options);
  SearchedDatabase(const SearchedDatabase&) = delete;
  SearchedDatabase& operator=(const SearchedDatabase&) = delete;

  const std::filesystem::path& path() const { return path_; }
  const OpenOptions& options() const { return options_; }
  bool has_remote() const { return remote_shards_ > 0; }
  // The combined database; the same object for the Searcher's life.
  Xapian::Database& db() { return opened_.combined; }
  const Xapian::Database& db() const { return opened_.combined; }
  index::DocReader& reader() { return reader_; }
  const std::vector<MissingShard>& missing() const { return opened_.missing; }

  // The slots that hold values in some document (facet spies count only those).
  const FacetSlots& facet_slots() const { return facet_slots_; }
  bool month_slot() const { return facet_slots_.month; }
  bool near_duplicates() const { return near_duplicates_; }

  // After Xapian::DatabaseModifiedError: the latest revision (the counting
  // handle's too).
  void reopen();

  // A second handle on the same local database, at the revision db() reads,
  // for the thread that counts facets beside the weighing
  // (MatchRequest::counting); opened on first use. Null when a shard is
  // remote, when the two cannot be brought to one revision (the indexer
  // commits in between, three times) or when the second opening fails: the
  // facets are then counted in the searching thread. May reopen db().
  const Xapian::Database* counting_db();

  // A remote connection failed while opening or searching. The remote
  // shards are asked again on new connections: a server that closed an idle
  // connection (xapian-tcpsrv --idle-timeout) answers, one that is down or
  // stuck does not. Without allow_partial, one that does not answer is an
  // error naming it; otherwise the database opens again without it (and
  // without those left out before). `blame_named`: also leave out the shard
  // `e` names even if it answered the new connection (it failed twice).
  void network_failed(const Xapian::NetworkError& e, bool blame_named);

  // The remote shard whose connection `e` came from, by its context
  // ("remote:tcp(10.0.0.7:7001)"), if it names one.
  std::optional<std::size_t> shard_named_by(const Xapian::NetworkError& e) const;
  // "shard remote HOST:PORT is not answering (...)", or the database's name
  // when `e` names no shard.
  std::string not_answering_any(const Xapian::NetworkError& e) const;

  // Searcher::info() (Xapian errors pass through).
  DatabaseInfo info();

 private:
  void read_slot_usage();

  std::filesystem::path path_;
  OpenOptions options_;
  std::vector<opening::ShardSpec> shards_;
  unsigned remote_shards_ = 0;  // in the stub
  opening::OpenedDatabase opened_;
  std::optional<opening::OpenedDatabase> counting_;
  index::DocReader reader_;
  int schema_version_ = 0;
  FacetSlots facet_slots_;
  bool near_duplicates_ = false;
};

}  // namespace segugio::search
