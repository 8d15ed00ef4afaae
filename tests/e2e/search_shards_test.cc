// A stub naming a local shard and a remote one served by xapian-tcpsrv answers
// like one database holding everything: the matcher's pieces (BM25, facet
// spies, the recency posting source, the company bonus) are all built into
// Xapian, so they run on the server too. Skipped without xapian-tcpsrv.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "run_program.h"
#include "search_fixture.h"
#include "tcp_server.h"
#include "temp_dir.h"

using segugio::testing::run_search;
using segugio::testing::TcpServer;
using segugio::testing::TempDir;

namespace {

nlohmann::json json_of(const std::string& db, std::vector<std::string> args) {
  std::vector<std::string> all{"-d", db, "--today", "2024-03-20", "--format", "json", "-n", "50"};
  all.insert(all.end(), args.begin(), args.end());
  const auto r = run_search(all);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("a local and a remote shard answer like one database") {
  if (!std::filesystem::exists(TcpServer::kProgram)) {
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
  TcpServer server(dir.path() / "served");
  REQUIRE(server.running());
  const auto stub = dir.write("sharded.stub", "auto local\nremote " + server.address() + "\n");

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
