// segugio-bench: recall and speed measurements. One sub-command per measure;
// each parses its options, makes one library call and prints the report.
#include "segugio/cli/cxxopts.h"

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "segugio/core/error.h"
#include "segugio/eval/analyzer_speed.h"

namespace {

constexpr char kProgram[] = "segugio-bench";

void usage(std::ostream& out) {
  out << "usage: " << kProgram << " COMMAND [options]\n\n"
      << "commands:\n"
      << "  analyzer FILE...   words per second of the Italian analysis chain\n\n"
      << "Run '" << kProgram << " COMMAND --help' for a command's options.\n";
}

int run_analyzer(int argc, char** argv) {
  cxxopts::Options cli(std::string(kProgram) + " analyzer",
                       "Words per second of the analysis chain, one thread.");
  cli.positional_help("FILE...");
  // clang-format off
  cli.add_options()
    ("rounds", "times each text is analysed", cxxopts::value<int>()->default_value("5"))
    ("h,help", "print this help")
    ("files", "text files", cxxopts::value<std::vector<std::string>>());
  // clang-format on
  cli.parse_positional({"files"});
  const auto args = cli.parse(argc, argv);
  if (args.count("help")) {
    std::cout << cli.help() << "\n";
    return 0;
  }
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

}  // namespace

int main(int argc, char** argv) try {
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
  std::cerr << kProgram << ": unknown command '" << command << "'\n";
  usage(std::cerr);
  return 2;
} catch (const cxxopts::exceptions::exception& e) {
  std::cerr << kProgram << ": " << e.what() << "\n";
  return 2;
} catch (const segugio::UsageError& e) {
  std::cerr << kProgram << ": " << e.what() << "\n";
  return 2;
} catch (const std::exception& e) {
  std::cerr << kProgram << ": " << e.what() << "\n";
  return 1;
}
