// The parallel half of the indexer: worker threads that read files, analyse
// articles and build finished Xapian documents (terms, values, compressed
// data), handing them to the single coordinating thread in run_index().
//
// Each worker owns an Analyzer and a DocCompressor. A worker claims the next
// file, hashes it (a file whose bytes did not change needs no work), and reads
// its articles; each article goes to a shared job queue that idle workers
// drain, so one big JSON Lines file still keeps every core busy. When the job
// queue is full the reader analyses the article itself: memory stays bounded
// and no thread ever waits for another to make room.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "bounded_queue.h"
#include "segugio/core/article.h"
#include "segugio/corpus/problem.h"
#include "segugio/corpus/reader.h"
#include "segugio/corpus/source_file.h"
#include "segugio/index/doc_store.h"
#include "segugio/index/file_state.h"

namespace segugio::index {

// One file to read on this run.
struct FileTask {
  corpus::SourceFile file;
  std::string state_path;             // state_path(file.path): the XP term and the state key
  std::optional<FileState> previous;  // what the last run recorded, if anything
};

// An article ready for a shard: everything but the shard is decided.
struct PreparedArticle {
  std::string id;
  std::string url;  // normalise_url(); "" when the article has none
  std::optional<Date> date;
  std::unique_ptr<Xapian::Document> document;  // moved across threads whole: never copied
  std::string record;  // encode(StoredArticle), until compressed into the document's data
  std::vector<std::string> spelling;
  std::size_t text_bytes = 0;
};

struct PipelineMessage {
  enum class Kind {
    article,       // `article` is set
    lost_article,  // an article that could not be indexed; `problems` says why
    file_done,     // the file's last message; every article of it was sent before or
                   // is still in flight (`articles` says how many to expect)
  };
  Kind kind = Kind::file_done;
  std::size_t file = 0;  // index into the tasks
  // article, lost_article: its place among the file's articles (0, 1, ...).
  // Workers finish articles out of order; the coordinator puts them back.
  std::size_t ordinal = 0;
  std::optional<PreparedArticle> article;
  std::vector<corpus::Problem> problems;
  // file_done only:
  std::size_t articles = 0;           // article + lost_article messages of this file
  std::optional<std::uint64_t> hash;  // nullopt: the file could not be read
  bool same_content = false;          // hash equals the previous state's: nothing to do
  bool complete = true;               // false: reading stopped early (interrupt, reader error)
  std::map<std::string, std::size_t> ignored_keys;  // key that filled no field -> articles
};

// The dictionary documents are compressed with: the database's own, or one
// being trained while the workers already analyse (nullopt: plain zstd).
struct DictionaryChoice {
  std::optional<Dictionary> dictionary;
  std::optional<CompressionDictionary> compression;
  bool trained = false;  // trained on this run (to be stored in every shard)
  std::size_t sample_articles = 0;
  std::size_t sample_bytes = 0;
  double seconds = 0;
};
using DictionaryFuture = std::shared_future<DictionaryChoice>;

struct PipelineConfig {
  unsigned threads = 1;
  corpus::ReadOptions read;
  std::string id_prefix;
  DictionaryFuture dictionary;
};

class ArticlePipeline {
 public:
  // Starts the workers at once. `tasks` and `out` must outlive the pipeline;
  // the last worker to finish closes `out`.
  ArticlePipeline(PipelineConfig config, const std::vector<FileTask>& tasks,
                  BoundedQueue<PipelineMessage>& out);
  ~ArticlePipeline();
  ArticlePipeline(const ArticlePipeline&) = delete;
  ArticlePipeline& operator=(const ArticlePipeline&) = delete;

  // Claim no new file; files being read end early (complete = false) and
  // queued articles are dropped. Returns at once.
  void stop();
  void join();

 private:
  struct Job {
    std::size_t file = 0;
    std::size_t ordinal = 0;  // the article's place in its file (0, 1, ...)
    Article article;
  };
  struct Worker;

  void work();
  void read(std::size_t file, Worker& worker);
  void analyse(Job& job, Worker& worker);
  // Compresses and sends what waited for the dictionary (blocking until it is there).
  void flush(Worker& worker);

  const PipelineConfig config_;
  const std::vector<FileTask>& tasks_;
  BoundedQueue<PipelineMessage>& out_;
  const unsigned workers_;
  const std::size_t max_jobs_;  // queued articles: enough to keep idle workers fed

  std::mutex mutex_;  // guards the four below
  std::condition_variable wake_;
  std::deque<Job> jobs_;
  std::size_t next_file_ = 0;
  unsigned active_readers_ = 0;

  std::atomic<bool> stopping_{false};
  std::atomic<unsigned> live_workers_{0};
  std::vector<std::thread> threads_;
};

}  // namespace segugio::index
