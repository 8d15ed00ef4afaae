// The peers benchmark's engines (`segugio-bench peers`), one file each:
// peer_sqlite.cc, peer_postgres.cc, peer_omega.cc; what they share is here
// and in peers.cc. Internal to segugio_eval.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "segugio/eval/peers.h"

namespace segugio::eval::peer {

struct PeerDoc {
  std::string id;
  std::string title;
  std::string text;  // lead and body
};

double seconds_since(std::chrono::steady_clock::time_point start);

void write_file(const std::filesystem::path& path, const std::string& text);

// Lines "qid<TAB>docid<TAB>score" -> a run (rows of one query arrive best first).
Run parse_rows(const std::string& rows);

// The words of a query as unicode61 splits them: letters and digits (any byte
// of a multi-byte character counts as a letter) between separators, where the
// typographic quotes, apostrophes and dashes are separators too.
std::vector<std::string> fts_words(const std::string& text);

// The words of `text` ORed, each quoted: an FTS5 MATCH expression.
std::string fts_query(const std::string& text);

// `s` as an SQL string literal ('it''s').
std::string sql_literal(const std::string& s);

// Common frame of every engine: scores the run and fills the row.
void score(PeerResult& r, const Run& run, const Qrels& qrels, double query_seconds,
           std::size_t queries);

void run_sqlite(PeerResult& r, const PeersOptions& o, const std::vector<PeerDoc>& docs,
                const std::vector<BenchQuery>& queries, const Qrels& qrels);
void run_postgres(PeerResult& r, const PeersOptions& o, const std::vector<PeerDoc>& docs,
                  const std::vector<BenchQuery>& queries, const Qrels& qrels);
void run_omega(PeerResult& r, const PeersOptions& o, const std::vector<PeerDoc>& docs,
               const std::vector<BenchQuery>& queries, const Qrels& qrels);

}  // namespace segugio::eval::peer
