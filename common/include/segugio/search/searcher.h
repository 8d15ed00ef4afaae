// Searcher: answers queries against a Segugio database.
//
// A Searcher opens the database once (a folder, a compacted single file, or a
// stub file naming local and remote shards) and answers any number of
// searches with it, so batches pay the opening once. It refuses a database
// whose `segugio:schema` metadata is missing or newer than this program knows.
//
// What one search does: parse the query (query_parser.h), build the Xapian
// query with the options' filters (query_builder.h), rank with BM25
// (RankingOptions k1, b) plus the builder's bonuses and an optional recency
// boost, then read the hits' stored articles for titles and snippets and
// count facets over every match. Every piece that runs inside Xapian's matcher
// is built into Xapian (BM25Weight, ValueCountMatchSpy, ValueMapPostingSource,
// FixedWeightPostingSource), so the same search runs on remote shards.
//
//   recency    a ValueMapPostingSource on the month slot: an article of this
//              month gets recency_weight, halving every recency_half_life_days
//              (computed per month from options.today), undated ones nothing.
//   sort       relevance (ties by the id slot, so shards order like one
//              database), date or date_asc (then relevance); a query of
//              filters only lists the newest first.
//   collapse   Enquire::set_collapse_key on the near-duplicate slot; a hit
//              tells how many it hides ("+N simili").
//   like ID    more like this: the 40 best terms of the article (Enquire's
//              expand set, text terms only) ORed and weighted, the article
//              itself excluded; combined with the query, if any, by AND_MAYBE.
//   facets     one spy reading each match's facet pack (schema slot 43) when
//              every document has one: ours locally, ValueCountMatchSpy
//              counting whole packs when a shard is remote; otherwise
//              ValueCountMatchSpy on each company slot that holds values in
//              this database (its value frequency is not zero), on the
//              topic slots and on the month slot. checkatleast covers
//              facet_sample matches, so counts and total are exact up to
//              there: past that, counts come from the matches examined,
//              scaled to the estimated total, and say so. With remote shards
//              the spies run in a second get_mset with an empty page (Xapian
//              1.4.22 miscounts them riding on a page); with collapse, in a
//              pass of their own without it (facets count articles). On a
//              local database (SearchOptions::parallel_facets) they are
//              counted in a weightless pass of their own, by a second thread
//              on a second handle at the same revision, while the page is
//              weighed; the page's pass then weighs only what ranking needs.
//   spelling   Database::get_spelling_suggestion per free-text word that is
//              not in the index (or a one-off in at most two articles, the
//              suggestion in a hundred times as many; spelling.h); the remote
//              backend serves no spelling data, so suggestions come from
//              local shards only. With SearchOptions::correct, a query that
//              finds little is answered by a confident suggestion instead.
//
// Shards (docs/scale-out.md): a stub's lines are read here, not by Xapian, so
// that each remote shard (`remote HOST:PORT`, `remote [IPV6]:PORT`, or Xapian's
// `remote :PROGRAM ARGS`) opens with OpenOptions::remote_timeout_seconds
// (Xapian's stub reader gives no way to set it). The shards are joined with
// Database::add_database, so Xapian merges their statistics and the answer
// equals one database's. A remote shard that does not answer, when opening or
// while searching (NetworkError, NetworkTimeoutError), is an error naming it;
// with OpenOptions::allow_partial it is left out instead (a search that met
// it reopens without it and runs once more), and every result lists it in
// SearchResult::missing_shards. A local shard that cannot be opened is always
// an error.
//
// Thread contract: a Searcher holds a Xapian::Database and an Analyzer, which
// are not thread-safe: one Searcher per thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "segugio/core/date.h"
#include "segugio/search/search_options.h"
#include "segugio/search/snippet.h"

namespace segugio::search {

// One part of a hit's score (SearchOptions::explain): a term, a scaled term,
// a phrase or a posting source of the query, and the weight it gave the hit.
struct ScorePart {
  std::string part;     // as Xapian describes it: "install", "0.5 * XTinstal"
  double weight = 0;
  bool bonus = false;   // a bonus (on the right of an AND_MAYBE), not a match
};

struct Hit {
  std::string id;
  unsigned rank = 0;  // 1 for the first hit of the first page
  double score = 0;
  std::string title;
  std::optional<Date> date;
  std::string url;
  std::string path;
  std::string source;
  std::vector<std::string> companies;  // most salient first
  std::vector<std::string> topics;     // slugs, main first
  Snippet snippet;
  Xapian::doccount similar = 0;  // near-duplicates folded into this hit (--collapse)
  std::vector<ScorePart> score_parts;  // SearchOptions::explain: they add up to `score`
};

struct FacetValue {
  std::string value;
  Xapian::doccount count = 0;
};

struct FacetCounts {
  bool counted = false;
  bool exact = true;  // false: counted over a sample of the matches and scaled
  Xapian::doccount total = 0;  // the articles counted: the matches, or the
                               // well-matched ones (docs/search.md, "Facets")
  std::vector<FacetValue> companies;  // most frequent first (ties by name)
  std::vector<FacetValue> topics;     // most frequent first (ties by slug)
  std::vector<FacetValue> months;     // "YYYY-MM" in time order, then "senza-data"
};

// The values of one field asked for (SearchOptions::facet_fields), as
// articles write them, most matches first (ties by folded value).
struct FieldFacet {
  FacetField field = FacetField::author;
  std::vector<FacetValue> values;
  bool in_index = false;  // false: no article of the database has a value of it
};

// A shard left out of the answers (OpenOptions::allow_partial).
struct MissingShard {
  std::string shard;   // as in the stub: "remote 10.0.0.7:7001"
  std::string reason;  // "connection refused", "no answer within 10 s"...
};

struct SearchResult {
  std::string query;
  Xapian::doccount total = 0;   // articles matching
  bool total_exact = false;     // false: `total` is Xapian's estimate
  std::vector<Hit> hits;
  FacetCounts facets;
  std::vector<FieldFacet> field_facets;  // in the order of SearchOptions::facet_fields
  std::optional<std::string> suggestion;  // "Forse cercavi": the query, corrected
  // SearchOptions::correct: the suggestion that was searched instead of
  // `query` (which stays the query as typed); the hits and counts are its.
  std::optional<std::string> corrected_query;
  std::vector<std::string> notices;       // for people: caps, words ignored...
  std::vector<MissingShard> missing_shards;  // shards whose articles are not in this answer
  double elapsed_ms = 0;
};

// One shard of an opened database, for --info.
struct ShardInfo {
  std::string location;  // a path, or host:port for a remote shard
  bool remote = false;
  Xapian::doccount documents = 0;
  std::uintmax_t bytes = 0;  // size on disk (local shards)
};

struct DatabaseInfo {
  std::string path;
  Xapian::doccount articles = 0;
  Xapian::doccount undated = 0;
  std::optional<Date> first_day;
  std::optional<Date> last_day;
  std::vector<FacetValue> sources;  // most articles first
  std::vector<ShardInfo> shards;
  std::uintmax_t bytes = 0;         // local shards together
  int schema_version = 0;
  std::string creator;
  std::string updated;              // segugio:updated, as stored
  bool spelling = false;            // a spelling table on the first local shard
};

// How a Searcher opens a database whose stub names remote shards.
struct OpenOptions {
  double remote_timeout_seconds = 10;  // connecting to a remote shard, and each of its
                                       // replies (Xapian's own default is 10 s too)
  bool allow_partial = false;  // a remote shard that does not answer is left out (and
                               // listed in SearchResult::missing_shards), not an error
};

class Searcher {
 public:
  // Opens `db`. Throws DatabaseError with a clear message when it is missing,
  // damaged, not a Segugio database or of a newer schema, or when a remote
  // shard does not answer ("shard remote HOST:PORT is not answering (...)")
  // and options.allow_partial is off, or when no shard at all answers.
  explicit Searcher(const std::filesystem::path& db, const OpenOptions& options = {});
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // Runs one search. Throws QuerySyntaxError for a query or filter that does
  // not parse, UsageError for an unknown --like id, DatabaseError when the
  // database fails while searching (a remote shard that stops answering is
  // named; with allow_partial it is dropped and the search runs again).
  SearchResult search(const SearchOptions& options);

  // The Xapian query a search would run (for --explain and tests).
  std::string explain(const SearchOptions& options);

  // What --info shows.
  DatabaseInfo info();

  const Xapian::Database& database() const;

  // The shards left out so far (allow_partial), in stub order.
  const std::vector<MissingShard>& missing_shards() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The local calendar day, from the system clock (what `today` means when
// SearchOptions::today is unset).
Date local_today();

}  // namespace segugio::search
