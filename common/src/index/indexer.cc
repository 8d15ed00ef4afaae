// run_index(): plan the run, then coordinate the workers (article_pipeline.h)
// and the shard writers (shard_writer.h).
//
// This thread is the only one that decides: which files need reading, which
// documents go (deleted files, articles a changed file no longer has, the
// older copy of a URL), when a batch ends. Decisions use read-only views of
// the shards (as of their last commit) corrected by what this run has already
// done (`touched_`), so they never depend on the writers' progress.
#include "segugio/index/indexer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <future>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <unistd.h>

#include <xapian.h>

#include "article_pipeline.h"
#include "segugio/core/error.h"
#include "segugio/corpus/reader.h"
#include "segugio/corpus/source_file.h"
#include "segugio/index/doc_store.h"
#include "segugio/index/document_builder.h"
#include "segugio/index/file_state.h"
#include "segugio/index/schema.h"
#include "segugio/index/shard_layout.h"
#include "rebuild.h"
#include "shard_writer.h"

namespace segugio::index {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view kRedecoded = "re-decoded as Windows-1252";  // verbose-only problem

std::string iso_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

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

// A Xapian reader of a shard that a writer keeps committing to: after two
// commits its revision may be gone (DatabaseModifiedError); reopen and retry.
template <typename Fn>
auto with_reader(Xapian::Database& db, Fn&& fn) {
  for (int attempt = 0;; ++attempt) {
    try {
      return fn(db);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == 5) throw;
      db.reopen();
    }
  }
}

// Problems from the readers: printed one a line (verbose-only ones with -v),
// counted for the summary. Without -v, a reason is printed kShownPerReason
// times and then only counted: a JSON Lines file of 2,000 undated records
// should not bury the one unreadable file.
class ProblemLog {
 public:
  static constexpr std::size_t kShownPerReason = 5;

  ProblemLog(std::ostream& log, int verbosity, IndexReport& report)
      : log_(log), verbosity_(verbosity), report_(report) {}

  void operator()(const corpus::Problem& p, const std::function<void()>& before_print) {
    if (p.skipped) {
      ++report_.skipped;
      ++report_.skipped_by_reason[p.reason];
    }
    if (verbosity_ == 0 || (p.reason == kRedecoded && verbosity_ < 2)) return;
    if (verbosity_ < 2 && ++seen_[p.reason] > kShownPerReason) return;
    before_print();
    log_ << p.where << ": " << p.reason;
    if (!p.detail.empty()) log_ << " (" << p.detail << ")";
    if (!p.skipped && p.reason != kRedecoded) log_ << "; indexed anyway";
    log_ << "\n";
  }

  // "no date: 2005 more not shown (-v shows them)", for each reason cut short.
  void print_hidden() {
    for (const auto& [reason, n] : seen_)
      if (n > kShownPerReason)
        log_ << reason << ": " << n - kShownPerReason << " more not shown (-v shows them)\n";
  }

 private:
  std::ostream& log_;
  int verbosity_;
  IndexReport& report_;
  std::map<std::string, std::size_t> seen_;
};

// The progress line on a terminal: files, articles/s, MB/s, time left.
class ProgressLine {
 public:
  ProgressLine(std::ostream& log, bool enabled) : log_(log), enabled_(enabled) {}

  void draw(std::size_t files_done, std::size_t files_total, std::size_t articles,
            std::uint64_t bytes_done, std::uint64_t bytes_total) {
    if (!enabled_) return;
    const Clock::time_point now = Clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    const double secs = std::chrono::duration<double>(now - start_).count();
    if (secs < 0.5) return;
    const double mb = static_cast<double>(bytes_done) / 1e6;
    char line[160];
    int n = std::snprintf(line, sizeof line, "%zu/%zu files, %zu articles, %.0f articles/s, %.2f MB/s",
                          files_done, files_total, articles, static_cast<double>(articles) / secs,
                          mb / secs);
    if (bytes_done > 0 && bytes_total > bytes_done && n > 0 &&
        static_cast<std::size_t>(n) < sizeof line) {
      const double left = secs * static_cast<double>(bytes_total - bytes_done) /
                          static_cast<double>(bytes_done);
      const long s = static_cast<long>(left + 0.5);
      std::snprintf(line + n, sizeof line - static_cast<std::size_t>(n), ", %ld:%02ld left",
                    s / 60, s % 60);
    }
    log_ << "\r" << line << "\x1b[K" << std::flush;
    shown_ = true;
  }

  void clear() {
    if (!shown_) return;
    log_ << "\r\x1b[K" << std::flush;
    shown_ = false;
  }

 private:
  std::ostream& log_;
  const bool enabled_;
  const Clock::time_point start_ = Clock::now();
  Clock::time_point last_{};
  bool shown_ = false;
};

// --- opening the database -----------------------------------------------------------

[[noreturn]] void locked(const fs::path& db) {
  throw DatabaseError(db.string() +
                      ": another segugio-index is writing this database (its lock is held); "
                      "wait for it to finish, then run again");
}

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
    locked(o.db);
  } catch (const Xapian::Error& e) {
    throw DatabaseError(o.db.string() + ": " + e.get_description());
  }
}

std::size_t count_documents(const fs::path& db) {
  try {
    return Xapian::Database(db.string()).get_doccount();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(db.string() + ": " + e.get_description());
  }
}

std::optional<Dictionary> find_dictionary(std::vector<Xapian::Database>& readers) {
  for (Xapian::Database& r : readers) {
    const std::string prefix(schema::kMetaDictPrefix);
    for (auto k = r.metadata_keys_begin(prefix); k != r.metadata_keys_end(prefix); ++k) {
      const std::optional<std::uint64_t> id = dictionary_id_of_key(*k);
      if (!id) continue;
      std::string bytes = r.get_metadata(*k);
      if (!bytes.empty()) return Dictionary{*id, std::move(bytes)};
    }
  }
  return std::nullopt;
}

// The records of the first articles to be indexed (up to the sample limits):
// what the dictionary is trained on. Facets are left out; they are a few words.
std::vector<std::string> sample_records(const std::vector<FileTask>& tasks,
                                        const corpus::ReadOptions& read) {
  struct Enough {};
  struct Ignore : corpus::ProblemSink {
    void problem(const corpus::Problem&) override {}
  } ignore;
  std::vector<std::string> records;
  std::size_t bytes = 0;
  try {
    for (const FileTask& t : tasks) {
      corpus::read_file(
          t.file, read,
          [&](Article&& a) {
            records.push_back(encode(make_stored_article(a, {})));
            bytes += records.back().size();
            if (records.size() >= kMaxSampleRecords || bytes >= kMaxSampleBytes) throw Enough{};
          },
          ignore);
    }
  } catch (const Enough&) {
  }
  return records;
}

// --- the coordinator --------------------------------------------------------------

// What the coordinator remembers of an id or a URL for the rest of the run: two
// unrelated 64-bit hashes of it (FNV-1a and the standard library's), so that
// two strings meet by accident with a probability of about N² / 2^129.
// Strings instead cost about 300 bytes more per article across the maps below.
struct Fingerprint {
  std::uint64_t fnv = 0;
  std::uint64_t lib = 0;
  friend bool operator==(const Fingerprint& a, const Fingerprint& b) {
    return a.fnv == b.fnv && a.lib == b.lib;
  }
  friend bool operator!=(const Fingerprint& a, const Fingerprint& b) { return !(a == b); }
};

struct FingerprintHash {
  std::size_t operator()(const Fingerprint& f) const { return static_cast<std::size_t>(f.lib); }
};

using FingerprintSet = std::unordered_set<Fingerprint, FingerprintHash>;

Fingerprint fingerprint(std::string_view s) {
  return {schema::stable_hash(s), std::hash<std::string_view>{}(s)};
}

class Coordinator {
 public:
  Coordinator(const IndexOptions& options, std::ostream& log, IndexReport& report,
              std::vector<FileTask>& tasks, std::vector<Xapian::Database>& readers,
              std::vector<std::unique_ptr<ShardWriter>>& writers, unsigned shards,
              CommitGate& gate, bool empty_at_start, DictionaryFuture dictionary)
      : options_(options),
        log_(log),
        report_(report),
        tasks_(tasks),
        readers_(readers),
        writers_(writers),
        shards_(shards),
        gate_(gate),
        empty_at_start_(empty_at_start),
        nothing_before_run_(empty_at_start),
        problems_(log, options.verbosity, report),
        progress_(log, options.progress == Progress::always && options.verbosity > 0),
        dictionary_(std::move(dictionary)),
        tracks_(tasks.size()) {
    for (const FileTask& t : tasks_) bytes_total_ += t.file.size;
  }

  void print(const corpus::Problem& p) {
    problems_(p, [this] { progress_.clear(); });
  }

  // Documents of a file gone since the last run; its state goes with them.
  void delete_file(const FileState& state, const std::string& key) {
    delete_stale(state.path, {});
    send(0, metadata_op(key, ""));
    ++report_.files_deleted;
  }

  void set_metadata_everywhere(const std::string& key, const std::string& value) {
    for (unsigned s = 0; s < shards_; ++s) send(s, metadata_op(key, value));
  }

  // Puts the dictionary the documents use in every shard that lacks it; called
  // before the first document is handed on, so both reach the disk in one batch.
  void resolve_dictionary() {
    if (dictionary_resolved_) return;
    dictionary_resolved_ = true;
    const DictionaryChoice& c = dictionary_.get();
    report_.dictionary = c.dictionary.has_value();
    if (c.trained && options_.verbosity > 1) {
      progress_.clear();
      log_ << (c.dictionary ? "zstd dictionary of " + std::to_string(c.dictionary->bytes.size()) +
                                  " bytes trained on "
                            : std::string("no zstd dictionary (too small a sample): "))
           << c.sample_articles << " articles (" << c.sample_bytes / 1024 << " KB) in "
           << static_cast<long>(c.seconds * 1000 + 0.5) << " ms\n";
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

  // Consumes the workers' messages until they are all done.
  void run(BoundedQueue<PipelineMessage>& messages, ArticlePipeline& pipeline) {
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
      progress_.draw(files_done_, tasks_.size(), report_.articles_indexed, bytes_done_,
                     bytes_total_);
    }
    progress_.clear();
    problems_.print_hidden();
  }

  // Ends the current batch (a no-op when nothing changed since the last one).
  void commit() {
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

  void check_writers() {
    for (std::size_t s = 0; s < writers_.size(); ++s)
      if (writers_[s]->failed())
        throw DatabaseError(options_.db.string() + ": writing shard " + std::to_string(s) +
                            " failed: " + message_of(writers_[s]->error()));
  }

 private:
  struct Touch {
    Fingerprint url;  // {} when none
    std::size_t file = 0;
    bool deleted = false;
  };
  struct UrlOwner {
    std::string id;
    std::optional<Date> date;
  };
  struct FileTrack {
    std::size_t received = 0;  // article and lost_article messages taken, in file order
    std::map<std::size_t, PipelineMessage> early;  // arrived before an earlier one
    std::optional<PipelineMessage> done;
    FingerprintSet kept;  // ids this file gave this run (unless nothing_before_run_)
    std::size_t ids = 0;  // how many distinct ids it gave
  };

  static WriteOp metadata_op(const std::string& key, const std::string& value) {
    WriteOp op;
    op.kind = WriteOp::Kind::set_metadata;
    op.key = key;
    op.value = value;
    return op;
  }

  void send(unsigned shard, WriteOp op) {
    if (op.kind != WriteOp::Kind::commit) dirty_ = true;
    if (options_.dry_run) return;
    writers_[shard]->push(std::move(op));
  }

  void count_change(std::size_t bytes) {
    ++changes_;
    batch_bytes_ += bytes;
    if (changes_ >= options_.batch_documents * shards_ ||
        batch_bytes_ >= options_.batch_bytes * shards_)
      commit();
  }

  void remove(const std::string& id) {
    touched_[fingerprint(id)] = Touch{{}, 0, true};
    WriteOp op;
    op.kind = WriteOp::Kind::remove;
    op.key = schema::boolean_term(schema::kId, id);
    send(shard_of(id, shards_), std::move(op));
    count_change(0);
  }

  void handle(PipelineMessage& m) {
    for (const corpus::Problem& p : m.problems) print(p);
    const std::size_t file = m.file;
    if (file >= tracks_.size())  // a worker died (out of memory): stop without committing
      throw DataError(m.problems.empty() ? "a worker thread failed" : m.problems[0].detail);
    FileTrack& t = tracks_[file];
    if (m.kind == PipelineMessage::Kind::file_done) {
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

  void take(std::size_t file, PipelineMessage& m) {
    ++tracks_[file].received;
    if (m.kind != PipelineMessage::Kind::article) return;
    resolve_dictionary();
    add(file, *m.article);
  }

  // The current holder of `url`: this run's decision if any, else the shards'.
  std::optional<UrlOwner> url_owner(const std::string& url) {
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

  void add(std::size_t file, PreparedArticle& a) {
    const Fingerprint id = fingerprint(a.id);
    const Fingerprint url = a.url.empty() ? Fingerprint{} : fingerprint(a.url);
    if (auto t = touched_.find(id); t != touched_.end() && !t->second.deleted) {
      // The same id twice this run: the later one stays, by file order (files
      // are read in parallel), then by place in the file.
      ++report_.duplicates;
      if (t->second.file > file) return;
    }
    if (!a.url.empty()) {
      if (std::optional<UrlOwner> owner = url_owner(a.url); owner && owner->id != a.id) {
        ++report_.duplicates;
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

  // Commits, waits until every shard has, and forgets what this run did: the
  // shards' last commit now holds all of it, and the look-ups read them from
  // here on. An id met both before and after this point replaces its document
  // as it should, but counts as a duplicate only if the two meet in memory.
  void forget() {
    if (options_.dry_run) return;  // nothing on disk to read back
    commit();
    if (!gate_.wait_for_all(batch_)) {
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
  void delete_stale(const std::string& path, const FingerprintSet& kept) {
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

  void finish_file(std::size_t file) {
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
      delete_stale(task.state_path, t.kept);
      state.articles = t.ids;
    }
    send(0, metadata_op(file_state_key(state.path), encode_file_state(state)));
    t = FileTrack{};  // free the ids
  }

  const IndexOptions& options_;
  std::ostream& log_;
  IndexReport& report_;
  std::vector<FileTask>& tasks_;
  std::vector<Xapian::Database>& readers_;
  std::vector<std::unique_ptr<ShardWriter>>& writers_;
  const unsigned shards_;
  CommitGate& gate_;
  // True while the shards hold nothing older than this run's own changes
  // (then nothing needs looking up in them); false after forget().
  bool empty_at_start_;
  // The shards were empty when the run began: no file has documents from an
  // earlier run, so nothing can be stale and no file need remember its ids.
  const bool nothing_before_run_;
  ProblemLog problems_;
  ProgressLine progress_;
  DictionaryFuture dictionary_;
  bool dictionary_resolved_ = false;

  std::vector<FileTrack> tracks_;
  // Keyed by fingerprints, not strings: half the memory per article.
  std::unordered_map<Fingerprint, Touch, FingerprintHash> touched_;        // id -> what this run did
  std::unordered_map<Fingerprint, UrlOwner, FingerprintHash> url_owners_;  // url -> id chosen this run
  std::size_t changes_ = 0;
  std::size_t batch_bytes_ = 0;
  std::uint64_t batch_ = 0;
  bool dirty_ = false;
  std::size_t files_done_ = 0;
  std::uint64_t bytes_done_ = 0;
  std::uint64_t bytes_total_ = 0;
};

// Closes the pipeline's queue before joining, so that workers blocked on a
// full queue return when the coordinator gives up early (an exception).
struct PipelineGuard {
  ArticlePipeline& pipeline;
  BoundedQueue<PipelineMessage>& queue;
  ~PipelineGuard() {
    pipeline.stop();
    queue.close();
    pipeline.join();
  }
};

// A view of a shard without its termlist table: hard links (copies on another
// file system) to every table file but `termlist.*`, which Xapian then opens
// as a database without termlists (`Xapian::DB_NO_TERMLIST`).
void link_without_termlist(const fs::path& shard, const fs::path& view) {
  fs::create_directories(view);
  for (const fs::directory_entry& e : fs::directory_iterator(shard)) {
    const std::string name = e.path().filename().string();
    if (!e.is_regular_file() || name == "flintlock" || name.rfind("termlist.", 0) == 0) continue;
    std::error_code ec;
    fs::create_hard_link(e.path(), view / name, ec);
    if (ec) fs::copy_file(e.path(), view / name);
  }
}

// The compacted copy is for searching only: it leaves out the termlists (a
// fifth of a compacted database), which only updating documents needs.
void compact_copy(const std::vector<fs::path>& shard_paths, const fs::path& to) {
  const std::string tmp_name = to.string() + ".tmp-" + std::to_string(::getpid());
  const fs::path tmp = tmp_name, views = tmp_name + "-shards";
  std::error_code ec;
  auto clean_up = [&] {
    fs::remove_all(tmp, ec);
    fs::remove_all(views, ec);
  };
  try {
    Xapian::Database all;
    for (std::size_t i = 0; i < shard_paths.size(); ++i) {
      const fs::path view = views / std::to_string(i);
      link_without_termlist(shard_paths[i], view);
      all.add_database(Xapian::Database(view.string()));
    }
    all.compact(tmp.string(), Xapian::DBCOMPACT_SINGLE_FILE);
  } catch (const Xapian::Error& e) {
    clean_up();
    throw DatabaseError(to.string() + ": cannot write the compacted copy: " + e.get_description());
  } catch (const fs::filesystem_error& e) {
    clean_up();
    throw DatabaseError(to.string() + ": cannot write the compacted copy: " + e.what());
  }
  fs::remove_all(views, ec);
  fs::rename(tmp, to, ec);
  if (ec) {
    const std::string why = ec.message();
    clean_up();
    throw DatabaseError(to.string() + ": cannot write the compacted copy: " + why);
  }
}

}  // namespace

std::string summary_line(const IndexReport& r, const fs::path& db) {
  std::ostringstream out;
  out << r.articles_indexed << " indexed, " << r.skipped << " skipped";
  const char* sep = ": ";
  for (const auto& [reason, n] : r.skipped_by_reason) {
    out << sep << n << " " << reason;
    sep = ", ";
  }
  std::vector<std::string> more;
  if (r.articles_deleted) more.push_back(std::to_string(r.articles_deleted) + " deleted");
  if (r.files_unchanged)
    more.push_back(std::to_string(r.files_unchanged) +
                   (r.files_unchanged == 1 ? " file unchanged" : " files unchanged"));
  if (r.duplicates)
    more.push_back(std::to_string(r.duplicates) + (r.duplicates == 1 ? " duplicate" : " duplicates"));
  for (std::size_t i = 0; i < more.size(); ++i) out << (i == 0 ? "; " : ", ") << more[i];
  out << "; " << r.total_documents << " articles in " << db.string();
  return out.str();
}

namespace {

IndexReport index_files(const IndexOptions& options, std::ostream& log) {
  const Clock::time_point start = Clock::now();
  if (options.inputs.empty()) throw UsageError("no folder or file to index");
  if (options.shards > schema::kMaxShards)
    throw UsageError("--shards takes 1 to " + std::to_string(schema::kMaxShards));
  if (options.max_article_bytes == 0) throw UsageError("--max-article-size must be positive");
  if (!options.compact_to.empty() &&
      path_is_under(state_path(options.compact_to), state_path(options.db)))
    throw UsageError("--compact " + options.compact_to.string() + ": must lie outside the database");
  const unsigned jobs =
      options.jobs != 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());

  IndexReport report;

  // 1. The paths given: at least one must exist.
  std::vector<std::string> roots;
  for (const fs::path& input : options.inputs) {
    std::error_code ec;
    if (fs::exists(input, ec)) roots.push_back(state_path(input));
  }
  if (roots.empty()) {
    std::string names;
    for (const fs::path& input : options.inputs) names += (names.empty() ? "" : ", ") + input.string();
    throw DataError(names + ": no such file or folder; nothing to index");
  }

  // 2. The database: its layout, the writers (taking the lock), the shards' views.
  const ShardLayout layout = read_layout(options.db);
  if (layout.shards == 1 && fs::is_regular_file(options.db) && !options.dry_run)
    throw DatabaseError(options.db.string() +
                        ": a compacted copy, which is read-only; index into the database "
                        "folder it was made from (or a new one)");
  // Absolute: a --full run swaps the database's folder, which may be the
  // working directory (`-d .`).
  const fs::path db_path = fs::absolute(options.db);
  const fs::path compact_to =
      options.compact_to.empty() ? fs::path() : fs::absolute(options.compact_to);
  unsigned shards = options.shards != 0 ? options.shards : std::max(1u, layout.shards);
  if (layout.shards != 0 && !options.full && options.shards != 0 &&
      options.shards != layout.shards)
    throw UsageError(options.db.string() + " has " + std::to_string(layout.shards) +
                     (layout.shards == 1 ? " shard" : " shards") + "; --shards " +
                     std::to_string(options.shards) +
                     " needs --full (rebuilding it from scratch)");
  if (options.dry_run && layout.shards != 0 && options.shards == 0) shards = layout.shards;
  report.shards = shards;

  // --full over an existing database builds beside it (rebuild.h); the old
  // one stays whole and locked until the swap at the end.
  const bool beside = !options.dry_run && options.full && layout.shards != 0;
  std::optional<Rebuild> rebuild = beside ? Rebuild::begin(layout) : std::optional<Rebuild>();
  const fs::path write_to = rebuild ? rebuild->folder() : options.db;
  std::vector<Xapian::WritableDatabase> writable;
  if (rebuild) {
    IndexOptions fresh = options;
    fresh.db = write_to;
    fresh.full = false;
    writable = open_writers(fresh, read_layout(write_to), shards);
  } else if (!options.dry_run) {
    writable = open_writers(options, layout, shards);
    clear_abandoned_rebuild(options.db);
  }
  std::vector<Xapian::Database> readers;
  bool empty_at_start = true;
  try {
    const bool readable = !options.dry_run || (layout.shards != 0 && !options.full);
    if (readable) {
      ShardLayout now = options.dry_run ? layout : read_layout(write_to);
      for (const fs::path& p : now.shard_paths()) readers.emplace_back(p.string());
    }
    for (const Xapian::Database& r : readers) empty_at_start &= r.get_doccount() == 0;
  } catch (const Xapian::Error& e) {
    throw DatabaseError(options.db.string() + ": " + e.get_description());
  }
  // Every shard is checked: shards commit on their own, so after a kill one
  // may hold documents while another is still as it was created (its schema
  // written, its creator not yet; or, killed in between, nothing at all).
  for (const Xapian::Database& r : empty_at_start ? std::vector<Xapian::Database>() : readers) {
    const std::string schema_seen = r.get_metadata(std::string(schema::kMetaSchema));
    const bool documents = r.get_doccount() != 0;
    if (!documents && schema_seen.empty()) continue;
    if (schema_seen == std::to_string(schema::kSchemaVersion) &&
        (!documents || !r.get_metadata(std::string(schema::kMetaCreator)).empty()))
      continue;
    throw DatabaseError(options.db.string() + ": written by another version of Segugio (schema " +
                        (schema_seen.empty() ? "unknown" : schema_seen) + ", this one writes " +
                        std::to_string(schema::kSchemaVersion) + "); rebuild it with --full");
  }

  // 3. The files under the paths given (after taking the lock: a second run
  //    fails at once, before listing a large tree).
  corpus::ProblemList listing;
  std::vector<corpus::SourceFile> files = corpus::list_files(options.inputs, listing);
  // Folders we could not list: their files' states must not read as "deleted".
  std::vector<std::string> unlisted;
  for (const corpus::Problem& p : listing.problems())
    if (p.reason == "unreadable") unlisted.push_back(state_path(p.where));

  // 4. The plan: what to read, what is unchanged, what is gone.
  std::unordered_map<std::string, std::pair<std::string, FileState>> states;  // path -> key, state
  if (!options.full && !readers.empty()) {
    const std::string prefix(schema::kMetaFilePrefix);
    Xapian::Database& first = readers[0];
    for (auto k = first.metadata_keys_begin(prefix); k != first.metadata_keys_end(prefix); ++k)
      if (std::optional<FileState> s = decode_file_state(first.get_metadata(*k)))
        states.emplace(s->path, std::make_pair(*k, *s));
  }
  std::vector<FileTask> tasks;
  std::unordered_set<std::string> listed;
  for (corpus::SourceFile& f : files) {
    FileTask task;
    task.state_path = state_path(f.path);
    listed.insert(task.state_path);
    if (auto it = states.find(task.state_path); it != states.end()) {
      const FileState& s = it->second.second;
      if (s.size == f.size && s.mtime_ns == f.mtime_ns) {
        ++report.files_unchanged;
        continue;
      }
      task.previous = s;
    }
    task.file = std::move(f);
    tasks.push_back(std::move(task));
  }
  report.files_seen = files.size();
  std::vector<std::pair<std::string, FileState>> gone;  // key, state
  for (const auto& [path, entry] : states) {
    if (listed.count(path)) continue;
    const auto under = [&p = path](const std::string& root) { return path_is_under(p, root); };
    if (std::any_of(roots.begin(), roots.end(), under) &&
        std::none_of(unlisted.begin(), unlisted.end(), under))
      gone.push_back(entry);
  }
  std::sort(gone.begin(), gone.end(),
            [](const auto& a, const auto& b) { return a.second.path < b.second.path; });

  // 5. The dictionary: the database's, or one trained on the first articles
  //    in the background while the workers start (they hold their first
  //    documents until it is ready).
  corpus::ReadOptions read;
  read.max_article_bytes = options.max_article_bytes;
  std::optional<Dictionary> existing;
  if (!readers.empty()) existing = find_dictionary(readers);
  DictionaryFuture dictionary;
  if (!existing && !options.dry_run && !tasks.empty()) {
    dictionary = std::async(std::launch::async, [&tasks, read] {
                   const Clock::time_point t0 = Clock::now();
                   const std::vector<std::string> sample = sample_records(tasks, read);
                   DictionaryChoice choice;
                   choice.dictionary = train_dictionary(sample);
                   if (choice.dictionary) choice.compression.emplace(*choice.dictionary);
                   choice.trained = true;
                   choice.sample_articles = sample.size();
                   for (const std::string& r : sample) choice.sample_bytes += r.size();
                   choice.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
                   return choice;
                 }).share();
  } else {
    std::promise<DictionaryChoice> ready;
    DictionaryChoice choice;
    if (existing) choice.compression.emplace(*existing);
    choice.dictionary = std::move(existing);
    ready.set_value(std::move(choice));
    dictionary = ready.get_future().share();
  }

  // 6. Writers, coordinator, workers.
  CommitGate gate(shards);
  std::vector<std::unique_ptr<ShardWriter>> writers;
  for (unsigned s = 0; s < writable.size(); ++s)
    writers.push_back(std::make_unique<ShardWriter>(std::move(writable[s]), s, gate));
  Coordinator coordinator(options, log, report, tasks, readers, writers, shards, gate,
                          empty_at_start,
                          dictionary);
  for (const corpus::Problem& p : listing.problems()) coordinator.print(p);

  coordinator.set_metadata_everywhere(std::string(schema::kMetaSchema),
                                      std::to_string(schema::kSchemaVersion));
  coordinator.set_metadata_everywhere(std::string(schema::kMetaCreator), options.creator);
  for (const auto& [key, state] : gone) coordinator.delete_file(state, key);

  PipelineConfig config;
  config.threads = jobs;
  config.read = read;
  config.id_prefix = options.id_prefix;
  config.dictionary = dictionary;
  {
    BoundedQueue<PipelineMessage> messages(64 + 16 * static_cast<std::size_t>(jobs));
    ArticlePipeline pipeline(config, tasks, messages);
    PipelineGuard guard{pipeline, messages};
    coordinator.run(messages, pipeline);
  }
  coordinator.resolve_dictionary();
  coordinator.commit();
  for (auto& w : writers) w->finish();
  coordinator.check_writers();

  // 7. What the database holds now, and the compacted copy.
  try {
    report.total_documents = 0;
    for (Xapian::Database& r : readers) {
      r.reopen();
      report.total_documents += r.get_doccount();
    }
  } catch (const Xapian::Error& e) {
    throw DatabaseError(options.db.string() + ": " + e.get_description());
  }
  bool abandoned = false;
  if (rebuild && report.interrupted) {
    rebuild.reset();  // removes the new database
    abandoned = true;
    report.total_documents = count_documents(db_path);
  } else if (rebuild) {
    rebuild->swap_in();
  }
  if (!compact_to.empty() && !options.dry_run && !report.interrupted) {
    ShardLayout now = read_layout(db_path);
    compact_copy(now.shard_paths(), compact_to);
  }
  report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (abandoned)
    log << "interrupted: the rebuild is abandoned; " << options.db.string()
        << " is as it was before this run\n";
  else if (report.interrupted)
    log << "interrupted: the articles read so far are committed; run again to finish\n";
  if (options.verbosity > 0) {
    log << summary_line(report, options.db);
    if (options.dry_run) log << " (dry run: nothing written)";
    log << "\n";
  }
  return report;
}

}  // namespace

IndexReport run_index(const IndexOptions& options, std::ostream& log) {
  try {
    return index_files(options, log);
  } catch (const Xapian::DatabaseLockError&) {
    locked(options.db);
  } catch (const Xapian::Error& e) {  // a reader's view of a shard failing mid-run
    throw DatabaseError(options.db.string() + ": " + e.get_description());
  }
}

}  // namespace segugio::index
