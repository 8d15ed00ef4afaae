#include "coordinator.h"

#include <tuple>

#include "segugio/core/error.h"
#include "segugio/index/file_state.h"
#include "segugio/index/schema.h"
#include "segugio/index/shard_layout.h"

namespace segugio::index {

namespace {

std::string message_of(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const Xapian::Error& e) {
    return e.get_description();
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown error";
  }
}

WriteOp metadata_op(const std::string& key, const std::string& value) {
  WriteOp op;
  op.kind = WriteOp::Kind::set_metadata;
  op.key = key;
  op.value = value;
  return op;
}

}  // namespace

WriteSink::~WriteSink() = default;

void ShardWriterSink::check() {
  for (std::size_t s = 0; s < writers_.size(); ++s)
    if (writers_[s]->failed())
      throw DatabaseError(db_.string() + ": writing shard " + std::to_string(s) +
                          " failed: " + message_of(writers_[s]->error()));
}

Fingerprint fingerprint(std::string_view s) {
  return {schema::stable_hash(s), std::hash<std::string_view>{}(s)};
}

Coordinator::Coordinator(CoordinatorSetup setup)
    : options_(setup.options),
      observer_(setup.observer),
      report_(setup.report),
      tasks_(setup.tasks),
      readers_(setup.readers),
      sink_(setup.sink),
      shards_(setup.shards),
      empty_at_start_(setup.empty_at_start),
      nothing_before_run_(setup.empty_at_start),
      dictionary_(std::move(setup.dictionary)),
      tracks_(setup.tasks.size()) {
  for (const FileTask& t : tasks_) bytes_total_ += t.file.size;
}

void Coordinator::problem(const corpus::Problem& p) {
  if (p.skipped) {
    ++report_.skipped;
    ++report_.skipped_by_reason[std::string(corpus::reason_name(p.reason))];
  }
  observer_.problem(p);
}

void Coordinator::delete_file(const FileState& state, const std::string& key) {
  delete_stale(state.path, {});
  send(0, metadata_op(key, ""));
  ++report_.files_deleted;
}

void Coordinator::set_metadata_everywhere(const std::string& key, const std::string& value) {
  for (unsigned s = 0; s < shards_; ++s) send(s, metadata_op(key, value));
}

void Coordinator::resolve_dictionary() {
  if (dictionary_resolved_) return;
  dictionary_resolved_ = true;
  const DictionaryChoice& c = dictionary_.get();
  report_.dictionary = c.dictionary.has_value();
  if (c.trained) {
    DictionaryTraining d;
    d.made = c.dictionary.has_value();
    d.bytes = c.dictionary ? c.dictionary->bytes.size() : 0;
    d.sample_articles = c.sample_articles;
    d.sample_bytes = c.sample_bytes;
    d.seconds = c.seconds;
    observer_.dictionary(d);
  }
  if (!c.dictionary) return;
  const std::string key = dictionary_key(c.dictionary->id);
  for (unsigned s = 0; s < shards_; ++s) {
    const bool present =
        !c.trained && s < readers_.size() &&
        !with_reader(readers_[s], [&key](Xapian::Database& db) { return db.get_metadata(key); })
             .empty();
    if (!present) send(s, metadata_op(key, c.dictionary->bytes));
  }
}

void Coordinator::show_progress() {
  IndexProgress p;
  p.files_done = files_done_;
  p.files_total = tasks_.size();
  p.articles = report_.articles_indexed;
  p.bytes_done = bytes_done_;
  p.bytes_total = bytes_total_;
  observer_.progress(p);
}

void Coordinator::run(BoundedQueue<PipelineMessage>& messages, ArticlePipeline& pipeline) {
  for (;;) {
    check_writers();
    if (!report_.interrupted && options_.interrupt != nullptr && options_.interrupt->load()) {
      report_.interrupted = true;
      pipeline.stop();
    }
    std::optional<PipelineMessage> m;
    const auto got = messages.pop_for(m, std::chrono::milliseconds(100));
    if (got == BoundedQueue<PipelineMessage>::Wait::closed) break;
    if (got == BoundedQueue<PipelineMessage>::Wait::item) handle(*m);
    show_progress();
  }
  observer_.reading_done();
}

void Coordinator::commit() {
  if (!dirty_) return;
  ++batch_;
  const std::string now = iso_now();
  // Shard 0 last: it holds the file states, and waits for the others anyway.
  for (unsigned s = shards_; s-- > 0;) {
    WriteOp op;
    op.kind = WriteOp::Kind::commit;
    op.batch = batch_;
    op.value = now;
    send(s, std::move(op));
  }
  changes_ = 0;
  batch_bytes_ = 0;
  dirty_ = false;
}

void Coordinator::send(unsigned shard, WriteOp op) {
  if (op.kind != WriteOp::Kind::commit) dirty_ = true;
  if (options_.dry_run) return;
  sink_.push(shard, std::move(op));
}

void Coordinator::count_change(std::size_t bytes) {
  ++changes_;
  batch_bytes_ += bytes;
  if (changes_ >= options_.batch_documents * shards_ ||
      batch_bytes_ >= options_.batch_bytes * shards_)
    commit();
}

void Coordinator::remove(const std::string& id) {
  touched_[fingerprint(id)] = Touch{{}, 0, true};
  WriteOp op;
  op.kind = WriteOp::Kind::remove;
  op.key = schema::boolean_term(schema::kId, id);
  send(shard_of(id, shards_), std::move(op));
  count_change(0);
}

void Coordinator::handle(PipelineMessage& m) {
  for (const corpus::Problem& p : m.problems) problem(p);
  const std::size_t file = m.file;
  if (file >= tracks_.size())  // a worker died (out of memory): stop without committing
    throw DataError(m.problems.empty() ? "a worker thread failed" : m.problems[0].detail);
  FileTrack& t = tracks_[file];
  if (m.kind == PipelineMessage::Kind::file_done) {
    for (const auto& [key, n] : m.ignored_keys) report_.ignored_keys[key] += n;
    t.done = std::move(m);
  } else if (m.ordinal != t.received) {
    t.early.emplace(m.ordinal, std::move(m));
  } else {
    // In file order, so that of two articles with one id the later in the
    // file stays, whichever worker finished first.
    take(file, m);
    while (!t.early.empty() && t.early.begin()->first == t.received) {
      auto next = t.early.extract(t.early.begin());
      take(file, next.mapped());
    }
  }
  if (t.done && t.received == t.done->articles) finish_file(file);
}

void Coordinator::take(std::size_t file, PipelineMessage& m) {
  ++tracks_[file].received;
  if (m.kind != PipelineMessage::Kind::article) return;
  resolve_dictionary();
  add(file, *m.article);
}

// The current holder of `url`: this run's decision if any, else the shards'.
std::optional<Coordinator::UrlOwner> Coordinator::url_owner(const std::string& url) {
  if (auto it = url_owners_.find(fingerprint(url)); it != url_owners_.end()) return it->second;
  if (empty_at_start_) return std::nullopt;
  const std::string term = schema::boolean_term(schema::kUrl, url);
  for (Xapian::Database& r : readers_) {
    std::optional<UrlOwner> found = with_reader(r, [&](Xapian::Database& db) {
      std::optional<UrlOwner> owner;
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        const Xapian::Document doc = db.get_document(*p);
        std::string id = doc.get_value(schema::kSlotId);
        // Changed or deleted this run: what the shard says is history.
        if (touched_.count(fingerprint(id))) continue;
        owner = UrlOwner{std::move(id), Date::parse_iso(doc.get_value(schema::kSlotDate))};
        break;
      }
      return owner;
    });
    if (found) return found;
  }
  return std::nullopt;
}

void Coordinator::add(std::size_t file, PreparedArticle& a) {
  if (!deleted_ids_.empty() && deleted_ids_.count(a.id)) {
    problem({tasks_[file].file.path.string(), corpus::Reason::deleted_by_id, true,
             "id " + a.id + "; --full brings it back"});
    return;
  }
  const Fingerprint id = fingerprint(a.id);
  const Fingerprint url = a.url.empty() ? Fingerprint{} : fingerprint(a.url);
  if (auto t = touched_.find(id); t != touched_.end() && !t->second.deleted) {
    // The same id twice this run: the later one stays, by file order (files
    // are read in parallel), then by place in the file.
    ++report_.duplicates;
    if (t->second.file > file) return;
  }
  if (!a.url.empty()) {
    const bool owner_stored = !url_owners_.count(url);  // else this run chose it
    if (std::optional<UrlOwner> owner = url_owner(a.url); owner && owner->id != a.id) {
      ++report_.duplicates;
      if (owner_stored) ++report_.stored_urls_under_other_ids;
      // Later date wins; on the same date (or both undated), the greater id, so
      // the outcome never depends on the order the files were read in.
      if (std::tie(a.date, a.id) < std::tie(owner->date, owner->id)) return;
      remove(owner->id);
    }
  }
  if (auto t = touched_.find(id); t != touched_.end() && !t->second.deleted &&
                                  t->second.url != url && t->second.url != Fingerprint{}) {
    if (auto o = url_owners_.find(t->second.url); o != url_owners_.end() && o->second.id == a.id)
      url_owners_.erase(o);
  }
  if (!a.url.empty()) url_owners_[url] = UrlOwner{a.id, a.date};
  // In a database that was empty, only an id met before this run can exist.
  const auto before = touched_.find(id);
  const bool may_exist =
      !empty_at_start_ || (before != touched_.end() && !before->second.deleted);
  FileTrack& track = tracks_[file];
  if (nothing_before_run_) {
    if (before == touched_.end() || before->second.deleted || before->second.file != file)
      ++track.ids;
  } else if (track.kept.insert(id).second) {
    ++track.ids;
  }
  touched_[id] = Touch{url, file, false};

  WriteOp op;
  op.kind = WriteOp::Kind::replace;
  op.may_exist = may_exist;
  op.key = schema::boolean_term(schema::kId, a.id);
  op.document = std::move(a.document);
  op.spelling = std::move(a.spelling);
  op.bytes = a.text_bytes;
  send(shard_of(a.id, shards_), std::move(op));
  ++report_.articles_indexed;
  count_change(a.text_bytes);
  if (touched_.size() >= options_.remember_articles) forget();
}

void Coordinator::update(unsigned shard, std::string id_term,
                         std::unique_ptr<Xapian::Document> document) {
  WriteOp op;
  op.kind = WriteOp::Kind::update;
  op.key = std::move(id_term);
  op.bytes = document->get_data().size();
  op.document = std::move(document);
  const std::size_t bytes = op.bytes;
  send(shard, std::move(op));
  count_change(bytes);
}

// Commits, waits until every shard has, and forgets what this run did: the
// shards' last commit now holds all of it, and the look-ups read them from
// here on. An id met both before and after this point replaces its document
// as it should, but counts as a duplicate only if the two meet in memory.
void Coordinator::forget() {
  if (options_.dry_run) return;  // nothing on disk to read back
  commit();
  if (!sink_.wait_for_all(batch_)) {
    check_writers();
    throw DatabaseError(options_.db.string() + ": a shard failed to commit");
  }
  for (Xapian::Database& r : readers_) r.reopen();
  touched_ = {};
  url_owners_ = {};
  empty_at_start_ = false;
}

// Deletes the documents of `path` whose ids are not in `kept`, leaving those
// this run already gave to another file or deleted.
void Coordinator::delete_stale(const std::string& path, const FingerprintSet& kept) {
  if (nothing_before_run_) return;
  const std::string term = schema::boolean_term(schema::kPath, path);
  std::vector<std::string> stale;
  for (Xapian::Database& r : readers_) {
    with_reader(r, [&](Xapian::Database& db) {
      stale.clear();  // a retry starts over
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        std::string id = db.get_document(*p).get_value(schema::kSlotId);
        const Fingerprint f = fingerprint(id);
        if (!kept.count(f) && !touched_.count(f)) stale.push_back(std::move(id));
      }
      return 0;
    });
    for (const std::string& id : stale) {
      remove(id);
      ++report_.articles_deleted;
    }
  }
}

// A file read for the first time whose bytes a state under another path has:
// the same file reached through another path. Its articles that the other
// path's documents hold under other ids ("sub/a" then, "a" now: ids are the
// path below the folder given) are now in the database twice; counted for the
// warning at the end (path_warnings()).
void Coordinator::check_copy(const FileTask& task, std::uint64_t hash, const FingerprintSet& kept) {
  if (nothing_before_run_) return;
  const auto other = known_contents_.find(hash);
  if (other == known_contents_.end() || other->second == task.state_path) return;
  const std::string term = schema::boolean_term(schema::kPath, other->second);
  std::size_t doubled = 0;
  for (Xapian::Database& r : readers_) {
    doubled += with_reader(r, [&](Xapian::Database& db) {
      std::size_t n = 0;
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        const Fingerprint id = fingerprint(db.get_document(*p).get_value(schema::kSlotId));
        if (!kept.count(id) && !touched_.count(id)) ++n;
      }
      return n;
    });
  }
  if (doubled == 0) return;
  report_.articles_doubled += doubled;
  if (report_.doubled_example.empty())
    report_.doubled_example = task.state_path + " was indexed before as " + other->second;
}

void Coordinator::finish_file(std::size_t file) {
  FileTrack& t = tracks_[file];
  const PipelineMessage& done = *t.done;
  const FileTask& task = tasks_[file];
  ++files_done_;
  bytes_done_ += task.file.size;
  // Unreadable or cut short: leave documents and state as they are; the next
  // run tries again.
  if (!done.complete || !done.hash) return;
  FileState state;
  state.path = task.state_path;
  state.size = task.file.size;
  state.mtime_ns = task.file.mtime_ns;
  state.content_hash = *done.hash;
  if (done.same_content) {
    state.articles = task.previous ? task.previous->articles : 0;
    ++report_.files_unchanged;
  } else {
    ++report_.files_read;
    report_.bytes_read += task.file.size;
    if (!task.previous) check_copy(task, *done.hash, t.kept);
    delete_stale(task.state_path, t.kept);
    state.articles = t.ids;
  }
  send(0, metadata_op(file_state_key(state.path), encode_file_state(state)));
  t = FileTrack{};  // free the ids
}

}  // namespace segugio::index
