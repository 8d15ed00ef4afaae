#include "terminal_observer.h"

#include <algorithm>
#include <cstdio>
#include <string_view>
#include <utility>
#include <vector>

namespace segugio::indexer {

// One a line (verbose-only ones with -v), the first kShownPerReason of each
// reason without -v.
void TerminalObserver::problem(const corpus::Problem& p) {
  const int verbosity = options_.verbosity;
  if (verbosity == 0 || (p.reason == corpus::Reason::redecoded && verbosity < 2)) return;
  if (verbosity < 2 && ++seen_[std::string(corpus::reason_name(p.reason))] > kShownPerReason)
    return;
  clear_progress();
  log_ << p.where << ": " << corpus::reason_name(p.reason);
  if (!p.detail.empty()) log_ << " (" << p.detail << ")";
  if (!p.skipped && p.reason != corpus::Reason::redecoded) log_ << "; indexed anyway";
  log_ << "\n";
}

// Files, articles/s, MB/s, time left; redrawn at most every 200 ms.
void TerminalObserver::progress(const index::IndexProgress& p) {
  if (!options_.progress || options_.verbosity == 0) return;
  const Clock::time_point now = Clock::now();
  if (now - last_drawn_ < std::chrono::milliseconds(200)) return;
  last_drawn_ = now;
  const double secs = std::chrono::duration<double>(now - start_).count();
  if (secs < 0.5) return;
  const double mb = static_cast<double>(p.bytes_done) / 1e6;
  char line[160];
  int n = std::snprintf(
      line, sizeof line, "%zu/%zu files, %zu articles, %.0f articles/s, %.2f MB/s", p.files_done,
      p.files_total, p.articles, static_cast<double>(p.articles) / secs, mb / secs);
  if (p.bytes_done > 0 && p.bytes_total > p.bytes_done && n > 0 &&
      static_cast<std::size_t>(n) < sizeof line) {
    const double left = secs * static_cast<double>(p.bytes_total - p.bytes_done) /
                        static_cast<double>(p.bytes_done);
    const long s = static_cast<long>(left + 0.5);
    std::snprintf(line + n, sizeof line - static_cast<std::size_t>(n), ", %ld:%02ld left", s / 60,
                  s % 60);
  }
  log_ << "\r" << line << "\x1b[K" << std::flush;
  progress_shown_ = true;
}

void TerminalObserver::clear_progress() {
  if (!progress_shown_) return;
  log_ << "\r\x1b[K" << std::flush;
  progress_shown_ = false;
}

void TerminalObserver::dictionary(const index::DictionaryTraining& d) {
  if (options_.verbosity < 2) return;
  clear_progress();
  log_ << (d.made ? "zstd dictionary of " + std::to_string(d.bytes) + " bytes trained on "
                  : std::string("no zstd dictionary (too small a sample): "))
       << d.sample_articles << " articles (" << d.sample_bytes / 1024 << " KB) in "
       << static_cast<long>(d.seconds * 1000 + 0.5) << " ms\n";
}

// "no date: 2005 more not shown (-v shows them)", for each reason cut short.
void TerminalObserver::reading_done() {
  clear_progress();
  for (const auto& [reason, n] : seen_)
    if (n > kShownPerReason)
      log_ << reason << ": " << n - kShownPerReason << " more not shown (-v shows them)\n";
}

// "keys ignored ...: section_from_url (725 articles), repo (30 articles)": once
// a run, the most frequent first; ten of them without -v.
void TerminalObserver::ignored_keys(const std::map<std::string, std::size_t>& keys) {
  std::vector<std::pair<std::string, std::size_t>> sorted(keys.begin(), keys.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  const std::size_t shown =
      options_.verbosity >= 2 ? sorted.size() : std::min<std::size_t>(10, sorted.size());
  log_ << "keys ignored, read as no field (--field-map KEY=FIELD maps one, KEY=ignore silences "
          "it): ";
  for (std::size_t i = 0; i < shown; ++i)
    log_ << (i ? ", " : "") << sorted[i].first << " (" << sorted[i].second
         << (sorted[i].second == 1 ? " article)" : " articles)");
  if (shown < sorted.size()) log_ << " and " << sorted.size() - shown << " more (-v lists them)";
  log_ << "\n";
}

void TerminalObserver::finished(const index::IndexReport& report) {
  if (report.rebuild_abandoned)
    log_ << "interrupted: the rebuild is abandoned; " << options_.db.string()
         << " is as it was before this run\n";
  else if (report.interrupted)
    log_ << "interrupted: the articles read so far are committed; run again to finish\n";
  if (options_.verbosity > 0 && !report.ignored_keys.empty()) ignored_keys(report.ignored_keys);
  for (const std::string& warning : index::path_warnings(report)) log_ << "warning: " << warning << "\n";
  if (options_.verbosity > 0) {
    log_ << index::summary_line(report, options_.db);
    if (options_.dry_run) log_ << " (dry run: nothing written)";
    log_ << "\n";
  }
}

}  // namespace segugio::indexer
