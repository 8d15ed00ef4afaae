// Which Article field a JSON key or a front-matter key fills: the built-in
// names (English, Italian, and the names common exporters use) and the user's
// own (--field-map). Internal to segugio_corpus; the table is documented in
// docs/formats.md.
#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "segugio/corpus/reader.h"

namespace segugio::corpus::detail {

class FieldKeys {
 public:
  struct Match {
    Field field = Field::ignore;
    unsigned rank = 0;  // lower is tried first: the user's keys, then the table's order
  };

  explicit FieldKeys(const std::vector<std::pair<std::string, Field>>& user);

  // The field `key` fills (any case: "pubDate", "Titolo"); nullopt when none.
  std::optional<Match> classify(std::string_view key) const;

 private:
  std::unordered_map<std::string, Match> keys_;  // lower-case key -> field
};

// The values of one record sorted by field, each field's in the order its
// keys are tried. `Value` is whatever the reader holds (a JSON node, a list of
// front-matter strings); the record must outlive this.
template <typename Value>
class FieldValues {
 public:
  struct Entry {
    unsigned rank = 0;
    std::string_view key;  // lower case for front matter, as written for JSON
    const Value* value = nullptr;
  };

  void add(const FieldKeys::Match& m, std::string_view key, const Value& value) {
    if (m.field != Field::ignore)
      slots_[static_cast<std::size_t>(m.field)].push_back({m.rank, key, &value});
  }
  // Call once all keys are added.
  void sort() {
    for (auto& slot : slots_)
      std::stable_sort(slot.begin(), slot.end(),
                       [](const Entry& a, const Entry& b) { return a.rank < b.rank; });
  }
  const std::vector<Entry>& of(Field field) const {
    return slots_[static_cast<std::size_t>(field)];
  }

 private:
  std::array<std::vector<Entry>, kFieldCount> slots_;
};

}  // namespace segugio::corpus::detail
