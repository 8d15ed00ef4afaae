// Synthetic Italian tech-news corpora for speed and scale benchmarks.
//
// Words follow a Zipf law over Debian's `witalian` list (/usr/share/dict/italian):
// shorter words tend to rank higher, as in real text; about two tokens in five
// are stopwords of Segugio's own list (Zipf over it too). Content words starting
// with a vowel are sometimes elided (`dell'`, `l’`, with both apostrophes);
// accents come from the list itself (`città`, `perché`). Companies are the real
// names of the built-in gazetteer data (companies.tsv; a short list when the
// library was built without it), topics those of topics.tsv with their
// vocabulary; dates are uniform over ten years from 2015-01-01.
//
// Determinism: article n depends only on (seed, n, word list), never on the
// articles before it, so any slice of a corpus can be made alone, in any order,
// and a million articles take no more memory than one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "segugio/core/article.h"

namespace segugio::eval {

enum class CorpusFormat {
  txt,    // the scraped layout, one file per article
  md,     // Markdown with YAML front matter, one file per article
  jsonl,  // one JSON Lines file (articles.jsonl)
};

// "txt" -> txt...; throws UsageError for anything else.
CorpusFormat parse_corpus_format(std::string_view name);

struct SyntheticCorpusOptions {
  std::size_t articles = 1000;
  std::uint64_t seed = 1;
  CorpusFormat format = CorpusFormat::txt;
  std::filesystem::path word_list = "/usr/share/dict/italian";
  std::size_t files_per_folder = 1000;  // txt and md: sub-folders of at most this many files
  double zipf_exponent = 1.0;
};

// Generates articles. Immutable after construction: article() may be called
// from several threads at once.
class SyntheticCorpus {
 public:
  // Loads the word list. Throws DataError when it cannot be read (with the
  // apt-get command that installs it) or holds fewer than 1,000 words.
  explicit SyntheticCorpus(const SyntheticCorpusOptions& options);
  ~SyntheticCorpus();
  SyntheticCorpus(SyntheticCorpus&&) noexcept;
  SyntheticCorpus& operator=(SyntheticCorpus&&) noexcept;
  SyntheticCorpus(const SyntheticCorpus&) = delete;
  SyntheticCorpus& operator=(const SyntheticCorpus&) = delete;

  // Article number n (0-based) of the corpus: id "a<n>" (txt and md files
  // get their id from their path when read back), title, lead, body with
  // sub-headings, date, section, tags (its companies and topic), author, URL.
  Article article(std::size_t n) const;

  // The file of article n relative to the output folder (txt, md):
  // "0003/003141.txt" for n = 3141 with 1,000 files per folder.
  std::string relative_path(std::size_t n) const;

  // Company names and topic names the generator draws from.
  const std::vector<std::string>& companies() const;
  const std::vector<std::string>& topics() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The article in the scraped layout of the seed page: section line, title,
// "Indirizzo copiato", lead, "Pubblicato il 28 feb 2024", tag line, body with
// sub-headings, "Articoli correlati".
std::string render_scraped_text(const Article& article);
// Markdown with YAML front matter (title, date, author, tags, section, url).
std::string render_markdown(const Article& article);
// One JSON object on one line, '\n' included.
std::string render_json_line(const Article& article);

struct SyntheticCorpusReport {
  std::size_t articles = 0;
  std::size_t files = 0;
  std::uint64_t bytes = 0;       // bytes written
  std::uint64_t text_bytes = 0;  // bytes of title, lead and body
};

// Writes options.articles articles under `out` (created; existing files of the
// same names are overwritten). Throws DataError when a file cannot be written.
SyntheticCorpusReport write_synthetic_corpus(const SyntheticCorpusOptions& options,
                                             const std::filesystem::path& out);

}  // namespace segugio::eval
