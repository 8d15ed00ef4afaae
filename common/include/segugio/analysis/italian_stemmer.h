// The Snowball Italian stemmer of libstemmer, owned by RAII and handed to Xapian
// as a Xapian::StemImplementation, so that every stem in Segugio comes from one
// place.
//
// Thread contract: libstemmer reuses its output buffer between calls, so a
// stemmer is not shareable: one per thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <xapian.h>

struct sb_stemmer;

namespace segugio::analysis {

// Owns one `sb_stemmer` for Italian in UTF-8.
class SnowballItalian {
 public:
  SnowballItalian();  // throws segugio::Error if libstemmer lacks Italian
  // Stems a lower-case UTF-8 word; the result is a copy (libstemmer's buffer is
  // overwritten by the next call).
  std::string stem(std::string_view word);

 private:
  struct Deleter {
    void operator()(sb_stemmer* s) const;
  };
  std::unique_ptr<sb_stemmer, Deleter> stemmer_;
};

// Xapian's view of the same stemmer (see xapian's tests/api_stem.cc).
class ItalianStemImplementation : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override;
  std::string get_description() const override;

 private:
  SnowballItalian stemmer_;
};

// A Xapian::Stem backed by a new ItalianStemImplementation.
Xapian::Stem make_italian_stem();

}  // namespace segugio::analysis
