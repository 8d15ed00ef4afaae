#include "segugio/eval/plain_path.h"

#include <algorithm>
#include <chrono>

#include <xapian.h>

#include "segugio/core/error.h"
#include "segugio/corpus/reader.h"
#include "segugio/corpus/source_file.h"
#include "segugio/index/document_builder.h"
#include "segugio/index/schema.h"
#include "segugio/text/normalize.h"
#include "segugio/text/utf8.h"

namespace segugio::eval {

namespace {

constexpr std::string_view kPrefixTerm = "XT";

}  // namespace

std::string word_prefix(std::string_view word, std::size_t bytes) {
  std::string folded = text::fold(word);
  folded.resize(text::utf8_prefix(folded, bytes).size());
  return folded;
}

PlainIndexReport build_plain_index(const std::vector<std::filesystem::path>& inputs,
                                   const std::filesystem::path& db,
                                   const analysis::AnalyzerOptions& analysis,
                                   std::size_t prefix_bytes) {
  const auto start = std::chrono::steady_clock::now();
  for (const auto& input : inputs)
    if (!std::filesystem::exists(input))
      throw DataError(input.string() + ": no such file or folder");
  corpus::ProblemList problems;
  const std::vector<corpus::SourceFile> files = corpus::list_files(inputs, problems);
  Xapian::WritableDatabase out;
  try {
    out = Xapian::WritableDatabase(db.string(), Xapian::DB_CREATE_OR_OVERWRITE);
  } catch (const Xapian::Error& e) {
    throw DatabaseError(db.string() + ": " + e.get_msg());
  }
  analysis::Analyzer analyzer(analysis);
  PlainIndexReport report;
  for (const corpus::SourceFile& file : files) {
    corpus::read_file(
        file, {},
        [&](Article&& article) {
          Xapian::Document doc;
          index::add_text_terms(doc, analyzer, article);
          if (prefix_bytes > 0)
            for (const std::string* field : {&article.title, &article.lead, &article.body})
              for (const analysis::Word& w : analyzer.analyze(*field).words)
                if (!w.stopword)
                  doc.add_term(std::string(kPrefixTerm) + word_prefix(w.surface, prefix_bytes));
          const std::string id_term = schema::boolean_term(schema::kId, article.id);
          doc.add_boolean_term(id_term);
          doc.set_data(article.id);
          out.replace_document(id_term, doc);
          ++report.articles;
        },
        problems);
  }
  out.commit();
  for (const corpus::Problem& p : problems.problems()) report.problems += p.skipped ? 1 : 0;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

Run run_plain_queries(const std::filesystem::path& db, const std::vector<BenchQuery>& queries,
                      const PlainQueryOptions& options) {
  Xapian::Database database;
  try {
    database = Xapian::Database(db.string());
  } catch (const Xapian::Error& e) {
    throw DatabaseError(db.string() + ": " + e.get_msg());
  }
  analysis::Analyzer analyzer(options.analysis);
  Xapian::Enquire enquire(database);
  enquire.set_weighting_scheme(Xapian::BM25Weight(options.k1, 0, 1, options.b, 0.5));
  Run run;
  for (const BenchQuery& q : queries) {
    std::vector<Xapian::Query> words;
    for (const analysis::Word& w : analyzer.analyze(q.text).words) {
      if (w.stopword || w.terms.empty()) continue;
      if (options.drop_question_words && std::find(kQuestionWords.begin(), kQuestionWords.end(),
                                                   w.surface) != kQuestionWords.end())
        continue;
      words.emplace_back(Xapian::Query::OP_SYNONYM, w.terms.begin(), w.terms.end());
      if (options.prefix_bytes > 0)
        words.emplace_back(
            Xapian::Query::OP_SCALE_WEIGHT,
            Xapian::Query(std::string(kPrefixTerm) + word_prefix(w.surface, options.prefix_bytes)),
            options.prefix_weight);
    }
    std::vector<RankedDoc>& hits = run[q.id];
    if (words.empty()) continue;
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end()));
    const Xapian::MSet mset = enquire.get_mset(0, options.depth);
    for (auto it = mset.begin(); it != mset.end(); ++it)
      hits.push_back({it.get_document().get_data(), it.get_weight()});
  }
  return run;
}

}  // namespace segugio::eval
