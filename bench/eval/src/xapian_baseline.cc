#include "segugio/eval/xapian_baseline.h"

namespace segugio::eval {

XapianBaseline::XapianBaseline(const std::filesystem::path& db)
    : db_(db.string()), enquire_(db_) {
  parser_.set_database(db_);
  parser_.set_stemmer(Xapian::Stem("italian"));
  parser_.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
  parser_.set_default_op(Xapian::Query::OP_OR);
  enquire_.set_weighting_scheme(Xapian::BM25Weight());
}

std::vector<Xapian::docid> XapianBaseline::search(const std::string& text, Xapian::doccount hits) {
  Xapian::Query query;
  try {
    query = parser_.parse_query(text);
  } catch (const Xapian::QueryParserError&) {
    // `AND` ending a title: parsed again without syntax, as Omega does.
    query = parser_.parse_query(text, 0);
  }
  enquire_.set_query(query);
  const Xapian::MSet mset = enquire_.get_mset(0, hits);
  std::vector<Xapian::docid> docids;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    it.get_document().get_data();
    docids.push_back(*it);
  }
  return docids;
}

}  // namespace segugio::eval
