// The generated chat TCP server for bench/cpp's serve-generated mode, with
// the default handlers and the spec's options except the rate limit (the
// spec allows 10 messages a second; a benchmark of the transport turns it
// off). Built in when the generated project has its TCP server
// (BENCH_HAVE_GENERATED_SERVER, set by CMakeLists.txt).
#pragma once

#include "tcp_bench.hpp"

#include <optional>
#include <string>

namespace bench {

bool have_generated_server();
/** The line the benchmark prints instead of the generated server's rows. */
std::string generated_server_missing();
/** The generated ChatClient against the generated server, when there is one. */
std::optional<Kind> generated_client_kind();
/** Serves on 127.0.0.1, an ephemeral port, until stdin closes. */
void serve_generated();

}  // namespace bench
