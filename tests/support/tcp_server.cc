#include "tcp_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>

#include <xapian.h>

#include "child_process.h"

namespace segugio::testing {

namespace {

// A loopback port nobody listens on now: bind port 0 and ask which one.
unsigned free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t size = sizeof address;
  const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0;
  close(fd);
  if (!ok) throw std::runtime_error("no free loopback port");
  return ntohs(address.sin_port);
}

// Whether the server at `pid` answers on `port` within about 5 s.
bool wait_ready(pid_t pid, unsigned port) {
  for (int i = 0; i < 100; ++i) {
    if (waitpid(pid, nullptr, WNOHANG) == pid) return false;  // it died: port taken?
    try {
      Xapian::Remote::open("127.0.0.1", port, 1000, 1000).get_doccount();
      return true;
    } catch (const Xapian::Error&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  return false;
}

// Stops the group led by `pid`, paused or not, and reaps its leader unless
// wait_ready() already did.
void stop_group(pid_t pid) {
  kill(-pid, SIGCONT);
  kill(-pid, SIGTERM);
  waitpid(pid, nullptr, 0);
}

}  // namespace

TcpServer::TcpServer(const std::filesystem::path& db) {
  // Another program may take the port between free_port() and the bind.
  for (int attempt = 0; attempt < 5 && pid_ == 0; ++attempt) {
    const unsigned port = free_port();
    const pid_t pid = spawn_program(
        {kProgram, "--interface", "127.0.0.1", "--port", std::to_string(port), db.string()},
        "/dev/null", /*own_process_group=*/true);
    if (wait_ready(pid, port)) {
      pid_ = pid;
      port_ = port;
    } else {
      stop_group(pid);
    }
  }
}

void TcpServer::stop() {
  if (pid_ != 0) stop_group(pid_);
  pid_ = 0;
}

// Only while running: kill(-0, …) would signal the test's own group.
void TcpServer::pause() const {
  if (pid_ != 0) kill(-pid_, SIGSTOP);
}

void TcpServer::resume() const {
  if (pid_ != 0) kill(-pid_, SIGCONT);
}

}  // namespace segugio::testing
