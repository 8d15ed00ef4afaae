// xapian-tcpsrv serving one database, for tests of remote shards.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

namespace segugio::testing {

// xapian-tcpsrv serving `db` on 127.0.0.1, on a port found free at run time.
// It runs in its own process group: it forks one child per connection, and on
// SIGTERM it signals its whole group, which must not hold the test. The group
// is stopped on destruction. running() is false after stop(), or if the
// server could not take a port in five tries. The caller checks first that
// kProgram exists (Debian: xapian-tools).
class TcpServer {
 public:
  static constexpr char kProgram[] = "/usr/bin/xapian-tcpsrv";

  explicit TcpServer(const std::filesystem::path& db);
  ~TcpServer() { stop(); }
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;

  bool running() const { return pid_ != 0; }
  unsigned port() const { return port_; }
  // "127.0.0.1:PORT", as a stub's `remote` line writes it.
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

  void stop();
  // SIGSTOP / SIGCONT: a server that accepts connections (the kernel does) but
  // never answers, like an overloaded machine.
  void pause() const;
  void resume() const;

 private:
  pid_t pid_ = 0;
  unsigned port_ = 0;
};

}  // namespace segugio::testing
