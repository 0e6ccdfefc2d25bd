#include "server_process.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace bench {
namespace {

std::runtime_error system_error(const std::string& what) { return std::runtime_error(what + ": " + std::strerror(errno)); }

}  // namespace

ServerProcess::ServerProcess(const std::string& mode) {
  int in[2];
  int out[2];
  if (pipe(in) != 0 || pipe(out) != 0) throw system_error("pipe");
  pid_ = fork();
  if (pid_ < 0) throw system_error("fork");
  if (pid_ == 0) {
    dup2(in[0], STDIN_FILENO);
    dup2(out[1], STDOUT_FILENO);
    close(in[0]);
    close(in[1]);
    close(out[0]);
    close(out[1]);
    char self[] = "/proc/self/exe";
    std::string arg = mode;
    char* argv[] = {self, arg.data(), nullptr};
    execv(self, argv);
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  stdin_fd_ = in[1];
  std::string line;
  char c = 0;
  while (read(out[0], &c, 1) == 1 && c != '\n') line.push_back(c);
  close(out[0]);
  if (line.rfind("PORT ", 0) != 0) {
    close(stdin_fd_);
    waitpid(pid_, nullptr, 0);
    throw std::runtime_error("server '" + mode + "' did not print its port (got '" + line + "')");
  }
  port_ = static_cast<std::uint16_t>(std::stoul(line.substr(5)));
}

ServerProcess::~ServerProcess() {
  if (stdin_fd_ >= 0) close(stdin_fd_);
  if (pid_ <= 0) return;
  // A server that does not stop within 10 s of its stdin closing is killed.
  for (int i = 0; i < 1000; i++) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
    usleep(10'000);
  }
  std::fprintf(stderr, "server process %d did not stop within 10 s of its stdin closing: killed\n", static_cast<int>(pid_));
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

void serve_until_stdin_closes(std::uint16_t port) {
  std::printf("PORT %u\n", static_cast<unsigned>(port));
  std::fflush(stdout);
  char buffer[256];
  while (read(STDIN_FILENO, buffer, sizeof buffer) > 0) {
  }
}

}  // namespace bench
