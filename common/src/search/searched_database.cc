#include "searched_database.h"

#include <algorithm>
#include <map>
#include <utility>

#include "segugio/core/error.h"
#include "segugio/index/schema.h"
#include "facet_spies.h"

namespace segugio::search {

namespace fs = std::filesystem;
using namespace opening;

SearchedDatabase::SearchedDatabase(const fs::path& path, const OpenOptions& options)
    : path_(path),
      options_(options),
      shards_(shards_of(path)),
      opened_(open_database(path, shards_, options)),
      reader_(opened_.combined, opened_.shards) {
  for (const ShardSpec& s : shards_) remote_shards_ += s.remote ? 1 : 0;
  const std::string name = path_.string();
  for (int attempt = 0;; ++attempt) {
    try {
      // The indexer may commit twice between opening and reading (the
      // revision read is then discarded): reopen and read again.
      if (attempt > 0) db().reopen();
      schema_version_ = schema::check_schema(db(), name, schema::SchemaUse::search);
      read_slot_usage();
      return;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt + 1 >= kModifiedAttempts)
        throw DatabaseError(name + ": the database keeps changing while opening");
    } catch (const Xapian::NetworkError& e) {
      // A shard that answered the opening and failed just after.
      if (attempt > 0) throw DatabaseError(not_answering_any(e));
      network_failed(e, false);
    } catch (const Xapian::Error& e) {
      throw DatabaseError(name + ": " + e.get_type() + ": " + e.get_msg());
    }
  }
}

void SearchedDatabase::reopen() {
  db().reopen();
  if (counting_) counting_->combined.reopen();
  read_slot_usage();
}

namespace {

// Whether two openings of one local database read the same revision of each
// shard; false when a shard cannot tell its revision.
bool same_revision(const OpenedDatabase& a, const OpenedDatabase& b) {
  try {
    if (a.shards.size() != b.shards.size()) return false;
    if (a.shards.empty()) return a.combined.get_revision() == b.combined.get_revision();
    for (std::size_t i = 0; i < a.shards.size(); ++i)
      if (a.shards[i].get_revision() != b.shards[i].get_revision()) return false;
    return true;
  } catch (const Xapian::Error&) {
    return false;
  }
}

}  // namespace

const Xapian::Database* SearchedDatabase::counting_db() {
  if (has_remote() || !opened_.missing.empty()) return nullptr;
  try {
    if (!counting_) counting_ = open_database(path_, shards_, options_);
    for (int attempt = 0; attempt < 3; ++attempt) {
      if (same_revision(opened_, *counting_)) return &counting_->combined;
      reopen();  // both to the latest revision
    }
  } catch (const Xapian::Error&) {
  } catch (const DatabaseError&) {
  }
  return nullptr;
}

std::optional<std::size_t> SearchedDatabase::shard_named_by(const Xapian::NetworkError& e) const {
  const std::string context = e.get_context();
  for (std::size_t n : opened_.present) {
    const ShardSpec& s = shards_[n];
    if (s.remote && s.program.empty() &&
        context.find("(" + s.host + ":" + std::to_string(s.port) + ")") != std::string::npos)
      return n;
  }
  return std::nullopt;
}

void SearchedDatabase::network_failed(const Xapian::NetworkError& e, bool blame_named) {
  std::map<std::size_t, std::string> failed;
  for (std::size_t n : opened_.present) {
    if (!shards_[n].remote) continue;
    try {
      open_shard(shards_[n], options_).get_doccount();
    } catch (const Xapian::Error& probe) {
      failed[n] = failure_reason(probe, options_.remote_timeout_seconds);
    }
  }
  if (blame_named)
    if (const std::optional<std::size_t> named = shard_named_by(e))
      failed.emplace(*named, failure_reason(e, options_.remote_timeout_seconds));
  if (!failed.empty() && !options_.allow_partial)
    throw DatabaseError(not_answering(shards_[failed.begin()->first], failed.begin()->second));
  std::map<std::size_t, std::string> left_out = failed;
  for (std::size_t n = 0; n < shards_.size(); ++n)
    for (const MissingShard& m : opened_.missing)
      if (m.shard == shards_[n].name()) left_out.emplace(n, m.reason);
  opened_ = open_database(path_, shards_, options_, left_out);
  reader_ = index::DocReader(opened_.combined, opened_.shards);
  try {
    read_slot_usage();
  } catch (const Xapian::NetworkError& again) {
    throw DatabaseError(not_answering_any(again));
  } catch (const Xapian::Error& other) {
    throw DatabaseError(path_.string() + ": " + other.get_type() + ": " + other.get_msg());
  }
}

std::string SearchedDatabase::not_answering_any(const Xapian::NetworkError& e) const {
  const std::string reason = failure_reason(e, options_.remote_timeout_seconds);
  if (const std::optional<std::size_t> named = shard_named_by(e))
    return not_answering(shards_[*named], reason);
  return path_.string() + ": a remote shard failed (" + reason + ")";
}

void SearchedDatabase::read_slot_usage() {
  facet_slots_ = search::facet_slots(db());
  near_duplicates_ = db().get_value_freq(schema::kSlotNearDuplicate) > 0;
}

DatabaseInfo SearchedDatabase::info() {
  const Xapian::Database& d = db();
  DatabaseInfo i;
  i.path = path_.string();
  i.articles = d.get_doccount();
  i.undated = d.get_termfreq(std::string(schema::kNoDate));
  i.first_day = Date::parse_iso(d.get_value_lower_bound(schema::kSlotDate));
  i.last_day = Date::parse_iso(d.get_value_upper_bound(schema::kSlotDate));
  std::map<std::string, Xapian::doccount> sources;
  const std::string p(schema::kSource);
  for (auto it = d.allterms_begin(p); it != d.allterms_end(p); ++it)
    sources[(*it).substr(p.size())] = it.get_termfreq();
  i.sources = ranked(sources, 0);
  for (std::size_t n = 0; n < shards_.size(); ++n) {
    const ShardSpec& s = shards_[n];
    ShardInfo shard;
    shard.location = s.location;
    shard.remote = s.remote;
    try {
      const auto at = std::find(opened_.present.begin(), opened_.present.end(), n);
      if (shards_.size() == 1) shard.documents = i.articles;
      else if (at != opened_.present.end())
        shard.documents = opened_.shards[static_cast<std::size_t>(at - opened_.present.begin())]
                              .get_doccount();
      if (!s.remote) {
        shard.bytes = size_on_disk(s.location);
        i.bytes += shard.bytes;
      }
    } catch (const Xapian::Error&) {
      // An unreachable shard is shown with no count.
    }
    i.shards.push_back(std::move(shard));
  }
  i.schema_version = schema_version_;
  i.creator = d.get_metadata(std::string(schema::kMetaCreator));
  i.updated = d.get_metadata(std::string(schema::kMetaUpdated));
  try {
    i.spelling = d.spellings_begin() != d.spellings_end();
  } catch (const Xapian::Error&) {
    i.spelling = false;
  }
  return i;
}

}  // namespace segugio::search
