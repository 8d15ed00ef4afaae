// The thinnest indexing path: plain UTF-8 .txt files of a folder, title = first
// non-empty line. The full readers, facets and storage grow from here.
#include "segugio/index/indexer.h"

#include <algorithm>
#include <fstream>
#include <ostream>
#include <sstream>

#include <xapian.h>

#include "segugio/analysis/analyzer.h"
#include "segugio/core/article.h"
#include "segugio/core/error.h"
#include "segugio/index/document_builder.h"
#include "segugio/index/schema.h"

namespace segugio::index {

namespace fs = std::filesystem;

namespace {

Article read_plain_text(const fs::path& file, const fs::path& root) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw DataError(file.string() + ": cannot read");
  std::ostringstream all;
  all << in.rdbuf();
  const std::string text = all.str();
  Article a;
  a.source_path = file.string();
  a.id = fs::relative(file, root).replace_extension().generic_string();
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line) && line.find_first_not_of(" \t\r") == std::string::npos) {
  }
  a.title = line;
  std::ostringstream rest;
  rest << lines.rdbuf();
  a.body = rest.str();
  return a;
}

}  // namespace

IndexReport run_index(const IndexOptions& options, std::ostream& log) {
  if (options.inputs.empty()) throw UsageError("no folder or file to index");
  std::vector<std::pair<fs::path, fs::path>> files;  // file, root
  for (const fs::path& input : options.inputs) {
    if (fs::is_directory(input)) {
      for (const auto& entry : fs::recursive_directory_iterator(input))
        if (entry.is_regular_file() && entry.path().extension() == ".txt")
          files.emplace_back(entry.path(), input);
    } else if (fs::is_regular_file(input)) {
      files.emplace_back(input, input.parent_path());
    } else {
      throw DataError(input.string() + ": no such file or folder");
    }
  }
  std::sort(files.begin(), files.end());

  IndexReport report;
  report.files_seen = files.size();
  Xapian::WritableDatabase db;
  try {
    db = Xapian::WritableDatabase(options.db.string(), options.full ? Xapian::DB_CREATE_OR_OVERWRITE
                                                                    : Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw DatabaseError(options.db.string() + ": another segugio-index is writing this database");
  } catch (const Xapian::Error& e) {
    throw DatabaseError(options.db.string() + ": " + e.get_msg());
  }
  analysis::Analyzer analyzer;
  for (const auto& [file, root] : files) {
    Article article = read_plain_text(file, root);
    article.id = options.id_prefix + article.id;
    Xapian::Document doc;
    add_text_terms(doc, analyzer, article);
    const std::string id_term = schema::boolean_term(schema::kId, article.id);
    doc.add_boolean_term(id_term);
    doc.add_value(schema::kSlotId, article.id);
    doc.set_data(article.title + "\n" + article.id);
    if (!options.dry_run) db.replace_document(id_term, doc);
    ++report.articles_indexed;
  }
  db.set_metadata(std::string(schema::kMetaSchema), std::to_string(schema::kSchemaVersion));
  if (!options.dry_run) db.commit();
  report.total_documents = db.get_doccount();
  if (options.verbosity > 0)
    log << report.articles_indexed << " indexed, " << report.skipped << " skipped; "
        << report.total_documents << " articles in " << options.db.string() << "\n";
  return report;
}

}  // namespace segugio::index
