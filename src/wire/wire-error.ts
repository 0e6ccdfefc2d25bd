// The one error the wire codec throws: on hostile bytes, invalid JSON and
// values that cannot be encoded. `code` is shared by every language's codec
// (docs/wire-format.md); `path` locates the value, e.g. `Report.readings[2].value`.

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

export const WIRE_ERROR_CODES: readonly WireErrorCode[] = [
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
];

export interface WireErrorPlace {
  readonly path?: string;
  readonly messageName?: string;
}

export class WireError extends Error {
  override readonly name = "WireError";
  /** What went wrong, without the path. */
  readonly detail: string;
  /** Where: `Message.field[index].field`; absent for frame-level errors. */
  readonly path?: string;
  readonly messageName?: string;

  constructor(
    readonly code: WireErrorCode,
    detail: string,
    place: WireErrorPlace = {},
  ) {
    super(place.path !== undefined && place.path !== "" ? `${place.path}: ${detail}` : detail);
    this.detail = detail;
    if (place.path !== undefined) this.path = place.path;
    if (place.messageName !== undefined) this.messageName = place.messageName;
  }

  /** The same error one level further out: `under("readings")` turns
   *  `[2].value` into `readings[2].value`, `under(2)` turns `value` into `[2].value`. */
  under(segment: string | number): WireError {
    const path = joinPath(segment, this.path ?? "");
    return new WireError(this.code, this.detail, this.messageName === undefined ? { path } : { path, messageName: this.messageName });
  }

  /** Located in `messageName`: the path starts with the message name. */
  inMessage(messageName: string): WireError {
    const path = this.path === undefined ? messageName : joinPath(messageName, this.path);
    return new WireError(this.code, this.detail, { path, messageName });
  }
}

/** Rethrows `e` one level further out when it is a WireError; anything else
 *  escaping the codec is a bug and is rethrown as is. */
export function rethrowUnder(e: unknown, segment: string | number): never {
  throw e instanceof WireError ? e.under(segment) : e;
}

function joinPath(segment: string | number, rest: string): string {
  const head = typeof segment === "number" ? `[${segment}]` : segment;
  if (rest === "") return head;
  return rest.startsWith("[") ? `${head}${rest}` : `${head}.${rest}`;
}

