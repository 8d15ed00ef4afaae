// segugio-search: parse the command line, answer the query (or a batch, or an
// interactive session), map the outcome to an exit code: 0 answered (also with
// no hits; also a partial answer with --allow-partial), 1 failure (database
// missing, damaged, of another schema, a remote shard not answering), 2 usage
// or a query that does not parse.
#include "cli/program.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#ifdef SEGUGIO_HAVE_LIBEDIT
#include <editline/readline.h>
#endif

#include "segugio/core/error.h"
#include "segugio/search/query_batch.h"
#include "segugio/search/result_writer.h"
#include "segugio/search/searcher.h"

namespace {

namespace search = segugio::search;

constexpr char kProgram[] = "segugio-search";

struct Command {
  std::string db;
  search::OpenOptions open;
  search::SearchOptions search;
  search::OutputOptions output;
  std::string queries;  // --queries FILE ("-": standard input)
  bool query_given = false;  // a QUERY on the command line, even "" or blank
  bool info = false;
  bool explain = false;
  bool exit_now = false;
};

template <typename T>
T one_of(const std::string& option, const std::string& value,
         std::initializer_list<std::pair<const char*, T>> choices) {
  std::string names;
  for (const auto& [name, v] : choices) {
    if (value == name) return v;
    if (!names.empty()) names += '|';
    names += name;
  }
  throw segugio::UsageError("--" + option + " takes " + names + ", not \"" + value + "\"");
}

// --facet author,source: the fields counted besides companies, topics and
// months; those three may be named too (in English or Italian) and are
// always counted.
std::vector<search::FacetField> facet_fields(const std::vector<std::string>& lists) {
  using F = search::FacetField;
  static const std::pair<const char*, std::optional<F>> kNames[] = {
      {"company", std::nullopt},  {"azienda", std::nullopt}, {"topic", std::nullopt},
      {"argomento", std::nullopt}, {"month", std::nullopt},  {"mese", std::nullopt},
      {"author", F::author},       {"autore", F::author},    {"source", F::source},
      {"fonte", F::source},        {"tag", F::tag},          {"section", F::section},
      {"sezione", F::section}};
  std::vector<F> fields;
  std::vector<std::string> names;
  for (const std::string& list : lists) {
    std::istringstream in(list);
    for (std::string name; std::getline(in, name, ',');)
      if (!name.empty()) names.push_back(name);
  }
  for (const std::string& name : names) {
    const auto known = std::find_if(std::begin(kNames), std::end(kNames),
                                    [&](const auto& n) { return name == n.first; });
    if (known == std::end(kNames))
      throw segugio::UsageError("--facet takes author, source, tag, section (company, topic, "
                                "month: always counted), comma-separated, not \"" + name + "\"");
    if (known->second && std::find(fields.begin(), fields.end(), *known->second) == fields.end())
      fields.push_back(*known->second);
  }
  return fields;
}

Command parse(int argc, char** argv) {
  cxxopts::Options cli(kProgram, "Search a Segugio database of Italian tech news.");
  cli.custom_help("-d DB [options]");
  cli.positional_help("[QUERY...]");
  using cxxopts::value;
  // clang-format off
  cli.add_options()
    ("d,db", "database: folder, compacted file, or stub naming shards", value<std::string>())
    ("n,limit", "hits to show (default 10; 100 with --format trec)", value<unsigned>())
    ("offset", "hits to skip", value<unsigned>()->default_value("0"))
    ("format", "text|json|trec", value<std::string>()->default_value("text"))
    ("color", "auto|always|never (auto: on a terminal, unless NO_COLOR is set)", value<std::string>()->default_value("auto"))
    ("sort", "relevance|date|date-asc", value<std::string>()->default_value("relevance"))
    ("company", "only articles about this company (any alias; repeatable: any of them)", value<std::vector<std::string>>())
    ("with-subsidiaries", "--company also matches what the company owns (Microsoft: GitHub, LinkedIn...)")
    ("topic", "only articles of this topic (slug or Italian name; repeatable)", value<std::vector<std::string>>())
    ("tag", "only articles with this tag (repeatable)", value<std::vector<std::string>>())
    ("author", "only articles by this author (repeatable)", value<std::vector<std::string>>())
    ("source", "only articles of this outlet (repeatable)", value<std::vector<std::string>>())
    ("section", "only articles of this section (repeatable)", value<std::vector<std::string>>())
    ("from", "only articles from this date on (2024-01-15, 2024-01, gennaio-2024, ultimi-30-giorni...)", value<std::string>())
    ("to", "only articles up to this date", value<std::string>())
    ("recency", "favour recent articles")
    ("like", "articles like the one with this id", value<std::string>())
    ("collapse", "fold near-duplicates into one hit")
    ("facet", "also count these (comma-separated): author,source,tag,section (company, topic and month are always counted)", value<std::vector<std::string>>())
    ("facets-only", "only count companies, topics and months")
    ("no-facets", "do not count facets (faster)")
    ("facet-sample", "count facets exactly up to N matches, past that estimate them (default 100000; 0: always exact)", value<unsigned>())
    ("queries", "answer the queries of FILE (- for standard input): JSON Lines or qid<TAB>text", value<std::string>())
    ("query-id", "TREC/JSON: the query id (default 1)", value<std::string>())
    ("run-tag", "TREC: the run tag", value<std::string>()->default_value("segugio"))
    ("operator", "how words combine: and|or|or-bonus", value<std::string>())
    ("plain", "read queries as plain words: no operators, fields or quotes")
    ("bm25-k1", "BM25 k1 (default 0.9)", value<double>())
    ("bm25-b", "BM25 b (default 0.75)", value<double>())
    ("today", "the day relative dates count from (YYYY-MM-DD; default: today)", value<std::string>())
    ("info", "describe the database")
    ("no-correct", "search the query as typed: no word is replaced by its sure spelling correction")
    ("explain", "show the Xapian query and each hit's score split by term and bonus")
    ("timeout", "seconds a remote shard may take to connect or to answer (default 10)", value<double>())
    ("allow-partial", "answer without the remote shards that do not answer (a warning names them)")
    ("version", "print the version")
    ("h,help", "print this help")
    ("query", "the query", value<std::vector<std::string>>());
  // clang-format on
  cli.parse_positional({"query"});
  const cxxopts::ParseResult args = segugio::cli::parse(cli, argc, argv);
  Command c;
  if (args.count("help")) {
    std::cout << cli.help()
              << "\nQuery language: words, \"phrases\", AND OR NOT, +required -excluded, "
                 "(groups), prefix*,\n"
                 "  titolo: azienda: argomento: tag: autore: fonte: sezione: data: id:\n"
                 "  e.g. azienda:\"Big G\" data:2024-01..2024-03 -titolo:offerta\n"
                 "With no query on a terminal: an interactive prompt.\n";
    c.exit_now = true;
    return c;
  }
  if (args.count("version")) {
    std::cout << kProgram << " " << SEGUGIO_VERSION << "\n";
    c.exit_now = true;
    return c;
  }
  if (!args.count("db")) throw segugio::UsageError("missing -d/--db DB");
  c.db = args["db"].as<std::string>();
  search::SearchOptions& o = c.search;
  c.query_given = args.count("query") > 0;
  if (c.query_given)
    for (const std::string& w : args["query"].as<std::vector<std::string>>())
      o.query += (o.query.empty() ? "" : " ") + w;

  c.output.format = one_of<search::OutputFormat>(
      "format", args["format"].as<std::string>(),
      {{"text", search::OutputFormat::text},
       {"json", search::OutputFormat::json},
       {"trec", search::OutputFormat::trec}});
  o.sort = one_of<search::SortOrder>("sort", args["sort"].as<std::string>(),
                                     {{"relevance", search::SortOrder::relevance},
                                      {"date", search::SortOrder::date},
                                      {"date-asc", search::SortOrder::date_asc}});
  const std::string color = args["color"].as<std::string>();
  one_of<int>("color", color, {{"auto", 0}, {"always", 1}, {"never", 2}});
  const char* no_color = std::getenv("NO_COLOR");
  c.output.color = color == "always" || (color == "auto" && isatty(STDOUT_FILENO) &&
                                         !(no_color && *no_color));

  const bool trec = c.output.format == search::OutputFormat::trec;
  o.limit = args.count("limit") ? args["limit"].as<unsigned>() : trec ? 100 : 10;
  o.offset = args["offset"].as<unsigned>();
  auto list = [&](const char* name) {
    return args.count(name) ? args[name].as<std::vector<std::string>>() : std::vector<std::string>{};
  };
  o.filters.companies = list("company");
  o.filters.with_subsidiaries = args.count("with-subsidiaries") > 0;
  o.filters.topics = list("topic");
  o.filters.tags = list("tag");
  o.filters.authors = list("author");
  o.filters.sources = list("source");
  o.filters.sections = list("section");
  if (args.count("from")) o.filters.from = args["from"].as<std::string>();
  if (args.count("to")) o.filters.to = args["to"].as<std::string>();
  if (args.count("recency")) o.ranking.recency_weight = search::kDefaultRecencyWeight;
  if (args.count("like")) o.like = args["like"].as<std::string>();
  o.collapse = args.count("collapse") > 0;
  if (args.count("operator"))
    o.ranking.default_operator = one_of<search::DefaultOperator>(
        "operator", args["operator"].as<std::string>(),
        {{"and", search::DefaultOperator::all},
         {"or", search::DefaultOperator::any},
         {"or-bonus", search::DefaultOperator::any_bonus}});
  o.plain_text = args.count("plain") > 0;
  if (args.count("bm25-k1")) o.ranking.k1 = args["bm25-k1"].as<double>();
  if (args.count("bm25-b")) o.ranking.b = args["bm25-b"].as<double>();
  if (o.ranking.k1 < 0 || o.ranking.b < 0 || o.ranking.b > 1)
    throw segugio::UsageError("--bm25-k1 must be >= 0 and --bm25-b between 0 and 1");
  if (args.count("today")) {
    const std::string day = args["today"].as<std::string>();
    o.today = segugio::Date::parse_iso(day);
    if (!o.today) throw segugio::UsageError("--today takes a date as YYYY-MM-DD, not \"" + day + "\"");
  }
  o.facet_fields = facet_fields(list("facet"));
  if (!o.facet_fields.empty() && args.count("no-facets"))
    throw segugio::UsageError("--facet and --no-facets contradict each other");
  const bool facets_only = args.count("facets-only") > 0;
  if (facets_only && args.count("no-facets"))
    throw segugio::UsageError("--facets-only and --no-facets contradict each other");
  // TREC runs are ids and scores: nothing else is read.
  o.facets = !args.count("no-facets") && !trec;
  o.articles = !trec && !facets_only;
  o.spelling = !trec;
  o.correct = !trec && !args.count("no-correct");
  o.ranking.correct_typos = !args.count("no-correct");
  if (facets_only) o.limit = 0;
  if (args.count("facet-sample")) o.facet_sample = args["facet-sample"].as<unsigned>();
  c.output.hits = !facets_only;
  c.output.facets = o.facets;
  if (args.count("query-id")) c.output.query_id = args["query-id"].as<std::string>();
  c.output.run_tag = args["run-tag"].as<std::string>();
  if (c.output.run_tag.find_first_of(" \t") != std::string::npos)
    throw segugio::UsageError("--run-tag must not contain blanks");
  if (args.count("queries")) c.queries = args["queries"].as<std::string>();
  if (args.count("timeout")) {
    c.open.remote_timeout_seconds = args["timeout"].as<double>();
    if (!(c.open.remote_timeout_seconds > 0) || c.open.remote_timeout_seconds > 86400)
      throw segugio::UsageError("--timeout takes seconds, more than 0 (e.g. 2.5)");
  }
  c.open.allow_partial = args.count("allow-partial") > 0;
  c.info = args.count("info") > 0;
  c.explain = args.count("explain") > 0;
  o.explain = c.explain;
  if (!c.queries.empty() && c.query_given)
    throw segugio::UsageError("give either QUERY or --queries FILE, not both");
  return c;
}

// --allow-partial: one line on standard error naming the shards left out,
// when they first go missing (a batch does not repeat it for every query).
void warn_missing(const std::vector<search::MissingShard>& missing, std::size_t& warned) {
  if (missing.size() <= warned) return;
  std::string list;
  for (const search::MissingShard& m : missing)
    list += (list.empty() ? "" : ", ") + m.shard + " (" + m.reason + ")";
  std::cout.flush();
  std::cerr << kProgram << ": warning: partial answers, " << missing.size()
            << (missing.size() == 1 ? " shard" : " shards") << " missing: " << list << "\n";
  warned = missing.size();
}

// A query with no words, no filter and no --like asks for nothing: refused
// rather than answered with every article (issue 20: "" printed nothing, "  "
// listed all 725). Counting facets alone (--facets-only) needs no query.
void refuse_empty(const search::SearchOptions& options, const search::OutputOptions& output) {
  const bool blank = options.query.find_first_not_of(" \t\r\n") == std::string::npos;
  if (blank && options.filters.empty() && options.like.empty() && output.hits)
    throw segugio::UsageError("empty query: type at least one word (or a filter, e.g. --company)");
}

// Answers one query and writes it, warning about shards left out.
void answer_one(search::Searcher& searcher, const search::SearchOptions& options,
                const search::OutputOptions& output, std::size_t& warned) {
  refuse_empty(options, output);
  const search::SearchResult result = searcher.search(options);
  warn_missing(result.missing_shards, warned);
  search::write_result(result, output, std::cout);
}

// Answers one query of a batch or a session; a query that does not parse is
// reported and the session goes on. Returns false for such a query.
bool answer(search::Searcher& searcher, const search::SearchOptions& options,
            const search::OutputOptions& output, const std::string& label, std::size_t& warned) {
  try {
    answer_one(searcher, options, output, warned);
    return true;
  } catch (const segugio::UsageError& e) {
    std::cout.flush();
    std::cerr << kProgram << ": " << (label.empty() ? "" : label + ": ") << e.what() << "\n";
    return false;
  }
}

int run_batch(search::Searcher& searcher, const Command& c, std::istream& in,
              const std::string& name, std::size_t& warned) {
  bool all_parsed = true;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::optional<search::BatchQuery> q = search::parse_batch_line(line, number, name);
    if (!q) continue;
    search::SearchOptions options = c.search;
    options.query = q->text;
    auto add = [](std::vector<std::string>& to, const std::vector<std::string>& from) {
      to.insert(to.end(), from.begin(), from.end());
    };
    add(options.filters.companies, q->filters.companies);
    add(options.filters.topics, q->filters.topics);
    add(options.filters.tags, q->filters.tags);
    add(options.filters.authors, q->filters.authors);
    add(options.filters.sources, q->filters.sources);
    add(options.filters.sections, q->filters.sections);
    if (!q->filters.from.empty()) options.filters.from = q->filters.from;
    if (!q->filters.to.empty()) options.filters.to = q->filters.to;
    search::OutputOptions output = c.output;
    output.query_id = q->id;
    if (output.format == search::OutputFormat::text) std::cout << "== " << q->id << " ==\n";
    all_parsed = answer(searcher, options, output, q->id, warned) && all_parsed;
    if (output.format == search::OutputFormat::text) std::cout << "\n";
  }
  return all_parsed ? 0 : 2;
}

std::optional<std::string> read_line(const char* prompt) {
#ifdef SEGUGIO_HAVE_LIBEDIT
  char* raw = readline(prompt);
  if (!raw) return std::nullopt;
  std::string line(raw);
  std::free(raw);
  if (line.find_first_not_of(" \t") != std::string::npos) add_history(line.c_str());
  return line;
#else
  std::cout << prompt << std::flush;
  std::string line;
  if (!std::getline(std::cin, line)) return std::nullopt;
  return line;
#endif
}

int run_interactive(search::Searcher& searcher, const Command& c, std::size_t& warned) {
  // Standard error speaks English, standard output Italian (README, "Languages").
  std::cerr << "Segugio: one query per line (Ctrl-D to quit).\n";
  while (std::optional<std::string> line = read_line("segugio> ")) {
    if (line->find_first_not_of(" \t") == std::string::npos) continue;
    if (*line == "exit" || *line == "quit" || *line == "esci") break;
    search::SearchOptions options = c.search;
    options.query = *line;
    answer(searcher, options, c.output, "", warned);
    std::cout << "\n" << std::flush;
  }
  return 0;
}

int run(const Command& c) {
  search::Searcher searcher(c.db, c.open);
  std::size_t warned = 0;  // missing shards already named on standard error
  warn_missing(searcher.missing_shards(), warned);
  if (c.info) {
    search::write_info(searcher.info(), c.output.format, std::cout);
    return 0;
  }
  if (c.explain && c.output.format == search::OutputFormat::text)
    std::cout << "Query Xapian: " << searcher.explain(c.search) << "\n";
  if (!c.queries.empty()) {
    if (c.queries == "-") return run_batch(searcher, c, std::cin, "<stdin>", warned);
    std::ifstream in(c.queries);
    if (!in) throw segugio::DataError(c.queries + ": cannot read the queries file");
    return run_batch(searcher, c, in, c.queries, warned);
  }
  const bool nothing_asked = !c.query_given && c.search.filters.empty() &&
                             c.search.like.empty() && c.output.hits;
  if (nothing_asked) {
    if (isatty(STDIN_FILENO)) return run_interactive(searcher, c, warned);
    return run_batch(searcher, c, std::cin, "<stdin>", warned);
  }
  answer_one(searcher, c.search, c.output, warned);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return segugio::cli::run({kProgram, true, false}, [&] {
    const Command command = parse(argc, argv);
    if (command.exit_now) return 0;
    return run(command);
  });
}
