#include "segugio/index/document_builder.h"

#include "segugio/index/schema.h"

namespace segugio::index {

namespace {

// Adds one field; returns the position after its last word.
Xapian::termpos add_field(Xapian::Document& doc, const analysis::Analysis& analysis,
                          Xapian::termpos pos, Xapian::termcount wdf, std::string_view prefix) {
  for (const analysis::Word& w : analysis.words) {
    ++pos;
    if (w.stopword) continue;
    for (const std::string& t : w.terms) {
      doc.add_posting(t, pos, wdf);
      if (!prefix.empty()) doc.add_posting(std::string(prefix) + t, pos, 1);
    }
    for (const std::string& t : w.parts) doc.add_posting(t, pos, wdf);
  }
  return pos;
}

}  // namespace

std::size_t add_text_terms(Xapian::Document& doc, analysis::Analyzer& analyzer,
                           const Article& article, const TextWeights& weights) {
  std::size_t invalid = 0;
  Xapian::termpos pos = 0;
  const analysis::Analysis title = analyzer.analyze(article.title);
  invalid += title.invalid_bytes;
  pos = add_field(doc, title, pos, weights.title, schema::kTitle) + kFieldGap;
  const analysis::Analysis lead = analyzer.analyze(article.lead);
  invalid += lead.invalid_bytes;
  pos = add_field(doc, lead, pos, weights.lead, {}) + kFieldGap;
  const analysis::Analysis body = analyzer.analyze(article.body);
  invalid += body.invalid_bytes;
  pos = add_field(doc, body, pos, weights.body, {}) + kFieldGap;
  if (!article.code.empty()) {
    const analysis::Analysis code = analyzer.analyze(article.code);
    invalid += code.invalid_bytes;
    add_field(doc, code, pos, weights.body, {});
  }
  return invalid;
}

}  // namespace segugio::index
