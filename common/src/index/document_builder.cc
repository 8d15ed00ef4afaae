#include "segugio/index/document_builder.h"

#include <algorithm>

#include "segugio/index/facet_pack.h"
#include "segugio/index/schema.h"
#include "segugio/text/normalize.h"

namespace segugio::index {

namespace {

// The words of a field that start before byte `end` weigh `wdf` (the
// opening of a body without a lead); none by default.
struct Opening {
  std::uint32_t end = 0;
  Xapian::termcount wdf = 0;
};

// Adds one field; returns the position after its last word.
Xapian::termpos add_field(Xapian::Document& doc, const analysis::Analysis& analysis,
                          Xapian::termpos pos, Xapian::termcount field_wdf,
                          std::string_view prefix, Opening opening = {}) {
  std::string prefixed(prefix);
  std::string coarse(schema::kCoarseStem);
  std::string exact(schema::kExactForm);
  for (const analysis::Word& w : analysis.words) {
    ++pos;
    if (w.stopword) continue;
    const Xapian::termcount wdf = w.begin < opening.end ? opening.wdf : field_wdf;
    for (const std::string& t : w.terms) {
      doc.add_posting(t, pos, wdf);
      if (!prefix.empty()) {
        prefixed.resize(prefix.size());
        prefixed += t;
        doc.add_posting(prefixed, pos, 1);
      }
    }
    for (const std::string& t : w.parts) doc.add_posting(t, pos, wdf);
    for (const std::string& t : w.joined) doc.add_posting(t, pos, wdf);
    if (!w.coarse.empty()) {
      coarse.resize(schema::kCoarseStem.size());
      coarse += w.coarse;
      doc.add_term(coarse);
    }
    // The word as written (folded), where stemming changed it: the exact
    // form outweighs the crowd its stem joins (`funzioni`, `funzionamento`).
    if (!w.terms.empty() && w.parts.empty()) {
      exact.resize(schema::kExactForm.size());
      exact += text::fold(w.surface);
      if (std::string_view(exact).substr(schema::kExactForm.size()) != w.terms.front())
        doc.add_term(exact, wdf);
    }
  }
  return pos;
}

void add_folded(Xapian::Document& doc, std::string_view prefix, std::string_view value) {
  if (value.empty()) return;
  const std::string folded = text::fold(value);
  if (folded.find_first_not_of(' ') == std::string::npos) return;
  doc.add_boolean_term(schema::boolean_term(prefix, folded));
}

bool worth_a_spelling(std::string_view word) {
  if (word.size() < 2 || word.size() > 40) return false;
  // Numbers ("2024", "3,5") are never misspelt words.
  return std::any_of(word.begin(), word.end(), [](char c) {
    return !(c >= '0' && c <= '9') && c != '.' && c != ',' && c != '-';
  });
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool tracking_parameter(std::string_view p) {
  const std::string_view name = p.substr(0, p.find('='));
  return name.substr(0, 4) == "utm_" || name == "fbclid" || name == "gclid";
}

}  // namespace

ArticleAnalysis analyze_article(analysis::Analyzer& analyzer, const Article& article) {
  ArticleAnalysis a;
  a.title = analyzer.analyze(article.title);
  a.lead = analyzer.analyze(article.lead);
  a.body = analyzer.analyze(article.body);
  if (!article.code.empty()) a.code = analyzer.analyze(article.code);
  return a;
}

namespace {

// The near-duplicate key of schema.h: the title's main terms, in order, so that
// the same story syndicated twice (`Nvidia supera Apple` / `NVIDIA supera
// Apple!`) folds into one hit.
std::string near_duplicate_key(const analysis::Analysis& title) {
  constexpr std::size_t kMaxKeyBytes = 200;
  std::string key;
  for (const analysis::Word& w : title.words) {
    if (w.stopword || w.terms.empty()) continue;
    const std::string& t = w.terms.front();
    if (key.size() + 1 + t.size() > kMaxKeyBytes) break;
    if (!key.empty()) key += ' ';
    key += t;
  }
  return key;
}

}  // namespace

void add_text_terms(Xapian::Document& doc, const ArticleAnalysis& a, const TextWeights& weights) {
  if (std::string key = near_duplicate_key(a.title); !key.empty())
    doc.add_value(schema::kSlotNearDuplicate, std::move(key));
  Xapian::termpos pos = 0;
  pos = add_field(doc, a.title, pos, weights.title, schema::kTitle) + kFieldGap;
  pos = add_field(doc, a.lead, pos, weights.lead, {}) + kFieldGap;
  const Opening opening{a.lead.words.empty() ? weights.body_lead_bytes : 0, weights.lead};
  pos = add_field(doc, a.body, pos, weights.body, {}, opening) + kFieldGap;
  add_field(doc, a.code, pos, weights.body, {});
}

std::size_t add_text_terms(Xapian::Document& doc, analysis::Analyzer& analyzer,
                           const Article& article, const TextWeights& weights) {
  const ArticleAnalysis a = analyze_article(analyzer, article);
  add_text_terms(doc, a, weights);
  return a.invalid_bytes();
}

void add_filter_terms(Xapian::Document& doc, const Article& article, const ArticleFacets& facets,
                      std::string_view source_path) {
  doc.add_boolean_term(schema::boolean_term(schema::kId, article.id));
  doc.add_value(schema::kSlotId, article.id);

  // Every company is a filter term; the slots (for facet counts) hold the most
  // salient kMaxCompanySlots, the rest being the long tail of passing mentions.
  for (std::size_t i = 0; i < facets.companies.size(); ++i) {
    add_folded(doc, schema::kCompany, facets.companies[i]);
    if (i < schema::kMaxCompanySlots)
      doc.add_value(schema::kSlotCompanyFirst + static_cast<Xapian::valueno>(i),
                    facets.companies[i]);
  }
  for (const std::string& name : facets.confirmed_names)
    doc.add_boolean_term(schema::boolean_term(schema::kCompanyConfirmed, name));
  for (const std::string& name : facets.candidate_names)
    doc.add_boolean_term(schema::boolean_term(schema::kCompanyCandidate, name));
  for (std::size_t i = 0; i < facets.topics.size() && i < schema::kMaxTopics; ++i) {
    doc.add_boolean_term(schema::boolean_term(schema::kTopic, facets.topics[i]));
    doc.add_value(schema::kSlotTopicFirst + static_cast<Xapian::valueno>(i), facets.topics[i]);
  }

  if (article.date) {
    const std::string day = article.date->compact();  // YYYYMMDD
    doc.add_boolean_term(std::string(schema::kDay) + day);
    doc.add_boolean_term(std::string(schema::kMonth) + day.substr(0, 6));
    doc.add_boolean_term(std::string(schema::kYear) + day.substr(0, 4));
    doc.add_value(schema::kSlotDate, day);
    doc.add_value(schema::kSlotMonth, day.substr(0, 4) + "-" + day.substr(4, 2));
    doc.add_value(schema::kSlotDayNumber,
                  Xapian::sortable_serialise(static_cast<double>(article.date->days_since_epoch())));
  } else {
    doc.add_boolean_term(std::string(schema::kNoDate));
    doc.add_value(schema::kSlotMonth, "senza-data");
  }
  doc.add_value(schema::kSlotFacetPack, pack_facets(article.date, facets.topics, facets.companies));

  add_folded(doc, schema::kSource, article.source);
  add_folded(doc, schema::kSection, article.section);
  for (const std::string& tag : article.tags) add_folded(doc, schema::kTag, tag);
  add_folded(doc, schema::kAuthor, article.author);
  if (const std::string url = normalise_url(article.url); !url.empty())
    doc.add_boolean_term(schema::boolean_term(schema::kUrl, url));
  if (!source_path.empty()) doc.add_boolean_term(schema::boolean_term(schema::kPath, source_path));
}

std::vector<std::string> spelling_words(const analysis::Analysis& title,
                                        const analysis::Analysis& lead) {
  std::vector<std::string> words;
  for (const analysis::Analysis* a : {&title, &lead})
    for (const analysis::Word& w : a->words)
      if (!w.stopword && worth_a_spelling(w.surface)) words.push_back(text::fold(w.surface));
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

StoredArticle make_stored_article(const Article& article, const ArticleFacets& facets) {
  StoredArticle s;
  s.id = article.id;
  s.title = article.title;
  s.lead = article.lead;
  s.date = article.date;
  s.url = article.url;
  s.path = article.source_path;
  s.source = article.source;
  s.section = article.section;
  s.author = article.author;
  s.tags = article.tags;
  s.companies = facets.companies;
  s.topics = facets.topics;
  if (s.topics.size() > schema::kMaxTopics) s.topics.resize(schema::kMaxTopics);
  s.text = article.body;
  return s;
}

std::string normalise_url(std::string_view url) {
  while (!url.empty() && (url.front() == ' ' || url.front() == '\t')) url.remove_prefix(1);
  while (!url.empty() && (url.back() == ' ' || url.back() == '\t' || url.back() == '\n' ||
                          url.back() == '\r'))
    url.remove_suffix(1);
  if (url.empty()) return {};
  url = url.substr(0, url.find('#'));
  if (const std::size_t scheme = url.find("://"); scheme != std::string_view::npos)
    url.remove_prefix(scheme + 3);
  else if (url.substr(0, 2) == "//")
    url.remove_prefix(2);

  const std::size_t host_end = url.find_first_of("/?");
  std::string host = lower_ascii(url.substr(0, host_end));
  std::string_view rest = host_end == std::string_view::npos ? "" : url.substr(host_end);
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  for (std::string_view port : {":80", ":443"})
    if (host.size() > port.size() && host.compare(host.size() - port.size(), port.size(), port) == 0)
      host.resize(host.size() - port.size());

  std::string_view path = rest.substr(0, rest.find('?'));
  std::string_view query =
      rest.find('?') == std::string_view::npos ? "" : rest.substr(rest.find('?') + 1);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);

  std::string kept;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view param = query.substr(0, amp);
    if (!param.empty() && !tracking_parameter(param)) {
      kept += kept.empty() ? "" : "&";
      kept += param;
    }
    query = amp == std::string_view::npos ? "" : query.substr(amp + 1);
  }
  std::string out = host;
  out += path;
  if (!kept.empty()) out += "?" + kept;
  return out;
}

}  // namespace segugio::index
