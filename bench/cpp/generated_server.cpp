#include "generated_server.hpp"

#include "server_process.hpp"
#include "tcp_bench.hpp"

#include <stdexcept>

namespace bench {

#if BENCH_HAVE_GENERATED_SERVER
#error "the generated server's rows are not written yet"
#else
bool have_generated_server() { return false; }

std::string generated_server_missing() {
  return "generated TcpServer rows skipped: the generated C++ project has no TCP server yet (include/chat/tcp_server.hpp); only the raw echo below";
}

void serve_generated() { throw std::runtime_error(generated_server_missing()); }
#endif

}  // namespace bench
