#include "article_facets.h"

#ifdef SEGUGIO_INDEX_HAVE_FACETS
#include "segugio/facets/company_gazetteer.h"
#include "segugio/facets/topic_taxonomy.h"
#endif

namespace segugio::index {

ArticleFacets find_facets([[maybe_unused]] const Article& article,
                          [[maybe_unused]] const ArticleAnalysis& analysis) {
  ArticleFacets found;
#ifdef SEGUGIO_INDEX_HAVE_FACETS
  for (segugio::facets::CompanyMention& m :
       segugio::facets::CompanyGazetteer::builtin().find(article))
    found.companies.push_back(std::move(m.name));
  found.topics = segugio::facets::TopicTaxonomy::builtin().classify(article, analysis.title,
                                                                    analysis.lead, analysis.body);
#endif
  return found;
}

}  // namespace segugio::index
