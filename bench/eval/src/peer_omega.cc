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

}  // namespace segugio::eval::peer
