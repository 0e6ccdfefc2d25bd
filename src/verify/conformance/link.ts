// A connection to the implementation under test, as the case runner sees it:
// whole frames in, bytes out, and the close. One implementation per transport
// (tcp-link.ts today; UDP and HTTP slot in here).
import type { WireError } from "../../wire/index.js";

export type LinkEvent =
  | { readonly kind: "frame"; readonly bytes: Uint8Array }
  /** The server's bytes broke the framing (a header error); the link is closed after it. */
  | { readonly kind: "garbage"; readonly error: WireError }
  | { readonly kind: "closed"; readonly why: string }
  | { readonly kind: "timeout" };

export interface Link {
  /** Writes `bytes`; resolves once handed to the transport. Fails when the link is closed. */
  send(bytes: Uint8Array): Promise<void>;
  /** The next event, waiting at most until `deadline` (Date.now() milliseconds). */
  next(deadline: number): Promise<LinkEvent>;
  /** Closes the link; safe to call twice. */
  close(): void;
}

export type OpenLink = (deadline: number) => Promise<Link>;
