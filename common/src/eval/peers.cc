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

namespace segugio::eval {

namespace fs = std::filesystem;

namespace {

struct PeerDoc {
  std::string id;
  std::string title;
  std::string text;  // lead and body
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

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

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out.write(text.data(), static_cast<std::streamsize>(text.size())))
    throw DataError(path.string() + ": cannot write");
}

// Lines "qid<TAB>docid<TAB>score" -> a run (rows of one query arrive best first).
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

// The words of a query as unicode61 splits them: letters and digits (any byte
// of a multi-byte character counts as a letter) between separators, where the
// typographic quotes, apostrophes and dashes are separators too.
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

#ifndef SEGUGIO_HAVE_SQLITE3
std::string sql_literal(const std::string& s) {
  std::string out = "'";
  for (const char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}
#endif

// Common frame of every engine: scores the run and fills the row.
void score(PeerResult& r, const Run& run, const Qrels& qrels, double query_seconds,
           std::size_t queries) {
  r.mean = evaluate(run, qrels, {1, 10, 100}).mean;
  r.queries_per_second = query_seconds > 0 ? static_cast<double>(queries) / query_seconds : 0;
  r.ran = true;
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

// --- SQLite FTS5 -----------------------------------------------------------

constexpr const char* kSqliteSchema =
    "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
    "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
    "tokenize = 'unicode61 remove_diacritics 2');";

void run_sqlite(PeerResult& r, const PeersOptions& o, const std::vector<PeerDoc>& docs,
                const std::vector<BenchQuery>& queries, const Qrels& qrels) {
  const fs::path db = o.work_dir / "fts5.sqlite";
  Run run;
  double query_seconds = 0;
#ifdef SEGUGIO_HAVE_SQLITE3
  r.setup = "FTS5 through libsqlite3 " + std::string(sqlite3_libversion()) +
            ", unicode61 remove_diacritics 2, bm25(), words ORed";
  sqlite3* handle = nullptr;
  if (sqlite3_open(db.c_str(), &handle) != SQLITE_OK) {
    r.problem = "cannot create " + db.string();
    sqlite3_close(handle);
    return;
  }
  const std::unique_ptr<sqlite3, int (*)(sqlite3*)> owner(handle, sqlite3_close);
  const auto check = [&](int rc, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
      throw DataError(std::string("sqlite: ") + what + ": " + sqlite3_errmsg(handle));
  };
  auto start = std::chrono::steady_clock::now();
  check(sqlite3_exec(handle, kSqliteSchema, nullptr, nullptr, nullptr), "schema");
  check(sqlite3_exec(handle, "BEGIN", nullptr, nullptr, nullptr), "begin");
  sqlite3_stmt* insert = nullptr;
  check(sqlite3_prepare_v2(handle, "INSERT INTO docs(id, title, body) VALUES (?1, ?2, ?3)", -1,
                           &insert, nullptr),
        "prepare insert");
  for (const PeerDoc& d : docs) {
    sqlite3_bind_text(insert, 1, d.id.c_str(), static_cast<int>(d.id.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert, 2, d.title.c_str(), static_cast<int>(d.title.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert, 3, d.text.c_str(), static_cast<int>(d.text.size()), SQLITE_STATIC);
    check(sqlite3_step(insert), "insert");
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  check(sqlite3_exec(handle, "COMMIT; INSERT INTO docs(docs) VALUES('optimize');", nullptr, nullptr,
                     nullptr),
        "commit");
  r.index_seconds = seconds_since(start);
  sqlite3_stmt* select = nullptr;
  check(sqlite3_prepare_v2(handle,
                           "SELECT id, bm25(docs) FROM docs WHERE docs MATCH ?1 "
                           "ORDER BY bm25(docs) LIMIT ?2",
                           -1, &select, nullptr),
        "prepare select");
  start = std::chrono::steady_clock::now();
  for (const BenchQuery& q : queries) {
    const std::string match = fts_query(q.text);
    std::vector<RankedDoc>& hits = run[q.id];
    if (match.empty()) continue;
    sqlite3_bind_text(select, 1, match.c_str(), static_cast<int>(match.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int(select, 2, static_cast<int>(o.depth));
    while (sqlite3_step(select) == SQLITE_ROW)
      hits.push_back({reinterpret_cast<const char*>(sqlite3_column_text(select, 0)),
                      -sqlite3_column_double(select, 1)});  // bm25(): lower is better
    sqlite3_reset(select);
  }
  sqlite3_finalize(select);
  query_seconds = seconds_since(start);
#else
  if (!find_program("sqlite3")) {
    r.problem = "sqlite3 not found: apt-get install sqlite3";
    return;
  }
  r.setup = "FTS5 through the sqlite3 program, unicode61 remove_diacritics 2, bm25(), words ORed";
  std::string load = std::string(kSqliteSchema) + "BEGIN;\n";
  for (const PeerDoc& d : docs)
    load += "INSERT INTO docs(id, title, body) VALUES (" + sql_literal(d.id) + "," +
            sql_literal(d.title) + "," + sql_literal(d.text) + ");\n";
  load += "COMMIT;\nINSERT INTO docs(docs) VALUES('optimize');\n";
  write_file(o.work_dir / "fts5-load.sql", load);
  const ChildResult loaded =
      run_child({"sqlite3", "-batch", db.string()}, {o.work_dir / "fts5-load.sql", {}, 1u << 20});
  if (!loaded.ok()) {
    r.problem = "sqlite3 failed: " + loaded.err.substr(0, 300);
    return;
  }
  r.index_seconds = loaded.seconds;
  std::string select;
  for (const BenchQuery& q : queries) {
    const std::string match = fts_query(q.text);
    if (match.empty()) continue;
    select += "SELECT " + sql_literal(q.id) + ", id, -bm25(docs) FROM docs WHERE docs MATCH " +
              sql_literal(match) + " ORDER BY bm25(docs) LIMIT " + std::to_string(o.depth) + ";\n";
  }
  write_file(o.work_dir / "fts5-queries.sql", select);
  const ChildResult answered = run_child({"sqlite3", "-batch", "-separator", "\t", db.string()},
                                         {o.work_dir / "fts5-queries.sql", {}, 1u << 30});
  if (!answered.ok()) {
    r.problem = "sqlite3 failed: " + answered.err.substr(0, 300);
    return;
  }
  run = parse_rows(answered.out);
  query_seconds = answered.seconds;
#endif
  r.index_bytes = disk_bytes(db);
  score(r, run, qrels, query_seconds, queries.size());
}

// --- PostgreSQL ------------------------------------------------------------

std::optional<fs::path> postgres_bin() {
  std::error_code ec;
  std::vector<fs::path> found;
  for (const auto& e : fs::directory_iterator("/usr/lib/postgresql", ec))
    if (fs::exists(e.path() / "bin/initdb")) found.push_back(e.path() / "bin");
  if (found.empty()) return std::nullopt;
  std::sort(found.begin(), found.end(), [](const fs::path& a, const fs::path& b) {
    return std::stoi(a.parent_path().filename().string()) <
           std::stoi(b.parent_path().filename().string());
  });
  return found.back();
}

int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw DataError("cannot open a socket to find a free port");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    close(fd);
    throw DataError("cannot find a free port on 127.0.0.1");
  }
  close(fd);
  return ntohs(addr.sin_port);
}

// A throw-away PostgreSQL cluster; the destructor stops it and removes it.
class PostgresCluster {
 public:
  PostgresCluster(fs::path bin, std::vector<std::string> as_user)
      : bin_(std::move(bin)), as_user_(std::move(as_user)) {
    char pattern[] = "/tmp/segugio-pg-XXXXXX";
    if (mkdtemp(pattern) == nullptr) throw DataError("cannot create a folder for PostgreSQL");
    dir_ = pattern;
    if (!as_user_.empty()) {
      const passwd* pw = getpwnam("postgres");
      if (pw == nullptr || chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0)
        throw DataError("cannot give " + dir_.string() + " to the postgres user");
    }
    port_ = free_port();
  }
  ~PostgresCluster() {
    try {
      if (started_)
        run_child(command({(bin_ / "pg_ctl").string(), "-D", (dir_ / "data").string(), "-m", "fast",
                           "-w", "stop"}));
    } catch (const std::exception&) {
      // A destructor must not throw; the server log in dir_ is gone with it.
    }
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;

  // Empty on success, else what went wrong.
  std::string start() {
    const ChildResult init =
        run_child(command({(bin_ / "initdb").string(), "-D", (dir_ / "data").string(), "-A",
                           "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"}));
    if (!init.ok()) return "initdb failed: " + init.err.substr(0, 300);
    const std::string server_options = "-p " + std::to_string(port_) + " -k " + dir_.string() +
                                       " -c listen_addresses=127.0.0.1 -c fsync=off"
                                       " -c synchronous_commit=off -c full_page_writes=off";
    const ChildResult started =
        run_child(command({(bin_ / "pg_ctl").string(), "-D", (dir_ / "data").string(), "-l",
                           (dir_ / "server.log").string(), "-o", server_options, "-w", "start"}));
    if (!started.ok()) return "pg_ctl start failed: " + started.err.substr(0, 300);
    started_ = true;
    return {};
  }

  ChildResult psql(const fs::path& script) const {
    return run_child(
        {"psql", "-X", "-q", "-At", "-F", "\t", "-h", "127.0.0.1", "-p", std::to_string(port_),
         "-U", "postgres", "-d", "postgres", "-f", script.string()},
        {{}, {}, 1u << 30});
  }

 private:
  std::vector<std::string> command(std::vector<std::string> argv) const {
    std::vector<std::string> full = as_user_;
    full.insert(full.end(), argv.begin(), argv.end());
    return full;
  }

  fs::path bin_;
  std::vector<std::string> as_user_;
  fs::path dir_;
  int port_ = 0;
  bool started_ = false;
};

// COPY's text format: backslash, tab, newline and carriage return escaped.
std::string copy_field(const std::string& s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// $q$...$q$ quoting; the text cannot close it early.
std::string dollar_quoted(std::string s) {
  for (std::size_t at; (at = s.find("$q$")) != std::string::npos;) s.replace(at, 3, "$ q$");
  return "$q$" + s + "$q$";
}

void run_postgres(PeerResult& r, const PeersOptions& o, const std::vector<PeerDoc>& docs,
                  const std::vector<BenchQuery>& queries, const Qrels& qrels) {
  r.setup =
      "PostgreSQL full text, 'italian' configuration, GIN, ts_rank over the OR of "
      "plainto_tsquery's lexemes";
  const std::optional<fs::path> bin = postgres_bin();
  if (!bin || !find_program("psql")) {
    r.problem = "PostgreSQL not found: apt-get install postgresql";
    return;
  }
  std::vector<std::string> as_user;
  if (geteuid() == 0) {
    if (!find_program("runuser")) {
      r.problem = "running as root and runuser is missing: apt-get install util-linux";
      return;
    }
    as_user = {"runuser", "-u", "postgres", "--"};
  }
  PostgresCluster cluster(*bin, as_user);
  if (const std::string problem = cluster.start(); !problem.empty()) {
    r.problem = problem;
    return;
  }
  std::string load =
      "CREATE TABLE docs (id text, title text, body text, tsv tsvector GENERATED ALWAYS AS "
      "(to_tsvector('italian', coalesce(title, '') || ' ' || coalesce(body, ''))) STORED);\n"
      "COPY docs (id, title, body) FROM STDIN;\n";
  for (const PeerDoc& d : docs)
    load += copy_field(d.id) + "\t" + copy_field(d.title) + "\t" + copy_field(d.text) + "\n";
  load +=
      "\\.\nCREATE INDEX docs_tsv ON docs USING gin (tsv);\nVACUUM ANALYZE docs;\n"
      "SELECT pg_total_relation_size('docs');\n";
  write_file(o.work_dir / "pg-load.sql", load);
  const ChildResult loaded = cluster.psql(o.work_dir / "pg-load.sql");
  if (!loaded.ok()) {
    r.problem = "loading failed: " + loaded.err.substr(0, 300);
    return;
  }
  r.index_seconds = loaded.seconds;
  // The last line printed is pg_total_relation_size().
  std::istringstream printed(loaded.out);
  for (std::string row; std::getline(printed, row);) {
    if (row.empty() || row.find_first_not_of("0123456789") != std::string::npos) continue;
    r.index_bytes = std::stoull(row);
  }
  std::string select = "SET client_min_messages = warning;\n";
  for (const BenchQuery& q : queries)
    select += "SELECT " + dollar_quoted(q.id) +
              ", id, ts_rank(tsv, q) AS rank FROM docs, "
              "CAST(replace(CAST(plainto_tsquery('italian', " +
              dollar_quoted(q.text) +
              ") AS text), '&', '|') AS tsquery) AS q WHERE tsv @@ q ORDER BY rank DESC, id "
              "LIMIT " +
              std::to_string(o.depth) + ";\n";
  write_file(o.work_dir / "pg-queries.sql", select);
  const ChildResult answered = cluster.psql(o.work_dir / "pg-queries.sql");
  if (!answered.ok()) {
    r.problem = "queries failed: " + answered.err.substr(0, 300);
    return;
  }
  score(r, parse_rows(answered.out), qrels, answered.seconds, queries.size());
}

// --- Xapian Omega ----------------------------------------------------------

void run_omega(PeerResult& r, const PeersOptions& o, const std::vector<PeerDoc>& docs,
               const std::vector<BenchQuery>& queries, const Qrels& qrels) {
  r.setup =
      "omindex --stemmer=italian over one .txt per article; quest's QueryParser "
      "(Stem italian, STEM_SOME, default OR, BM25) in process";
  if (!find_program("omindex")) {
    r.problem = "omindex not found: apt-get install xapian-omega";
    return;
  }
  const fs::path files = o.work_dir / "omega-files";
  const fs::path db = o.work_dir / "omega-db";
  fs::create_directories(files);
  for (std::size_t i = 0; i < docs.size(); ++i)
    write_file(files / (std::to_string(i) + ".txt"), docs[i].title + "\n\n" + docs[i].text + "\n");
  const ChildResult indexed =
      run_child({"omindex", "--db", db.string(), "--url", "/", "--stemmer=italian", "--overwrite",
                 "-M", "txt:text/plain", files.string()});
  if (!indexed.ok()) {
    r.problem = "omindex failed: " + indexed.err.substr(0, 300);
    return;
  }
  r.index_seconds = indexed.seconds;
  r.index_bytes = disk_bytes(db);

  const auto start = std::chrono::steady_clock::now();
  Xapian::Database database(db.string());
  Xapian::Enquire enquire(database);
  Xapian::QueryParser parser;
  parser.set_database(database);
  parser.set_stemmer(Xapian::Stem("italian"));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_OR);
  Run run;
  for (const BenchQuery& q : queries) {
    std::vector<RankedDoc>& hits = run[q.id];
    Xapian::Query query;
    try {
      query = parser.parse_query(q.text, Xapian::QueryParser::FLAG_DEFAULT);
    } catch (const Xapian::QueryParserError&) {
      continue;  // quest prints the error and finds nothing
    }
    enquire.set_query(query);
    const Xapian::MSet mset = enquire.get_mset(0, o.depth);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      // Document data holds "url=/123.txt": the article's position in `docs`.
      const std::string data = it.get_document().get_data();
      const std::size_t at = data.find("url=/");
      if (at == std::string::npos) continue;
      const std::size_t n = std::strtoul(data.c_str() + at + 5, nullptr, 10);
      if (n < docs.size()) hits.push_back({docs[n].id, it.get_weight()});
    }
  }
  score(r, run, qrels, seconds_since(start), queries.size());
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
        run_sqlite(r, options, docs, queries, qrels);
      else if (engine == "postgresql")
        run_postgres(r, options, docs, queries, qrels);
      else if (engine == "omega")
        run_omega(r, options, docs, queries, qrels);
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

}  // namespace segugio::eval
