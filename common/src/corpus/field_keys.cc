#include "field_keys.h"

#include "segugio/text/normalize.h"
#include "text.h"

namespace segugio::corpus::detail {

namespace {

struct FieldNames {
  Field field;
  const char* name;                         // as --field-map spells it
  std::initializer_list<const char*> keys;  // lower case, in the order tried
};

// The table of docs/formats.md: keep the two together. A record with two keys
// of one field takes the first one (in this order) that holds a value.
const FieldNames kFields[] = {
    {Field::id, "id", {"id", "_id", "guid", "uuid"}},
    {Field::title, "title", {"title", "headline", "titolo"}},
    {Field::lead,
     "lead",
     {"lead", "subtitle", "description", "summary", "excerpt", "abstract", "sottotitolo",
      "sommario", "occhiello", "descrizione", "catenaccio"}},
    {Field::body,
     "body",
     {"text", "body", "content", "articlebody", "testo", "corpo", "contenuto", "full_text",
      "fulltext"}},
    {Field::date,
     "date",
     {"date", "published", "pubdate", "published_at", "publishedat", "datepublished", "pub_date",
      "publishdate", "data", "data_pubblicazione", "pubblicato", "created", "created_at", "lastmod",
      "updated", "modified", "datemodified"}},
    {Field::url, "url", {"url", "link", "permalink", "canonical", "canonical_url", "indirizzo"}},
    {Field::author,
     "author",
     {"author", "authors", "byline", "creator", "autore", "autori", "firma"}},
    {Field::tags, "tags", {"tags", "keywords", "tag", "etichette", "parole_chiave"}},
    {Field::category, "category", {"categories", "category", "categorie", "categoria"}},
    {Field::section, "section", {"section", "sezione", "section_from_url", "rubrica"}},
    {Field::source,
     "source",
     {"source", "site", "publisher", "site_name", "fonte", "testata", "sito", "editore"}},
    {Field::ignore, "ignore", {}},
};

constexpr unsigned kBuiltInRank = 1000;  // after every key the user names

}  // namespace

FieldKeys::FieldKeys(const std::vector<std::pair<std::string, Field>>& user) {
  for (const FieldNames& f : kFields) {
    unsigned rank = kBuiltInRank;
    for (const char* key : f.keys) keys_[key] = Match{f.field, rank++};
  }
  unsigned rank = 0;
  for (const auto& [key, field] : user) keys_[text::ascii_lower(key)] = Match{field, rank++};
}

std::optional<FieldKeys::Match> FieldKeys::classify(std::string_view key) const {
  const auto it = keys_.find(text::ascii_lower(key));
  if (it == keys_.end()) return std::nullopt;
  return it->second;
}

}  // namespace segugio::corpus::detail

namespace segugio::corpus {

std::optional<Field> field_named(std::string_view name) {
  const std::string lower = text::ascii_lower(name);
  for (const auto& f : detail::kFields)
    if (lower == f.name) return f.field;
  return std::nullopt;
}

std::string_view field_name(Field field) {
  for (const auto& f : detail::kFields)
    if (f.field == field) return f.name;
  return "ignore";
}

}  // namespace segugio::corpus
