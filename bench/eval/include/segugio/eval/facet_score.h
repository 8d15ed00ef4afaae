// How well the indexer's facets agree with a hand-labelled gold set.
//
// Gold set: JSON Lines `{"id": ..., "companies": [...], "topics": [...]}`, ids as
// the indexer assigns them, `companies` every company the article names,
// `topics` one to three slugs, main first. Company names are compared folded
// (lower case, no accents); a gold company the gazetteer does not know still
// counts, as a miss.
#pragma once

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace segugio::eval {

struct FacetGold {
  std::string id;
  std::vector<std::string> companies;
  std::vector<std::string> topics;
};

// Reads a gold file; throws DataError naming the file and line of a bad record.
std::vector<FacetGold> read_facet_gold(const std::filesystem::path& path);

struct Counts {
  std::size_t true_positives = 0;
  std::size_t false_positives = 0;
  std::size_t false_negatives = 0;
  double precision() const;
  double recall() const;
  double f1() const;
};

// One article where the facets and the gold set disagree.
struct FacetMiss {
  std::string id;
  std::vector<std::string> extra_companies;    // found, not in gold
  std::vector<std::string> missed_companies;   // in gold, not found
  std::string main_topic;                      // predicted main topic, "" for none
  std::vector<std::string> gold_topics;
  bool topic_wrong = false;  // main topic not among gold topics, or a topic for an off-topic one
};

struct FacetScore {
  std::size_t articles = 0;     // gold articles found in the database
  std::size_t not_found = 0;    // gold ids the database lacks (count as all-missed)
  Counts companies;             // micro-averaged over articles
  Counts topics;                // micro-averaged over slugs
  std::size_t topic_top1_hits = 0;     // predicted main topic among the gold topics
  std::size_t topic_strict_hits = 0;   // predicted main topic = gold main topic
  std::size_t off_topic = 0;           // gold articles with no topic
  std::size_t off_topic_untagged = 0;  // ... given no topic either
  double topic_top1_accuracy() const;  // "main topic among gold topics"
  // Strict top-1: the predicted main topic is the gold main topic (an
  // off-topic gold article is a hit when it gets no topic).
  double topic_strict_top1() const;
  // Share of off-topic gold articles given no topic (0 when there are none).
  double off_topic_without_topic() const;
  std::vector<FacetMiss> misses;
};

// Scores the database at `db` (any form the searcher opens) against `gold`.
FacetScore score_facets(const std::filesystem::path& db, const std::vector<FacetGold>& gold);

// Writes the scores as a table (`json` false) or one JSON document; with
// `details`, one line per article where facets and gold disagree.
void write_facet_report(std::ostream& out, const FacetScore& score, bool json, bool details);

}  // namespace segugio::eval
