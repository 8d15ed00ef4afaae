// A stub naming a local shard and a remote one served by xapian-tcpsrv answers
// like one database holding everything: the matcher's pieces (BM25, facet
// spies, the recency posting source, the company bonus) are all built into
// Xapian, so they run on the server too. Skipped without xapian-tcpsrv.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "run_program.h"
#include "search_fixture.h"
#include "temp_dir.h"

extern char** environ;

using segugio::testing::run_search;
using segugio::testing::TempDir;

namespace {

constexpr char kServer[] = "/usr/bin/xapian-tcpsrv";

// xapian-tcpsrv serving one database on 127.0.0.1, stopped on destruction.
class Server {
 public:
  explicit Server(const std::string& db) {
    for (int attempt = 0; attempt < 5 && pid_ == 0; ++attempt) {
      const unsigned port = 20000 + static_cast<unsigned>((getpid() * 7 + attempt * 131) % 20000);
      const std::string port_text = std::to_string(port);
      std::vector<std::string> args{kServer, "--interface", "127.0.0.1", "--port", port_text, db};
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      posix_spawn_file_actions_t actions;
      posix_spawn_file_actions_init(&actions);
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
      posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
      // Its own process group: on SIGTERM the server signals its whole group.
      posix_spawnattr_t attributes;
      posix_spawnattr_init(&attributes);
      posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
      posix_spawnattr_setpgroup(&attributes, 0);
      pid_t pid = 0;
      const int rc = posix_spawn(&pid, kServer, &actions, &attributes, argv.data(), environ);
      posix_spawn_file_actions_destroy(&actions);
      posix_spawnattr_destroy(&attributes);
      if (rc != 0) return;
      if (wait_ready(pid, port)) {
        pid_ = pid;
        port_ = port;
      } else {
        stop(pid);
      }
    }
  }
  ~Server() {
    if (pid_ != 0) stop(pid_);
  }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  bool running() const { return pid_ != 0; }
  unsigned port() const { return port_; }

 private:
  static bool wait_ready(pid_t pid, unsigned port) {
    for (int i = 0; i < 100; ++i) {
      int status = 0;
      if (waitpid(pid, &status, WNOHANG) == pid) return false;  // it died: port taken?
      try {
        Xapian::Remote::open("127.0.0.1", port, 1000, 1000).get_doccount();
        return true;
      } catch (const Xapian::Error&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
    return false;
  }
  static void stop(pid_t pid) {
    if (pid <= 0) return;
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
  }

  pid_t pid_ = 0;
  unsigned port_ = 0;
};

nlohmann::json json_of(const std::string& db, std::vector<std::string> args) {
  std::vector<std::string> all{"-d", db, "--today", "2024-03-20", "--format", "json", "-n", "50"};
  all.insert(all.end(), args.begin(), args.end());
  const auto r = run_search(all);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("a local and a remote shard answer like one database") {
  if (!std::filesystem::exists(kServer)) {
    MESSAGE("xapian-tcpsrv not installed: skipped");
    return;
  }
  TempDir dir;
  const auto articles = segugio::testing::sample_articles();
  const std::vector<segugio::testing::FixtureArticle> first(articles.begin(), articles.begin() + 7);
  const std::vector<segugio::testing::FixtureArticle> second(articles.begin() + 7, articles.end());
  const std::string whole = (dir.path() / "whole").string();
  segugio::testing::write_database(whole, articles);
  segugio::testing::write_database(dir.path() / "local", first);
  segugio::testing::write_database(dir.path() / "served", second);
  Server server((dir.path() / "served").string());
  REQUIRE(server.running());
  const auto stub = dir.write("sharded.stub",
                              "auto local\nremote 127.0.0.1:" + std::to_string(server.port()) + "\n");

  const std::vector<std::vector<std::string>> queries = {
      {"cloud OR apple"},
      {"--company", "Google"},
      {"intelligenza artificiale", "--topic", "intelligenza-artificiale"},
      {"--recency", "vendite OR cloud"},
      {"Big G"},
      {"--sort", "date", "data:2024"},
  };
  for (const auto& q : queries) {
    CAPTURE(q.back());
    const auto a = json_of(whole, q);
    const auto b = json_of(stub.string(), q);
    CHECK(a["total"] == b["total"]);
    CHECK(a["facets"] == b["facets"]);
    REQUIRE(a["hits"].size() == b["hits"].size());
    std::set<std::string> ids_a, ids_b;
    for (std::size_t i = 0; i < a["hits"].size(); ++i) {
      ids_a.insert(a["hits"][i]["id"].get<std::string>());
      ids_b.insert(b["hits"][i]["id"].get<std::string>());
      // Merged weights equal one database's.
      CHECK(std::abs(a["hits"][i]["score"].get<double>() - b["hits"][i]["score"].get<double>()) <
            1e-9);
    }
    CHECK(ids_a == ids_b);
  }
  // Stored articles of remote hits are read too.
  const auto remote_hit = json_of(stub.string(), {"iPhone"});
  REQUIRE_FALSE(remote_hit["hits"].empty());
  CHECK(remote_hit["hits"][0]["title"] == "Apple presenta il nuovo iPhone");
  const auto info = run_search({"-d", stub.string(), "--info"});
  CHECK(info.exit_code == 0);
  CHECK(info.out.find("Shard:        2") != std::string::npos);
}
