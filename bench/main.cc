// segugio-bench: recall and speed measurements. One sub-command per measure;
// each parses its options, makes one library call and prints the report.
#include "cli/program.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "segugio/core/error.h"
#include "segugio/eval/analyzer_speed.h"
#include "segugio/eval/compare.h"
#include "segugio/eval/facet_score.h"
#include "segugio/eval/index_speed.h"
#include "segugio/eval/latency.h"
#include "segugio/eval/peers.h"
#include "segugio/eval/recall.h"
#include "segugio/eval/scratch_dir.h"
#include "segugio/eval/svg_plot.h"
#include "segugio/eval/synthetic_corpus.h"
#include "segugio/eval/trec.h"

namespace {

constexpr char kProgram[] = "segugio-bench";

void usage(std::ostream& out) {
  out << "usage: " << kProgram << " COMMAND [options]\n\n"
      << "commands:\n"
      << "  recall             recall, MRR, nDCG of benchmark queries (TREC qrels)\n"
      << "  peers              the same corpus and queries through SQLite FTS5, PostgreSQL,\n"
      << "                     Xapian Omega and Segugio (--run DIR: each engine's TREC run)\n"
      << "  index              indexing throughput, peak memory and size (omindex beside)\n"
      << "  latency            search latency (median, p90, p99) against plain Xapian,\n"
      << "                     and batch throughput\n"
      << "  facets             company and topic facets against a hand-labelled gold set\n"
      << "  gen                write a synthetic Italian tech-news corpus\n"
      << "  analyzer FILE...   words per second of the Italian analysis chain\n\n"
      << "Run '" << kProgram << " COMMAND --help' for a command's options.\n";
}

// A command's `--format text|json`.
void add_format_option(cxxopts::Options& cli) {
  cli.add_options()("format", "text or json",
                    cxxopts::value<std::string>()->default_value("text"));
}

// Parses a command line after adding --help; a word that no option takes is
// an error (a second path after --corpus was silently dropped). nullopt
// after printing the help for --help.
std::optional<cxxopts::ParseResult> parse(cxxopts::Options& cli, int argc, char** argv) {
  cli.add_options()("h,help", "print this help");
  auto args = segugio::cli::parse(cli, argc, argv);
  if (!args.unmatched().empty())
    throw segugio::UsageError("unexpected argument '" + args.unmatched().front() +
                              "' (repeat the option for more than one value; see --help)");
  if (args.count("help")) {
    std::cout << cli.help() << "\n";
    return std::nullopt;
  }
  return args;
}

int run_analyzer(int argc, char** argv) {
  cxxopts::Options cli(std::string(kProgram) + " analyzer",
                       "Words per second of the analysis chain, one thread.");
  cli.positional_help("FILE...");
  // clang-format off
  cli.add_options()
    ("rounds", "times each text is analysed", cxxopts::value<int>()->default_value("5"))
    ("files", "text files", cxxopts::value<std::vector<std::string>>());
  // clang-format on
  cli.parse_positional({"files"});
  const auto parsed = parse(cli, argc, argv);
  if (!parsed) return 0;
  const cxxopts::ParseResult& args = *parsed;
  if (!args.count("files")) throw segugio::UsageError("analyzer: name at least one text file");
  std::vector<std::string> texts;
  for (const std::string& path : args["files"].as<std::vector<std::string>>()) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw segugio::DataError(path + ": cannot read");
    std::ostringstream s;
    s << in.rdbuf();
    texts.push_back(s.str());
  }
  const segugio::eval::AnalyzerSpeed speed =
      segugio::eval::measure_analyzer(texts, args["rounds"].as<int>());
  std::cout << "{\"bytes\": " << speed.bytes << ", \"words\": " << speed.words
            << ", \"terms\": " << speed.terms << ", \"seconds\": " << speed.seconds
            << ", \"words_per_second\": " << static_cast<long>(speed.words_per_second())
            << ", \"mb_per_second\": " << speed.mb_per_second() << "}\n";
  return 0;
}

// Progress lines ("running: default") go to stderr only when it is a
// terminal; piped or in a test, nowhere.
class Progress {
 public:
  std::ostream& stream() { return isatty(2) ? std::cerr : discard_; }

 private:
  std::ostream discard_{nullptr};  // no buffer: every write is dropped
};

// Opens `path` for writing or throws DataError naming it.
std::ofstream open_output(const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw segugio::DataError(path + ": cannot write");
  return out;
}

std::vector<double> parse_numbers(const std::string& option, const std::string& list) {
  std::vector<double> values;
  std::istringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    try {
      std::size_t used = 0;
      values.push_back(std::stod(item, &used));
      if (used != item.size()) throw std::invalid_argument(item);
    } catch (const std::exception&) {
      throw segugio::UsageError("--" + option + " takes numbers like 0.9,1.2, not '" + list + "'");
    }
  }
  return values;
}

int run_recall(int argc, char** argv) {
  cxxopts::Options cli(std::string(kProgram) + " recall",
                       "Runs benchmark queries through the searcher and scores them against "
                       "TREC qrels (recall@k, P@k, MRR@10, nDCG@10, MAP).");
  // clang-format off
  cli.add_options()
    ("d,db", "database to search", cxxopts::value<std::string>())
    ("queries", "queries: JSON Lines {\"_id\",\"text\",\"filters\"?} or TSV qid<TAB>text", cxxopts::value<std::string>())
    ("qrels", "TREC qrels: qid 0 docid grade", cxxopts::value<std::string>())
    ("k,cutoffs", "recall and precision cut-offs (--k or -k)", cxxopts::value<std::string>()->default_value("1,5,10,100"))
    ("run", "write the TREC run (top 100) to FILE", cxxopts::value<std::string>())
    ("format", "text or json (json adds every query's measures)", cxxopts::value<std::string>()->default_value("text"))
    ("ranking", "change the searcher's default ranking: k1=0.9,b=0.9,operator=any,"
                "title_weight=0.5,proximity=off,proximity_weight=0.1...", cxxopts::value<std::string>())
    ("compare", "run several ranking and analysis configurations and print one table")
    ("corpus", "with --compare: the corpus the database was built from (FILE or DIR), "
               "for the analysis configurations", cxxopts::value<std::vector<std::string>>())
    ("k1", "with --compare: BM25 k1 values of the grid", cxxopts::value<std::string>()->default_value("0.9,1.2,1.6"))
    ("b,b-grid", "with --compare: BM25 b values of the grid (--b or -b)", cxxopts::value<std::string>()->default_value("0.5,0.75,0.9"))
    ("plot", "with --compare: draw the recall@k curves (k = 1..100) to FILE.svg", cxxopts::value<std::string>());
  // clang-format on
  const auto parsed = parse(cli, argc, argv);
  if (!parsed) return 0;
  const cxxopts::ParseResult& args = *parsed;
  for (const char* required : {"db", "queries", "qrels"})
    if (!args.count(required))
      throw segugio::UsageError(std::string("recall: missing --") + required);
  const auto format = segugio::eval::parse_report_format(args["format"].as<std::string>());
  const auto cutoffs = segugio::eval::parse_cutoffs(args["cutoffs"].as<std::string>());

  if (!args.count("compare")) {
    if (args.count("plot") || args.count("corpus"))
      throw segugio::UsageError("recall: --plot and --corpus go with --compare");
    segugio::eval::RecallOptions options;
    options.db = args["db"].as<std::string>();
    options.queries = args["queries"].as<std::string>();
    options.qrels = args["qrels"].as<std::string>();
    options.cutoffs = cutoffs;
    if (args.count("ranking"))
      segugio::eval::apply_ranking_overrides(args["ranking"].as<std::string>(), options.ranking);
    const segugio::eval::RecallReport report = segugio::eval::run_recall(options);
    if (args.count("run")) {
      std::ofstream run = open_output(args["run"].as<std::string>());
      segugio::eval::write_run(run, report.run, "segugio");
    }
    segugio::eval::write_recall_report(std::cout, report, format,
                                       format == segugio::eval::ReportFormat::json);
    return 0;
  }

  if (args.count("run")) throw segugio::UsageError("recall: --run does not go with --compare");
  segugio::eval::CompareOptions options;
  options.db = args["db"].as<std::string>();
  options.queries = args["queries"].as<std::string>();
  options.qrels = args["qrels"].as<std::string>();
  options.cutoffs = cutoffs;
  if (args.count("corpus"))
    for (const std::string& p : args["corpus"].as<std::vector<std::string>>())
      options.corpus.emplace_back(p);
  segugio::search::RankingOptions base;
  if (args.count("ranking"))
    segugio::eval::apply_ranking_overrides(args["ranking"].as<std::string>(), base);
  options.configurations = segugio::eval::standard_configurations(
      base, parse_numbers("k1", args["k1"].as<std::string>()),
      parse_numbers("b", args["b-grid"].as<std::string>()), !options.corpus.empty());
  const segugio::eval::ScratchDir scratch;
  options.work_dir = scratch.path();
  const segugio::eval::CompareReport report =
      segugio::eval::run_compare(options, Progress().stream());
  segugio::eval::write_compare_report(std::cout, report, format);
  if (args.count("plot")) {
    std::ofstream plot = open_output(args["plot"].as<std::string>());
    segugio::eval::PlotOptions plot_options;
    plot_options.title = "Recall@k over " + std::to_string(report.queries) + " queries";
    segugio::eval::write_recall_plot(plot, segugio::eval::recall_series(report), plot_options);
  }
  return 0;
}

// A program installed next to this one (segugio-index beside segugio-bench).
std::filesystem::path sibling(const char* argv0, const std::string& name) {
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) self = argv0;
  return self.parent_path() / name;
}

// In the build tree segugio-index lives in ../indexer/; installed, beside us.
std::filesystem::path find_segugio_index(const char* argv0) {
  const std::filesystem::path beside = sibling(argv0, "segugio-index");
  if (std::filesystem::exists(beside)) return beside;
  const std::filesystem::path built =
      beside.parent_path().parent_path() / "indexer" / "segugio-index";
  if (std::filesystem::exists(built)) return built;
  return beside;
}

int run_peers(int argc, char** argv) {
  cxxopts::Options cli(std::string(kProgram) + " peers",
                       "The same corpus and queries through SQLite FTS5, PostgreSQL full text, "
                       "Xapian Omega and Segugio: one table of quality, index cost and speed.");
  // clang-format off
  cli.add_options()
    ("corpus", "articles (JSON Lines file, or any file or folder segugio-index reads)", cxxopts::value<std::string>())
    ("queries", "queries: JSON Lines or TSV", cxxopts::value<std::string>())
    ("qrels", "TREC qrels", cxxopts::value<std::string>())
    ("engines", "engines to run", cxxopts::value<std::string>()->default_value("segugio,sqlite,postgresql,omega"))
    ("run", "also write each engine's ranking as a TREC run file DIR/ENGINE.run "
            "(qid Q0 docid rank score ENGINE), for per-query comparisons", cxxopts::value<std::string>());
  // clang-format on
  add_format_option(cli);
  const auto parsed = parse(cli, argc, argv);
  if (!parsed) return 0;
  const cxxopts::ParseResult& args = *parsed;
  for (const char* required : {"corpus", "queries", "qrels"})
    if (!args.count(required))
      throw segugio::UsageError(std::string("peers: missing --") + required);
  const auto format = segugio::eval::parse_report_format(args["format"].as<std::string>());
  const segugio::eval::ScratchDir scratch;
  segugio::eval::PeersOptions options;
  options.corpus = args["corpus"].as<std::string>();
  options.queries = args["queries"].as<std::string>();
  options.qrels = args["qrels"].as<std::string>();
  options.engines = segugio::eval::parse_engines(args["engines"].as<std::string>());
  options.segugio_index = find_segugio_index(argv[0]);
  options.work_dir = scratch.path();
  const auto report = segugio::eval::run_peers(options, Progress().stream());
  if (args.count("run")) segugio::eval::write_peer_runs(args["run"].as<std::string>(), report);
  segugio::eval::write_peers_report(std::cout, report, format);
  return 0;
}

// --jobs 1,2 or --shards 1,2: whole numbers from 1 to 256.
std::vector<unsigned> parse_counts(const std::string& option, const std::string& list) {
  std::vector<unsigned> counts;
  for (const double v : parse_numbers(option, list)) {
    if (v < 1 || v > 256 || v != static_cast<unsigned>(v))
      throw segugio::UsageError("--" + option + " takes whole numbers like 1,2, not '" + list +
                                "'");
    counts.push_back(static_cast<unsigned>(v));
  }
  return counts;
}

int run_index(int argc, char** argv) {
  cxxopts::Options cli(std::string(kProgram) + " index",
                       "Indexing throughput (articles/s, MB/s of article text), peak memory of "
                       "segugio-index, database and compacted size over the text.");
  // clang-format off
  cli.add_options()
    ("corpus", "files or folders of articles", cxxopts::value<std::vector<std::string>>())
    ("jobs", "segugio-index -j values to run", cxxopts::value<std::string>()->default_value("1,2"))
    ("shards", "segugio-index --shards values, each run with every -j value",
     cxxopts::value<std::string>()->default_value("1"))
    ("omindex", "also index the corpus with Xapian Omega's omindex (the baseline)");
  // clang-format on
  add_format_option(cli);
  const auto parsed = parse(cli, argc, argv);
  if (!parsed) return 0;
  const cxxopts::ParseResult& args = *parsed;
  if (!args.count("corpus")) throw segugio::UsageError("index: missing --corpus");
  const auto format = segugio::eval::parse_report_format(args["format"].as<std::string>());
  const segugio::eval::ScratchDir scratch;
  segugio::eval::IndexSpeedOptions options;
  for (const std::string& p : args["corpus"].as<std::vector<std::string>>())
    options.corpus.emplace_back(p);
  options.jobs = parse_counts("jobs", args["jobs"].as<std::string>());
  options.shards = parse_counts("shards", args["shards"].as<std::string>());
  options.omindex = args.count("omindex") > 0;
  options.segugio_index = find_segugio_index(argv[0]);
  options.work_dir = scratch.path();
  const auto report = segugio::eval::run_index_speed(options, Progress().stream());
  segugio::eval::write_index_speed_report(std::cout, report, format);
  return 0;
}

int run_facets(int argc, char** argv) {
  cxxopts::Options cli(std::string(kProgram) + " facets",
                       "Company precision, recall and micro-F1, topic strict top-1, top-1 among "
                       "gold topics and micro-F1, off-topic articles left without topic, of a "
                       "database against a hand-labelled gold set (JSON Lines). Repeat -d and "
                       "--gold to score several pairs (the i-th --gold against the i-th -d, or "
                       "every --gold against a single -d).");
  // clang-format off
  cli.add_options()
    ("d,db", "database (repeatable)", cxxopts::value<std::vector<std::string>>())
    ("gold", "gold set: {\"id\",\"companies\",\"topics\"} per line (repeatable)",
     cxxopts::value<std::vector<std::string>>())
    ("details", "list every article where facets and gold disagree");
  // clang-format on
  add_format_option(cli);
  const auto parsed = parse(cli, argc, argv);
  if (!parsed) return 0;
  const cxxopts::ParseResult& args = *parsed;
  if (!args.count("db") || !args.count("gold"))
    throw segugio::UsageError("facets: needs -d DB and --gold FILE");
  const std::string format = args["format"].as<std::string>();
  if (format != "text" && format != "json")
    throw segugio::UsageError("facets: --format takes text or json, not '" + format + "'");
  const auto dbs = args["db"].as<std::vector<std::string>>();
  const auto golds = args["gold"].as<std::vector<std::string>>();
  if (dbs.size() != 1 && dbs.size() != golds.size())
    throw segugio::UsageError("facets: give one -d for all --gold files, or one -d per --gold");
  const bool json = format == "json", details = args.count("details") > 0;
  const bool several = golds.size() > 1;
  if (several && json) std::cout << "[\n";
  for (std::size_t i = 0; i < golds.size(); ++i) {
    const auto gold = segugio::eval::read_facet_gold(golds[i]);
    const auto score = segugio::eval::score_facets(dbs.size() == 1 ? dbs[0] : dbs[i], gold);
    // One gold set: the report as it always was; several: one report each,
    // under a line naming the gold file (text), or a JSON array of reports.
    if (several && !json) std::cout << (i ? "\n" : "") << "== " << golds[i] << "\n";
    if (several && json && i > 0) std::cout << ",\n";
    segugio::eval::write_facet_report(std::cout, score, json, details);
  }
  if (several && json) std::cout << "]\n";
  return 0;
}

int run_latency(int argc, char** argv) {
  cxxopts::Options cli(std::string(kProgram) + " latency",
                       "Search latency over title queries (median, p90, p99; warm, one thread), "
                       "Segugio against plain Xapian (QueryParser, Italian stemmer, OR, BM25, "
                       "10 hits) on the same database and queries, and batch throughput over a "
                       "query file.");
  // clang-format off
  cli.add_options()
    ("d,db", "database to search", cxxopts::value<std::string>())
    ("queries", "number of title queries to draw", cxxopts::value<std::size_t>()->default_value("1000"))
    ("seed", "seed of the draw (the same seed, the same queries)", cxxopts::value<std::uint64_t>()->default_value("1"))
    ("query-file", "time the queries of FILE (JSON Lines or TSV) instead of drawing", cxxopts::value<std::string>())
    ("facets", "also time the searches with facet counts")
    ("facet-queries", "with --facets: only the first N queries", cxxopts::value<std::size_t>())
    ("batch", "query file (JSON Lines or TSV) for batch throughput", cxxopts::value<std::string>())
    ("save-queries", "write the drawn queries to FILE (JSON Lines)", cxxopts::value<std::string>())
    ("slowest", "also list the N slowest searches of each kind, with plain Xapian's time", cxxopts::value<std::size_t>()->default_value("0"));
  // clang-format on
  add_format_option(cli);
  const auto parsed = parse(cli, argc, argv);
  if (!parsed) return 0;
  const cxxopts::ParseResult& args = *parsed;
  if (!args.count("db")) throw segugio::UsageError("latency: missing -d/--db");
  const auto format = segugio::eval::parse_report_format(args["format"].as<std::string>());
  segugio::eval::LatencyOptions options;
  options.db = args["db"].as<std::string>();
  options.queries = args["queries"].as<std::size_t>();
  if (options.queries == 0) throw segugio::UsageError("latency: --queries must be at least 1");
  options.seed = args["seed"].as<std::uint64_t>();
  options.facets = args.count("facets") > 0;
  if (args.count("facet-queries")) {
    if (!options.facets) throw segugio::UsageError("latency: --facet-queries goes with --facets");
    options.facet_queries = args["facet-queries"].as<std::size_t>();
  }
  if (args.count("query-file")) options.query_file = args["query-file"].as<std::string>();
  if (args.count("batch")) options.batch = args["batch"].as<std::string>();
  if (args.count("save-queries")) options.save_queries = args["save-queries"].as<std::string>();
  options.slowest = args["slowest"].as<std::size_t>();
  segugio::eval::write_latency_report(std::cout, segugio::eval::run_latency(options), format);
  return 0;
}

int run_gen(int argc, char** argv) {
  cxxopts::Options cli(std::string(kProgram) + " gen",
                       "Writes a deterministic synthetic corpus of Italian tech news.");
  cli.positional_help("OUT");
  // clang-format off
  cli.add_options()
    ("articles", "number of articles", cxxopts::value<std::size_t>()->default_value("1000"))
    ("seed", "random seed: the same seed gives the same corpus", cxxopts::value<std::uint64_t>()->default_value("1"))
    ("format", "txt (scraped layout, one file each), md (front matter) or jsonl (one file)", cxxopts::value<std::string>()->default_value("txt"))
    ("words", "Italian word list", cxxopts::value<std::string>()->default_value("/usr/share/dict/italian"))
    ("out", "output folder", cxxopts::value<std::string>());
  // clang-format on
  cli.parse_positional({"out"});
  const auto parsed = parse(cli, argc, argv);
  if (!parsed) return 0;
  const cxxopts::ParseResult& args = *parsed;
  if (!args.count("out")) throw segugio::UsageError("gen: name the output folder OUT");
  segugio::eval::SyntheticCorpusOptions options;
  options.articles = args["articles"].as<std::size_t>();
  options.seed = args["seed"].as<std::uint64_t>();
  options.format = segugio::eval::parse_corpus_format(args["format"].as<std::string>());
  options.word_list = args["words"].as<std::string>();
  const auto report = segugio::eval::write_synthetic_corpus(options, args["out"].as<std::string>());
  std::cout << "{\"articles\": " << report.articles << ", \"files\": " << report.files
            << ", \"bytes\": " << report.bytes << ", \"text_bytes\": " << report.text_bytes
            << ", \"seed\": " << options.seed << "}\n";
  return 0;
}

// cxxopts takes no one-letter long options: `--k 1,5` and `--b 0.5` (the
// forms the documentation uses) become `-k 1,5` and `-b 0.5`.
std::vector<std::string> normalise_arguments(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  for (std::string& a : args) {
    if (a == "--k")
      a = "-k";
    else if (a == "--b")
      a = "-b";
  }
  return args;
}

int dispatch(int argc, char** argv) {
  if (argc < 2) {
    usage(std::cerr);
    return 2;
  }
  const std::string command = argv[1];
  if (command == "-h" || command == "--help") {
    usage(std::cout);
    return 0;
  }
  if (command == "analyzer") return run_analyzer(argc - 1, argv + 1);
  if (command == "recall") return run_recall(argc - 1, argv + 1);
  if (command == "gen") return run_gen(argc - 1, argv + 1);
  if (command == "facets") return run_facets(argc - 1, argv + 1);
  if (command == "peers") return run_peers(argc - 1, argv + 1);
  if (command == "index") return run_index(argc - 1, argv + 1);
  if (command == "latency") return run_latency(argc - 1, argv + 1);
  std::cerr << kProgram << ": unknown command '" << command << "'\n";
  usage(std::cerr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  return segugio::cli::run({kProgram, false, false}, [&] {
    std::vector<std::string> args = normalise_arguments(argc, argv);
    std::vector<char*> pointers;
    for (std::string& a : args) pointers.push_back(a.data());
    pointers.push_back(nullptr);
    return dispatch(argc, pointers.data());
  });
}
