// segugio-index: parse the command line, run one indexing job, map the outcome
// to an exit code (0 ok, 1 failure, 2 usage).
#include "cli/program.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "segugio/core/error.h"
#include "segugio/index/delete_articles.h"
#include "segugio/index/indexer.h"
#include "segugio/text/strings.h"
#include "terminal_observer.h"

#ifdef SEGUGIO_WITH_MIMALLOC
#include <mimalloc.h>
#endif

namespace {

constexpr char kProgram[] = "segugio-index";

// Set by the first SIGINT/SIGTERM; the indexer commits what is complete and
// returns. The one piece of file-scope state: a signal handler can reach
// nothing else. SA_RESETHAND makes a second Ctrl-C kill at once.
std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_interrupt(int) { g_interrupted.store(true); }

void catch_interrupts() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

// A whole number for `option`, at most `max`; a UsageError naming the option otherwise.
std::size_t count(const char* option, const std::string& text, std::size_t max) {
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value > max)
    throw segugio::UsageError(std::string(option) + " takes a whole number up to " +
                              std::to_string(max) + ", not '" + text + "'");
  return value;
}

// "KEY=FIELD" -> {KEY, FIELD}; a UsageError naming --field-map otherwise.
std::pair<std::string, segugio::corpus::Field> field_mapping(const std::string& text) {
  const std::size_t eq = text.find('=');
  const std::string key = text.substr(0, eq);
  const std::optional<segugio::corpus::Field> field =
      eq == std::string::npos ? std::nullopt : segugio::corpus::field_named(text.substr(eq + 1));
  if (key.empty() || !field)
    throw segugio::UsageError(
        "--field-map takes KEY=FIELD, FIELD one of id, title, lead, body, date, url, author, "
        "tags, category, section, source, ignore; not '" +
        text + "'");
  return {key, *field};
}

struct Invocation {
  segugio::index::IndexOptions index;
  segugio::indexer::TerminalOptions terminal;
  std::vector<std::string> delete_ids;  // --delete: delete these, index nothing
};

Invocation parse(int argc, char** argv, bool& exit_now) {
  cxxopts::Options cli(kProgram, "Index Italian tech-news articles into a Segugio database.");
  cli.custom_help("-d DB [options]");
  cli.positional_help("PATH...");
  // clang-format off
  cli.add_options()
    ("d,db", "database folder to create or update", cxxopts::value<std::string>())
    ("j,jobs", "parallel jobs N (default: all cores)", cxxopts::value<std::string>())
    ("shards", "number of shards N, each written by its own thread (default: as the database has, 1 when new)", cxxopts::value<std::string>())
    ("full", "rebuild the database from scratch (the old one answers until the new one is whole)")
    ("compact", "also write a compacted single-file copy to FILE", cxxopts::value<std::string>())
    ("dry-run", "read and report, write nothing")
    ("delete", "delete the article with id ID from the database, not its file (no PATH then); repeatable", cxxopts::value<std::vector<std::string>>())
    ("max-article-size", "largest article, in bytes of text", cxxopts::value<std::string>()->default_value("16777216"))
    ("id-prefix", "prefix every id with P", cxxopts::value<std::string>())
    ("field-map", "read the JSON or front-matter key KEY as FIELD (id, title, lead, body, date, url, author, tags, category, section, source, or ignore); repeatable, or comma-separated", cxxopts::value<std::vector<std::string>>(), "KEY=FIELD")
    ("q,quiet", "print only errors")
    ("v,verbose", "say more")
    ("progress", "auto|always|never", cxxopts::value<std::string>()->default_value("auto"))
    ("version", "print the version")
    ("h,help", "print this help")
    ("paths", "folders or files", cxxopts::value<std::vector<std::string>>());
  // clang-format on
  cli.parse_positional({"paths"});
  const cxxopts::ParseResult args = segugio::cli::parse(cli, argc, argv);
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
  Invocation invocation;
  segugio::index::IndexOptions& o = invocation.index;
  segugio::indexer::TerminalOptions& t = invocation.terminal;
  if (!args.count("db")) throw segugio::UsageError("missing -d/--db DB");
  if (args.count("delete")) {
    if (args.count("paths"))
      throw segugio::UsageError("--delete takes no PATH: it deletes articles, then stops");
    invocation.delete_ids = args["delete"].as<std::vector<std::string>>();
  } else if (!args.count("paths")) {
    throw segugio::UsageError("missing PATH: name the folders or files to index");
  }
  o.db = args["db"].as<std::string>();
  if (args.count("paths"))
    for (const std::string& p : args["paths"].as<std::vector<std::string>>())
      o.inputs.emplace_back(p);
  // No default_value for --jobs, --shards, --id-prefix: their help says the
  // default in words, and cxxopts would add "(default: 0)" (issue 20, item 9).
  const auto given = [&](const char* name) {
    return args.count(name) ? args[name].as<std::string>() : std::string();
  };
  o.jobs = args.count("jobs") ? static_cast<unsigned>(count("--jobs", given("jobs"), 4096)) : 0;
  if (o.jobs == 0) o.jobs = std::max(1u, std::thread::hardware_concurrency());
  o.shards = args.count("shards") ? static_cast<unsigned>(count("--shards", given("shards"), 1000)) : 0;
  o.full = args.count("full") > 0;
  if (args.count("compact")) o.compact_to = args["compact"].as<std::string>();
  o.dry_run = args.count("dry-run") > 0;
  o.max_article_bytes =
      count("--max-article-size", args["max-article-size"].as<std::string>(), std::size_t(1) << 40);
  o.id_prefix = given("id-prefix");
  // "a=b,c=d" is two mappings, as the docs and --help say (Segugio's cxxopts
  // splits no list at commas: segugio/cli/cxxopts.h).
  if (args.count("field-map"))
    for (const std::string& list : args["field-map"].as<std::vector<std::string>>())
      for (const std::string_view m : segugio::text::split(list, ','))
        if (!m.empty()) o.field_map.push_back(field_mapping(std::string(m)));
  if (args.count("quiet") && args.count("verbose"))
    throw segugio::UsageError("--quiet and --verbose exclude each other");
  t.verbosity = args.count("quiet") ? 0 : args.count("verbose") ? 2 : 1;
  const std::string progress = args["progress"].as<std::string>();
  if (progress == "auto") t.progress = isatty(STDERR_FILENO) != 0;
  else if (progress == "always") t.progress = true;
  else if (progress == "never") t.progress = false;
  else throw segugio::UsageError("--progress takes auto, always or never, not '" + progress + "'");
  t.db = o.db;
  t.dry_run = o.dry_run;
  o.creator = std::string("segugio ") + SEGUGIO_VERSION;
  // For tests that need many commits (kill -9 at random points) or a run that
  // forgets early: not options users should need, so not on the command line.
  if (const char* batch = std::getenv("SEGUGIO_INDEX_BATCH_DOCUMENTS"))
    if (const long n = std::atol(batch); n > 0) o.batch_documents = static_cast<std::size_t>(n);
  if (const char* remember = std::getenv("SEGUGIO_INDEX_REMEMBER_ARTICLES"))
    if (const long n = std::atol(remember); n > 0)
      o.remember_articles = static_cast<std::size_t>(n);
  o.interrupt = &g_interrupted;
  return invocation;
}

}  // namespace

// --delete: says what it deleted, on stderr like the indexer's summary.
int delete_articles(const Invocation& invocation) {
  segugio::index::DeleteOptions options;
  options.db = invocation.index.db;
  options.ids = invocation.delete_ids;
  const segugio::index::DeleteReport report = segugio::index::delete_articles(options);
  if (invocation.terminal.verbosity > 0) {
    for (const std::string& id : report.deleted) std::cerr << "deleted " << id << "\n";
    std::cerr << report.deleted.size() << " deleted (their files are left as they are; a later run "
              << "skips them, --full brings them back); " << report.total_documents
              << (report.total_documents == 1 ? " article in " : " articles in ")
              << options.db.string() << "\n";
  }
  return 0;
}

namespace {

// mimalloc gives freed memory back to the system 25 ms after it goes idle by
// default; the writer frees and takes again its batch's memory all the time,
// so a tenth of the run's CPU went to madvise and to page faults on the
// same pages again. One second keeps the memory the next document reuses
// and still returns what a finished batch leaves (bench/RESULTS.md 49).
void keep_freed_memory_a_while() {
#ifdef SEGUGIO_WITH_MIMALLOC
  constexpr long kDecommitDelayMs = 1000;
  mi_option_set(mi_option_decommit_delay, kDecommitDelayMs);
#endif
}

}  // namespace

int main(int argc, char** argv) {
  keep_freed_memory_a_while();
  return segugio::cli::run({kProgram, true, true}, [&] {
    bool exit_now = false;
    const Invocation invocation = parse(argc, argv, exit_now);
    if (exit_now) return 0;
    if (!invocation.delete_ids.empty()) return delete_articles(invocation);
    catch_interrupts();
    segugio::indexer::TerminalObserver observer(std::cerr, invocation.terminal);
    const segugio::index::IndexReport report =
        segugio::index::run_index(invocation.index, observer);
    return report.interrupted ? 130 : 0;
  });
}
