// The C++ TCP transport: the stream runtime (src/emit/cpp/transport-runtime/
// tcp/*.hpp: StreamChannel, TcpServer + TcpSession, TcpClient; header-only
// over standalone asio) copied into cpp/include/<ns>/ next to the core, and
// its GoogleTests (loopback and robustness over 127.0.0.1; the helpers they
// share in test/tcp_test_support.hpp; the facades end to end,
// facade-loopback.ts). The transport core itself
// (session, hub, profile, protocol info) comes from coreFiles.
import type { CppTransportEmitter } from "./part.js";
import { copyTransportRuntime } from "./core-files.js";
import { tcpLoopbackTests } from "./tcp-loopback.js";
import { tcpRobustnessTests } from "./tcp-robustness.js";
import { facadeLoopbackTests } from "./facade-loopback.js";

export const tcpFiles: CppTransportEmitter = (files, model) => {
  copyTransportRuntime(files, model, "tcp/");
  const tests = [...tcpLoopbackTests(files, model), ...tcpRobustnessTests(files, model), ...facadeLoopbackTests(files, model, "tcp")];
  return { sources: [], tests, cmake: [] };
};
