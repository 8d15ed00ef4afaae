// One writer thread per shard: the only code that touches a
// Xapian::WritableDatabase while the indexer runs.
//
// Batches: every change between two commits runs inside a Xapian transaction,
// so nothing reaches the disk before the commit that ends the batch (Xapian's
// own automatic flush is off inside a transaction), and a writer that fails or
// is abandoned cancels what it holds. A kill -9 therefore leaves each shard at
// its last commit.
//
// Ordering across shards: file states live in shard 0 only, so shard 0 commits
// batch k only after every other shard has committed batch k (CommitGate). A
// state on disk thus always describes documents already on disk everywhere; a
// crash in between at worst makes the next run read some files again.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "bounded_queue.h"
#include "segugio/analysis/analyzer.h"
#include "segugio/index/doc_store.h"

namespace segugio::index {

struct WriteOp {
  // update: a document changed in place (collection-level learning): replaced
  // by its id term, its spelling words unchanged.
  enum class Kind { replace, update, remove, set_metadata, commit };
  Kind kind = Kind::commit;
  std::string key;    // replace, update, remove: the id term; set_metadata: the key
  std::string value;  // set_metadata: the value ("" removes the key); commit: the time
  std::uint64_t batch = 0;                     // commit: the batch number (1, 2, ...)
  std::unique_ptr<Xapian::Document> document;  // replace, update
  std::vector<std::string> spelling;           // replace: words to add
  // replace, remove: a document with this id may exist, and its spelling words
  // must be taken out first (false when the coordinator knows it does not).
  bool may_exist = true;
  std::size_t bytes = 0;  // replace: the article's text bytes (its weight in the queue)
};

// The time now in UTC, "2024-02-28T10:30:00Z": a commit's segugio:updated.
std::string iso_now();

// Lets shard 0 wait until the other shards have committed a batch.
class CommitGate {
 public:
  explicit CommitGate(unsigned writers) : committed_(writers, 0) {}
  void committed(unsigned writer, std::uint64_t batch);
  // True once every writer but 0 has committed `batch`; false if one failed.
  bool wait_for_others(std::uint64_t batch);
  // True once every writer has committed `batch`; false if one failed.
  bool wait_for_all(std::uint64_t batch);
  void fail();

 private:
  bool wait_from(std::size_t first, std::uint64_t batch);

  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::uint64_t> committed_;
  bool failed_ = false;
};

class ShardWriter {
 public:
  static constexpr unsigned kSpellingEveryCommits = 10;
  static constexpr std::size_t kSpellingMaxWords = 200'000;  // sooner past this (memory)

  // The queue in front of a writer holds up to this many operations or this
  // much article text: room for the coordinator to go on while the writer
  // commits (with 256 operations the workers stood idle during commits: 176 %
  // of two cores busy instead of 182 %), bounded in memory whatever the
  // articles' sizes (a queued document takes about 8 times its text: at most
  // ~32 MB a shard).
  static constexpr std::size_t kQueueOps = 2048;
  static constexpr std::size_t kQueueBytes = 4u << 20;

  // Takes over `db` (opened by the caller, so lock errors surface before any
  // work starts).
  ShardWriter(Xapian::WritableDatabase db, unsigned index, CommitGate& gate);
  ~ShardWriter();
  ShardWriter(const ShardWriter&) = delete;
  ShardWriter& operator=(const ShardWriter&) = delete;

  // Queues `op`; blocks while the queue is full. Dropped once the writer failed.
  void push(WriteOp op);
  // Ends the queue and waits for the thread. Changes after the last commit op
  // are cancelled. Then the database is closed (its lock released).
  void finish();

  bool failed() const;
  // The error that stopped the writer (null when none).
  std::exception_ptr error() const;

 private:
  void run();
  void apply(WriteOp& op);
  void forget_spelling(const std::string& id_term);
  void commit_spelling(bool flush);
  void flush_spelling();

  Xapian::WritableDatabase db_;
  const unsigned index_;
  CommitGate& gate_;
  BoundedQueue<WriteOp> queue_;
  bool in_transaction_ = false;
  // Spelling changes, summed per word: of the open batch, and of committed
  // batches not yet in the spelling table. Xapian rewrites the spelling
  // table's fragment lists at every update, so it is updated once every
  // kSpellingEveryCommits commits, or sooner past kSpellingMaxWords words (a
  // tenth of the indexer's time when it was every commit); in between, each
  // commit stores the committed changes in the metadata
  // (kMetaSpellingPending), so a kill loses none of them.
  using SpellingDelta = std::unordered_map<std::string, std::int64_t>;
  SpellingDelta batch_spelling_;
  SpellingDelta committed_spelling_;
  unsigned commits_since_spelling_ = 0;
  bool spelling_pending_in_db_ = false;
  std::unique_ptr<analysis::Analyzer> analyzer_;  // for forget_spelling, made on first use
  DocDecompressor decompressor_;
  mutable std::mutex error_mutex_;
  std::exception_ptr error_;
  std::thread thread_;
};

}  // namespace segugio::index
