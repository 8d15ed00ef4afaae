// Turns an Article's text into positional Xapian terms through the Analyzer.
//
// Positions: title, lead, body and code follow each other with a gap of
// kFieldGap positions, so a phrase never spans two fields. A stopword is not
// indexed but keeps its position, so `"la città più connessa"` still matches
// as a phrase window. Weights: every title word is indexed with wdf kTitleWdf
// (and again with the title prefix), a lead word with kLeadWdf, a body word 1.
#pragma once

#include <xapian.h>

#include "segugio/analysis/analyzer.h"
#include "segugio/core/article.h"

namespace segugio::index {

struct TextWeights {
  Xapian::termcount title = 3;
  Xapian::termcount lead = 2;
  Xapian::termcount body = 1;
};

inline constexpr Xapian::termpos kFieldGap = 100;

// Adds the positional terms of `article`'s title, lead, body and code to `doc`.
// Returns the number of invalid UTF-8 bytes met (replaced; zero normally).
std::size_t add_text_terms(Xapian::Document& doc, analysis::Analyzer& analyzer,
                           const Article& article, const TextWeights& weights = {});

}  // namespace segugio::index
