// The C++ TCP transport (session core + TCP server/client over asio); a stub
// until the core lands.
import type { CppTransportEmitter } from "./part.js";
import { notGenerated } from "./errors.js";

export const tcpFiles: CppTransportEmitter = () => {
  throw notGenerated("tcp");
};
