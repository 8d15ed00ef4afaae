// Benchmark queries: what is typed into the search box, plus optional filters.
//
// Two file forms are read, told apart by their first non-blank character:
//   JSON Lines, `{` first:  {"_id": "q1", "text": "...", "filters": {"company":
//                           ["Microsoft"], "topic": "cloud", "from": "2024-01-01",
//                           "to": "2024-03-31"}}  (filters and each of its
//                           fields optional; company and topic a string or a
//                           list, any of which may match; other members, such
//                           as SQuAD-it's "answers", are ignored)
//   TSV:                    qid<TAB>text
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "segugio/core/date.h"

namespace segugio::eval {

struct QueryFilters {
  std::vector<std::string> companies;  // company names: any of them
  std::vector<std::string> topics;     // topic slugs or names: any of them
  std::optional<Date> from;
  std::optional<Date> to;

  bool empty() const { return companies.empty() && topics.empty() && !from && !to; }
};

struct BenchQuery {
  std::string id;
  std::string text;
  QueryFilters filters;
};

// Reads queries in either form. `name` (a path) prefixes error messages with
// the line number. Throws DataError for a malformed line, a query without an
// id or text, a date that is not YYYY-MM-DD, or an id given twice.
std::vector<BenchQuery> read_queries(std::istream& in, const std::string& name);
std::vector<BenchQuery> read_queries_file(const std::string& path);

// Writes queries as JSON Lines (filters only when set).
void write_queries(std::ostream& out, const std::vector<BenchQuery>& queries);

}  // namespace segugio::eval
