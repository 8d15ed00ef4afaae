// Spot checks on the real articles in ../shared/data; skipped when it is not
// there (a fresh clone, a user's machine).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "read_helpers.h"
#include "skip.h"

namespace fs = std::filesystem;
using segugio::Article;
using segugio::corpus::list_files;
using segugio::corpus::ProblemList;
using segugio::corpus::Reason;
using segugio::corpus::SourceFile;
using segugio::corpus::testing::read_one;
using segugio::corpus::testing::ReadResult;

namespace {

// Ten files spread over the folder, always the same ones.
std::vector<SourceFile> ten_of(const fs::path& folder) {
  ProblemList problems;
  const std::vector<SourceFile> all = list_files({folder}, problems);
  std::vector<SourceFile> out;
  const std::size_t step = std::max<std::size_t>(1, all.size() / 10);
  for (std::size_t i = 0; i < all.size() && out.size() < 10; i += step) out.push_back(all[i]);
  return out;
}

void check_article(const Article& a) {
  CAPTURE(a.id);
  CHECK_FALSE(a.title.empty());
  CHECK(a.date.has_value());
  CHECK_FALSE(a.body.empty());
}

}  // namespace

TEST_CASE("shared data: ten posts of each Markdown corpus have title and date") {
  const fs::path data = SEGUGIO_SHARED_DATA;
  if (!fs::exists(data / "devitalia/posts") && !fs::exists(data / "linuxhub/posts"))
    return segugio::testing::skip("needs the shared data: no Markdown corpus under " +
                                  data.string());
  for (const char* corpus : {"devitalia/posts", "linuxhub/posts"}) {
    if (!fs::exists(data / corpus)) continue;
    CAPTURE(corpus);
    const std::vector<SourceFile> files = ten_of(data / corpus);
    CHECK(files.size() == 10);
    for (const SourceFile& f : files) {
      const ReadResult r = read_one(f);
      REQUIRE(r.articles.size() == 1);
      check_article(r.articles[0]);
      for (const auto& p : r.problems) CHECK_FALSE(p.skipped);
    }
  }
}

TEST_CASE("shared data: ten news-day JSON lines have title and date") {
  const fs::path jsonl = fs::path(SEGUGIO_SHARED_DATA) / "news-day/articles.jsonl";
  if (!fs::exists(jsonl))
    return segugio::testing::skip("needs the shared data: no " + jsonl.string());
  const ReadResult r = read_one(segugio::corpus::describe_file(jsonl));
  REQUIRE(r.articles.size() == 46);
  for (std::size_t i = 0; i < 40; i += 4) check_article(r.articles[i]);
  CHECK(r.with_reason(Reason::bad_line).empty());
  // Line 7 says "date": null, and neither its URL nor its text has one.
  const auto undated = r.with_reason(Reason::no_date);
  REQUIRE(undated.size() == 1);
  CHECK(undated[0].where == jsonl.string() + ":7");
}
