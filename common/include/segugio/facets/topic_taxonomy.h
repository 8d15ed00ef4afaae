// TopicTaxonomy: the fixed list of topics Segugio files articles under, and the
// classifier that gives each article one to three of them, main topic first.
//
// The taxonomy is data: common/data/topics.tsv names the 15 topics (slug and
// Italian display name), maps article tags and section words to topics, and
// holds one Italian vocabulary per topic (words and phrases, English terms used
// in Italian tech news included, each with a weight). Vocabulary words are
// analysed with the Italian analysis chain when the taxonomy is loaded, so a
// cue `investimento` also meets `investimenti` and `investirà`; names,
// acronyms and words marked `=` match only as written (`AGI` is not `agio`).
//
// Classification: each topic scores the weighted cues found in the title
// (x3), lead (x2) and body (x1), sub-linearly in their repetitions, plus a bonus
// for each article tag or section that maps to it, plus, for the topic whose
// data has a `code` line (software), a weight for the article's code blocks and
// command lines. The topics are ranked with the title counting more
// (`TopicSelection::title_rank_weight`): the title says which topic the news
// is about, the score says whether it is about one. The best ranked topic comes
// first, with two exceptions written in
// the data (`role` lines): a `frame` topic, one that frames whole sources (every
// public-administration post names the digital PA), yields the main slot to a
// specific topic that scores at least `TopicSelection::frame_yield` of it, or
// `TopicSelection::title_yield` of it when the title names that topic and no
// tag of the article names the frame; a
// `context` topic (laws and rules) is about technology only beside a
// technology topic named in the title or a specific topic (not a frame: the
// digital PA is the setting of political news too) scoring at least
// `TopicSelection::context_fraction` of it, else it is dropped (a decree on
// migration is not tech news); a `backdrop` topic (money) is news on its own
// but, beside others, counts neither as the specific topic a frame yields to
// nor as the one that keeps a context topic (pagoPA payments are PA news, a
// budget law is no tech law). A second and
// third topic follow only when they score at least
// `TopicSelection::secondary_fraction` of the best (a frame
// `TopicSelection::frame_secondary_fraction`). The main topic must be said
// with confidence: at least one entry of weight 3, one that says the topic on
// its own (government, ministry, citizens, taxes are typical of the digital PA
// but say nothing alone), `TopicSelection::min_score`, and a score that grows
// with the article's length (per word of meaning, then with the square root of
// the words in long articles), unless the article's own tags (or its
// code, for the code topic) confirm it, or the whole vocabulary of the topics
// together is dense in the text (`TopicSelection::dense_score_per_word`: a long
// piece on the digital PA spreads its words over several topics); else the
// article (crime, war, sport, TV) gets no topic.
//
// Thread contract: a TopicTaxonomy is immutable after construction and may be
// shared by threads; the Analyzer passed to classify() is the caller's (one per
// thread).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "segugio/analysis/analyzer.h"
#include "segugio/core/article.h"

namespace segugio::facets {

struct Topic {
  std::string slug;  // `intelligenza-artificiale`
  std::string name;  // `Intelligenza artificiale`
};

struct TopicScore {
  std::string slug;
  double score = 0;
  // The score with the title counting `TopicSelection::title_rank_weight`
  // times the body, and a share of the bonus of tags
  // (`TopicSelection::tag_rank_share`): what orders the topics in classify().
  double rank = 0;
  // How many different vocabulary entries of the topic the text names, plus
  // one when the article has code and the topic takes code (`code` line).
  std::size_t evidence = 0;
  bool tagged = false;  // a tag or the section names the topic
  // The article's own tags name the topic, or its code blocks do (the topic
  // with a `code` line): the topic needs no score per word to be the main one.
  bool confirmed = false;
  bool in_title = false;  // the title names the topic
  bool telling = false;   // the text names an entry that says the topic on its own (weight 3)
  bool title_telling = false;  // the title names such an entry
};

struct TopicSelection {
  std::size_t max_topics = 3;
  // A second or third topic needs at least this fraction of the first's score.
  double secondary_fraction = 0.45;
  // ... and a `frame` topic this fraction: a frame names the setting of whole
  // sources (the digital PA on a public body's news, the web, skills), so it
  // is named in many articles that are not about it.
  double frame_secondary_fraction = 0.7;
  // Below this the article is about none of the topics (one strong cue in the
  // body scores 3; one in the title 5.2).
  double min_score = 3.0;
  // The first topic must also score this much per word of meaning in the
  // article: a long article on crime, war or sport that mentions a phone or a
  // social network in passing is about none of the topics.
  double min_score_per_word = 0.09;
  // ... but no more than this times the square root of the words of meaning:
  // a cue named again and again adds the square root of its repetitions, so an
  // article about a topic from start to end scores about in proportion to the
  // square root of its length, not to its length; one that names the topic
  // only in passing scores the same however long it is.
  double min_score_per_root_word = 1.8;
  // ... and rest on this many different vocabulary entries, unless a tag or
  // the section names it.
  std::size_t min_evidence = 2;
  // A `frame` topic in the main slot yields it to the best topic that is
  // neither `frame` nor `context` when that one scores this fraction of it.
  double frame_yield = 0.75;
  // ... or this fraction when the title names that topic (`Migrazione al cloud
  // per i comuni`: cloud is what the article is about, the town its setting),
  // unless the article's own tags name the frame topic.
  double title_yield = 0.3;
  // Two `frame` topics (the digital PA and skills on a public body's news):
  // the one the title names by a word of weight 3 goes first, over one the
  // title names only by weaker words or not at all, when it scores this
  // fraction of it (`Rete dei punti di facilitazione digitale`: skills).
  double frame_title_yield = 0.5;
  // A `backdrop` topic first in rank (money) that the title does not name
  // yields the main slot to a specific topic the title names by a word of
  // weight 3 and said with confidence, when that one scores this fraction of
  // it.
  double backdrop_title_yield = 0.5;
  // When all topics together score this much per word of meaning, the article
  // is about technology as a whole and its main topic needs no score per word
  // (a crime story mentioning a phone scores far less over all topics).
  double dense_score_per_word = 0.24;
  // A `context` topic counts only when a topic that is not `context` is named
  // in the title or a specific topic (neither `frame` nor `context`) scores
  // this fraction of it.
  double context_fraction = 0.25;
  // Which topic comes first is the title's to say more than whether there is
  // one: to rank the topics, a cue in the title counts this many times a cue
  // in the body (to decide confidence, three times, like every score here).
  // `Le competenze digitali protagoniste del premio per la PA`: the body of a
  // public body's news names the digital PA at every line, the title says the
  // news is about skills.
  double title_rank_weight = 9.0;
  // The share of a tag's bonus that counts for the rank: a tag keeps its
  // topic among the article's (the whole bonus counts for that), but a
  // site's standing tag (`linux` on every post of a Linux site) must not put
  // its topic before the one the title names (`Come difendersi da una
  // vulnerabilità`).
  double tag_rank_share = 0.5;
};

class TopicTaxonomy {
 public:
  // The taxonomy built into the library, loaded once on first use
  // (thread-safe). Malformed built-in data is a build mistake: std::logic_error.
  static const TopicTaxonomy& builtin();

  // Parses a taxonomy in the format of topics.tsv, analysing its vocabulary
  // with `analyzer`. Throws DataError naming the line on malformed data.
  TopicTaxonomy(std::string_view topics_tsv, analysis::Analyzer& analyzer,
                TopicSelection selection = {});
  ~TopicTaxonomy();
  TopicTaxonomy(TopicTaxonomy&&) noexcept;
  TopicTaxonomy& operator=(TopicTaxonomy&&) noexcept;
  TopicTaxonomy(const TopicTaxonomy&) = delete;
  TopicTaxonomy& operator=(const TopicTaxonomy&) = delete;

  // The topics in the order of the data file.
  const std::vector<Topic>& topics() const;

  // The slug for a slug or an Italian display name typed in any case, with or
  // without accents: "Intelligenza Artificiale", "intelligenza-artificiale",
  // "MOBILITA ED ENERGIA" -> the slug; nullopt for anything else.
  std::optional<std::string> slug_of(std::string_view slug_or_name) const;

  // One to three slugs for `article`, main topic first (empty when no topic
  // is said with confidence). Analyses title, lead and body with `analyzer`.
  std::vector<std::string> classify(const Article& article, analysis::Analyzer& analyzer) const;

  // The same from analyses the caller already has (the indexer analyses every
  // article anyway): `title`, `lead` and `body` are analyses of those fields of
  // `article`, made with the same analysis options as the taxonomy's (stemming
  // and accent folding on); tags and section are read from `article`.
  std::vector<std::string> classify(const Article& article, const analysis::Analysis& title,
                                    const analysis::Analysis& lead,
                                    const analysis::Analysis& body) const;

  // Every topic with a positive score, best first: what classify() chooses
  // from (for tests and tuning).
  std::vector<TopicScore> scores(const Article& article, const analysis::Analysis& title,
                                 const analysis::Analysis& lead,
                                 const analysis::Analysis& body) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace segugio::facets
