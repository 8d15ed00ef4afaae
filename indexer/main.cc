// segugio-index: parse the command line, run one indexing job, map the outcome
// to an exit code (0 ok, 1 failure, 2 usage).
#include "segugio/cli/cxxopts.h"

#include <iostream>
#include <thread>

#include "segugio/core/error.h"
#include "segugio/index/indexer.h"

namespace {

constexpr char kProgram[] = "segugio-index";

segugio::index::IndexOptions parse(int argc, char** argv, bool& exit_now) {
  cxxopts::Options cli(kProgram, "Index Italian tech-news articles into a Segugio database.");
  cli.custom_help("-d DB [options]");
  cli.positional_help("PATH...");
  // clang-format off
  cli.add_options()
    ("d,db", "database folder to create or update", cxxopts::value<std::string>())
    ("j,jobs", "parallel jobs (default: all cores)", cxxopts::value<unsigned>()->default_value("0"))
    ("shards", "number of shards (default: as the database has, 1 when new)", cxxopts::value<unsigned>()->default_value("0"))
    ("full", "rebuild the database from scratch")
    ("compact", "also write a compacted single-file copy to FILE", cxxopts::value<std::string>())
    ("dry-run", "read and report, write nothing")
    ("max-article-size", "largest article, in bytes of text", cxxopts::value<std::size_t>()->default_value("16777216"))
    ("id-prefix", "prefix every id with P", cxxopts::value<std::string>()->default_value(""))
    ("q,quiet", "print only errors")
    ("v,verbose", "say more")
    ("progress", "auto|always|never", cxxopts::value<std::string>()->default_value("auto"))
    ("version", "print the version")
    ("h,help", "print this help")
    ("paths", "folders or files", cxxopts::value<std::vector<std::string>>());
  // clang-format on
  cli.parse_positional({"paths"});
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
  segugio::index::IndexOptions o;
  if (!args.count("db")) throw segugio::UsageError("missing -d/--db DB");
  if (!args.count("paths")) throw segugio::UsageError("missing PATH: name the folders or files to index");
  o.db = args["db"].as<std::string>();
  for (const std::string& p : args["paths"].as<std::vector<std::string>>()) o.inputs.emplace_back(p);
  o.jobs = args["jobs"].as<unsigned>();
  if (o.jobs == 0) o.jobs = std::max(1u, std::thread::hardware_concurrency());
  o.shards = args["shards"].as<unsigned>();
  o.full = args.count("full") > 0;
  if (args.count("compact")) o.compact_to = args["compact"].as<std::string>();
  o.dry_run = args.count("dry-run") > 0;
  o.max_article_bytes = args["max-article-size"].as<std::size_t>();
  o.id_prefix = args["id-prefix"].as<std::string>();
  if (args.count("quiet") && args.count("verbose"))
    throw segugio::UsageError("--quiet and --verbose exclude each other");
  o.verbosity = args.count("quiet") ? 0 : args.count("verbose") ? 2 : 1;
  const std::string progress = args["progress"].as<std::string>();
  if (progress == "auto") o.progress = segugio::index::Progress::automatic;
  else if (progress == "always") o.progress = segugio::index::Progress::always;
  else if (progress == "never") o.progress = segugio::index::Progress::never;
  else throw segugio::UsageError("--progress takes auto, always or never, not '" + progress + "'");
  return o;
}

}  // namespace

int main(int argc, char** argv) try {
  bool exit_now = false;
  const segugio::index::IndexOptions options = parse(argc, argv, exit_now);
  if (exit_now) return 0;
  segugio::index::run_index(options, std::cerr);
  return 0;
} catch (const cxxopts::exceptions::exception& e) {
  std::cerr << kProgram << ": " << e.what() << "\n(try " << kProgram << " --help)\n";
  return 2;
} catch (const segugio::UsageError& e) {
  std::cerr << kProgram << ": " << e.what() << "\n(try " << kProgram << " --help)\n";
  return 2;
} catch (const std::exception& e) {
  std::cerr << kProgram << ": " << e.what() << "\n";
  return 1;
}
