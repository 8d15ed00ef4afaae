#include "article_facets.h"

#include "segugio/facets/company_gazetteer.h"
#include "segugio/facets/topic_taxonomy.h"

namespace segugio::index {

ArticleFacets find_facets(const Article& article, const ArticleAnalysis& analysis) {
  ArticleFacets found;
  for (segugio::facets::CompanyMention& m :
       segugio::facets::CompanyGazetteer::builtin().find(article))
    found.companies.push_back(std::move(m.name));
  found.topics = segugio::facets::TopicTaxonomy::builtin().classify(article, analysis.title,
                                                                    analysis.lead, analysis.body);
  return found;
}

}  // namespace segugio::index
