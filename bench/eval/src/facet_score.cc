#include "segugio/eval/facet_score.h"

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <ostream>
#include <set>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "segugio/analysis/analyzer.h"
#include "segugio/core/error.h"
#include "segugio/facets/company_gazetteer.h"
#include "segugio/index/doc_reader.h"
#include "segugio/index/schema.h"
#include "segugio/text/normalize.h"

namespace segugio::eval {

namespace {

double ratio(std::size_t a, std::size_t b) {
  return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
}

std::vector<std::string> string_list(const nlohmann::json& record, const char* key) {
  std::vector<std::string> out;
  if (!record.contains(key)) return out;
  for (const auto& v : record.at(key)) out.push_back(v.get<std::string>());
  return out;
}

// A company compared by identity, not spelling: `CDP` and `Cassa Depositi e
// Prestiti`, `PagoPA` and `PagoPA S.p.A.` are one company when the gazetteer
// says so; other names are compared folded.
std::string company_key(const std::string& name) {
  if (auto c = facets::CompanyGazetteer::builtin().canonical(name)) return text::fold(*c);
  return text::fold(name);
}

std::set<std::string> folded_set(const std::vector<std::string>& names) {
  std::set<std::string> out;
  for (const std::string& n : names) out.insert(company_key(n));
  return out;
}

}  // namespace

double Counts::precision() const {
  return ratio(true_positives, true_positives + false_positives);
}
double Counts::recall() const { return ratio(true_positives, true_positives + false_negatives); }
double Counts::f1() const {
  const double p = precision(), r = recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}
double FacetScore::topic_top1_accuracy() const {
  return ratio(topic_top1_hits, articles + not_found);
}
double FacetScore::topic_strict_top1() const {
  return ratio(topic_strict_hits, articles + not_found);
}
double FacetScore::off_topic_without_topic() const {
  return ratio(off_topic_untagged, off_topic);
}

std::vector<FacetGold> read_facet_gold(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw DataError(path.string() + ": cannot read the gold set");
  std::vector<FacetGold> gold;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      const nlohmann::json record = nlohmann::json::parse(line);
      FacetGold g;
      g.id = record.at("id").get<std::string>();
      g.companies = string_list(record, "companies");
      g.topics = string_list(record, "topics");
      gold.push_back(std::move(g));
    } catch (const nlohmann::json::exception& e) {
      throw DataError(path.string() + ":" + std::to_string(number) + ": " + e.what());
    }
  }
  return gold;
}

FacetScore score_facets(const std::filesystem::path& db, const std::vector<FacetGold>& gold) {
  index::DocReader reader = index::DocReader::open(db);
  const Xapian::Database& database = reader.database();
  FacetScore score;
  for (const FacetGold& g : gold) {
    const std::string term = schema::boolean_term(schema::kId, g.id);
    Xapian::PostingIterator post = database.postlist_begin(term);
    std::vector<std::string> companies, topics;
    if (post == database.postlist_end(term)) {
      ++score.not_found;
    } else {
      ++score.articles;
      const index::StoredArticle article = reader.read(*post);
      companies = article.companies;
      topics = article.topics;
    }
    const std::set<std::string> found = folded_set(companies), wanted = folded_set(g.companies);
    FacetMiss miss;
    miss.id = g.id;
    for (const std::string& c : companies)
      if (wanted.count(company_key(c))) ++score.companies.true_positives;
      else {
        ++score.companies.false_positives;
        miss.extra_companies.push_back(c);
      }
    for (const std::string& c : g.companies)
      if (!found.count(company_key(c))) {
        ++score.companies.false_negatives;
        miss.missed_companies.push_back(c);
      }
    const std::set<std::string> gold_topics(g.topics.begin(), g.topics.end());
    for (const std::string& t : topics)
      if (gold_topics.count(t)) ++score.topics.true_positives;
      else ++score.topics.false_positives;
    for (const std::string& t : g.topics)
      if (std::find(topics.begin(), topics.end(), t) == topics.end()) ++score.topics.false_negatives;
    miss.main_topic = topics.empty() ? "" : topics.front();
    miss.gold_topics = g.topics;
    if (g.topics.empty()) {
      // Off-topic news (crime, sport, TV): right when it gets no topic.
      ++score.off_topic;
      if (topics.empty()) {
        ++score.off_topic_untagged;
        ++score.topic_top1_hits;
        ++score.topic_strict_hits;
      } else {
        miss.topic_wrong = true;
      }
    } else if (!topics.empty() && gold_topics.count(topics.front())) {
      ++score.topic_top1_hits;
      if (topics.front() == g.topics.front()) ++score.topic_strict_hits;
    } else {
      miss.topic_wrong = true;
    }
    if (miss.topic_wrong || !miss.extra_companies.empty() || !miss.missed_companies.empty())
      score.misses.push_back(std::move(miss));
  }
  return score;
}

void write_facet_report(std::ostream& out, const FacetScore& score, bool json, bool details) {
  if (json) {
    nlohmann::json doc = {
        {"articles", score.articles},
        {"not_found", score.not_found},
        {"company", {{"precision", score.companies.precision()},
                     {"recall", score.companies.recall()},
                     {"f1", score.companies.f1()},
                     {"true_positives", score.companies.true_positives},
                     {"false_positives", score.companies.false_positives},
                     {"false_negatives", score.companies.false_negatives}}},
        {"topic", {{"top1_accuracy", score.topic_top1_accuracy()},
                   {"strict_top1", score.topic_strict_top1()},
                   {"off_topic_articles", score.off_topic},
                   {"off_topic_without_topic", score.off_topic_without_topic()},
                   {"precision", score.topics.precision()},
                   {"recall", score.topics.recall()},
                   {"f1", score.topics.f1()}}}};
    if (details) {
      nlohmann::json misses = nlohmann::json::array();
      for (const FacetMiss& m : score.misses)
        misses.push_back({{"id", m.id},
                          {"extra_companies", m.extra_companies},
                          {"missed_companies", m.missed_companies},
                          {"main_topic", m.main_topic},
                          {"gold_topics", m.gold_topics}});
      doc["misses"] = misses;
    }
    out << doc.dump(2) << "\n";
    return;
  }
  out << std::fixed << std::setprecision(3);
  out << "articles: " << score.articles << " scored, " << score.not_found << " not in the database\n";
  out << "companies: precision " << score.companies.precision() << "  recall "
      << score.companies.recall() << "  micro-F1 " << score.companies.f1() << "  ("
      << score.companies.true_positives << " right, " << score.companies.false_positives
      << " extra, " << score.companies.false_negatives << " missed)\n";
  out << "topics: strict top-1 " << score.topic_strict_top1() << "  main topic among gold topics "
      << score.topic_top1_accuracy() << "  micro-F1 " << score.topics.f1() << "  (precision "
      << score.topics.precision() << ", recall " << score.topics.recall() << ")\n";
  out << "off-topic: " << score.off_topic << " gold articles without topic, "
      << score.off_topic_without_topic() << " given none\n";
  if (!details) return;
  for (const FacetMiss& m : score.misses) {
    out << m.id << ":";
    for (const std::string& c : m.extra_companies) out << " +" << c;
    for (const std::string& c : m.missed_companies) out << " -" << c;
    if (m.topic_wrong) {
      out << "  topic " << (m.main_topic.empty() ? "(none)" : m.main_topic) << " not in [";
      for (std::size_t i = 0; i < m.gold_topics.size(); ++i) out << (i ? " " : "") << m.gold_topics[i];
      out << "]";
    }
    out << "\n";
  }
}

}  // namespace segugio::eval
