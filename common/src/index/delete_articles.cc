#include "segugio/index/delete_articles.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "index_plan.h"
#include "segugio/core/error.h"
#include "segugio/index/id_lookup.h"
#include "segugio/index/schema.h"
#include "segugio/index/shard_layout.h"
#include "shard_writer.h"

namespace segugio::index {

namespace fs = std::filesystem;

namespace {

// The stored id `asked` names: itself, else the one id equal to it but for
// case. nullopt when none; DataError when two differ from it only in case.
std::optional<std::string> stored_id(std::vector<Xapian::WritableDatabase>& shards,
                                     const std::string& asked) {
  std::optional<std::string> found;
  for (Xapian::WritableDatabase& shard : shards) {
    for (const std::string& term : id_terms(shard, asked)) {
      // The stored id, whole (a long id's term is cut and hashed).
      std::string id = shard.get_document(*shard.postlist_begin(term)).get_value(schema::kSlotId);
      if (found && *found != id)
        throw DataError("--delete " + asked + ": names two articles ('" + *found + "', '" + id +
                        "'); give the id as written");
      found = std::move(id);
    }
  }
  return found;
}

// The removals and the deletion records in one commit per shard, shard 0
// (which keeps the records) last.
void write_deletions(std::vector<Xapian::WritableDatabase>& shards,
                     const std::vector<std::string>& ids, const fs::path& db) {
  const auto n = static_cast<unsigned>(shards.size());
  CommitGate gate(n);
  std::vector<std::unique_ptr<ShardWriter>> writers;
  for (unsigned s = 0; s < n; ++s)
    writers.push_back(std::make_unique<ShardWriter>(std::move(shards[s]), s, gate));
  for (const std::string& id : ids) {
    WriteOp remove;
    remove.kind = WriteOp::Kind::remove;
    remove.key = schema::boolean_term(schema::kId, id);
    writers[shard_of(id, n)]->push(std::move(remove));
    WriteOp record;
    record.kind = WriteOp::Kind::set_metadata;
    record.key = schema::boolean_term(schema::kMetaDeletedPrefix, id);
    record.value = id;
    writers[0]->push(std::move(record));
  }
  const std::string now = iso_now();
  for (unsigned s = n; s-- > 0;) {
    WriteOp commit;
    commit.kind = WriteOp::Kind::commit;
    commit.batch = 1;
    commit.value = now;
    writers[s]->push(std::move(commit));
  }
  for (auto& w : writers) w->finish();
  for (unsigned s = 0; s < n; ++s)
    if (writers[s]->failed()) {
      try {
        std::rethrow_exception(writers[s]->error());
      } catch (const Xapian::Error& e) {
        throw DatabaseError(db.string() + ": " + e.get_description());
      } catch (const std::exception& e) {
        throw DatabaseError(db.string() + ": " + e.what());
      }
    }
}

}  // namespace

std::unordered_set<std::string> deleted_ids(const Xapian::Database& first_shard) {
  std::unordered_set<std::string> ids;
  const std::string prefix(schema::kMetaDeletedPrefix);
  for (auto k = first_shard.metadata_keys_begin(prefix); k != first_shard.metadata_keys_end(prefix);
       ++k)
    ids.insert(first_shard.get_metadata(*k));
  return ids;
}

DeleteReport delete_articles(const DeleteOptions& options) {
  if (options.ids.empty()) throw UsageError("--delete needs an id");
  const ShardLayout layout = read_layout(options.db);
  if (layout.shards == 0 || (layout.shards == 1 && fs::is_regular_file(options.db)))
    throw DatabaseError(options.db.string() + ": no database to delete from" +
                        (layout.shards == 1 ? " (a file; -d names the database folder)" : ""));
  DeleteReport report;
  try {
    std::vector<Xapian::WritableDatabase> shards;
    for (const fs::path& p : layout.shard_paths()) shards.emplace_back(p.string(), Xapian::DB_OPEN);
    std::vector<std::string> unknown;
    for (const std::string& asked : options.ids) {
      std::optional<std::string> id = stored_id(shards, asked);
      if (!id)
        unknown.push_back(asked);
      else if (std::find(report.deleted.begin(), report.deleted.end(), *id) == report.deleted.end())
        report.deleted.push_back(std::move(*id));
    }
    if (!unknown.empty()) {
      std::string names;
      for (const std::string& u : unknown) names += (names.empty() ? "'" : ", '") + u + "'";
      throw DataError(options.db.string() + ": no article has the id " + names +
                      "; nothing deleted (segugio-search shows each hit's id in [brackets], "
                      "or with `id:`)");
    }
    write_deletions(shards, report.deleted, options.db);
    report.total_documents = Xapian::Database(options.db.string()).get_doccount();
  } catch (const Xapian::DatabaseLockError&) {
    throw_locked(options.db);
  } catch (const Xapian::Error& e) {
    throw DatabaseError(options.db.string() + ": " + e.get_description());
  }
  return report;
}

}  // namespace segugio::index
