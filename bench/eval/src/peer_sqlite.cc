#include "peer_engines.h"

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
#include "segugio/eval/child_process.h"
#include "segugio/search/searcher.h"

namespace segugio::eval::peer {

namespace fs = std::filesystem;

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

}  // namespace segugio::eval::peer
