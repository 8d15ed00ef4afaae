// The acceptance check on the article Segugio was designed from, a real
// third-party page kept in ../shared/data/seed: skipped when that folder is not
// there (a fresh clone, a user's machine). Its text is read, never copied here.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "segugio/analysis/analyzer.h"
#include "segugio/facets/company_gazetteer.h"
#include "segugio/facets/topic_taxonomy.h"
#include "temp_dir.h"
#include "skip.h"

namespace fs = std::filesystem;
using segugio::Article;
using segugio::facets::CompanyGazetteer;
using segugio::facets::CompanyMention;
using segugio::facets::TopicTaxonomy;

namespace {

// The layout of the scraped page: section line, title, "Indirizzo copiato",
// lead paragraph, then the rest of the article up to "Articoli correlati".
Article read_seed(const std::string& text) {
  Article a;
  std::vector<std::string> paragraphs;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    if (line.find_first_not_of(" \t\r") != std::string::npos) paragraphs.push_back(line);
  }
  enum class Part { section, title, before_lead, lead, body } part = Part::section;
  for (const std::string& p : paragraphs) {
    if (p.rfind("Articoli correlati", 0) == 0) break;
    switch (part) {
      case Part::section:
        part = Part::title;
        break;
      case Part::title:
        a.title = p;
        part = Part::before_lead;
        break;
      case Part::before_lead:
        if (p.rfind("Indirizzo copiato", 0) == 0) part = Part::lead;
        break;
      case Part::lead:
        a.lead = p;
        part = Part::body;
        break;
      case Part::body:
        if (!a.body.empty()) a.body += "\n\n";
        a.body += p;
        break;
    }
  }
  return a;
}

}  // namespace

TEST_CASE("seed article: companies and topics") {
  const fs::path path = fs::path(SEGUGIO_SHARED_DATA) / "seed" / "microsoft-mistral-2024-02-28.txt";
  if (!fs::exists(path)) {
    return segugio::testing::skip("needs the shared data: no " + path.string());
  }
  const Article a = read_seed(segugio::testing::read_file(path));
  REQUIRE(a.title.find("Mistral") != std::string::npos);
  REQUIRE_FALSE(a.lead.empty());
  REQUIRE(a.body.size() > 2000);

  const std::vector<CompanyMention> found = CompanyGazetteer::builtin().find(a);
  std::vector<std::string> names;
  // Values are names as the article writes them (`Mistral`): compared by identity.
  for (const CompanyMention& m : found)
    names.push_back(CompanyGazetteer::builtin().canonical(m.name).value_or(m.name));
  REQUIRE(names.size() >= 3);
  std::vector<std::string> top(names.begin(), names.begin() + 3);
  std::sort(top.begin(), top.end());
  CHECK(top == std::vector<std::string>{"Microsoft", "Mistral AI", "OpenAI"});
  for (const char* name : {"Nvidia", "Amazon", "Google", "Apple", "Intel", "AMD", "TSMC", "Meta"}) {
    CAPTURE(name);
    CHECK(std::find(names.begin(), names.end(), name) != names.end());
  }
  // `ha dichiarato Smith al Financial Times`: an outlet the article names.
  CHECK(std::find(names.begin(), names.end(), "Financial Times") != names.end());

  segugio::analysis::Analyzer analyzer;
  const std::vector<std::string> topics = TopicTaxonomy::builtin().classify(a, analyzer);
  CHECK(std::find(topics.begin(), topics.end(), "intelligenza-artificiale") != topics.end());
}
