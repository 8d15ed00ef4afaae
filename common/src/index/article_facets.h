// The facets of one article, from the facets library (companies, topics).
#pragma once

#include "segugio/core/article.h"
#include "segugio/index/document_builder.h"

namespace segugio::index {

// Companies (all, most salient first), the names collection-level learning
// needs (company_learning.h) and one to three topics of `article`,
// reusing the analyses already made for its terms. Thread-safe.
ArticleFacets find_facets(const Article& article, const ArticleAnalysis& analysis);

}  // namespace segugio::index
