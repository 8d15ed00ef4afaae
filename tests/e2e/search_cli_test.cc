// segugio-search end to end: the real binary on the fixture database (written
// in-test with the index library, so every facet is known): filters as options
// and inline, date forms, facet counts, the three output formats, batches,
// errors and exit codes.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "run_program.h"
#include "search_fixture.h"
#include "temp_dir.h"

using segugio::testing::FixtureArticle;
using segugio::testing::run_search;
using segugio::testing::TempDir;

namespace {

struct Database {
  TempDir dir;
  std::vector<FixtureArticle> articles = segugio::testing::sample_articles();
  std::string path = (dir.path() / "db").string();
  Database() { segugio::testing::write_database(path, articles); }
};

Database& database() {
  static Database d;
  return d;
}

// Runs segugio-search on the fixture with today fixed.
segugio::testing::ProgramResult search(std::vector<std::string> args, const std::string& input = {}) {
  std::vector<std::string> all{"-d", database().path, "--today", "2024-03-20"};
  all.insert(all.end(), args.begin(), args.end());
  return run_search(all, input);
}

nlohmann::json json_of(std::vector<std::string> args) {
  args.insert(args.begin(), {"--format", "json", "-n", "50"});
  const auto r = search(args);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return nlohmann::json::parse(r.out);
}

std::set<std::string> hit_ids(const nlohmann::json& j) {
  std::set<std::string> ids;
  for (const auto& h : j["hits"]) ids.insert(h["id"].get<std::string>());
  return ids;
}

// The query ids of a JSON batch's answers, one JSON document a line.
std::vector<std::string> answered_ids(const std::string& out) {
  std::istringstream docs(out);
  std::string doc;
  std::vector<std::string> ids;
  while (std::getline(docs, doc)) ids.push_back(nlohmann::json::parse(doc)["query_id"]);
  return ids;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("every filter works the same as an option and inline") {
  struct Case {
    std::vector<std::string> option;
    const char* inline_query;
    std::size_t expected;
  };
  const Case cases[] = {
      {{"--company", "Big G"}, "azienda:\"Big G\"", 3},
      {{"--company", "google", "--company", "apple"}, "azienda:google OR company:apple", 5},
      {{"--topic", "Sicurezza informatica"}, "argomento:sicurezza-informatica", 2},
      {{"--tag", "ransomware"}, "tag:ransomware", 1},
      {{"--author", "Marco Rossi"}, "autore:\"Marco Rossi\"", 3},
      {{"--source", "rassegna tech"}, "fonte:\"Rassegna Tech\"", 3},
      {{"--section", "Sicurezza"}, "sezione:sicurezza", 2},
      {{"--from", "2024-03", "--to", "2024-03"}, "data:marzo-2024", 6},
      {{"--from", "2024-01-22", "--to", "2024-02-20"}, "data:2024-01-22..2024-02-20", 3},
      {{"--to", "2023"}, "data:..2023-12-31", 3},
      {{"--from", "ultimi-7-giorni"}, "date:ultima-settimana", 3},
      {{"--from", "oggi"}, "data:oggi", 1},
  };
  for (const Case& c : cases) {
    CAPTURE(c.inline_query);
    const auto by_option = json_of(c.option);
    const auto by_query = json_of({c.inline_query});
    CHECK(hit_ids(by_option) == hit_ids(by_query));
    CHECK(by_option["total"] == c.expected);
    CHECK(by_query["total"] == c.expected);
  }
}

TEST_CASE("date forms all reach the same articles") {
  const auto feb = hit_ids(json_of({"data:2024-02"}));
  CHECK(feb == std::set<std::string>{"microsoft-cloud-italia", "google-ricerca-gemini"});
  for (const char* q : {"data:febbraio-2024", "data:feb-2024", "data:02/2024",
                        "data:2024-02-01..2024-02-29", "date:\"febbraio 2024\""}) {
    CAPTURE(q);
    CHECK(hit_ids(json_of({q})) == feb);
  }
  CHECK(hit_ids(json_of({"data:ieri"})) == std::set<std::string>{"apple-ios-ieri"});
  CHECK(hit_ids(json_of({"data:senza-data"})) == std::set<std::string>{"guida-wifi"});
}

TEST_CASE("JSON output: the documented fields, facets equal to a brute-force count") {
  const auto j = json_of({"cloud OR apple"});
  CHECK(j["query"] == "cloud OR apple");
  CHECK(j["total_exact"] == true);
  CHECK(j["suggestion"].is_null());
  CHECK(j["elapsed_ms"].is_number());
  REQUIRE(j["hits"].size() == j["total"].get<std::size_t>());
  int rank = 0;
  double previous = 1e300;
  std::map<std::string, int> companies, topics, months;
  for (const auto& h : j["hits"]) {
    CHECK(h["rank"] == ++rank);
    CHECK(h["score"].get<double>() <= previous);
    previous = h["score"].get<double>();
    for (const char* field : {"id", "title", "url", "path", "source", "snippet"})
      CHECK(h[field].is_string());
    CHECK((h["date"].is_null() || h["date"].get<std::string>().size() == 10));
    const std::string id = h["id"];
    for (const FixtureArticle& f : database().articles) {
      if (f.article.id != id) continue;
      CHECK(h["companies"] == f.companies);
      CHECK(h["topics"] == f.topics);
      CHECK(h["title"] == f.article.title);
      for (const auto& c : f.companies) ++companies[c];
      for (const auto& t : f.topics) ++topics[t];
      ++months[f.article.date ? f.article.date->iso().substr(0, 7) : "senza-data"];
    }
  }
  auto counts = [](const nlohmann::json& list) {
    std::map<std::string, int> m;
    for (const auto& v : list) m[v["value"].get<std::string>()] = v["count"].get<int>();
    return m;
  };
  CHECK(counts(j["facets"]["company"]) == companies);
  CHECK(counts(j["facets"]["topic"]) == topics);
  CHECK(counts(j["facets"]["month"]) == months);
}

TEST_CASE("text output: hits, highlights through elisions, facets with a histogram") {
  const auto r = search({"intelligenza scuola"});
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, "risultati per \u00abintelligenza scuola\u00bb"));
  CHECK(contains(r.out, "  1. L'intelligenza artificiale entra a scuola"));
  CHECK(contains(r.out, "2024-03-01"));
  CHECK(contains(r.out, "l'[intelligenza] artificiale"));
  CHECK(contains(r.out, "[intelligenza-scuola]"));
  CHECK(contains(r.out, "Argomenti:  intelligenza-artificiale"));
  CHECK(contains(r.out, "\u2588"));
  CHECK_FALSE(contains(r.out, "\033["));  // NO_COLOR (set by run_program) and not a terminal
  const auto colored = search({"--color", "always", "intelligenza"});
  CHECK(contains(colored.out, "\033[1;33mintelligenza\033[0m"));
  const auto json = json_of({"intelligenza scuola"});
  CHECK(contains(json["hits"][0]["snippet"].get<std::string>(), "l'<b>intelligenza</b>"));
}

TEST_CASE("--facets-only and --no-facets") {
  const auto only = search({"--facets-only", "cloud"});
  CHECK(contains(only.out, "Aziende:"));
  CHECK_FALSE(contains(only.out, "  1. "));
  const auto none = search({"--no-facets", "cloud"});
  CHECK(contains(none.out, "  1. "));
  CHECK_FALSE(contains(none.out, "Aziende:"));
  CHECK(json_of({"--no-facets", "cloud"})["facets"].is_null());
  CHECK(search({"--facets-only", "--no-facets", "x"}).exit_code == 2);
}

TEST_CASE("TREC output: six columns, encoded ids, strictly decreasing scores") {
  const auto r = search({"--format", "trec", "--query-id", "q 1", "--run-tag", "prova", "cloud"});
  REQUIRE(r.exit_code == 0);
  std::istringstream lines(r.out);
  std::string line;
  int rank = 0;
  double previous = 1e300;
  bool encoded = false;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string qid, q0, doc, tag, extra;
    int n = 0;
    double score = 0;
    fields >> qid >> q0 >> doc >> n >> score >> tag;
    CHECK_FALSE(static_cast<bool>(fields >> extra));
    CHECK(qid == "q%201");
    CHECK(q0 == "Q0");
    CHECK(n == ++rank);
    CHECK(score < previous);
    CHECK(tag == "prova");
    previous = score;
    encoded = encoded || doc == "nota%20100%25";
  }
  CHECK(rank == 3);
  CHECK(encoded);
}

TEST_CASE("a batch answers every query in one process") {
  TempDir dir;
  const auto file = dir.write("queries.jsonl",
                              "{\"_id\": \"a\", \"text\": \"cloud\"}\n"
                              "\n"
                              "{\"_id\": \"b\", \"text\": \"intelligenza\", \"filters\": "
                              "{\"company\": \"Google\", \"from\": \"2024-03\"}}\n"
                              "c\tospedale\n");
  const auto r = search({"--format", "trec", "--queries", file.string()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  std::map<std::string, int> per_query;
  std::istringstream lines(r.out);
  std::string qid, rest;
  while (lines >> qid && std::getline(lines, rest)) ++per_query[qid];
  CHECK(per_query == std::map<std::string, int>{{"a", 3}, {"b", 1}, {"c", 1}});
  // From standard input, with a bad query in the middle: the others are answered.
  const auto piped = search({"--format", "json", "--queries", "-"}, "q1\tcloud\nq2\tdata:2024-13\nq3\tapple\n");
  CHECK(piped.exit_code == 2);
  CHECK(contains(piped.err, "q2: "));
  CHECK(answered_ids(piped.out) == std::vector<std::string>{"q1", "q3"});
  // No query and standard input not a terminal: one query a line.
  const auto lines_in = search({"--format", "json"}, "cloud\napple\n");
  CHECK(lines_in.exit_code == 0);
  CHECK(std::count(lines_in.out.begin(), lines_in.out.end(), '\n') == 2);
}

TEST_CASE("collapse, more like this and the spelling suggestion") {
  const auto plain = search({"regole intelligenza"});
  const auto folded = search({"--collapse", "regole intelligenza"});
  CHECK(contains(folded.out, "+1 simili"));
  CHECK_FALSE(contains(plain.out, "simili"));
  const auto like = json_of({"--like", "microsoft-cloud-italia"});
  REQUIRE_FALSE(like["hits"].empty());
  CHECK(like["hits"][0]["id"] == "cloud-regioni-europa");
  CHECK(search({"--like", "nessuno"}).exit_code == 2);
  const auto typo = search({"--no-correct", "intelligensa artificale"});
  CHECK(contains(typo.out, "Forse cercavi: intelligenza artificiale"));
  CHECK(json_of({"--no-correct", "intelligensa artificale"})["suggestion"] ==
        "intelligenza artificiale");
  // Found nothing, and sure of the correction: it answers the correction.
  CHECK(json_of({"intelligensa artificale"})["correction"]["query"] ==
        "intelligenza artificiale");
}

TEST_CASE("sorting and recency options") {
  const auto by_date = json_of({"--sort", "date", "apple OR cloud"});
  CHECK(by_date["hits"][0]["id"] == "apple-iphone-oggi");
  const auto oldest = json_of({"--sort", "date-asc", "apple OR cloud"});
  CHECK(oldest["hits"][0]["id"] == "cloud-regioni-europa");
  CHECK(json_of({"--recency", "vendite"})["hits"][0]["id"] == "apple-iphone-oggi");
}

TEST_CASE("queries that do not parse: one message, exit 2, nothing on stdout") {
  struct Case {
    const char* query;
    const char* message;
  };
  const Case cases[] = {
      {"data:2024-13", "bad date \"2024-13\""},
      {"argomento:cucina", "unknown topic \"cucina\""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.query);
    const auto r = search({c.query});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, "segugio-search: "));
    CHECK(contains(r.err, c.message));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
  CHECK(search({"--from", "domani"}).exit_code == 2);
  CHECK(search({"--sort", "caso", "x"}).exit_code == 2);
  CHECK(search({"--bogus"}).exit_code == 2);
  CHECK(search({"--format", "xml", "x"}).exit_code == 2);
}

// Regression: a question with a quote left open (`che ha "permesso…`) exited 2.
TEST_CASE("unbalanced natural input is answered, with a notice saying how it was read") {
  struct Case {
    const char* query;
    const char* notice;
  };
  const Case cases[] = {
      {"\"intelligenza artificiale", "non sono chiuse"},
      {"(cloud OR apple", "non si chiude"},
      {"cloud)", "non chiude nulla"},
      {"cloud AND", "AND al carattere 7"},
  };
  for (const Case& c : cases) {
    const std::string query = c.query;
    CAPTURE(query);
    const auto j = json_of({query});
    CHECK(j["total"].get<long>() > 0);
    REQUIRE(j["notices"].size() == 1);
    CHECK(contains(j["notices"][0].get<std::string>(), c.notice));
  }
}

// Issue 16: an unknown company exited 2; now it is searched as words.
TEST_CASE("an unknown company is searched as words with a notice, exit 0") {
  for (const char* args : {"azienda:\"Pizzeria da Mario\"", "--company=Pizzeria da Mario"}) {
    CAPTURE(args);
    const std::string a = args;
    const auto r = a.rfind("--", 0) == 0 ? search({a, "x"}) : search({a});
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "sconosciuta"));
  }
  const auto typo = search({"--company", "microsft", "cloud"});
  CHECK(typo.exit_code == 0);
  CHECK(contains(typo.out, "Microsoft"));
}

TEST_CASE("an unknown field is text, and a query with no hits still succeeds") {
  const auto r = search({"colore:rosso"});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Nessun risultato"));
}

TEST_CASE("databases that cannot be searched: exit 1 with a clear message") {
  TempDir dir;
  auto r = run_search({"-d", (dir.path() / "nope").string(), "cloud"});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "no such database"));
  const auto garbage = dir.write("garbage", "not a database\n");
  r = run_search({"-d", garbage.string(), "cloud"});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, garbage.string()));
}

TEST_CASE("--info describes the database, as text and as JSON") {
  const auto text = search({"--info"});
  CHECK(text.exit_code == 0);
  CHECK(contains(text.out, "Articoli:     13 (1 senza data)"));
  CHECK(contains(text.out, "2022-06-01 \u2013 2024-03-20"));
  const auto json = nlohmann::json::parse(search({"--info", "--format", "json"}).out);
  CHECK(json["articles"] == 13);
  CHECK(json["schema"] == 1);
  CHECK(json["shards"].size() == 1);
}

// Issue 20, item 6: `""` printed nothing and exited 0, `"  "` listed every
// article as a match ("13 risultati per «»"), `il di` claimed every article.
TEST_CASE("an empty, blank or stopword-only query is refused in one line with exit 2") {
  struct Case {
    const char* query;
    const char* message;
  };
  const Case cases[] = {
      {"", "empty query"},
      {"   ", "empty query"},
      {"il di che", "only stopwords"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.query);
    const auto r = search({c.query}, "cloud\n");  // standard input is not read
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, c.message));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
  // With a filter the stopwords are ignored and the filter answers.
  CHECK(json_of({"--company", "apple", "il"})["total"] == json_of({"--company", "apple"})["total"]);
  // In a batch such queries are reported by id and the others answered.
  const auto batch = search({"--format", "json", "--queries", "-"},
                            "q1\tcloud\nq2\t\nq3\til di\nq4\tapple\n");
  CHECK(batch.exit_code == 2);
  CHECK(contains(batch.err, "q2: empty query"));
  CHECK(contains(batch.err, "q3: only stopwords"));
  CHECK(answered_ids(batch.out) == std::vector<std::string>{"q1", "q4"});
}
