// The error the C++ transport emitters throw when a transport's generated
// code does not exist yet: `generate --lang cpp --transport <kind>` is refused
// by name instead of writing a project that cannot serve that transport.
import type { Transport } from "../../language.js";

export type CppTransportErrorCode = "transport-not-generated";

export class CppTransportError extends Error {
  override readonly name = "CppTransportError";
  readonly code: CppTransportErrorCode;
  /** The transport concerned. */
  readonly transport: Transport;

  constructor(code: CppTransportErrorCode, transport: Transport, message: string) {
    super(`cpp/${transport}: ${message}`);
    this.code = code;
    this.transport = transport;
  }
}

export const notGenerated = (transport: Transport): CppTransportError =>
  new CppTransportError("transport-not-generated", transport, `the C++ ${transport} transport is not generated yet`);
