// Benchmark of the C++ project protoforge generates from examples/chat.yaml.
// Built and run by bench/cpp-bench.ts (`npm run bench:cpp`); prints plain
// tables with fixed iteration counts and no assertions: the codec against
// nlohmann-json and protobuf (codec_bench), and TCP round trips against a raw
// asio echo server (tcp_bench).
//
// Usage: cpp_bench                                  (the whole benchmark)
//        cpp_bench serve-raw | serve-generated      (a server for the benchmark:
//        prints "PORT n", stops when stdin closes)
#include "codec_bench.hpp"
#include "echo_server.hpp"
#include "generated_server.hpp"
#include "server_process.hpp"
#include "table.hpp"
#include "tcp_bench.hpp"

#include <asio/version.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <exception>
#include <fstream>
#include <string>
#include <string_view>
#include <thread>

namespace {

using bench::num;
using bench::pad;

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

double rate(const std::vector<bench::CodecRow>& rows, std::string_view name) {
  for (const auto& r : rows) {
    if (r.name == name) return r.per_second;
  }
  return 0;
}

void print_codec() {
  std::printf("codec: RoomMessage (room + ChatMessage: id, sender, text, timestamp), %s calls over %d messages after %s warm-up calls, best of %d rounds\n",
              num(bench::kCodecIterations, 0, 0).c_str(), bench::kCodecVariants, num(bench::kCodecWarmup, 0, 0).c_str(), bench::kCodecRounds);
  std::printf("%s%12s%10s%11s\n", pad("operation", 44).c_str(), "msgs/s", "MB/s", "bytes/msg");
  const auto rows = bench::codec_rows();
  for (const auto& r : rows) {
    const bool bytes = r.bytes_per_message > 0;
    std::printf("%s%s%s%s\n", pad(r.name, 44).c_str(), num(r.per_second, 12, 0).c_str(),
                bytes ? num(r.per_second * r.bytes_per_message / 1e6, 10, 1).c_str() : "         -",
                bytes ? num(r.bytes_per_message, 11, 1).c_str() : "          -");
  }
  if (!bench::have_protobuf()) {
    std::printf("protobuf rows skipped: libprotobuf-dev or protoc not found (Debian: apt-get install libprotobuf-dev protobuf-compiler)\n");
  }
  const double enc = rate(rows, bench::kEncodeFrame);
  const double dec = rate(rows, bench::kDecodeFrame);
  std::printf("ratios: chat/nlohmann encode %.2f, decode %.2f", enc / rate(rows, bench::kNlohmannDump), dec / rate(rows, bench::kNlohmannParse));
  if (bench::have_protobuf()) {
    std::printf("; chat/protobuf encode %.2f, decode %.2f", enc / rate(rows, bench::kProtobufEncode), dec / rate(rows, bench::kProtobufDecode));
  }
  std::printf("\n");
}

void print_tcp() {
  std::printf("TCP loopback: SendMessage (%zu B frame) -> MessageAccepted, %s requests per round, best of %d rounds after %s warm-up requests;"
              " one request outstanding per client (a thread each); server in its own process; load average %s\n",
              bench::request_bytes(), num(bench::kTcpRequests, 0, 0).c_str(), bench::kTcpRounds, num(bench::kTcpWarmupRequests, 0, 0).c_str(),
              load_average().c_str());
  std::printf("%s%8s%10s%9s%15s%15s%9s%9s%8s\n", pad("server", 36).c_str(), "clients", "requests", "seconds", "round trips/s", "slowest round", "p50 ms",
              "p99 ms", "errors");
  std::vector<bench::Kind> kinds;
  if (bench::have_generated_server()) {
    kinds.push_back(*bench::generated_client_kind());
    kinds.push_back(bench::generated_kind());
  } else {
    std::printf("%s\n", bench::generated_server_missing().c_str());
  }
  kinds.push_back(bench::raw_kind());
  std::vector<std::vector<bench::TcpRow>> by_kind;
  for (const auto& kind : kinds) {
    by_kind.emplace_back();
    std::vector<bench::TcpRow> rows;
    try {
      bench::ServerProcess server(kind.serve_mode);
      rows = bench::tcp_rows(kind, server.port());
    } catch (const std::exception& e) {
      // A bench is not a test: say what failed and go on with the other servers.
      std::printf("%s failed: %s\n", pad(kind.label, 36).c_str(), e.what());
      continue;
    }
    for (auto& row : rows) {
      const bench::Round& b = row.best;
      std::printf("%s%s%s%s%s%s%s%s%s\n", pad(row.server, 36).c_str(), num(b.clients, 8, 0).c_str(), num(b.requests, 10, 0).c_str(),
                  num(b.seconds, 9, 2).c_str(), num(b.rate(), 15, 0).c_str(), num(row.slowest_rate, 15, 0).c_str(),
                  num(bench::percentile_ms(b.latencies, 0.5), 9, 3).c_str(), num(bench::percentile_ms(b.latencies, 0.99), 9, 3).c_str(),
                  num(static_cast<double>(b.others), 8, 0).c_str());
      std::fflush(stdout);
      by_kind.back().push_back(std::move(row));
    }
  }
  // Each kind against the raw echo, the last one.
  const auto& raw = by_kind.back();
  for (std::size_t k = 0; k + 1 < by_kind.size(); k++) {
    if (by_kind[k].size() != raw.size()) continue;  // one of the two failed
    std::string ratios = kinds[k].label + " / raw echo (round trips/s; p50; p99):";
    for (std::size_t i = 0; i < by_kind[k].size(); i++) {
      const bench::Round& g = by_kind[k][i].best;
      const bench::Round& r = raw[i].best;
      char part[160];
      std::snprintf(part, sizeof part, " %d client%s %.2f; %.2f; %.2f%s", g.clients, g.clients == 1 ? "" : "s", g.rate() / r.rate(),
                    bench::percentile_ms(g.latencies, 0.5) / bench::percentile_ms(r.latencies, 0.5),
                    bench::percentile_ms(g.latencies, 0.99) / bench::percentile_ms(r.latencies, 0.99), i + 1 < by_kind[k].size() ? "," : "");
      ratios += part;
    }
    std::printf("%s\n", ratios.c_str());
  }
}

void report() {
  std::printf("protoforge C++ benchmark: chat, g++ %s -O2, %u CPUs, load average %s, nlohmann-json %d.%d.%d, asio %d.%d.%d, protobuf %s\n", __VERSION__,
              std::thread::hardware_concurrency(), load_average().c_str(), NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
              NLOHMANN_JSON_VERSION_PATCH, ASIO_VERSION / 100000, ASIO_VERSION / 100 % 1000, ASIO_VERSION % 100,
              bench::have_protobuf() ? bench::protobuf_version().c_str() : "(not found)");
  std::printf("\n");
  print_codec();
  std::printf("\n");
  std::fflush(stdout);
  print_tcp();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  try {
    if (mode.empty()) {
      report();
    } else if (mode == "serve-raw") {
      bench::EchoServer server(bench::kHost, 2);
      bench::serve_until_stdin_closes(server.port());
    } else if (mode == "serve-generated") {
      bench::serve_generated();
    } else {
      std::fprintf(stderr, "usage: cpp_bench [serve-raw | serve-generated]\n");
      return 2;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cpp_bench %s: %s\n", mode.empty() ? "" : mode.c_str(), e.what());
    return 1;
  }
  return 0;
}
