#include "segugio/index/id_lookup.h"

#include "segugio/index/schema.h"

namespace segugio::index {

namespace {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

std::vector<std::string> id_terms(const Xapian::Database& db, std::string_view id) {
  const std::string exact = schema::boolean_term(schema::kId, id);
  if (db.term_exists(exact)) return {exact};
  // An id over 240 bytes has a term cut and hashed (schema.h) with the case it
  // had: it is found only as written.
  const std::string want = ascii_lower(exact);
  std::vector<std::string> found;
  const std::string prefix(schema::kId);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
    if ((*t).size() == want.size() && ascii_lower(*t) == want) found.push_back(*t);
  return found;
}

}  // namespace segugio::index
