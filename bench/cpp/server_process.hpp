// A server of bench/cpp in a process of its own: this program started again
// with a serve mode (fork + exec of /proc/self/exe). The child prints
// "PORT <n>" on its first line and serves until its stdin closes; the
// destructor closes it and waits for the child.
#pragma once

#include <cstdint>
#include <string>
#include <sys/types.h>

namespace bench {

class ServerProcess {
 public:
  explicit ServerProcess(const std::string& mode);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  std::uint16_t port() const { return port_; }

 private:
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  std::uint16_t port_ = 0;
};

/** The child's side: prints "PORT <n>", then blocks until stdin reaches its end. */
void serve_until_stdin_closes(std::uint16_t port);

}  // namespace bench
