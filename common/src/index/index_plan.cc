#include "index_plan.h"

#include <algorithm>
#include <system_error>
#include <unordered_map>
#include <unordered_set>

#include "segugio/core/error.h"
#include "segugio/corpus/reader.h"
#include "segugio/corpus/source_file.h"
#include "segugio/index/database_file.h"
#include "segugio/index/schema.h"

namespace segugio::index {

namespace fs = std::filesystem;

namespace {

// Removes the database files of `layout` (only names this indexer or Xapian
// made), for a --full run that changes the number of shards.
void remove_layout(const ShardLayout& layout) {
  std::error_code ec;
  std::vector<fs::path> ours;
  for (const fs::directory_entry& e : fs::directory_iterator(layout.db, ec))
    if (database_entry(e.path().filename().string())) ours.push_back(e.path());
  for (const fs::path& p : ours) fs::remove_all(p, ec);
}

std::vector<Xapian::WritableDatabase> open_writers(const IndexOptions& o, const ShardLayout& layout,
                                                   unsigned shards) {
  try {
    // A stub without a shard folder, or shard folders whose stub a killed run
    // never wrote, still count as the same layout.
    const bool same = layout.shards == shards && (shards > 1 || !layout.stub);
    const bool relayout = layout.shards != 0 && !same;
    if (relayout && !o.full)
      throw UsageError(o.db.string() + " has another shard layout; changing it needs --full");
    if (relayout) {
      // Only with --full (checked before). Take the old shards' locks first so a
      // database another run is writing is never pulled from under it.
      for (Xapian::WritableDatabase& db : lock_shards(layout.shard_paths())) db.close();
      remove_layout(layout);
    }
    std::error_code ec;
    fs::create_directories(o.db, ec);
    if (ec) throw DatabaseError(o.db.string() + ": cannot create the folder: " + ec.message());
    const int flags = o.full ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN;
    ShardLayout target;
    target.db = o.db;
    target.shards = shards;
    target.stub = shards > 1;
    std::vector<Xapian::WritableDatabase> dbs;
    for (const fs::path& p : target.shard_paths()) dbs.emplace_back(p.string(), flags);
    // A new shard says at once that it is a Segugio database, so that a kill
    // before the first batch leaves an empty database the searcher accepts,
    // not a foreign-looking one (found by the reliability kill test).
    for (Xapian::WritableDatabase& db : dbs) {
      if (db.get_doccount() != 0 || !db.get_metadata(std::string(schema::kMetaSchema)).empty())
        continue;
      db.set_metadata(std::string(schema::kMetaSchema), std::to_string(schema::kSchemaVersion));
      db.commit();
    }
    // Written as soon as the shards exist, so the folder opens as one database
    // from the first moment on (a kill before the first commit included).
    if (shards > 1) write_shard_stub(o.db, shards);
    return dbs;
  } catch (const Xapian::DatabaseLockError&) {
    throw_locked(o.db);
  } catch (const Xapian::Error& e) {
    throw DatabaseError(o.db.string() + ": " + e.get_description());
  }
}

// Every shard is checked (schema.h, SchemaUse::update).
void check_written_by_us(const fs::path& db, const std::vector<Xapian::Database>& readers) {
  for (const Xapian::Database& r : readers)
    schema::check_schema(r, db.string(), schema::SchemaUse::update);
}

// How many shards the run writes: --shards, else what the database has (1 when new).
unsigned shards_to_write(const IndexOptions& options, const ShardLayout& layout) {
  unsigned shards = options.shards != 0 ? options.shards : std::max(1u, layout.shards);
  if (layout.shards != 0 && !options.full && options.shards != 0 &&
      options.shards != layout.shards)
    throw UsageError(options.db.string() + " has " + std::to_string(layout.shards) +
                     (layout.shards == 1 ? " shard" : " shards") + "; --shards " +
                     std::to_string(options.shards) +
                     " needs --full (rebuilding it from scratch)");
  if (options.dry_run && layout.shards != 0 && options.shards == 0) shards = layout.shards;
  return shards;
}

// The states the last run recorded: path -> (key, state).
std::unordered_map<std::string, GoneFile> read_states(Xapian::Database& first) {
  std::unordered_map<std::string, GoneFile> states;
  const std::string prefix(schema::kMetaFilePrefix);
  for (auto k = first.metadata_keys_begin(prefix); k != first.metadata_keys_end(prefix); ++k)
    if (std::optional<FileState> s = decode_file_state(first.get_metadata(*k)))
      states.emplace(s->path, std::make_pair(*k, *s));
  return states;
}

// A root given on the command line: its state path as typed, and with symbolic
// links and ".." resolved (what keys states and XP terms, so that "news",
// "./news/", "/home/me/news" and a link to it are one folder).
struct Root {
  std::string typed;
  std::string real;
};

std::vector<Root> roots_of(const std::vector<fs::path>& inputs) {
  std::vector<Root> roots;
  for (const fs::path& input : inputs) {
    std::error_code ec;
    if (fs::exists(input, ec)) roots.push_back({state_path(input), root_state_path(input)});
  }
  return roots;
}

// The state path of `typed` (a state_path under one of `roots`): the root's
// part resolved, the rest as found (links below a root stay as they are).
std::string real_path(const std::vector<Root>& roots, const std::string& typed) {
  for (const Root& r : roots)
    if (path_is_under(typed, r.typed)) return r.real + typed.substr(r.typed.size());
  return typed;
}

// The names of the folder whose name a file's ids may take (its root's real
// path, or the folder holding a file named on the command line), outermost first.
std::vector<std::string> folder_names(const std::vector<Root>& roots, const std::string& typed) {
  for (const Root& r : roots) {
    if (!path_is_under(typed, r.typed)) continue;
    fs::path folder(r.real);
    if (typed == r.typed) folder = folder.parent_path();  // a file named
    return corpus::path_names(folder);
  }
  return {};
}

// Another source file's documents that hold the ids a file would give, so
// that separate runs on two folders that both hold `articles.jsonl` do not
// replace each other's articles (docs/formats.md, "Ids").
class IdHolders {
 public:
  IdHolders(std::vector<Xapian::Database>& readers,
            const std::unordered_map<std::string, GoneFile>& states,
            const std::vector<GoneFile>& gone)
      : readers_(readers) {
    for (const auto& [path, entry] : states)
      by_term_.emplace(schema::boolean_term(schema::kPath, path), &entry.second);
    for (const GoneFile& g : gone) gone_.insert(g.second.path);
  }

  // The path of a file other than `task`'s whose documents hold the id `id`
  // or an id `id#...` (what a file of id base `id` gives without ids of its
  // own), and that is still there with other content; "" when none. A file
  // moved, deleted or copied (same content) is the same articles: its ids
  // pass on, as before.
  std::string other(const std::string& id, const FileTask& task) {
    if (task_ != &task) own_hash_.reset();
    task_ = &task;
    const std::string self = schema::boolean_term(schema::kPath, task.state_path);
    const std::string exact = schema::boolean_term(schema::kId, id);
    const std::string numbered = schema::boolean_term(schema::kId, id + "#");
    for (Xapian::Database& db : readers_) {
      std::unordered_set<Xapian::docid> own;
      for (auto p = db.postlist_begin(self); p != db.postlist_end(self); ++p) own.insert(*p);
      std::vector<std::string> terms;
      if (db.term_exists(exact)) terms.push_back(exact);
      for (auto t = db.allterms_begin(numbered); t != db.allterms_end(numbered); ++t)
        terms.push_back(*t);
      for (const std::string& term : terms)
        for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p)
          if (!own.count(*p))
            if (std::string holder = other_file(db, *p); !holder.empty()) return holder;
    }
    return "";
  }

 private:
  // The source of document `did` when it counts as another file, else "".
  std::string other_file(Xapian::Database& db, Xapian::docid did) {
    const std::string prefix(schema::kPath);
    Xapian::TermIterator t = db.termlist_begin(did);
    t.skip_to(prefix);
    if (t == db.termlist_end(did) || (*t).compare(0, prefix.size(), prefix) != 0) return "";
    const auto state = by_term_.find(*t);
    if (state == by_term_.end()) return (*t).substr(prefix.size());  // not known: keep apart
    const FileState& s = *state->second;
    std::error_code ec;
    if (gone_.count(s.path) || !fs::exists(s.path, ec)) return "";
    if (!own_hash_) own_hash_ = hash_file(task_->file.path);
    if (own_hash_ && *own_hash_ == s.content_hash) return "";
    return s.path;
  }

  std::vector<Xapian::Database>& readers_;
  std::unordered_map<std::string, const FileState*> by_term_;  // XP term -> state
  std::unordered_set<std::string> gone_;
  const FileTask* task_ = nullptr;
  std::optional<std::optional<std::uint64_t>> own_hash_;  // task_'s content, once known
};

// Gives the files of `plan` whose ids another file's articles hold (IdHolders)
// their folder's name as prefix, as when several folders are named in one
// run: "ils/articles#1"; two folders of one name take their parents' names
// too. Says so for each such file.
void keep_ids_apart(const IndexOptions& options, const std::vector<Root>& roots,
                    std::vector<Xapian::Database>& readers,
                    const std::unordered_map<std::string, GoneFile>& states, IndexPlan& plan) {
  bool stored = false;
  for (Xapian::Database& r : readers) stored |= r.get_doccount() != 0;
  if (!stored) return;
  IdHolders holders(readers, states, plan.gone);
  for (FileTask& task : plan.tasks) {
    std::string& base = task.file.id_base;
    const std::string holder = holders.other(options.id_prefix + base, task);
    if (holder.empty()) continue;
    const std::vector<std::string> names = folder_names(roots, state_path(task.file.path));
    std::string chosen;
    for (std::size_t n = 1; n <= names.size(); ++n) {
      const std::string folder = corpus::last_names(names, n) + "/";
      if (base.compare(0, folder.size(), folder) == 0) continue;  // already its prefix
      chosen = folder + base;
      if (holders.other(options.id_prefix + chosen, task).empty()) break;
    }
    if (chosen.empty()) continue;  // no folder name to take (a file in "/")
    const std::string detail = "the ids from '" + options.id_prefix + base + "' are taken by " +
                               holder + ", indexed before: this file's ids begin with '" +
                               options.id_prefix + chosen + "'";
    plan.listing.push_back({task.file.path.string(), corpus::Reason::duplicate_id, false, detail});
    base = std::move(chosen);
  }
}

}  // namespace

std::string root_state_path(const fs::path& input) {
  std::error_code ec;
  const fs::path real = fs::weakly_canonical(fs::absolute(input, ec), ec);
  return ec ? state_path(input) : state_path(real);
}

[[noreturn]] void throw_locked(const fs::path& db) {
  throw DatabaseError(db.string() +
                      ": another segugio-index is writing this database (its lock is held); "
                      "wait for it to finish, then run again");
}

std::vector<std::string> check_options(const IndexOptions& options) {
  if (options.inputs.empty()) throw UsageError("no folder or file to index");
  if (options.shards > schema::kMaxShards)
    throw UsageError("--shards takes 1 to " + std::to_string(schema::kMaxShards));
  if (options.max_article_bytes == 0) throw UsageError("--max-article-size must be positive");
  if (!options.compact_to.empty() &&
      path_is_under(state_path(options.compact_to), state_path(options.db)))
    throw UsageError("--compact " + options.compact_to.string() + ": must lie outside the database");
  std::vector<std::string> roots;
  for (const fs::path& input : options.inputs) {
    std::error_code ec;
    if (fs::exists(input, ec)) roots.push_back(root_state_path(input));
  }
  if (roots.empty()) {
    std::string names;
    for (const fs::path& input : options.inputs) names += (names.empty() ? "" : ", ") + input.string();
    throw DataError(names + ": no such file or folder; nothing to index");
  }
  return roots;
}

OpenDatabase open_database(const IndexOptions& options) {
  OpenDatabase open;
  open.layout = read_layout(options.db);
  const ShardLayout& layout = open.layout;
  if (layout.shards == 1 && fs::is_regular_file(options.db) && !options.dry_run) {
    if (database_file_kind(options.db) == DatabaseFileKind::compacted_copy)
      throw DatabaseError(options.db.string() +
                          ": a compacted copy, which is read-only; index into the database "
                          "folder it was made from (or a new one)");
    throw DatabaseError(options.db.string() + ": " + describe_database_file(options.db) +
                        "; -d names the database folder, the articles come after the options");
  }
  open.shards = shards_to_write(options, layout);
  // --full over an existing database builds beside it (rebuild.h); the old
  // one stays whole and locked until the swap at the end.
  const bool beside = !options.dry_run && options.full && layout.shards != 0;
  if (beside)
    if (std::optional<Rebuild> r = Rebuild::begin(layout)) open.rebuild.emplace(std::move(*r));
  const fs::path write_to = open.rebuild ? open.rebuild->folder() : options.db;
  if (open.rebuild) {
    IndexOptions fresh = options;
    fresh.db = write_to;
    fresh.full = false;
    open.writable = open_writers(fresh, read_layout(write_to), open.shards);
  } else if (!options.dry_run) {
    open.writable = open_writers(options, layout, open.shards);
    clear_abandoned_rebuild(options.db);
  }
  try {
    const bool readable = !options.dry_run || (layout.shards != 0 && !options.full);
    if (readable) {
      ShardLayout now = options.dry_run ? layout : read_layout(write_to);
      for (const fs::path& p : now.shard_paths()) open.readers.emplace_back(p.string());
    }
    for (const Xapian::Database& r : open.readers) open.empty_at_start &= r.get_doccount() == 0;
  } catch (const Xapian::Error& e) {
    throw DatabaseError(options.db.string() + ": " + e.get_description());
  }
  if (!open.empty_at_start) check_written_by_us(options.db, open.readers);
  return open;
}

IndexPlan plan_files(const IndexOptions& options, const std::vector<std::string>& roots,
                     std::vector<Xapian::Database>& readers) {
  IndexPlan plan;
  corpus::ProblemList listing;
  std::vector<corpus::SourceFile> files = corpus::list_files(options.inputs, listing);
  plan.listing = listing.problems();
  // Folders we could not list: their files' states must not read as "deleted".
  const std::vector<Root> typed_roots = roots_of(options.inputs);
  std::vector<std::string> unlisted;
  for (const corpus::Problem& p : plan.listing)
    if (p.reason == corpus::Reason::unreadable) unlisted.push_back(real_path(typed_roots, state_path(p.where)));

  std::unordered_map<std::string, GoneFile> states;
  if (!options.full && !readers.empty()) states = read_states(readers[0]);
  std::unordered_set<std::string> listed;
  for (corpus::SourceFile& f : files) {
    FileTask task;
    task.state_path = real_path(typed_roots, state_path(f.path));
    listed.insert(task.state_path);
    if (auto it = states.find(task.state_path); it != states.end()) {
      const FileState& s = it->second.second;
      if (s.size == f.size && s.mtime_ns == f.mtime_ns) {
        ++plan.files_unchanged;
        continue;
      }
      task.previous = s;
    }
    task.file = std::move(f);
    plan.tasks.push_back(std::move(task));
  }
  plan.files_seen = files.size();
  for (const auto& [path, entry] : states) {
    if (listed.count(path)) continue;
    const auto under = [&p = path](const std::string& root) { return path_is_under(p, root); };
    if (std::any_of(roots.begin(), roots.end(), under) &&
        std::none_of(unlisted.begin(), unlisted.end(), under))
      plan.gone.push_back(entry);
  }
  std::sort(plan.gone.begin(), plan.gone.end(),
            [](const auto& a, const auto& b) { return a.second.path < b.second.path; });
  // The content of files not listed this run, to tell a folder indexed again
  // under another path (whose articles would get other ids) from new files.
  for (const auto& [path, entry] : states)
    if (!listed.count(path)) plan.known_contents.emplace(entry.second.content_hash, path);
  keep_ids_apart(options, typed_roots, readers, states, plan);
  return plan;
}

}  // namespace segugio::index
