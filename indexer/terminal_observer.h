// What segugio-index prints while it runs, all on one stream (stderr):
// the readers' problems, a progress line when stderr is a terminal, the
// dictionary trained (with -v), and the summary at the end.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <ostream>
#include <string>

#include "segugio/index/index_observer.h"
#include "segugio/index/indexer.h"

namespace segugio::indexer {

struct TerminalOptions {
  int verbosity = 1;      // 0 quiet, 1 normal, 2 verbose
  bool progress = false;  // draw the progress line (stderr is a terminal)
  std::filesystem::path db;  // named in the summary
  bool dry_run = false;
};

class TerminalObserver : public index::IndexObserver {
 public:
  // Without -v, a reason is printed this many times and then only counted: a
  // JSON Lines file of 2,000 undated records should not bury the one
  // unreadable file.
  static constexpr std::size_t kShownPerReason = 5;

  TerminalObserver(std::ostream& log, TerminalOptions options)
      : log_(log), options_(std::move(options)) {}

  void problem(const corpus::Problem& p) override;
  void progress(const index::IndexProgress& p) override;
  void dictionary(const index::DictionaryTraining& d) override;
  void reading_done() override;
  void finished(const index::IndexReport& report) override;

 private:
  using Clock = std::chrono::steady_clock;
  void clear_progress();
  void ignored_keys(const std::map<std::string, std::size_t>& keys);

  std::ostream& log_;
  const TerminalOptions options_;
  std::map<std::string, std::size_t> seen_;  // problems printed, by reason name
  const Clock::time_point start_ = Clock::now();
  Clock::time_point last_drawn_{};
  bool progress_shown_ = false;
};

}  // namespace segugio::indexer
