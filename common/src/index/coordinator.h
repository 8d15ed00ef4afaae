// The coordinator: the one thread of a run that decides. It takes the
// workers' messages (article_pipeline.h) and decides which documents go
// (deleted files, articles a changed file no longer has, the older copy of a
// URL), when a batch ends, and what each file's state becomes; it hands the
// resulting operations to a WriteSink (the shard writers, or a test's list).
//
// Decisions use read-only views of the shards (as of their last commit)
// corrected by what this run has already done (`touched_`), so they never
// depend on the writers' progress. The rules (ARCHITECTURE.md, "Index"):
//   - the same id twice in a run: the later file's, then the later line's, stays;
//   - two ids with one normalised URL: the later date wins, then the greater
//     id; the loser's document, if stored, is deleted;
//   - a changed file's documents whose ids it no longer gives are deleted,
//     and so are the documents of a file gone from under the paths given.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include "article_pipeline.h"
#include "segugio/index/indexer.h"
#include "shard_writer.h"

namespace segugio::index {

// Where the coordinator's operations go. Thread contract: called from the
// coordinating thread only.
class WriteSink {
 public:
  virtual ~WriteSink();
  virtual void push(unsigned shard, WriteOp op) = 0;
  // Throws DatabaseError when a shard could not write.
  virtual void check() = 0;
  // Blocks until every shard has committed `batch`; false when one failed.
  virtual bool wait_for_all(std::uint64_t batch) = 0;
};

// The real sink: one ShardWriter per shard, shard 0 ordered by `gate`.
class ShardWriterSink : public WriteSink {
 public:
  ShardWriterSink(std::filesystem::path db, std::vector<std::unique_ptr<ShardWriter>>& writers,
                  CommitGate& gate)
      : db_(std::move(db)), writers_(writers), gate_(gate) {}
  void push(unsigned shard, WriteOp op) override { writers_[shard]->push(std::move(op)); }
  void check() override;
  bool wait_for_all(std::uint64_t batch) override { return gate_.wait_for_all(batch); }

 private:
  std::filesystem::path db_;
  std::vector<std::unique_ptr<ShardWriter>>& writers_;
  CommitGate& gate_;
};

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

Fingerprint fingerprint(std::string_view s);

// Everything a coordinator works with; all of it outlives the coordinator.
struct CoordinatorSetup {
  const IndexOptions& options;  // db, dry_run, batch sizes, remember_articles, interrupt
  IndexObserver& observer;
  IndexReport& report;
  const std::vector<FileTask>& tasks;
  std::vector<Xapian::Database>& readers;  // the shards as of their last commit
  WriteSink& sink;
  unsigned shards = 1;
  bool empty_at_start = true;  // every shard held no document when the run began
  DictionaryFuture dictionary;
};

class Coordinator {
 public:
  explicit Coordinator(CoordinatorSetup setup);

  // Articles deleted with --delete (delete_articles.h): met again, they are
  // skipped as "deleted with --delete".
  void skip_deleted(std::unordered_set<std::string> ids) { deleted_ids_ = std::move(ids); }

  // The content hashes of files with a state not listed this run (hash ->
  // path): a new file with one of them was indexed before under another path.
  void know_contents(std::unordered_map<std::uint64_t, std::string> contents) {
    known_contents_ = std::move(contents);
  }

  // Counts a problem in the report and passes it to the observer.
  void problem(const corpus::Problem& p);

  // Documents of a file gone since the last run; its state goes with them.
  void delete_file(const FileState& state, const std::string& key);

  void set_metadata_everywhere(const std::string& key, const std::string& value);

  // Puts the dictionary the documents use in every shard that lacks it; called
  // before the first document is handed on, so both reach the disk in one batch.
  void resolve_dictionary();

  // Consumes the workers' messages until they are all done, then tells the
  // observer reading_done().
  void run(BoundedQueue<PipelineMessage>& messages, ArticlePipeline& pipeline);

  // Takes one message from a worker (run() calls it; tests call it directly).
  void handle(PipelineMessage& m);

  // Ends the current batch (a no-op when nothing changed since the last one).
  void commit();

  // Throws DatabaseError when a shard could not write.
  void check_writers() { sink_.check(); }

  // After the run (company_learning.h): replaces a document of `shard` in
  // place, by its id term, leaving its spelling words as they are.
  void update(unsigned shard, std::string id_term, std::unique_ptr<Xapian::Document> document);

  // Commits, waits until every shard has, and reopens the readers: they then
  // see all this run did. Nothing is remembered of the run's ids afterwards.
  void settle() { forget(); }

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

  void send(unsigned shard, WriteOp op);
  void count_change(std::size_t bytes);
  void remove(const std::string& id);
  void take(std::size_t file, PipelineMessage& m);
  std::optional<UrlOwner> url_owner(const std::string& url);
  void add(std::size_t file, PreparedArticle& a);
  void forget();
  void delete_stale(const std::string& path, const FingerprintSet& kept);
  void finish_file(std::size_t file);
  void check_copy(const FileTask& task, std::uint64_t hash, const FingerprintSet& kept);
  void show_progress();

  const IndexOptions& options_;
  IndexObserver& observer_;
  IndexReport& report_;
  const std::vector<FileTask>& tasks_;
  std::vector<Xapian::Database>& readers_;
  WriteSink& sink_;
  const unsigned shards_;
  // True while the shards hold nothing older than this run's own changes
  // (then nothing needs looking up in them); false after forget().
  bool empty_at_start_;
  // The shards were empty when the run began: no file has documents from an
  // earlier run, so nothing can be stale and no file need remember its ids.
  const bool nothing_before_run_;
  DictionaryFuture dictionary_;
  bool dictionary_resolved_ = false;

  std::unordered_set<std::string> deleted_ids_;
  std::unordered_map<std::uint64_t, std::string> known_contents_;
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

// A Xapian reader of a shard that a writer keeps committing to: after two
// commits its revision may be gone (DatabaseModifiedError), and a reopen
// that meets a commit half-written may find a block that looks corrupt
// (DatabaseCorruptError; both seen under load with a commit after every
// document). Reopen and retry, the reopen inside the retry. A database
// really corrupt fails the same way every time and is thrown at the last
// attempt.
template <typename Fn>
auto with_reader(Xapian::Database& db, Fn&& fn) {
  for (int attempt = 0;; ++attempt) {
    try {
      if (attempt > 0) db.reopen();  // may meet the same errors as the read
      return fn(db);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == 5) throw;
    } catch (const Xapian::DatabaseCorruptError&) {
      if (attempt == 5) throw;
    }
  }
}

}  // namespace segugio::index
