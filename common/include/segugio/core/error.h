// The one error hierarchy of the Segugio library.
//
// Split like Xapian's own exceptions: a UsageError is the caller's mistake (a bad
// option, a query that does not parse) and maps to exit code 2; a DataError is a
// problem with the data or the environment (an unreadable file, a corrupt or
// locked database) and maps to exit code 1. Messages always carry what they are
// about: the path, the article id or the query text.
//
// Expected outcomes are not errors: a malformed article is skipped and counted,
// a missing date is an empty std::optional.
#pragma once

#include <stdexcept>
#include <string>

namespace segugio {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The caller asked for something that cannot be done as asked (exit code 2).
class UsageError : public Error {
 public:
  using Error::Error;
};

// A query that cannot be parsed; `what()` names the problem and gives a hint.
class QuerySyntaxError : public UsageError {
 public:
  using UsageError::UsageError;
};

// The data or the environment failed us (exit code 1).
class DataError : public Error {
 public:
  using Error::Error;
};

// The database is missing, damaged, foreign, of another schema or locked.
class DatabaseError : public DataError {
 public:
  using DataError::DataError;
};

}  // namespace segugio
