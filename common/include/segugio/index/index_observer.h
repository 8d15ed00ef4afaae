// What a run of the indexer tells whoever watches it. The library prints
// nothing: a program passes an observer that draws progress and prints
// problems (segugio-index's is in indexer/terminal_observer.h); a test or a
// benchmark passes one that keeps or ignores them.
//
// Every call comes from the thread that called run_index(), in this order:
// problem()/progress()/dictionary() while the files are read, reading_done()
// once, then finished() once (unless the run throws).
#pragma once

#include <cstddef>
#include <cstdint>

#include "segugio/corpus/problem.h"

namespace segugio::index {

struct IndexReport;

// Where the run is: called for every message the workers send and at least
// every 100 ms, so an observer that draws must throttle itself.
struct IndexProgress {
  std::size_t files_done = 0;
  std::size_t files_total = 0;  // files to read this run
  std::size_t articles = 0;     // articles indexed so far
  std::uint64_t bytes_done = 0;
  std::uint64_t bytes_total = 0;
};

// The zstd dictionary trained on this run's first articles (or not, when the
// sample was too small).
struct DictionaryTraining {
  bool made = false;
  std::size_t bytes = 0;  // the dictionary's size when made
  std::size_t sample_articles = 0;
  std::size_t sample_bytes = 0;
  double seconds = 0;
};

class IndexObserver {
 public:
  virtual ~IndexObserver();
  // A problem met listing or reading the files, already counted in the report.
  virtual void problem(const corpus::Problem& /*p*/) {}
  virtual void progress(const IndexProgress& /*p*/) {}
  virtual void dictionary(const DictionaryTraining& /*d*/) {}
  // Every file is read (or the run was interrupted); committing follows.
  virtual void reading_done() {}
  // The run is over: `report` is what run_index() returns.
  virtual void finished(const IndexReport& /*report*/) {}
};

}  // namespace segugio::index
