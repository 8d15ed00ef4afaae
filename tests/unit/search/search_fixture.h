// A small Segugio database written in-test, for the searcher's tests: the
// articles' facets are given (not found by the gazetteer), so every count is
// known. Documents are built by the index library as segugio-index builds
// them (terms, filter terms, values, stored record, spelling words), plus the
// near-duplicate key of schema.h.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "segugio/analysis/analyzer.h"
#include "segugio/core/article.h"
#include "segugio/core/date.h"

namespace segugio::testing {

struct FixtureArticle {
  Article article;
  std::vector<std::string> companies;  // canonical names, most salient first
  std::vector<std::string> topics;     // slugs, main first
};

// The day the sample's relative dates are measured from.
inline constexpr Date kFixtureToday{2024, 3, 20};

// About a dozen short Italian articles written for these tests: two near
// duplicates, one undated, two from kFixtureToday and the day before, a
// compound (`Wi-Fi`), elisions, companies and topics for every facet.
std::vector<FixtureArticle> sample_articles();

// A bare article (source "Prova"), for tests that write a small corpus of
// their own.
FixtureArticle plain_article(const std::string& id, const std::string& title,
                             const std::string& body, Date date,
                             std::vector<std::string> companies = {});

// Writes `articles` into a new database at `path` (schema metadata included).
void write_database(const std::filesystem::path& path, const std::vector<FixtureArticle>& articles);


}  // namespace segugio::testing
