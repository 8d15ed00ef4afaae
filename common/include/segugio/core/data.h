// Data files kept in the repository under common/data/ and compiled into the
// library (see cmake/SegugioEmbed.cmake): stopwords, elisions, the company
// gazetteer, topic vocabularies, synonyms.
#pragma once

#include <stdexcept>
#include <string_view>

namespace segugio::data {

// The whole text of the embedded file `name` (e.g. "stopwords-it.txt").
// Throws std::logic_error for an unknown name: that is a build mistake.
std::string_view file(std::string_view name);

}  // namespace segugio::data
