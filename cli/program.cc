#include "cli/program.h"

#include <algorithm>
#include <cstddef>
#include <exception>
#include <iostream>
#include <string_view>
#include <vector>

namespace segugio::cli {

namespace {

// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`:
// "jbos" is one swap from "jobs".
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + (a[i - 1] != b[j - 1] ? 1 : 0)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

// The option a value belongs to: the argument before `value` ("-n abc"), or
// the one it is glued to ("--limit=abc", "-nabc"). "" when not found.
std::string option_of_value(const std::string& value, int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == value && i > 1 && argv[i - 1][0] == '-') return argv[i - 1];
    if (const std::size_t eq = arg.find('=');
        arg.rfind("--", 0) == 0 && eq != std::string_view::npos && arg.substr(eq + 1) == value)
      return std::string(arg.substr(0, eq));
    if (arg.size() > 2 && arg[0] == '-' && arg[1] != '-' && arg.substr(2) == value)
      return std::string(arg.substr(0, 2));
  }
  return "";
}

// The text between cxxopts' quotes: "Option ‘limt’ does not exist" -> "limt".
std::string quoted(const std::string& message) {
  const std::string open = "\u2018", close = "\u2019";
  const std::size_t a = message.find(open);
  const std::size_t b = a == std::string::npos ? a : message.find(close, a + open.size());
  if (b == std::string::npos) return "";
  return message.substr(a + open.size(), b - a - open.size());
}

}  // namespace

std::string nearest_option(const cxxopts::Options& cli, const std::string& unknown) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(1, unknown.size() / 3) + 1;
  for (const std::string& group : cli.groups())
    for (const cxxopts::HelpOptionDetails& o : cli.group_help(group).options)
      for (const std::string& name : o.l) {
        const std::size_t d = edit_distance(unknown, name);
        if (d < best_distance) {
          best_distance = d;
          best = "--" + name;
        }
      }
  return best;
}

cxxopts::ParseResult parse(cxxopts::Options& cli, int argc, char** argv) {
  try {
    return cli.parse(argc, argv);
  } catch (const cxxopts::exceptions::no_such_option& e) {
    const std::string near = nearest_option(cli, quoted(e.what()));
    throw CommandLineError(std::string(e.what()) +
                           (near.empty() ? "" : "; did you mean " + near + "?"));
  } catch (const cxxopts::exceptions::incorrect_argument_type& e) {
    const std::string option = option_of_value(quoted(e.what()), argc, argv);
    throw CommandLineError((option.empty() ? "" : option + ": ") + std::string(e.what()));
  } catch (const cxxopts::exceptions::parsing& e) {
    throw CommandLineError(e.what());
  }
}

int run(const Program& program, const std::function<int()>& body) {
  const std::string hint = std::string("\n(try ") + program.name + " --help)";
  try {
    return body();
  } catch (const CommandLineError& e) {
    std::cerr << program.name << ": " << e.what()
              << (program.hint_after_parse_errors ? hint : "") << "\n";
  } catch (const cxxopts::exceptions::exception& e) {
    std::cerr << program.name << ": " << e.what()
              << (program.hint_after_parse_errors ? hint : "") << "\n";
  } catch (const UsageError& e) {
    std::cerr << program.name << ": " << e.what()
              << (program.hint_after_usage_errors ? hint : "") << "\n";
  } catch (const std::exception& e) {
    std::cerr << program.name << ": " << e.what() << "\n";
    return 1;
  } catch (...) {
    std::cerr << program.name << ": unexpected error\n";
    return 1;
  }
  return 2;
}

}  // namespace segugio::cli
