// The errors of the protocol layer: a short `code` and where it happened.

/** The codes of wire format section 7. */
export type WireErrorCode =
  | "truncated"
  | "bad_magic"
  | "unsupported_version"
  | "invalid_flags"
  | "unknown_message"
  | "frame_too_large"
  | "trailing_bytes"
  | "invalid_value"
  | "invalid_utf8"
  | "constraint_violated";

/** Every code a WireError can have. */
export declare const WIRE_ERROR_CODES: readonly WireErrorCode[];

/** Base of the protocol layer's errors; `code` names the failure for programs. */
export declare class ProtocolError extends Error {
  constructor(code: string, detail?: string);
  code: string;
  detail: string;
}

/** Where a WireError happened. */
export interface WireErrorPlace {
  path?: string | undefined;
  messageName?: string | undefined;
  detail?: string | undefined;
}

/** Bytes or JSON that do not decode, or a value that cannot be encoded. */
export declare class WireError extends ProtocolError {
  constructor(code: string, place?: WireErrorPlace);
  /** `Report.readings[2].value`; undefined for header errors. */
  path: string | undefined;
  /** The message being decoded or encoded, once known. */
  messageName: string | undefined;
}

/** A role machine refused a message in its current state (code "unexpected_message"). */
export declare class StateError extends ProtocolError {
  constructor(role: string, state: string, messageName: string, action?: "send" | "receive" | null);
  role: string;
  state: string;
  messageName: string;
  action: "send" | "receive" | null;
}
