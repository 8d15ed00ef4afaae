// Report pieces that need no database: option parsing, the search a benchmark
// query becomes, latency percentiles, the comparison table, the SVG plot, and
// running a child program.
#include <doctest/doctest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "segugio/core/error.h"
#include "segugio/eval/child_process.h"
#include "segugio/eval/compare.h"
#include "segugio/eval/latency.h"
#include "segugio/eval/recall.h"
#include "segugio/eval/svg_plot.h"
#include "temp_dir.h"

using namespace segugio::eval;

TEST_CASE("cut-off lists and formats are parsed or refused") {
  CHECK(parse_cutoffs("1,5,10,100") == std::vector<std::size_t>{1, 5, 10, 100});
  CHECK(parse_cutoffs("3") == std::vector<std::size_t>{3});
  for (const char* bad : {"", "1,,5", "0", "a", "5x", "1,-2"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse_cutoffs(bad), segugio::UsageError);
  }
  CHECK(parse_report_format("json") == ReportFormat::json);
  CHECK_THROWS_AS(parse_report_format("xml"), segugio::UsageError);
}

TEST_CASE("a benchmark query becomes an ids-only search with its filters") {
  BenchQuery q{
      "q1", "chip AI", {{"Nvidia"}, {"intelligenza-artificiale"}, segugio::Date{2024, 1, 1}, {}}};
  segugio::search::RankingOptions ranking;
  ranking.k1 = 0.9;
  const auto o = bench_search_options(q, ranking, 100);
  CHECK(o.query == "chip AI");
  CHECK(o.limit == 100);
  CHECK(o.ranking.k1 == 0.9);
  CHECK(o.filters.companies == std::vector<std::string>{"Nvidia"});
  CHECK(o.filters.topics == std::vector<std::string>{"intelligenza-artificiale"});
  CHECK(o.filters.from == "2024-01-01");
  CHECK(o.filters.to.empty());
  CHECK(!o.facets);
  CHECK(!o.articles);
  CHECK(!o.snippets);
  CHECK(!o.spelling);
}

TEST_CASE("latency figures use the nearest rank") {
  std::vector<double> ms;
  for (int i = 1000; i >= 1; --i) ms.push_back(i);  // 1..1000 ms, shuffled order irrelevant
  const LatencyFigures f = latency_figures("x", ms);
  CHECK(f.median_ms == 500);
  CHECK(f.p99_ms == 990);
  CHECK(f.max_ms == 1000);
  CHECK(f.mean_ms == doctest::Approx(500.5));
  const LatencyFigures one = latency_figures("y", {7.0});
  CHECK(one.median_ms == 7);
  CHECK(one.p99_ms == 7);
  CHECK(latency_figures("z", {}).median_ms == 0);
}

TEST_CASE("the slowest searches come slowest first, ties in query order") {
  const std::vector<segugio::eval::BenchQuery> queries = {
      {"q1", "uno", {}}, {"q2", "due", {}}, {"q3", "tre", {}}, {"q4", "quattro", {}}};
  const std::vector<double> ms = {5, 40, 12, 40};
  const std::vector<double> xapian = {1, 2, 3, 4};
  const std::vector<std::uint64_t> matches = {10, 20, 30, 40};
  const auto rows = segugio::eval::slowest_searches("facets", queries, ms, xapian, matches, 3);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].query_id == "q2");
  CHECK(rows[1].query_id == "q4");
  CHECK(rows[2].query_id == "q3");
  CHECK(rows[1].xapian_ms == 4);  // plain Xapian's time for the same query
  CHECK(rows[1].matches == 40);
  CHECK(rows[0].label == "facets");
  // Asking for more rows than queries gives every query; none gives none.
  CHECK(segugio::eval::slowest_searches("x", queries, ms, xapian, matches, 9).size() == 4);
  CHECK(segugio::eval::slowest_searches("x", queries, ms, xapian, matches, 0).empty());
}

TEST_CASE("the standard configurations vary one thing each") {
  const segugio::search::RankingOptions defaults;
  const auto list = standard_configurations(defaults, {0.9, 1.2}, {0.75}, true);
  REQUIRE(!list.empty());
  CHECK(list[0].name == "default");
  std::size_t plain = 0, grid = 0;
  for (const Configuration& c : list) {
    plain += c.plain ? 1 : 0;
    grid += c.name.rfind("bm25 ", 0) == 0 ? 1 : 0;
  }
  CHECK(plain == 6);
  CHECK(grid == 1);  // k1=1.2 b=0.75 is the default, not repeated
  const auto without = standard_configurations(defaults, {1.2}, {0.75}, false);
  for (const Configuration& c : without) CHECK(!c.plain);
}

TEST_CASE("the comparison table marks the best of each column") {
  CompareReport report;
  report.queries = 4;
  report.cutoffs = {1, 10};
  for (const auto& [name, r1] : {std::pair<const char*, double>{"default", 0.5}, {"other", 0.75}}) {
    ConfigurationResult r;
    r.configuration.name = name;
    r.mean.recall = {{1, r1}, {10, 0.9}};
    r.mean.mrr10 = r1;
    r.seconds = 2;
    report.results.push_back(r);
  }
  std::ostringstream text;
  write_compare_report(text, report, ReportFormat::text);
  CHECK(text.str().find("R@1") != std::string::npos);
  CHECK(text.str().find("0.7500*") != std::string::npos);
  CHECK(text.str().find("0.5000 ") != std::string::npos);
  CHECK(text.str().find("recip_rank has no cut-off") != std::string::npos);
  std::ostringstream json;
  write_compare_report(json, report, ReportFormat::json);
  const auto j = nlohmann::json::parse(json.str());
  CHECK(j["configurations"].size() == 2);
  CHECK(j["configurations"][1]["recall@1"] == 0.75);
  CHECK(j["configurations"][1]["queries_per_second"] == 2.0);
}

TEST_CASE("the recall plot is a complete SVG with axes and ticks and titles and a legend") {
  std::vector<double> a(100), b(100);
  for (std::size_t k = 0; k < 100; ++k) {
    a[k] = 0.6 + 0.004 * static_cast<double>(k);
    b[k] = 0.5 + 0.005 * static_cast<double>(k);
  }
  std::ostringstream svg;
  write_recall_plot(svg, {{"default", a}, {"k1 <0.9> & b", b}});
  const std::string s = svg.str();
  CHECK(s.rfind("<?xml", 0) == 0);
  CHECK(s.find("</svg>") != std::string::npos);
  std::size_t lines = 0;
  for (std::size_t at = 0; (at = s.find("<polyline", at)) != std::string::npos; ++at) ++lines;
  CHECK(lines == 2);
  CHECK(s.find("k1 &lt;0.9&gt; &amp; b") != std::string::npos);  // escaped legend
  CHECK(s.find(">100</text>") != std::string::npos);             // x ticks
  CHECK(s.find(">0.5</text>") != std::string::npos);             // y ticks from 0.5
  CHECK(s.find("mean recall@k") != std::string::npos);           // axis title
  // A collapsed curve does not drag the axis down to 0.
  std::ostringstream with_collapsed;
  write_recall_plot(with_collapsed, {{"default", a}, {"AND", std::vector<double>(100, 0.1)}});
  CHECK(with_collapsed.str().find("AND (below the axis)") != std::string::npos);
  CHECK(with_collapsed.str().find(">0.6</text>") != std::string::npos);
  CHECK(with_collapsed.str().find(">0.1</text>") == std::string::npos);
  std::ostringstream empty;
  write_recall_plot(empty, {});
  CHECK(empty.str().find("</svg>") != std::string::npos);
}

TEST_CASE("a child program's exit code and output and memory are measured") {
  const ChildResult r = run_child({"sh", "-c", "echo uscita; echo errore >&2; exit 3"});
  CHECK(r.exit_code == 3);
  CHECK(r.out == "uscita\n");
  CHECK(r.err == "errore\n");
  CHECK(r.peak_rss_bytes > 0);
  // A child that only waits uses next to no CPU; one that computes, its work.
  const ChildResult idle = run_child({"sh", "-c", "sleep 0.3"});
  CHECK(idle.seconds >= 0.3);
  CHECK(idle.cpu_seconds < 0.1);
  const ChildResult busy = run_child({"sh", "-c", "i=0; while [ $i -lt 1000000 ]; do i=$((i+1)); done"});
  // CPU time, not a share of the wall time: on a loaded machine the child
  // waits for a core, but the work it does costs the same CPU seconds.
  CHECK(busy.cpu_seconds > 0.3);
  CHECK(busy.cpu_seconds > 3 * idle.cpu_seconds);
  CHECK_THROWS_AS(run_child({"segugio-no-such-program"}), segugio::DataError);
  CHECK(find_program("sh").has_value());
  segugio::testing::TempDir dir;
  dir.write("a/b.txt", "12345");
  dir.write("c.txt", "123");
  CHECK(disk_bytes(dir.path()) == 8);
  CHECK(disk_bytes(dir.path() / "c.txt") == 3);
  CHECK(disk_bytes(dir.path() / "missing") == 0);
}

TEST_CASE("ranking overrides change only what they name") {
  segugio::search::RankingOptions r;
  const segugio::search::RankingOptions defaults;
  apply_ranking_overrides("k1=0.9,b=0.9,operator=any,proximity=off,title_weight=0.25", r);
  CHECK(r.k1 == 0.9);
  CHECK(r.b == 0.9);
  CHECK(r.default_operator == segugio::search::DefaultOperator::any);
  CHECK(!r.proximity);
  CHECK(r.title_weight == 0.25);
  CHECK(r.synonym_weight == defaults.synonym_weight);
  apply_ranking_overrides("proximity_max_words=6", r);
  CHECK(r.proximity_max_words == 6);
  CHECK(r.proximity_max_pairs == defaults.proximity_max_pairs);
  apply_ranking_overrides("", r);  // nothing
  CHECK(r.k1 == 0.9);
  for (const char* bad : {"k1", "k1=x", "speed=3", "operator=xor", "proximity=maybe", "b=-1"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(apply_ranking_overrides(bad, r), segugio::UsageError);
  }
}
