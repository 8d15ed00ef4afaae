// Article: what every reader produces and every later stage consumes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "segugio/core/date.h"

namespace segugio {

// A clean article, independent of the format it was read from.
// Text fields are valid UTF-8 (readers repair or re-decode bad bytes).
struct Article {
  std::string id;           // stable document id (see ARCHITECTURE.md, "Identity")
  std::string source_path;  // file it came from, as given on the command line
  std::string title;
  std::string lead;         // subtitle, description or lead paragraph
  std::string body;         // prose, paragraphs separated by "\n\n"
  std::string code;         // code blocks: searchable, never used as snippet prose
  std::optional<Date> date;  // publication day, in the article's own offset
  std::string section;
  std::vector<std::string> tags;
  std::string author;
  std::string url;
  std::string source;       // the outlet: record's source, site, or URL's domain
};

}  // namespace segugio
