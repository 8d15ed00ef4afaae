// The thinnest search path: free text through the Italian analyzer, BM25, top
// hits. The query language, facets and formats grow from here.
#include "segugio/search/searcher.h"

#include <ostream>

#include <xapian.h>

#include "segugio/analysis/analyzer.h"
#include "segugio/core/error.h"

namespace segugio::search {

SearchResult search(const SearchOptions& options) {
  Xapian::Database db;
  try {
    db = Xapian::Database(options.db.string());
  } catch (const Xapian::Error& e) {
    throw DatabaseError(options.db.string() + ": " + e.get_msg());
  }
  analysis::Analyzer analyzer;
  const analysis::Analysis analysis = analyzer.analyze(options.query);
  std::vector<Xapian::Query> words;
  for (const analysis::Word& w : analysis.words) {
    if (w.stopword) continue;
    words.emplace_back(Xapian::Query::OP_SYNONYM, w.terms.begin(), w.terms.end());
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end()));
  const Xapian::MSet mset = enquire.get_mset(options.offset, options.limit);
  SearchResult result;
  result.query = options.query;
  result.total = mset.get_matches_estimated();
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const std::string data = it.get_document().get_data();
    const std::size_t nl = data.find('\n');
    result.hits.push_back({data.substr(nl + 1), data.substr(0, nl), it.get_weight()});
  }
  return result;
}

void print_result(const SearchResult& result, const SearchOptions&, std::ostream& out) {
  out << result.total << " risultati per \"" << result.query << "\"\n";
  int rank = 0;
  for (const Hit& h : result.hits)
    out << ++rank << ". " << h.title << "  [" << h.id << "]  " << h.score << "\n";
}

}  // namespace segugio::search
