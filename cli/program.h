// What segugio-index, segugio-search and segugio-bench share around their
// one library call: parsing the command line with errors that name the
// option ("-n: Argument ‘abc’ failed to parse") and suggest the nearest one
// for a mistyped name ("did you mean --limit?"), and the one wrapper that
// maps an outcome to a message on stderr and an exit code: 0 ok, 1 failure
// (data, database, environment), 2 usage (STYLE.md, "Errors at the boundary").
#pragma once

#include <functional>
#include <string>

#include "segugio/cli/cxxopts.h"
#include "segugio/core/error.h"

namespace segugio::cli {

// A command line cxxopts could not parse, with the option named.
class CommandLineError : public UsageError {
 public:
  using UsageError::UsageError;
};

// cli.parse(argc, argv), throwing CommandLineError instead of cxxopts'
// parsing errors.
cxxopts::ParseResult parse(cxxopts::Options& cli, int argc, char** argv);

// The known option closest to `unknown` ("limt" -> "--limit"), "" when none
// is within one edit per three letters (at least one edit).
std::string nearest_option(const cxxopts::Options& cli, const std::string& unknown);

struct Program {
  const char* name;  // "segugio-search": the prefix of every message
  // Add "(try NAME --help)" after a command line that does not parse, and
  // after other usage errors (bad values, missing arguments).
  bool hint_after_parse_errors = true;
  bool hint_after_usage_errors = true;
};

// Runs `body` and returns its exit code; an exception becomes
// "NAME: message" on stderr and exit 2 (UsageError, cxxopts errors) or 1.
int run(const Program& program, const std::function<int()>& body);

}  // namespace segugio::cli
