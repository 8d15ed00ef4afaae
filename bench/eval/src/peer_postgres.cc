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

#include "segugio/core/error.h"
#include "segugio/eval/child_process.h"
#include "segugio/search/searcher.h"

namespace segugio::eval::peer {

namespace fs = std::filesystem;

namespace {

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

}  // namespace

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

}  // namespace segugio::eval::peer
