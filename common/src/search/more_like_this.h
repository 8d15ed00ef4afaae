// --like ID (private to src/search): the query for the articles most like a
// stored one.
#pragma once

#include <string>

#include <xapian.h>

#include "segugio/analysis/analyzer.h"
#include "segugio/index/doc_reader.h"

namespace segugio::search {

// The terms that best tell article `id` apart, weighted: its stored title,
// lead and text analysed again (a compacted copy has no termlists), each
// term scored by how often the article uses it against how common it is in
// `db`; the article itself left out. Throws UsageError naming `db_name` when
// no article has the id, or when it has no text to compare.
Xapian::Query like_query(const Xapian::Database& db, index::DocReader& reader,
                         analysis::Analyzer& analyzer, const std::string& id,
                         const std::string& db_name);

}  // namespace segugio::search
