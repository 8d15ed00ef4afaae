// Turns an Article into a Xapian document of the schema (schema.h).
//
// Positions: title, lead, body and code follow each other with a gap of
// kFieldGap positions, so a phrase never spans two fields. A stopword is not
// indexed but keeps its position, so `"la città più connessa"` still matches
// as a phrase window. Weights (TextWeights): a title word counts 3 (and is
// indexed again with the title prefix S), a lead word 2, a body or code word 1.
// An article without a lead has one in the opening of its body: the words
// that start in its first body_lead_bytes bytes count as lead words (a news
// article states its subject there; bench/RESULTS.md, "The opening of the
// body as the lead").
//
// Each field is analysed once (ArticleAnalysis); the same analyses feed the
// positional terms and the spelling words.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "segugio/analysis/analyzer.h"
#include "segugio/core/article.h"
#include "segugio/index/stored_article.h"

namespace segugio::index {

struct TextWeights {
  Xapian::termcount title = 3;
  Xapian::termcount lead = 2;
  Xapian::termcount body = 1;
  std::uint32_t body_lead_bytes = 200;  // without a lead: the body's opening weighs as one
};

inline constexpr Xapian::termpos kFieldGap = 100;

// The analyses of an article's fields, made once per article.
struct ArticleAnalysis {
  analysis::Analysis title;
  analysis::Analysis lead;
  analysis::Analysis body;
  analysis::Analysis code;  // empty when the article has no code

  std::size_t invalid_bytes() const {
    return title.invalid_bytes + lead.invalid_bytes + body.invalid_bytes + code.invalid_bytes;
  }
};

ArticleAnalysis analyze_article(analysis::Analyzer& analyzer, const Article& article);

// Adds the positional terms of the analysed title, lead, body and code to `doc`.
void add_text_terms(Xapian::Document& doc, const ArticleAnalysis& analysis,
                    const TextWeights& weights = {});

// Analyses `article` and adds its positional terms. Returns the number of
// invalid UTF-8 bytes met (replaced; zero normally).
std::size_t add_text_terms(Xapian::Document& doc, analysis::Analyzer& analyzer,
                           const Article& article, const TextWeights& weights = {});

// What the facets found in an article.
struct ArticleFacets {
  std::vector<std::string> companies;  // canonical names, most salient first: all of them
  std::vector<std::string> topics;     // slugs, main first (kMaxTopics are kept)
  // For collection-level learning (facets::NameEvidence): name keys of the
  // unknown names a cue confirms here, and of the candidates.
  std::vector<std::string> confirmed_names;
  std::vector<std::string> candidate_names;
};

// Adds the boolean terms and the value slots of the schema: id, companies (all
// as XCO terms, the kMaxCompanySlots most salient in slots), the names for
// collection-level learning (XCK, XCC), topics, date
// (day, month, year or XND; date, month and day-number slots), source,
// section, tags, author, URL (normalise_url) and `source_path` (XP, the
// file's state_path(); skipped when empty).
void add_filter_terms(Xapian::Document& doc, const Article& article, const ArticleFacets& facets,
                      std::string_view source_path);

// The words an article gives the spelling table: the folded lower-case
// surface forms of its title and lead, without stopwords, numbers and
// one-letter words, each once, sorted.
std::vector<std::string> spelling_words(const analysis::Analysis& title,
                                        const analysis::Analysis& lead);

// The record stored for the searcher.
StoredArticle make_stored_article(const Article& article, const ArticleFacets& facets);

// The form of a URL under which two copies of an article meet (the XU term):
// scheme, "www.", default port, fragment, trailing slash and tracking
// parameters (utm_*, fbclid, gclid) dropped, host lower-cased; the path and the
// other parameters kept as they are. "" for an empty URL.
//   "https://WWW.Example.it/a/b/?utm_source=x#top" -> "example.it/a/b"
std::string normalise_url(std::string_view url);

}  // namespace segugio::index
