#include "byte_stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace segugio::corpus::detail {

namespace {

constexpr std::size_t kChunk = std::size_t{64} * 1024;

std::string errno_text(int error) {
  return std::strerror(error);
}

class FileStream : public ByteStream {
 public:
  explicit FileStream(const std::filesystem::path& path) {
    // O_NONBLOCK so that opening a FIFO never waits for a writer; the type is
    // checked right after and regular files ignore the flag.
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd_ < 0) throw ReadFailure(Reason::unreadable, errno_text(errno));
    struct stat st {};
    if (::fstat(fd_, &st) != 0) {
      const int error = errno;
      ::close(fd_);
      throw ReadFailure(Reason::unreadable, errno_text(error));
    }
    if (!S_ISREG(st.st_mode)) {
      ::close(fd_);
      throw ReadFailure(Reason::not_regular_file, "");
    }
  }
  ~FileStream() override { ::close(fd_); }
  FileStream(const FileStream&) = delete;
  FileStream& operator=(const FileStream&) = delete;

  std::size_t read(char* buffer, std::size_t size) override {
    for (;;) {
      const ssize_t n = ::read(fd_, buffer, size);
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno == EINTR) continue;
      throw ReadFailure(Reason::unreadable, errno_text(errno));
    }
  }

 private:
  int fd_ = -1;
};

struct DCtxDeleter {
  void operator()(ZSTD_DCtx* ctx) const { ZSTD_freeDCtx(ctx); }
};

// Streaming zstd decompression: memory is the window size plus two buffers,
// whatever the file size. Concatenated frames are read one after the other.
class ZstdStream : public ByteStream {
 public:
  explicit ZstdStream(std::unique_ptr<ByteStream> inner)
      : inner_(std::move(inner)), ctx_(ZSTD_createDCtx()), in_buffer_(ZSTD_DStreamInSize()) {
    if (!ctx_) throw ReadFailure(Reason::unreadable, "zstd: out of memory");
  }

  std::size_t read(char* buffer, std::size_t size) override {
    ZSTD_outBuffer out{buffer, size, 0};
    while (out.pos == 0) {
      if (in_.pos == in_.size) {
        if (inner_eof_) {
          if (!frame_done_)
            throw ReadFailure(Reason::corrupt_compressed_data, "truncated zstd frame");
          return 0;
        }
        const std::size_t n = inner_->read(in_buffer_.data(), in_buffer_.size());
        if (n == 0) {
          inner_eof_ = true;
          continue;
        }
        in_ = {in_buffer_.data(), n, 0};
      }
      const std::size_t ret = ZSTD_decompressStream(ctx_.get(), &out, &in_);
      if (ZSTD_isError(ret))
        throw ReadFailure(Reason::corrupt_compressed_data, ZSTD_getErrorName(ret));
      frame_done_ = ret == 0;
    }
    return out.pos;
  }

 private:
  std::unique_ptr<ByteStream> inner_;
  std::unique_ptr<ZSTD_DCtx, DCtxDeleter> ctx_;
  std::vector<char> in_buffer_;
  ZSTD_inBuffer in_{nullptr, 0, 0};
  bool inner_eof_ = false;
  bool frame_done_ = true;  // an empty file holds no frame: nothing is cut short
};

}  // namespace

ByteStream::~ByteStream() = default;

std::unique_ptr<ByteStream> open_byte_stream(const std::filesystem::path& path, bool zstd) {
  std::unique_ptr<ByteStream> file = std::make_unique<FileStream>(path);
  if (!zstd) return file;
  return std::make_unique<ZstdStream>(std::move(file));
}

bool BufferedStream::fill() {
  if (eof_) return false;
  if (pos_ > 0 && pos_ >= buffer_.size() / 2) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  const std::size_t old = buffer_.size();
  buffer_.resize(old + kChunk);
  const std::size_t n = stream_->read(buffer_.data() + old, kChunk);
  buffer_.resize(old + n);
  if (n == 0) eof_ = true;
  return n > 0;
}

std::string_view BufferedStream::peek(std::size_t size) {
  while (buffer_.size() - pos_ < size && fill()) {
  }
  const std::size_t n = std::min(size, buffer_.size() - pos_);
  return std::string_view(buffer_).substr(pos_, n);
}

std::size_t BufferedStream::read(char* buffer, std::size_t size) {
  if (pos_ == buffer_.size()) {
    buffer_.clear();
    pos_ = 0;
    if (size >= kChunk) return eof_ ? 0 : stream_->read(buffer, size);
    if (!fill()) return 0;
  }
  const std::size_t n = std::min(size, buffer_.size() - pos_);
  std::memcpy(buffer, buffer_.data() + pos_, n);
  pos_ += n;
  return n;
}

bool BufferedStream::read_line(std::string& line, std::size_t max_bytes, bool& too_long) {
  line.clear();
  too_long = false;
  bool any = false;
  for (;;) {
    if (pos_ == buffer_.size()) {
      buffer_.clear();
      pos_ = 0;
      if (!fill()) return any;
    }
    any = true;
    const std::string_view rest = std::string_view(buffer_).substr(pos_);
    const std::size_t nl = rest.find('\n');
    const std::string_view part = rest.substr(0, nl);
    if (!too_long) {
      if (line.size() + part.size() > max_bytes) {
        line.append(part.substr(0, max_bytes - line.size()));
        too_long = true;
      } else {
        line.append(part);
      }
    }
    if (nl != std::string_view::npos) {
      pos_ += nl + 1;
      if (!too_long && !line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
    pos_ = buffer_.size();
  }
}

bool BufferedStream::read_all(std::string& out, std::size_t max_bytes) {
  out.clear();
  for (;;) {
    const std::size_t available = buffer_.size() - pos_;
    if (out.size() + available > max_bytes) {
      out.append(buffer_, pos_, max_bytes - out.size());
      return false;
    }
    out.append(buffer_, pos_, available);
    buffer_.clear();
    pos_ = 0;
    if (!fill()) return true;
  }
}

}  // namespace segugio::corpus::detail
