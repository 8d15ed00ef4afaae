#include "segugio/analysis/italian_stemmer.h"

#include <libstemmer.h>

#include "segugio/core/error.h"

namespace segugio::analysis {

void SnowballItalian::Deleter::operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }

SnowballItalian::SnowballItalian() : stemmer_(sb_stemmer_new("italian", "UTF_8")) {
  if (!stemmer_) throw Error("libstemmer has no Italian stemmer for UTF-8");
}

std::string SnowballItalian::stem(std::string_view word) {
  const sb_symbol* out = sb_stemmer_stem(stemmer_.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                                         static_cast<int>(word.size()));
  // NULL only when libstemmer runs out of memory: keep the word as it is.
  if (out == nullptr) return std::string(word);
  const int len = sb_stemmer_length(stemmer_.get());
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(len));
}

std::string ItalianStemImplementation::operator()(const std::string& word) {
  return stemmer_.stem(word);
}

std::string ItalianStemImplementation::get_description() const {
  return "segugio-italian(libstemmer)";
}

Xapian::Stem make_italian_stem() { return Xapian::Stem(new ItalianStemImplementation); }

}  // namespace segugio::analysis
