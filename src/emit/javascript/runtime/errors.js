// The errors of the protocol layer, as data: a short `code` and where it
// happened. `WireError` is thrown for bytes or JSON that do not decode and
// for values that cannot be encoded (codes of wire format section 7, shared
// by every implementation); `StateError` when a role machine refuses a message.

/** Every code a WireError can have (wire format section 7). */
export const WIRE_ERROR_CODES = Object.freeze(
  /** @type {const} */ ([
    "truncated",
    "bad_magic",
    "unsupported_version",
    "invalid_flags",
    "unknown_message",
    "frame_too_large",
    "trailing_bytes",
    "invalid_value",
    "invalid_utf8",
    "constraint_violated",
  ]),
);

/** A code of wire format section 7. @typedef {(typeof WIRE_ERROR_CODES)[number]} WireErrorCode */
/** Where a WireError happened. @typedef {{ path?: string | undefined, messageName?: string | undefined, detail?: string | undefined }} WireErrorPlace */

/** Base of the protocol layer's errors; `code` names the failure for programs. */
export class ProtocolError extends Error {
  /**
   * @param {string} code
   * @param {string} [detail]
   */
  constructor(code, detail = "") {
    super(detail === "" ? code : detail);
    /** @type {string} */
    this.code = code;
    /** @type {string} */
    this.detail = detail;
    this.name = new.target.name;
  }
}

/**
 * Bytes or JSON that do not decode, or a value that cannot be encoded.
 * `path` locates the value (`Report.readings[2].value`; undefined for header
 * errors), `messageName` is the message once it is known.
 */
export class WireError extends ProtocolError {
  /**
   * @param {string} code
   * @param {WireErrorPlace} [place]
   */
  constructor(code, place = {}) {
    super(code, place.detail ?? "");
    /** @type {string | undefined} */
    this.path = place.path;
    /** @type {string | undefined} */
    this.messageName = place.messageName;
    this.message = messageText(this);
  }
}

/**
 * `${path}: ${detail}` when the path is set.
 * @param {WireError} error
 * @returns {string}
 */
function messageText(error) {
  const text = error.detail === "" ? error.code : error.detail;
  return error.path === undefined || error.path === "" ? text : `${error.path}: ${text}`;
}

/** A role machine refused a message: its state has no transition for it. */
export class StateError extends ProtocolError {
  /**
   * @param {string} role
   * @param {string} state
   * @param {string} messageName
   * @param {"send" | "receive" | null} [action]
   */
  constructor(role, state, messageName, action = null) {
    super("unexpected_message", `the ${role} cannot ${action ?? "handle"} ${messageName} in state ${state}`);
    /** @type {string} */
    this.role = role;
    /** @type {string} */
    this.state = state;
    /** @type {string} */
    this.messageName = messageName;
    /** @type {"send" | "receive" | null} */
    this.action = action;
  }
}
