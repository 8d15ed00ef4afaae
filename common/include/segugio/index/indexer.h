// The indexer: reads articles from files and folders into a Segugio database.
//
// A run is incremental unless `full`: files whose size and modification time
// match the state recorded by the last run are not read; files whose bytes
// hash the same are not analysed; documents of files that disappeared from
// under the paths given are deleted (paths not given are left alone). Changes
// are committed in batches, each state together with (never before) the
// documents it describes, so a run killed at any moment leaves a database at
// its last commit, and running again completes the job. Two articles with the
// same URL are one document: the later date wins (ARCHITECTURE.md, "Index").
//
// Work is spread over `jobs` worker threads (reading, parsing, analysis,
// facets, document building, compression) and one writer thread per shard.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "segugio/corpus/reader.h"
#include "segugio/index/index_observer.h"

namespace segugio::index {

struct IndexOptions {
  std::filesystem::path db;                  // database folder (created when missing)
  std::vector<std::filesystem::path> inputs;  // folders or files
  unsigned jobs = 0;                          // worker threads; 0: all cores
  unsigned shards = 0;                        // 0: keep what the database has (1 when new)
  bool full = false;                          // rebuild from scratch
  std::filesystem::path compact_to;           // also write a single-file copy here
  bool dry_run = false;                       // read and report, write nothing
  std::size_t max_article_bytes = 16u << 20;
  std::string id_prefix;                      // prefixes every id
  // --field-map KEY=FIELD: JSON and front-matter keys read as a field (corpus/reader.h).
  std::vector<std::pair<std::string, corpus::Field>> field_map;
  std::string creator = "segugio";            // recorded as segugio:creator
  // A commit ends a batch after this many document changes or this many bytes
  // of article text, per shard, whichever comes first. Small batches keep
  // Xapian's in-memory postings small: on 10,000 synthetic articles, one shard's
  // writer took 12.5 s committing every 1,000 documents, 15.1 s every 2,000 and
  // 20.9 s every 10,000 (and three times the memory). Each commit rewrites the
  // B-tree blocks it touched and the old copies wait to be reused, so a small
  // database holds more free blocks than after one commit (193 MB instead of
  // 120 MB for those 10,000); from about 50,000 documents on the sizes are the
  // same, and --compact drops the free blocks anyway.
  std::size_t batch_documents = 1000;
  std::size_t batch_bytes = 16u << 20;
  // What the run did to each article (its id's and URL's fate: about 200 bytes
  // each) settles duplicates and deletions against the shards' last commit.
  // Past this many articles the run commits, waits for every shard, forgets,
  // and from then on reads the shards instead: a run's memory stays bounded
  // whatever the corpus size.
  std::size_t remember_articles = 1'000'000;
  // When it becomes true (a SIGINT handler sets it), the run stops reading,
  // commits what is complete, and returns with `interrupted` set.
  const std::atomic<bool>* interrupt = nullptr;
};

struct IndexReport {
  std::size_t files_seen = 0;       // files found under the inputs
  std::size_t files_read = 0;       // new or changed files read this run
  std::size_t files_unchanged = 0;  // same size and time, or same bytes
  std::size_t files_deleted = 0;    // gone since the last run: their documents deleted
  std::size_t articles_indexed = 0;
  std::size_t articles_deleted = 0;  // documents deleted (gone files, gone articles)
  std::size_t duplicates = 0;        // articles that met another with the same URL or id
  std::size_t skipped = 0;           // files, lines or items that gave no article
  std::map<std::string, std::size_t> skipped_by_reason;
  // JSON and front-matter keys that filled no field -> how many articles had
  // each (the articles are indexed; the keys' values are not).
  std::map<std::string, std::size_t> ignored_keys;
  // Articles of files indexed before under another path that are now in the
  // database twice, under two ids; one such file, as "<path> was indexed
  // before as <path>".
  std::size_t articles_doubled = 0;
  std::string doubled_example;
  // Articles whose URL a stored article had under another id (one of the two
  // stays: no doubling, but ids that moved).
  std::size_t stored_urls_under_other_ids = 0;
  std::uint64_t bytes_read = 0;      // bytes of the files read
  std::size_t total_documents = 0;   // in the database after the run
  unsigned shards = 0;
  bool dictionary = false;           // stored data compressed with a trained dictionary
  bool interrupted = false;
  bool rebuild_abandoned = false;    // interrupted --full: the old database is as it was
  double seconds = 0;
};

// "584 indexed, 3 skipped: 2 binary, 1 unreadable; 2 deleted, 10 unchanged,
// 1 duplicate; 1160 articles in DB": the line printed at the end of a run.
std::string summary_line(const IndexReport& report, const std::filesystem::path& db);

// Warnings about the paths given, for the end of a run: articles doubled
// because a folder was indexed under another path, or many URLs that stored
// articles had under other ids. Empty when there is nothing to say.
std::vector<std::string> path_warnings(const IndexReport& report);

// Runs one indexing job. Problems, progress and the end go to `observer`
// (index_observer.h); the library prints nothing.
// Throws UsageError for options that cannot work together (a --shards that
// differs from the database's without --full), DatabaseError when the
// database is locked by another writer, damaged, foreign or cannot be
// written, DataError when no input path exists.
IndexReport run_index(const IndexOptions& options, IndexObserver& observer);

}  // namespace segugio::index
