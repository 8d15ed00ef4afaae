// run_index(): plan the run (index_plan.h), then coordinate the workers
// (article_pipeline.h) and the shard writers (shard_writer.h) through the
// Coordinator (coordinator.h), and write the compacted copy (compact.h).
#include "segugio/index/indexer.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <optional>
#include <sstream>
#include <thread>

#include <xapian.h>

#include "article_pipeline.h"
#include "compact.h"
#include "company_learning.h"
#include "coordinator.h"
#include "index_plan.h"
#include "segugio/core/error.h"
#include "segugio/corpus/reader.h"
#include "segugio/index/delete_articles.h"
#include "segugio/index/doc_store.h"
#include "segugio/index/document_builder.h"
#include "segugio/index/schema.h"
#include "segugio/index/shard_layout.h"
#include "shard_writer.h"

namespace segugio::index {

namespace fs = std::filesystem;

IndexObserver::~IndexObserver() = default;

namespace {

using Clock = std::chrono::steady_clock;

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

// The dictionary: the database's, or one trained on the first articles in
// the background while the workers start (they hold their first documents
// until it is ready). `tasks` must outlive the future.
DictionaryFuture choose_dictionary(const IndexOptions& options, const std::vector<FileTask>& tasks,
                                   std::vector<Xapian::Database>& readers, unsigned shards,
                                   const corpus::ReadOptions& read) {
  std::optional<Dictionary> existing;
  if (!readers.empty()) existing = find_dictionary(readers);
  if (!existing && !options.dry_run && !tasks.empty()) {
    // The run's size, from the files' sizes on disk (a .zst file counted at
    // four times its size, about what zstd makes of text).
    std::uintmax_t corpus_bytes = 0;
    for (const FileTask& t : tasks) corpus_bytes += t.file.zstd ? 4 * t.file.size : t.file.size;
    const std::size_t capacity = dictionary_capacity(corpus_bytes, shards);
    return std::async(std::launch::async, [&tasks, read, capacity] {
             const Clock::time_point t0 = Clock::now();
             const std::vector<std::string> sample = sample_records(tasks, read);
             DictionaryChoice choice;
             choice.dictionary = train_dictionary(sample, capacity);
             if (choice.dictionary) choice.compression.emplace(*choice.dictionary);
             choice.trained = true;
             choice.sample_articles = sample.size();
             for (const std::string& r : sample) choice.sample_bytes += r.size();
             choice.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
             return choice;
           })
        .share();
  }
  std::promise<DictionaryChoice> ready;
  DictionaryChoice choice;
  if (existing) choice.compression.emplace(*existing);
  choice.dictionary = std::move(existing);
  ready.set_value(std::move(choice));
  return ready.get_future().share();
}

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

// Writers, coordinator, workers: reads the planned files into the database.
void write_files(const IndexOptions& options, OpenDatabase& db, IndexPlan& plan,
                 IndexObserver& observer, IndexReport& report) {
  const unsigned jobs =
      options.jobs != 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  corpus::ReadOptions read;
  read.max_article_bytes = options.max_article_bytes;
  read.field_map = options.field_map;
  const DictionaryFuture dictionary =
      choose_dictionary(options, plan.tasks, db.readers, db.shards, read);

  CommitGate gate(db.shards);
  std::vector<std::unique_ptr<ShardWriter>> writers;
  for (unsigned s = 0; s < db.writable.size(); ++s)
    writers.push_back(std::make_unique<ShardWriter>(std::move(db.writable[s]), s, gate));
  ShardWriterSink sink(options.db, writers, gate);
  Coordinator coordinator({options, observer, report, plan.tasks, db.readers, sink, db.shards,
                           db.empty_at_start, dictionary});
  if (!options.full && !db.readers.empty()) coordinator.skip_deleted(deleted_ids(db.readers[0]));
  coordinator.know_contents(std::move(plan.known_contents));
  for (const corpus::Problem& p : plan.listing) coordinator.problem(p);

  coordinator.set_metadata_everywhere(std::string(schema::kMetaSchema),
                                      std::to_string(schema::kSchemaVersion));
  coordinator.set_metadata_everywhere(std::string(schema::kMetaCreator), options.creator);
  for (const auto& [key, state] : plan.gone) coordinator.delete_file(state, key);

  PipelineConfig config;
  config.threads = jobs;
  config.read = read;
  config.id_prefix = options.id_prefix;
  config.dictionary = dictionary;
  {
    BoundedQueue<PipelineMessage> messages(64 + 16 * static_cast<std::size_t>(jobs));
    ArticlePipeline pipeline(config, plan.tasks, messages);
    PipelineGuard guard{pipeline, messages};
    coordinator.run(messages, pipeline);
  }
  coordinator.resolve_dictionary();
  coordinator.commit();
  // Collection-level learning: after every document of the run is in, before
  // the writers close (and before --compact and the rebuild's swap).
  if (!options.dry_run && !report.interrupted &&
      (report.articles_indexed > 0 || report.articles_deleted > 0))
    learn_companies(coordinator, db.readers, dictionary.get().compression);
  for (auto& w : writers) w->finish();
  coordinator.check_writers();
}

// What the database holds now; the rebuild swapped in (or abandoned); the
// compacted copy.
void finish_database(const IndexOptions& options, OpenDatabase& db, IndexReport& report) {
  // Absolute: a --full run swaps the database's folder, which may be the
  // working directory (`-d .`).
  const fs::path db_path = fs::absolute(options.db);
  try {
    report.total_documents = 0;
    for (Xapian::Database& r : db.readers) {
      r.reopen();
      report.total_documents += r.get_doccount();
    }
  } catch (const Xapian::Error& e) {
    throw DatabaseError(options.db.string() + ": " + e.get_description());
  }
  if (db.rebuild && report.interrupted) {
    db.rebuild.reset();  // removes the new database
    report.rebuild_abandoned = true;
    report.total_documents = count_documents(db_path);
  } else if (db.rebuild) {
    db.rebuild->swap_in();
  }
  if (!options.compact_to.empty() && !options.dry_run && !report.interrupted)
    compact_copy(read_layout(db_path).shard_paths(), fs::absolute(options.compact_to));
}

IndexReport index_files(const IndexOptions& options, IndexObserver& observer) {
  const Clock::time_point start = Clock::now();
  // 1. The paths given: at least one must exist.
  const std::vector<std::string> roots = check_options(options);
  // 2. The database: its layout, the writers (taking the lock), the shards' views.
  // The compacted copy's path is made absolute now, before a rebuild swaps folders.
  IndexOptions absolute = options;
  if (!options.compact_to.empty()) absolute.compact_to = fs::absolute(options.compact_to);
  OpenDatabase db = open_database(options);
  IndexReport report;
  report.shards = db.shards;
  // 3. The plan (after taking the lock: a second run fails at once, before
  //    listing a large tree).
  IndexPlan plan = plan_files(options, roots, db.readers);
  report.files_seen = plan.files_seen;
  report.files_unchanged = plan.files_unchanged;
  // 4. Writers, coordinator, workers.
  write_files(options, db, plan, observer, report);
  // 5. What the database holds now, and the compacted copy.
  finish_database(absolute, db, report);
  report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  observer.finished(report);
  return report;
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
  out << "; " << r.total_documents << (r.total_documents == 1 ? " article in " : " articles in ")
      << db.string();
  return out.str();
}

std::vector<std::string> path_warnings(const IndexReport& r) {
  std::vector<std::string> out;
  // Ids are the path below the folder given: the same files under another
  // folder level get other ids.
  const std::string why =
      "ids are the path below the folder given, so index the folder given before (or "
      "rebuild with --full)";
  if (r.articles_doubled > 0)
    out.push_back(std::to_string(r.articles_doubled) +
                  (r.articles_doubled == 1 ? " article is" : " articles are") +
                  " now in the database twice under two ids (" + r.doubled_example + "): " + why);
  // A few moved articles are news sites' business; many mean the folder moved.
  const std::size_t many = std::max<std::size_t>(10, r.articles_indexed / 4);
  if (r.articles_doubled == 0 && r.stored_urls_under_other_ids >= many)
    out.push_back(std::to_string(r.stored_urls_under_other_ids) +
                  " articles have the URL of a stored article with another id (one of each pair "
                  "is kept): was this folder indexed before through another path? " + why);
  return out;
}

IndexReport run_index(const IndexOptions& options, IndexObserver& observer) {
  try {
    return index_files(options, observer);
  } catch (const Xapian::DatabaseLockError&) {
    throw_locked(options.db);
  } catch (const Xapian::Error& e) {  // a reader's view of a shard failing mid-run
    throw DatabaseError(options.db.string() + ": " + e.get_description());
  }
}

}  // namespace segugio::index
