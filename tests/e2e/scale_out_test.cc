// Scale-out through Xapian's remote backend (docs/scale-out.md): the bundled
// corpus indexed into 3 shards, two served by xapian-tcpsrv on loopback and
// one local, answers like one database holding everything (hits, order,
// scores, facets); a shard that stops answering is an error naming it, or,
// with --allow-partial, left out with a warning. Servers listen on ports found
// free at run time and are always stopped. Skipped without xapian-tcpsrv.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "run_program.h"
#include "segugio/core/error.h"
#include "segugio/search/searcher.h"
#include "tcp_server.h"
#include "temp_dir.h"

namespace fs = std::filesystem;
using segugio::testing::run_index;
using segugio::testing::run_search;
using segugio::testing::TcpServer;
using segugio::testing::TempDir;

namespace {

// Seconds a search the test expects to be answered may take. The timeout
// cases set their own; this one is generous because ctest runs the suites
// side by side (and CI builds beside them), and a loaded machine must not
// turn a correct answer into "not answering".
constexpr int kPatientSeconds = 60;

nlohmann::json json_of(const fs::path& db, const std::vector<std::string>& args,
                       const std::vector<std::string>& more = {}) {
  std::vector<std::string> all{"-d",     db.string(), "--today", "2024-03-20", "--format",
                               "json",   "-n",        "100",     "--timeout",
                               std::to_string(kPatientSeconds)};
  all.insert(all.end(), more.begin(), more.end());
  all.insert(all.end(), args.begin(), args.end());
  const auto r = run_search(all);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return nlohmann::json::parse(r.out);
}

// Same hits in the same order, same scores (to 1e-9), same facets and total.
void check_same(const nlohmann::json& one, const nlohmann::json& sharded) {
  CHECK(one["total"] == sharded["total"]);
  CHECK(one["facets"] == sharded["facets"]);
  REQUIRE(one["hits"].size() == sharded["hits"].size());
  for (std::size_t i = 0; i < one["hits"].size(); ++i) {
    const auto& a = one["hits"][i];
    const auto& b = sharded["hits"][i];
    CAPTURE(i);
    CHECK(a["id"] == b["id"]);
    CHECK(std::abs(a["score"].get<double>() - b["score"].get<double>()) < 1e-9);
    CHECK(a["title"] == b["title"]);
    CHECK(a["snippet"] == b["snippet"]);
    CHECK(a["similar"] == b["similar"]);
  }
  CHECK(sharded["missing_shards"].empty());
}

void index_or_fail(const std::vector<std::string>& args) {
  const auto r = run_index(args);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
}

// Queries with text, filters, facets, sorting, collapse and more-like-this.
const std::vector<std::vector<std::string>> kQueries = {
    {"intelligenza artificiale"},
    {"rete OR fibra OR 5G"},
    {"--company", "Apple"},
    {"chip", "--from", "2021", "--to", "2024-06"},
    {"--topic", "intelligenza-artificiale", "--sort", "date"},
    {"data:2023"},
    {"--collapse", "smartphone OR telefono"},
    {"--recency", "ricavi OR miliardi"},
    {"--facets-only", "azienda:Microsoft OR azienda:Google"},
    {"-n", "5", "--offset", "3", "acquisizione OR fusione"},
    // Counted against a bitmap of the matches locally, one query per value remotely.
    {"--facet", "author,source,tag,section", "rete OR chip OR dati"},
};

}  // namespace

TEST_CASE("three shards, two served by xapian-tcpsrv, answer like one database") {
  if (!fs::exists(TcpServer::kProgram)) {
    MESSAGE("xapian-tcpsrv not installed (Debian: xapian-tools): skipped");
    return;
  }
  TempDir dir;
  const fs::path corpus = SEGUGIO_CORPUS_DIR;
  const fs::path whole = dir.path() / "whole";
  const fs::path sharded = dir.path() / "sharded";
  index_or_fail({"-q", "-d", whole.string(), corpus.string()});
  index_or_fail({"-q", "--shards", "3", "-d", sharded.string(), corpus.string()});

  TcpServer first(sharded / "shard-00");
  TcpServer second(sharded / "shard-01");
  REQUIRE(first.running());
  REQUIRE(second.running());
  // The stub lives elsewhere: `auto` resolves from the stub's folder.
  const fs::path stub = dir.write("cluster/segugio.stub",
                                  "# two shards served, one local\n"
                                  "remote " + first.address() + "\n"
                                  "remote " + second.address() + "\n"
                                  "auto ../sharded/shard-02\n");

  SUBCASE("hits, order, scores and facets equal one database's") {
    for (const auto& q : kQueries) {
      CAPTURE(q.back());
      check_same(json_of(whole, q), json_of(stub, q));
    }
    // --like needs an id of the corpus: the best hit of a query.
    const auto top = json_of(whole, {"intelligenza artificiale"});
    REQUIRE_FALSE(top["hits"].empty());
    const std::string id = top["hits"][0]["id"].get<std::string>();
    check_same(json_of(whole, {"--like", id}), json_of(stub, {"--like", id}));
    const auto info = run_search({"-d", stub.string(), "--info"});
    CHECK(info.exit_code == 0);
    CHECK(info.out.find("Shard:        3") != std::string::npos);
  }

  SUBCASE("a stopped shard: an error naming it, or --allow-partial") {
    const auto all = json_of(stub, {"intelligenza OR rete OR chip"});
    second.stop();
    const auto refused =
        run_search({"-d", stub.string(), "--timeout", "5", "intelligenza OR rete OR chip"});
    CHECK(refused.exit_code == 1);
    CHECK(refused.err.find("segugio-search: shard remote " + second.address() +
                           " is not answering (connection refused)") != std::string::npos);
    const auto partial_run =
        run_search({"-d", stub.string(), "--allow-partial", "--format", "json", "--today",
                    "2024-03-20", "-n", "100", "intelligenza OR rete OR chip"});
    REQUIRE_MESSAGE(partial_run.exit_code == 0, partial_run.err);
    CHECK(partial_run.err.find("warning") != std::string::npos);
    CHECK(partial_run.err.find("remote " + second.address()) != std::string::npos);
    CHECK(std::count(partial_run.err.begin(), partial_run.err.end(), '\n') == 1);
    const auto partial = nlohmann::json::parse(partial_run.out);
    CHECK(partial["total"].get<unsigned>() < all["total"].get<unsigned>());
    CHECK(partial["hits"].size() < all["hits"].size());
    REQUIRE(partial["missing_shards"].size() == 1);
    CHECK(partial["missing_shards"][0]["shard"] == "remote " + second.address());
    CHECK(partial["missing_shards"][0]["reason"] == "connection refused");
  }

  SUBCASE("a shard that accepts but never answers times out") {
    first.pause();
    const auto start = std::chrono::steady_clock::now();
    const auto slow = run_search({"-d", stub.string(), "--timeout", "1", "rete"});
    const auto took = std::chrono::steady_clock::now() - start;
    first.resume();
    CHECK(slow.exit_code == 1);
    CHECK(slow.err.find("shard remote " + first.address() + " is not answering (no answer") !=
          std::string::npos);
    CHECK(took < std::chrono::seconds(8));
  }

  SUBCASE("a shard that fails between two searches") {
    segugio::search::SearchOptions options;
    options.query = "intelligenza OR rete OR chip";
    options.today = segugio::Date{2024, 3, 20};
    options.limit = 100;
    {
      segugio::search::Searcher strict(stub, {kPatientSeconds, false});
      const auto before = strict.search(options);
      CHECK(before.missing_shards.empty());
      first.stop();
      try {
        strict.search(options);
        FAIL("a search with a stopped shard answered");
      } catch (const segugio::DatabaseError& e) {
        CHECK(std::string(e.what()).find("shard remote " + first.address()) !=
              std::string::npos);
      }
    }
    TcpServer again(sharded / "shard-00");
    REQUIRE(again.running());
    const fs::path stub2 = dir.write("cluster/again.stub",
                                     "remote " + again.address() + "\n"
                                     "remote " + second.address() + "\n"
                                     "auto ../sharded/shard-02\n");
    segugio::search::Searcher lenient(stub2, {kPatientSeconds, true});
    const auto before = lenient.search(options);
    CHECK(before.missing_shards.empty());
    again.stop();
    // The search meets the dead connection, reopens without it and runs again.
    const auto after = lenient.search(options);
    REQUIRE(after.missing_shards.size() == 1);
    CHECK(after.missing_shards[0].shard == "remote " + again.address());
    CHECK(after.total < before.total);
    CHECK(after.total > 0);
  }
}

TEST_CASE("shards built apart with --id-prefix, listed in one hand-written stub") {
  if (!fs::exists(TcpServer::kProgram)) {
    MESSAGE("xapian-tcpsrv not installed (Debian: xapian-tools): skipped");
    return;
  }
  TempDir dir;
  const fs::path corpus = SEGUGIO_CORPUS_DIR;
  // Two "machines", each indexing its own folders into its own database.
  const std::vector<std::string> north{(corpus / "2019").string(), (corpus / "2020").string(),
                                       (corpus / "2021").string(), (corpus / "2022").string()};
  const std::vector<std::string> south{(corpus / "2023").string(), (corpus / "2024").string(),
                                       (corpus / "2025").string(), (corpus / "2026").string()};
  auto index = [&](const fs::path& db, const std::string& prefix,
                   const std::vector<std::string>& paths) {
    std::vector<std::string> args{"-q", "--id-prefix", prefix, "-d", db.string()};
    args.insert(args.end(), paths.begin(), paths.end());
    index_or_fail(args);
  };
  const fs::path a = dir.path() / "north";
  const fs::path b = dir.path() / "south";
  const fs::path whole = dir.path() / "whole";
  index(a, "nord/", north);
  index(b, "sud/", south);
  index(whole, "nord/", north);
  index(whole, "sud/", south);

  TcpServer server(b);
  REQUIRE(server.running());
  const fs::path stub = dir.write("all.stub", "auto north\nremote " + server.address() + "\n");
  for (const auto& q : kQueries) {
    CAPTURE(q.back());
    check_same(json_of(whole, q), json_of(stub, q));
  }
  const auto hits = json_of(stub, {"rete OR chip OR intelligenza"});
  bool north_seen = false, south_seen = false;
  for (const auto& h : hits["hits"]) {
    const std::string id = h["id"].get<std::string>();
    north_seen = north_seen || id.rfind("nord/", 0) == 0;
    south_seen = south_seen || id.rfind("sud/", 0) == 0;
  }
  CHECK(north_seen);
  CHECK(south_seen);
}

TEST_CASE("stub lines Xapian 1.4 would read otherwise are refused with a hint") {
  TempDir dir;
  struct Case {
    const char* line;
    const char* message;
  };
  const Case cases[] = {
      // Xapian reads a leading colon as a program to run, not a port.
      {"remote :7001", "for port 7001 on this machine write remote 127.0.0.1:7001"},
      {"remote ::1:7001", "an IPv6 address is written remote [ADDRESS]:PORT"},
      {"remote host", "a remote shard is written remote HOST:PORT"},
      {"tcp 127.0.0.1 7001", "not a stub line"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.line);
    const fs::path stub = dir.write("bad.stub", std::string(c.line) + "\n");
    const auto r = run_search({"-d", stub.string(), "rete"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(c.message) != std::string::npos);
    CHECK(r.err.find("line 1") != std::string::npos);
  }
  const auto usage = run_search({"-d", "x", "--timeout", "0", "rete"});
  CHECK(usage.exit_code == 2);
}
