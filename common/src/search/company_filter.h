// The `--company` / `azienda:` filter: a company the gazetteer or the index
// knows is its boolean term (plus, on request, the terms of what it owns); a
// name neither knows is searched as words of the title and body, with a
// notice, and a near miss of a known name ("microsft") gets a suggestion.
// Private to the search library.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "segugio/analysis/analyzer.h"
#include "segugio/facets/company_gazetteer.h"
#include "segugio/search/query_builder.h"

namespace segugio::search {

// The filter for `value`; appends a notice (for people) when the value is
// searched as words. Never throws for an unknown name.
Xapian::Query company_filter(const Xapian::Database& db, analysis::Analyzer& analyzer,
                             const facets::CompanyGazetteer& companies, std::string_view value,
                             const CompanyFilterOptions& options,
                             std::vector<std::string>& notices);

}  // namespace segugio::search
