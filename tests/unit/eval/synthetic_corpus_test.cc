// The synthetic corpus: deterministic, independent articles, the layouts the
// readers expect, folders of bounded size.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "segugio/core/error.h"
#include "segugio/corpus/reader.h"
#include "segugio/corpus/source_file.h"
#include "segugio/eval/synthetic_corpus.h"
#include "temp_dir.h"

using namespace segugio;
using namespace segugio::eval;
using segugio::testing::TempDir;

namespace {

// witalian is a declared dependency (scripts/install-deps.sh).
SyntheticCorpusOptions options(std::uint64_t seed, CorpusFormat format = CorpusFormat::txt) {
  SyntheticCorpusOptions o;
  o.seed = seed;
  o.format = format;
  return o;
}

bool same(const Article& a, const Article& b) {
  return a.id == b.id && a.title == b.title && a.lead == b.lead && a.body == b.body &&
         a.date == b.date && a.tags == b.tags && a.section == b.section && a.url == b.url;
}

}  // namespace

TEST_CASE("an article depends only on the seed and its number") {
  const SyntheticCorpus corpus(options(7));
  const SyntheticCorpus again(options(7));
  const SyntheticCorpus other(options(8));
  const Article a5 = corpus.article(5);
  corpus.article(6);  // drawing others first changes nothing
  CHECK(same(again.article(5), a5));
  CHECK(same(corpus.article(5), a5));
  CHECK(!same(corpus.article(4), a5));
  CHECK(other.article(5).body != a5.body);
}

TEST_CASE("articles look like Italian tech news") {
  const SyntheticCorpus corpus(options(1));
  std::size_t elided = 0, accented = 0, with_company = 0;
  for (std::size_t n = 0; n < 200; ++n) {
    const Article a = corpus.article(n);
    CAPTURE(n);
    REQUIRE(a.date);
    CHECK(a.date->year >= 2015);
    CHECK(a.date->year <= 2024);
    CHECK(!a.title.empty());
    CHECK(a.title.find('\n') == std::string::npos);
    CHECK(!a.lead.empty());
    CHECK(a.body.size() > 500);
    CHECK(!a.tags.empty());
    CHECK(a.body.find(" =") == std::string::npos);  // no matching markers of topics.tsv
    if (a.body.find("'") != std::string::npos || a.body.find("\u2019") != std::string::npos)
      ++elided;
    if (a.body.find("\xC3") != std::string::npos) ++accented;  // à è é ì ò ù
    for (const std::string& company : corpus.companies())
      if (a.title.find(company) != std::string::npos || a.body.find(company) != std::string::npos) {
        ++with_company;
        break;
      }
  }
  CHECK(elided > 150);
  CHECK(accented > 150);
  CHECK(with_company > 100);
  CHECK(corpus.companies().size() >= 10);
  CHECK(corpus.topics().size() >= 4);
}

TEST_CASE("the scraped layout reads back as the article it came from") {
  const SyntheticCorpus corpus(options(3));
  TempDir dir;
  for (std::size_t n = 0; n < 20; ++n) {
    const Article a = corpus.article(n);
    const auto path = dir.write("a" + std::to_string(n) + ".txt", render_scraped_text(a));
    corpus::ProblemList problems;
    std::vector<Article> read;
    corpus::read_file(
        corpus::describe_file(path), {}, [&](Article&& r) { read.push_back(r); }, problems);
    CAPTURE(n);
    REQUIRE(read.size() == 1);
    CHECK(read[0].title == a.title);
    CHECK(read[0].lead == a.lead);
    CHECK(read[0].date == a.date);
    CHECK(read[0].section == a.section);
    CHECK(read[0].tags == a.tags);
    CHECK(read[0].body.find(a.body.substr(0, 40)) == 0);
  }
}

TEST_CASE("markdown and JSON Lines read back too") {
  const SyntheticCorpus corpus(options(3));
  TempDir dir;
  const Article a = corpus.article(11);
  std::string lines;
  for (std::size_t n = 10; n < 13; ++n) lines += render_json_line(corpus.article(n));
  for (const auto& [name, text] :
       {std::pair<std::string, std::string>{"a.md", render_markdown(a)}, {"b.jsonl", lines}}) {
    CAPTURE(name);
    corpus::ProblemList problems;
    std::vector<Article> read;
    corpus::read_file(
        corpus::describe_file(dir.write(name, text)), {}, [&](Article&& r) { read.push_back(r); },
        problems);
    REQUIRE(!read.empty());
    const Article& r = read.size() == 1 ? read[0] : read[1];
    CHECK(r.title == a.title);
    CHECK(r.lead == a.lead);
    CHECK(r.date == a.date);
    CHECK(r.author == a.author);
    CHECK(r.body.find(a.body.substr(0, 40)) != std::string::npos);
    if (read.size() > 1) CHECK(r.id == "a11");
  }
}

TEST_CASE("files go in sub-folders of at most files_per_folder") {
  TempDir dir;
  SyntheticCorpusOptions o = options(2);
  o.articles = 25;
  o.files_per_folder = 10;
  const SyntheticCorpusReport report = write_synthetic_corpus(o, dir.path() / "out");
  CHECK(report.articles == 25);
  CHECK(report.files == 25);
  CHECK(report.bytes > report.text_bytes);
  std::set<std::string> folders;
  std::size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir.path() / "out")) {
    if (e.is_directory()) folders.insert(e.path().filename().string());
    if (e.is_regular_file()) ++files;
  }
  CHECK(files == 25);
  CHECK(folders == std::set<std::string>{"0000", "0001", "0002"});
  CHECK(std::filesystem::exists(dir.path() / "out/0002/000024.txt"));
}

TEST_CASE("jsonl writes one file of one article a line") {
  TempDir dir;
  SyntheticCorpusOptions o = options(2, CorpusFormat::jsonl);
  o.articles = 30;
  const SyntheticCorpusReport report = write_synthetic_corpus(o, dir.path());
  CHECK(report.files == 1);
  std::ifstream in(dir.path() / "articles.jsonl");
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line);
    CHECK(j["id"] == "a" + std::to_string(n));
    ++n;
  }
  CHECK(n == 30);
}

TEST_CASE("a missing word list is a data error naming the package") {
  SyntheticCorpusOptions o;
  o.word_list = "/nonexistent/italian";
  CHECK_THROWS_WITH_AS(SyntheticCorpus{o}, doctest::Contains("witalian"), segugio::DataError);
  CHECK_THROWS_AS(parse_corpus_format("pdf"), segugio::UsageError);
  CHECK(parse_corpus_format("md") == CorpusFormat::md);
}
