// Reading the bytes of an article file, decompressing zstd on the fly
// (internal to segugio_corpus).
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "segugio/corpus/problem.h"

namespace segugio::corpus::detail {

// Why a file could not be read at all; read_file() turns it into a Problem.
struct ReadFailure : std::runtime_error {
  ReadFailure(Reason reason_, std::string detail_)
      : std::runtime_error(std::string(reason_name(reason_)) + ": " + detail_),
        reason(reason_),
        detail(std::move(detail_)) {}
  Reason reason;  // unreadable, corrupt_compressed_data, ...
  std::string detail;
};

// A source of bytes. read() returns 0 at the end and throws ReadFailure on
// error. One owner, one thread.
class ByteStream {
 public:
  virtual ~ByteStream();
  virtual std::size_t read(char* buffer, std::size_t size) = 0;
};

// The bytes of the regular file at `path`, decompressed when `zstd`.
// Throws ReadFailure ("unreadable", "not a regular file").
std::unique_ptr<ByteStream> open_byte_stream(const std::filesystem::path& path, bool zstd);

// Buffering on top of a ByteStream: look ahead without consuming, read lines
// of bounded length, read everything up to a limit.
class BufferedStream {
 public:
  explicit BufferedStream(std::unique_ptr<ByteStream> stream) : stream_(std::move(stream)) {}

  // Up to `size` bytes from the current position, not consumed (fewer at the
  // end of the stream).
  std::string_view peek(std::size_t size);
  // Moves up to `size` bytes to `buffer`; 0 at the end.
  std::size_t read(char* buffer, std::size_t size);
  // Reads the next line without its "\n" (or "\r\n"). Returns false at the end.
  // A line longer than `max_bytes` is consumed but not stored: `too_long` is
  // set and `line` holds its first `max_bytes` bytes only.
  bool read_line(std::string& line, std::size_t max_bytes, bool& too_long);
  // Everything left, when it is at most `max_bytes`; false (and a partial
  // `out`) when there is more.
  bool read_all(std::string& out, std::size_t max_bytes);

 private:
  bool fill();  // appends one chunk to buffer_; false at the end

  std::unique_ptr<ByteStream> stream_;
  std::string buffer_;
  std::size_t pos_ = 0;  // consumed bytes at the front of buffer_
  bool eof_ = false;
};

}  // namespace segugio::corpus::detail
