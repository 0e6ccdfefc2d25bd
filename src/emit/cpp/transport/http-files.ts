// The C++ HTTP transport (owned by the HTTP work; a stub until it lands).
import type { CppTransportEmitter } from "./part.js";
import { notGenerated } from "./errors.js";

export const httpFiles: CppTransportEmitter = () => {
  throw notGenerated("http");
};
