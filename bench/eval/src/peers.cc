#include "segugio/eval/peers.h"

#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>

#include <xapian.h>
#include <nlohmann/json.hpp>

#ifdef SEGUGIO_HAVE_SQLITE3
#include <sqlite3.h>
#endif

#include "segugio/core/error.h"
#include "segugio/corpus/reader.h"
#include "segugio/corpus/source_file.h"
#include "segugio/eval/child_process.h"
#include "segugio/search/searcher.h"
#include "peer_engines.h"

namespace segugio::eval {

namespace fs = std::filesystem;

namespace peer {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out.write(text.data(), static_cast<std::streamsize>(text.size())))
    throw DataError(path.string() + ": cannot write");
}

Run parse_rows(const std::string& rows) {
  Run run;
  std::istringstream in(rows);
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t t1 = line.find('\t');
    const std::size_t t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string::npos) continue;
    double score = 0;
    try {
      score = std::stod(line.substr(t2 + 1));
    } catch (const std::exception&) {
      continue;
    }
    run[line.substr(0, t1)].push_back({line.substr(t1 + 1, t2 - t1 - 1), score});
  }
  return run;
}

std::vector<std::string> fts_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    bool letter = std::isalnum(c) || c >= 0x80;
    // U+2018/2019/201C/201D/2013/2014/2026 (E2 80 xx) and « » (C2 AB, C2 BB).
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
      i += 2;
      letter = false;
    } else if (c == 0xC2 && i + 1 < text.size() &&
               (static_cast<unsigned char>(text[i + 1]) == 0xAB ||
                static_cast<unsigned char>(text[i + 1]) == 0xBB)) {
      i += 1;
      letter = false;
    }
    if (letter) {
      word += static_cast<char>(c);
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

std::string fts_query(const std::string& text) {
  std::string q;
  for (const std::string& w : fts_words(text)) q += (q.empty() ? "\"" : " OR \"") + w + "\"";
  return q;
}

std::string sql_literal(const std::string& s) {
  std::string out = "'";
  for (const char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

void score(PeerResult& r, const Run& run, const Qrels& qrels, double query_seconds,
           std::size_t queries) {
  r.mean = evaluate(run, qrels, {1, 10, 100}).mean;
  r.run = run;
  r.queries_per_second = query_seconds > 0 ? static_cast<double>(queries) / query_seconds : 0;
  r.ran = true;
}

}  // namespace peer

namespace {

using peer::PeerDoc;
using peer::score;

std::vector<PeerDoc> read_corpus(const fs::path& path) {
  if (!fs::exists(path)) throw DataError(path.string() + ": no such file or folder");
  corpus::ProblemList problems;
  std::vector<PeerDoc> docs;
  for (const corpus::SourceFile& file : corpus::list_files({path}, problems))
    corpus::read_file(
        file, {},
        [&](Article&& a) {
          std::string text = a.lead.empty() ? a.body : a.lead + "\n\n" + a.body;
          docs.push_back({a.id, a.title, std::move(text)});
        },
        problems);
  if (docs.empty()) throw DataError(path.string() + ": no article found");
  return docs;
}

// --- Segugio ---------------------------------------------------------------

void run_segugio(PeerResult& r, const PeersOptions& o, const std::vector<BenchQuery>& queries,
                 const Qrels& qrels) {
  r.setup = "segugio-index (all cores), Searcher with default RankingOptions";
  if (o.segugio_index.empty() || !fs::exists(o.segugio_index)) {
    r.problem = "segugio-index not found next to segugio-bench";
    return;
  }
  const fs::path db = o.work_dir / "segugio-db";
  const ChildResult indexed =
      run_child({o.segugio_index.string(), "-q", "--full", "-d", db.string(), o.corpus.string()});
  if (!indexed.ok()) {
    r.problem = "segugio-index failed: " + indexed.err.substr(0, 300);
    return;
  }
  r.index_seconds = indexed.seconds;
  r.index_bytes = disk_bytes(db);
  search::Searcher searcher(db);
  const BatchRun batch = run_batch(searcher, queries, search::RankingOptions{}, o.depth);
  score(r, batch.run, qrels, batch.seconds, queries.size());
}

std::string human_bytes(std::uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

}  // namespace

std::vector<std::string> parse_engines(const std::string& list) {
  std::vector<std::string> engines;
  std::istringstream in(list);
  std::string e;
  while (std::getline(in, e, ',')) {
    if (e != "segugio" && e != "sqlite" && e != "postgresql" && e != "omega")
      throw UsageError("--engines takes segugio, sqlite, postgresql and omega, not '" + e + "'");
    engines.push_back(e);
  }
  return engines;
}

PeersReport run_peers(const PeersOptions& options, std::ostream& log) {
  const std::vector<BenchQuery> queries = read_queries_file(options.queries.string());
  const Qrels qrels = read_qrels_file(options.qrels.string());
  const std::vector<PeerDoc> docs = read_corpus(options.corpus);
  PeersReport report;
  report.articles = docs.size();
  report.queries = queries.size();
  for (const std::string& engine : options.engines) {
    log << "peers: " << engine << "\n" << std::flush;
    PeerResult r;
    r.engine = engine;
    try {
      if (engine == "segugio")
        run_segugio(r, options, queries, qrels);
      else if (engine == "sqlite")
        peer::run_sqlite(r, options, docs, queries, qrels);
      else if (engine == "postgresql")
        peer::run_postgres(r, options, docs, queries, qrels);
      else if (engine == "omega")
        peer::run_omega(r, options, docs, queries, qrels);
    } catch (const std::exception& e) {
      // One engine failing leaves the others to run.
      r.ran = false;
      r.problem = e.what();
    }
    report.results.push_back(std::move(r));
  }
  return report;
}

void write_peers_report(std::ostream& out, const PeersReport& report, ReportFormat format) {
  if (format == ReportFormat::json) {
    nlohmann::json rows = nlohmann::json::array();
    for (const PeerResult& r : report.results) {
      nlohmann::json row = {{"engine", r.engine}, {"setup", r.setup}, {"ran", r.ran}};
      if (!r.ran) {
        row["problem"] = r.problem;
      } else {
        for (const std::size_t k : {1, 10, 100})
          row["recall@" + std::to_string(k)] = std::round(r.mean.recall.at(k) * 1e6) / 1e6;
        row["mrr@10"] = std::round(r.mean.mrr10 * 1e6) / 1e6;
        row["ndcg@10"] = std::round(r.mean.ndcg10 * 1e6) / 1e6;
        row["index_seconds"] = std::round(r.index_seconds * 100) / 100;
        row["index_bytes"] = r.index_bytes;
        row["queries_per_second"] = std::round(r.queries_per_second * 10) / 10;
      }
      rows.push_back(row);
    }
    out << nlohmann::json{{"articles", report.articles},
                          {"queries", report.queries},
                          {"engines", rows},
                          {"measures", std::string(kMeasureNotes)}}
               .dump(2)
        << '\n';
    return;
  }
  char line[256];
  std::snprintf(line, sizeof line, "%-11s %7s %7s %7s %7s %8s %9s %10s %9s\n", "engine", "R@1",
                "R@10", "R@100", "MRR@10", "nDCG@10", "index s", "index", "queries/s");
  out << line;
  for (const PeerResult& r : report.results) {
    if (!r.ran) {
      out << r.engine << std::string(r.engine.size() < 12 ? 12 - r.engine.size() : 1, ' ')
          << "did not run: " << r.problem << '\n';
      continue;
    }
    std::snprintf(line, sizeof line, "%-11s %7.4f %7.4f %7.4f %7.4f %8.4f %9.2f %10s %9.0f\n",
                  r.engine.c_str(), r.mean.recall.at(1), r.mean.recall.at(10),
                  r.mean.recall.at(100), r.mean.mrr10, r.mean.ndcg10, r.index_seconds,
                  human_bytes(r.index_bytes).c_str(), r.queries_per_second);
    out << line;
  }
  out << report.articles << " articles, " << report.queries << " queries\n";
  for (const PeerResult& r : report.results)
    if (r.ran) out << r.engine << ": " << r.setup << '\n';
  out << "note: " << kMeasureNotes << '\n';
}

std::vector<fs::path> write_peer_runs(const fs::path& dir, const PeersReport& report) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw DataError(dir.string() + ": cannot create folder (" + ec.message() + ")");
  std::vector<fs::path> written;
  for (const PeerResult& r : report.results) {
    if (!r.ran) continue;
    const fs::path path = dir / (r.engine + ".run");
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (out) write_run(out, r.run, r.engine);
    if (!out.flush()) throw DataError(path.string() + ": cannot write");
    written.push_back(path);
  }
  return written;
}

}  // namespace segugio::eval

