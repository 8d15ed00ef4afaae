// A sharded database answers exactly like one database holding the same
// articles, on a generated corpus large enough for Xapian's matcher to take
// its shortcuts: the same hits, in the same order, with the same scores, for
// every query of a drawn set. Caught Xapian 1.4.22 dropping a top-10 hit
// (early termination with Segugio's AND_MAYBE bonuses).
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "run_program.h"
#include "segugio/eval/latency.h"
#include "segugio/eval/synthetic_corpus.h"
#include "segugio/search/searcher.h"
#include "temp_dir.h"
#include "skip.h"

namespace fs = std::filesystem;
using segugio::testing::run_index;
using segugio::testing::TempDir;

TEST_CASE("4 shards rank 200 title queries exactly as one database does") {
  if (!fs::exists("/usr/share/dict/italian")) {
    return segugio::testing::skip("/usr/share/dict/italian missing (apt-get install witalian)");
  }
  TempDir dir;
  segugio::eval::SyntheticCorpusOptions corpus;
  corpus.articles = 2000;
  corpus.seed = 5;
  corpus.format = segugio::eval::CorpusFormat::jsonl;
  segugio::eval::write_synthetic_corpus(corpus, dir.path() / "corpus");
  const fs::path one = dir.path() / "one", four = dir.path() / "four";
  for (const auto& [db, shards] : {std::pair{one, "1"}, std::pair{four, "4"}}) {
    const auto r = run_index({"-q", "-j2", "--shards", shards, "-d", db.string(),
                              (dir.path() / "corpus").string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  }

  segugio::search::Searcher single(one), sharded(four);
  const auto queries = segugio::eval::title_queries(single, one, 200, 3);
  REQUIRE(queries.size() == 200);
  for (const bool facets : {false, true}) {
    for (const auto& q : queries) {
      CAPTURE(q.text);
      CAPTURE(facets);
      segugio::search::SearchOptions o;
      o.query = q.text;
      o.limit = 10;
      o.facets = facets;
      o.articles = false;
      const auto a = single.search(o), b = sharded.search(o);
      REQUIRE(a.hits.size() == b.hits.size());
      for (std::size_t i = 0; i < a.hits.size(); ++i) {
        CAPTURE(i);
        CHECK(a.hits[i].id == b.hits[i].id);
        CHECK(std::abs(a.hits[i].score - b.hits[i].score) < 1e-9 * (1 + a.hits[i].score));
      }
    }
  }
}
