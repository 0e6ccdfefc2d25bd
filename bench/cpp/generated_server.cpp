#include "generated_server.hpp"

#include "server_process.hpp"
#include "tcp_bench.hpp"

#include <stdexcept>

#if BENCH_HAVE_GENERATED_SERVER
#include <chat/server.hpp>

#include <memory>
#include <optional>
#endif

namespace bench {

#if BENCH_HAVE_GENERATED_SERVER
bool have_generated_server() { return true; }

std::string generated_server_missing() { return ""; }

void serve_generated() {
  chat::ServerOptions options = chat::ServerOptions::defaults();
  options.rate_limit = std::nullopt;
  chat::ChatServer server(std::make_shared<chat::ServerHandlers>(), options);
  serve_until_stdin_closes(server.start(kHost, 0));
  server.stop();
}
#else
bool have_generated_server() { return false; }

std::string generated_server_missing() {
  return "generated server rows skipped: the generated C++ project has no TCP server yet (include/chat/server.hpp); only the raw echo below";
}

void serve_generated() { throw std::runtime_error(generated_server_missing()); }
#endif

}  // namespace bench
