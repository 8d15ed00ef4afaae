// segugio-search: parse the command line, answer the query, map the outcome to
// an exit code (0 answered, 1 failure, 2 usage or unparsable query).
#include "segugio/cli/cxxopts.h"

#include <iostream>

#include "segugio/core/error.h"
#include "segugio/search/searcher.h"

namespace {

constexpr char kProgram[] = "segugio-search";

segugio::search::SearchOptions parse(int argc, char** argv, bool& exit_now) {
  cxxopts::Options cli(kProgram, "Search a Segugio database of Italian tech news.");
  cli.custom_help("-d DB [options]");
  cli.positional_help("[QUERY...]");
  // clang-format off
  cli.add_options()
    ("d,db", "database: folder, compacted file or stub", cxxopts::value<std::string>())
    ("n,limit", "hits to show", cxxopts::value<unsigned>()->default_value("10"))
    ("offset", "hits to skip", cxxopts::value<unsigned>()->default_value("0"))
    ("version", "print the version")
    ("h,help", "print this help")
    ("query", "the query", cxxopts::value<std::vector<std::string>>());
  // clang-format on
  cli.parse_positional({"query"});
  const cxxopts::ParseResult args = cli.parse(argc, argv);
  if (args.count("help")) {
    std::cout << cli.help() << "\n";
    exit_now = true;
    return {};
  }
  if (args.count("version")) {
    std::cout << kProgram << " " << SEGUGIO_VERSION << "\n";
    exit_now = true;
    return {};
  }
  segugio::search::SearchOptions o;
  if (!args.count("db")) throw segugio::UsageError("missing -d/--db DB");
  o.db = args["db"].as<std::string>();
  if (args.count("query"))
    for (const std::string& w : args["query"].as<std::vector<std::string>>())
      o.query += (o.query.empty() ? "" : " ") + w;
  o.limit = args["limit"].as<unsigned>();
  o.offset = args["offset"].as<unsigned>();
  return o;
}

}  // namespace

int main(int argc, char** argv) try {
  bool exit_now = false;
  const segugio::search::SearchOptions options = parse(argc, argv, exit_now);
  if (exit_now) return 0;
  const segugio::search::SearchResult result = segugio::search::search(options);
  segugio::search::print_result(result, options, std::cout);
  return 0;
} catch (const cxxopts::exceptions::exception& e) {
  std::cerr << kProgram << ": " << e.what() << "\n(try " << kProgram << " --help)\n";
  return 2;
} catch (const segugio::UsageError& e) {
  std::cerr << kProgram << ": " << e.what() << "\n";
  return 2;
} catch (const std::exception& e) {
  std::cerr << kProgram << ": " << e.what() << "\n";
  return 1;
}
