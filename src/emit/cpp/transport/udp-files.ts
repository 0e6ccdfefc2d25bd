// The C++ UDP transport (owned by the UDP work; a stub until it lands).
import type { CppTransportEmitter } from "./part.js";
import { notGenerated } from "./errors.js";

export const udpFiles: CppTransportEmitter = () => {
  throw notGenerated("udp");
};
