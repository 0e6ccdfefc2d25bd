// A connection to the implementation under test, as the case runner sees it:
// whole frames in, bytes out, and the close. One implementation per transport
// (tcp-link.ts today; UDP and HTTP slot in here).
import type { WireError } from "../../wire/index.js";
import type { HttpAnswer, HttpProbe } from "./http-probe.js";

export type LinkEvent =
  | { readonly kind: "frame"; readonly bytes: Uint8Array }
  /** The server's bytes broke the framing (a header error); the link is closed after it. */
  | { readonly kind: "garbage"; readonly error: WireError }
  | { readonly kind: "closed"; readonly why: string }
  /** An answer with no frame form (HTTP: a status other than 200, 202 and 409), described. */
  | { readonly kind: "unmapped"; readonly describe: string }
  | { readonly kind: "timeout" };

export interface Link {
  /** Writes `bytes`; resolves once handed to the transport. Fails when the link is closed. */
  send(bytes: Uint8Array): Promise<void>;
  /** The next event, waiting at most until `deadline` (Date.now() milliseconds). */
  next(deadline: number): Promise<LinkEvent>;
  /** HTTP links only: sends `probe` (its copies at once) and resolves to the answers, by `deadline`. */
  exchange?(probe: HttpProbe, deadline: number): Promise<HttpAnswer[]>;
  /** Closes the link; safe to call twice. */
  close(): void;
}

export type OpenLink = (deadline: number) => Promise<Link>;
