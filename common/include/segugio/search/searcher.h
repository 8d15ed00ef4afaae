// The searcher: answers queries against a Segugio database.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace segugio::search {

enum class OutputFormat { text, json, trec };

struct SearchOptions {
  std::filesystem::path db;
  std::string query;
  unsigned limit = 10;
  unsigned offset = 0;
  OutputFormat format = OutputFormat::text;
};

struct Hit {
  std::string id;
  std::string title;
  double score = 0;
};

struct SearchResult {
  std::string query;
  std::size_t total = 0;
  std::vector<Hit> hits;
};

// Runs one query. Throws QuerySyntaxError for a query that does not parse,
// DatabaseError when the database cannot be opened.
SearchResult search(const SearchOptions& options);

// Writes `result` to `out` in the format asked for.
void print_result(const SearchResult& result, const SearchOptions& options, std::ostream& out);

}  // namespace segugio::search
