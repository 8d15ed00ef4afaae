#include "article_facets.h"

#include "segugio/facets/company_gazetteer.h"
#include "segugio/facets/topic_taxonomy.h"

namespace segugio::index {

ArticleFacets find_facets(const Article& article, const ArticleAnalysis& analysis) {
  ArticleFacets found;
  segugio::facets::NameEvidence names;
  for (segugio::facets::CompanyMention& m :
       segugio::facets::CompanyGazetteer::builtin().find(article, names))
    found.companies.push_back(std::move(m.name));
  found.confirmed_names = std::move(names.confirmed);
  found.candidate_names = std::move(names.candidates);
  found.topics = segugio::facets::TopicTaxonomy::builtin().classify(article, analysis.title,
                                                                    analysis.lead, analysis.body);
  return found;
}

}  // namespace segugio::index
