// The baseline of `segugio-bench latency`: what a stock Xapian program does
// with the same database and the same query text, so that Segugio's times
// can be read as a ratio that holds across machines.
//
// A query is parsed by Xapian::QueryParser with Xapian's Italian stemmer,
// STEM_ALL (Segugio's text terms are unprefixed stems; STEM_SOME would ask
// for `Z` terms the index does not have), default operator OR, no stopper, no
// spelling; ranked by Xapian's default BM25; the first 10 hits, each hit's
// stored data read (as a program showing them would). No facets, no bonuses,
// no snippets. Owns its own Xapian::Database: one per thread.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <xapian.h>

namespace segugio::eval {

class XapianBaseline {
 public:
  // Opens `db` as Xapian itself does: a folder, a compacted file or a stub
  // (`auto` and `remote` lines). Xapian::Error on failure.
  explicit XapianBaseline(const std::filesystem::path& db);

  // The docids of the first `hits` matches of `text`, best first.
  std::vector<Xapian::docid> search(const std::string& text, Xapian::doccount hits = 10);

 private:
  Xapian::Database db_;
  Xapian::QueryParser parser_;
  Xapian::Enquire enquire_;
};

}  // namespace segugio::eval
