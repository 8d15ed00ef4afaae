#include "segugio/eval/index_speed.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <ostream>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "segugio/core/error.h"
#include "segugio/corpus/reader.h"
#include "segugio/corpus/source_file.h"
#include "segugio/eval/child_process.h"

namespace segugio::eval {

namespace fs = std::filesystem;

namespace {

// Times one indexing run; `compact` then writes the compacted copy to measure.
void measure(IndexRun& run, const std::vector<std::string>& argv, const fs::path& db,
             const fs::path& compact_to, const std::function<void()>& compact) {
  const ChildResult child = run_child(argv);
  if (!child.ok()) {
    run.problem = argv[0] + " exited with " + std::to_string(child.exit_code) + ": " +
                  child.err.substr(0, 300);
    return;
  }
  run.ran = true;
  run.seconds = child.seconds;
  run.peak_rss_bytes = child.peak_rss_bytes;
  run.cores_busy = child.seconds > 0 ? child.cpu_seconds / child.seconds : 0;
  run.db_bytes = disk_bytes(db);
  compact();
  run.compact_bytes = disk_bytes(compact_to);
}

}  // namespace

IndexSpeedReport run_index_speed(const IndexSpeedOptions& options, std::ostream& log) {
  IndexSpeedReport report;
  corpus::ProblemList problems;
  const fs::path omega_files = options.work_dir / "omega-files";
  // omindex reads a folder of articles as it is; a JSON Lines corpus is
  // turned into one text file per article for it.
  bool omega_needs_files = false;
  for (const fs::path& p : options.corpus) omega_needs_files |= !fs::is_directory(p);
  if (options.omindex && omega_needs_files) fs::create_directories(omega_files);
  for (const corpus::SourceFile& file : corpus::list_files(options.corpus, problems)) {
    report.file_bytes += file.size;
    corpus::read_file(
        file, {},
        [&](Article&& a) {
          report.text_bytes += a.title.size() + a.lead.size() + a.body.size() + a.code.size();
          if (options.omindex && omega_needs_files) {
            std::ofstream out(omega_files / (std::to_string(report.articles) + ".txt"));
            out << a.title << "\n\n" << a.lead << "\n\n" << a.body << "\n";
          }
          ++report.articles;
        },
        problems);
  }
  if (report.articles == 0) throw DataError("the corpus holds no article");

  for (const unsigned shards : options.shards) {
    for (const unsigned jobs : options.jobs) {
      IndexRun run;
      std::string flags = "-j" + std::to_string(jobs);
      if (shards > 1) flags += " --shards " + std::to_string(shards);
      run.engine = "segugio " + flags;
      log << "index: " << run.engine << "\n" << std::flush;
      const fs::path db = options.work_dir / ("segugio-j" + std::to_string(jobs) + "-s" +
                                              std::to_string(shards));
      std::vector<std::string> argv = {options.segugio_index.string(),
                                       "-q",
                                       "--full",
                                       "-j",
                                       std::to_string(jobs),
                                       "--shards",
                                       std::to_string(shards),
                                       "-d",
                                       db.string()};
      for (const fs::path& p : options.corpus) argv.push_back(p.string());
      if (!fs::exists(options.segugio_index))
        run.problem = options.segugio_index.string() + " not found";
      else
        // Segugio's own compacted copy, written by a second run that finds
        // nothing changed (untimed).
        measure(run, argv, db, db.string() + ".compact", [&] {
          std::vector<std::string> again = argv;
          again.erase(std::find(again.begin(), again.end(), "--full"));
          again.insert(again.begin() + 1, {"--compact", db.string() + ".compact"});
          const ChildResult c = run_child(again);
          if (!c.ok()) run.problem = "segugio-index --compact failed: " + c.err.substr(0, 300);
        });
      report.runs.push_back(run);
    }
  }
  if (options.omindex) {
    IndexRun run;
    run.engine = "omindex";
    log << "index: omindex\n" << std::flush;
    const fs::path db = options.work_dir / "omega-db";
    if (!find_program("omindex")) {
      run.problem = "omindex not found: apt-get install xapian-omega";
    } else {
      std::vector<std::string> argv = {
          "omindex",           "--db",        db.string(), "--url",         "/",
          "--stemmer=italian", "--overwrite", "-M",        "md:text/plain", "-M",
          "txt:text/plain"};
      if (omega_needs_files) {
        argv.push_back(omega_files.string());
      } else {
        for (const fs::path& p : options.corpus) argv.push_back(p.string());
      }
      const fs::path copy = db.string() + ".compact";
      measure(run, argv, db, copy, [&] {
        Xapian::Database(db.string()).compact(copy.string(), Xapian::DBCOMPACT_SINGLE_FILE);
      });
    }
    report.runs.push_back(run);
  }
  return report;
}

void write_index_speed_report(std::ostream& out, const IndexSpeedReport& report,
                              ReportFormat format) {
  const double text_mb = static_cast<double>(report.text_bytes) / 1e6;
  const auto ratio = [&](std::uint64_t bytes) {
    return report.text_bytes ? static_cast<double>(bytes) / static_cast<double>(report.text_bytes)
                             : 0.0;
  };
  if (format == ReportFormat::json) {
    nlohmann::json runs = nlohmann::json::array();
    for (const IndexRun& r : report.runs) {
      nlohmann::json j = {{"engine", r.engine}, {"ran", r.ran}};
      if (!r.ran) {
        j["problem"] = r.problem;
      } else {
        j["seconds"] = std::round(r.seconds * 100) / 100;
        j["articles_per_second"] = std::round(static_cast<double>(report.articles) / r.seconds);
        j["text_mb_per_second"] = std::round(text_mb / r.seconds * 100) / 100;
        j["peak_rss_bytes"] = r.peak_rss_bytes;
        j["cores_busy"] = std::round(r.cores_busy * 100) / 100;
        j["db_bytes"] = r.db_bytes;
        j["db_over_text"] = std::round(ratio(r.db_bytes) * 100) / 100;
        j["compact_bytes"] = r.compact_bytes;
        j["compact_over_text"] = std::round(ratio(r.compact_bytes) * 100) / 100;
      }
      runs.push_back(j);
    }
    out << nlohmann::json{{"articles", report.articles},
                          {"text_bytes", report.text_bytes},
                          {"file_bytes", report.file_bytes},
                          {"runs", runs}}
               .dump(2)
        << '\n';
    return;
  }
  char line[256];
  std::snprintf(line, sizeof line, "%-12s %8s %10s %8s %6s %10s %9s %7s %10s %7s\n", "engine",
                "seconds", "articles/s", "MB/s", "cores", "peak RSS", "database", "x text",
                "compacted", "x text");
  out << line;
  for (const IndexRun& r : report.runs) {
    if (!r.ran) {
      out << r.engine << ": did not run: " << r.problem << '\n';
      continue;
    }
    std::snprintf(line, sizeof line,
                  "%-12s %8.2f %10.0f %8.2f %6.2f %7.0f MB %6.1f MB %7.2f %7.1f MB %7.2f\n",
                  r.engine.c_str(), r.seconds, static_cast<double>(report.articles) / r.seconds,
                  text_mb / r.seconds, r.cores_busy, static_cast<double>(r.peak_rss_bytes) / 1e6,
                  static_cast<double>(r.db_bytes) / 1e6, ratio(r.db_bytes),
                  static_cast<double>(r.compact_bytes) / 1e6, ratio(r.compact_bytes));
    out << line;
  }
  std::snprintf(line, sizeof line, "%zu articles, %.1f MB of article text (%.1f MB of files)\n",
                report.articles, text_mb, static_cast<double>(report.file_bytes) / 1e6);
  out << line;
}

}  // namespace segugio::eval
