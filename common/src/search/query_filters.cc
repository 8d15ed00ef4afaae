// QueryBuilder's field filters (`azienda:`, `data:`...) and the options' filters.
#include "segugio/search/query_builder.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "company_filter.h"
#include "facet_value_words.h"
#include "query_builder_impl.h"
#include "segugio/core/error.h"
#include "segugio/facets/company_gazetteer.h"
#include "segugio/facets/topic_taxonomy.h"
#include "segugio/index/id_lookup.h"
#include "segugio/index/schema.h"
#include "segugio/search/date_filter.h"

namespace segugio::search {

using namespace building;

namespace {

[[noreturn]] void unknown_value(std::string_view what, std::string_view value,
                                const std::string& hint) {
  throw QuerySyntaxError("unknown " + std::string(what) + " \"" + std::string(value) + "\"" +
                         (hint.empty() ? std::string() : " (" + hint + ")"));
}

}  // namespace

Xapian::Query QueryBuilder::filter(Field field, std::string_view value, bool prefix) {
  auto prefix_filter = [&](std::string_view term_prefix, const std::string& folded) {
    std::vector<Q> qs;
    std::size_t n = 0;
    const std::string full = std::string(term_prefix) + folded;
    for (auto it = db_.allterms_begin(full); it != db_.allterms_end(full); ++it) {
      if (++n > max_expansions_) break;
      qs.emplace_back(*it);
    }
    if (qs.empty()) return nothing();
    return combine(Q::OP_OR, qs);
  };
  // A value as stored ("Mirko B.", any case or accents) is its one term;
  // otherwise the values holding its words or their starts (`mirko`,
  // `repubblica`; see facet_value_words.h), matching nothing when none does.
  auto value_filter = [&](std::string_view term_prefix, std::string_view typed) {
    const std::string folded = fold_facet_value(typed);
    const std::string exact = schema::boolean_term(term_prefix, folded);
    if (db_.term_exists(exact)) return Q(exact);
    const std::vector<std::string> terms =
        terms_matching_words(db_, term_prefix, folded, max_expansions_);
    if (terms.empty()) return Q(exact);
    return Q(Q::OP_OR, terms.begin(), terms.end());
  };
  const std::string name(field_name(field));
  if (prefix && (field == Field::company || field == Field::topic || field == Field::date))
    throw QuerySyntaxError(name + ": takes a whole value, not a prefix (remove the *)");
  switch (field) {
    case Field::id:
      if (prefix) return prefix_filter(schema::kId, std::string(value));
      {
        // As written, else in any case (`id:Posts/A` for posts/a).
        const std::vector<std::string> terms = index::id_terms(db_, value);
        if (terms.empty()) return Q(schema::boolean_term(schema::kId, value));
        return Q(Q::OP_OR, terms.begin(), terms.end());
      }
    case Field::company:
      return company_filter(db_, analyzer_, companies_, value, company_options_, notices_);
    case Field::topic: {
      const std::optional<std::string> slug = topics_.slug_of(value);
      if (!slug) {
        std::string known;
        for (const facets::Topic& t : topics_.topics())
          known += (known.empty() ? "" : ", ") + t.slug;
        unknown_value("topic", value, "topics: " + known);
      }
      return Q(schema::boolean_term(schema::kTopic, *slug));
    }
    case Field::tag:
      return prefix ? prefix_filter(schema::kTag, fold_facet_value(value))
                    : value_filter(schema::kTag, value);
    case Field::author:
      return prefix ? prefix_filter(schema::kAuthor, fold_facet_value(value))
                    : value_filter(schema::kAuthor, value);
    case Field::source:
      return prefix ? prefix_filter(schema::kSource, fold_facet_value(value))
                    : value_filter(schema::kSource, value);
    case Field::section:
      return prefix ? prefix_filter(schema::kSection, fold_facet_value(value))
                    : value_filter(schema::kSection, value);
    case Field::date:
      return date_query(parse_date_range(value, today_));
    case Field::title:
    case Field::none:
      break;
  }
  throw QuerySyntaxError(name + ": is not a filter");
}

Xapian::Query QueryBuilder::filters(const SearchFilters& f) {
  std::vector<Q> all;
  auto facet = [&](Field field, const std::vector<std::string>& values) {
    std::vector<Q> any;
    for (const std::string& v : values) any.push_back(filter(field, v));
    all.push_back(combine(Q::OP_OR, any));
  };
  company_options_.with_subsidiaries = f.with_subsidiaries;
  facet(Field::company, f.companies);
  company_options_ = {};
  facet(Field::topic, f.topics);
  facet(Field::tag, f.tags);
  facet(Field::author, f.authors);
  facet(Field::source, f.sources);
  facet(Field::section, f.sections);
  if (!f.from.empty() || !f.to.empty()) {
    DateRange range;
    if (!f.from.empty()) {
      const DateRange from = parse_date_bound(f.from, today_);
      if (from.undated) throw QuerySyntaxError("--from takes a date, not \"" + f.from + "\"");
      range.from = from.from;
    }
    if (!f.to.empty()) {
      const DateRange to = parse_date_bound(f.to, today_);
      if (to.undated) throw QuerySyntaxError("--to takes a date, not \"" + f.to + "\"");
      range.to = to.to;
    }
    if (range.from && range.to && *range.to < *range.from)
      throw QuerySyntaxError("--from " + f.from + " comes after --to " + f.to);
    all.push_back(date_query(range));
  }
  return combine(Q::OP_AND, all);
}

}  // namespace segugio::search
