// What a client conformance case is: the runner plays a scripted server that
// answers the client under test as the server machine allows, with at most
// one twist (an error answer, a pushed event, a PING, garbage, a close, no
// answer), and judges what the client sent and how it ended. Pure data:
// derived from the spec alone (client-cases.ts), run by run-client-case.ts.
import type { ConformanceTransport } from "../case-model.js";

export type ClientCaseFamily = "session" | "error" | "event" | "keepalive" | "wire" | "answer" | "close" | "timeout";

/** The one thing the scripted server does differently from a plain happy path; it fires once per case. */
export type Twist =
  /** The first `request` is answered with its error message carrying `code`. */
  | { readonly kind: "error"; readonly request: string; readonly error: string; readonly code?: string }
  /** After answering the first `after`, the server pushes `event`. */
  | { readonly kind: "event"; readonly after: string; readonly event: string }
  /** On the first `request`, the server pushes `event` before it answers (an event while a request is outstanding). */
  | { readonly kind: "event-while"; readonly request: string; readonly event: string }
  /** On the first `request`, the server sends a PING before it answers (the client is still waiting, so it must read the PING first). */
  | { readonly kind: "ping"; readonly request: string }
  /** The first `request` gets bytes with a bad magic instead of its answer. */
  | { readonly kind: "garbage"; readonly request: string }
  /** After answering the first `after`, the server closes the connection. */
  | { readonly kind: "close"; readonly after: string }
  /** The first `request` is answered with `answer`, a response of another request (not one of its answers). */
  | { readonly kind: "wrong-answer"; readonly request: string; readonly answer: string }
  /** The first `request` is never answered. */
  | { readonly kind: "silence"; readonly request: string };

/** How the client must end. */
export type ClientOutcome =
  /** Exits 0 with its machine in a terminal state (the session completed). */
  | { readonly kind: "completes" }
  /** Exits on its own within the case's time, with any exit code. */
  | { readonly kind: "ends" }
  /** Exits within `withinMs` of the twist, with a non-zero code or a `stopped:`/`error` line. */
  | { readonly kind: "stops"; readonly withinMs: number; readonly why: string };

export interface ClientCase {
  /** Stable, e.g. `client/error/Login`. */
  readonly name: string;
  readonly family: ClientCaseFamily;
  /** Spec elements and wire rules it proves, like the server cases (`message:Login`, `error:invalid_credentials`, `keepalive:§10.1`). */
  readonly proves: readonly string[];
  readonly summary: string;
  readonly transports: readonly ConformanceTransport[];
  readonly twist?: Twist;
  readonly outcome: ClientOutcome;
}
