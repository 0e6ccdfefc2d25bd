// The parts of a generated project's README that say the same thing in every
// language: the title, the demo session, what the default handlers do and
// how each transport behaves. Only a few words differ (`throws`/`raises`,
// option names, the HTTP library); each language's README passes them in.
import type { Message } from "../../spec/model.js";
import type { Behaviour } from "./behaviour.js";
import type { SpecView } from "./context.js";

export interface ReadmeWords {
  /** "JavaScript", "Python". */
  readonly language: string;
  /** How a handler fails: "throws", "raises". */
  readonly throws: string;
  /** The class argument of `session.last(...)`: "Class", "Cls". */
  readonly classArg: string;
  /** How a client is told to reconnect, e.g. "`ClientOptions(auto_reconnect=True)`". */
  readonly autoReconnect: string;
  /** The option that simulates loss. */
  readonly dropOutgoing: string;
  /** The HTTP library of the transport. */
  readonly httpLibrary: string;
}

/** `# Chat 1.0 for Python, over TCP` and the protocol's description. */
export function titleLines(view: SpecView, words: ReadmeWords): string[] {
  const { protocol } = view.spec;
  return [`# ${protocol.name} ${protocol.version} for ${words.language}, over ${view.transport.toUpperCase()}`, "", protocol.description, ""];
}

/** How to start the demo server and client, each in its own terminal. */
export function demoLines(serverCommand: string, clientCommand: string): string[] {
  return [
    "## Run the demo",
    "",
    "In one terminal, the server with the default handlers:",
    "",
    "```sh",
    serverCommand,
    "```",
    "",
    "In another, a client running one realistic session (derived from the role machines):",
    "",
    "```sh",
    clientCommand,
    "```",
    "",
  ];
}

/** The demo session, one numbered line a message. */
export function sessionLines(view: SpecView, behaviour: Behaviour): string[] {
  const { initiator, responder } = view.spec.roles;
  return [...behaviour.flow.map((s, i) => `${i + 1}. ${s.from === "initiator" ? initiator.name : responder.name}: \`${s.message}\``), ""];
}

/** The server handler methods and what the defaults do, down to the client handlers. */
export function handlerLines(view: SpecView, behaviour: Behaviour, words: ReadmeWords, handlerMethod: (m: Message) => string): string[] {
  const { responder } = view.spec.roles;
  const lines = [
    ...view.initiated("initiator").map((m) => `- \`${handlerMethod(m)}\`: ${m.kind === "request" ? `answers ${view.answers(m).join(" or ")}` : `${m.kind}, no answer`}`),
    "",
    "Each default works: it fills the declared response from the request, from the session's earlier",
    `messages (\`session.last(${words.classArg})\`), the clock and fresh ids.`,
    "",
  ];
  if (behaviour.joins.size > 0 || behaviour.broadcasts.size > 0) {
    const rules = [...behaviour.broadcasts].map(([t, rs]) => `\`${t}\` → ${rs.map((r) => `\`${r.event}\``).join(", ")}`);
    lines.push(
      `Joins and leaves keep group memberships (\`session.hub.join/leave\`)${rules.length > 0 ? `, and these messages are broadcast to the other sessions: ${rules.join("; ")}` : ""}.`,
      "",
    );
  }
  lines.push(
    `\`ClientHandlers\` receives what the ${responder.name} sends on its own. Authentication, the role machines, the`,
    `rate limit and input validation are checked before any handler runs; a handler that ${words.throws} or`,
    "takes longer than `REQUEST_TIMEOUT_MS` is answered with the error message.",
    "",
  );
  return lines;
}

/** The `## TCP` (UDP, HTTP) section: how the transport frames, retries and fails. */
export function transportLines(view: SpecView, words: ReadmeWords): string[] {
  const notes = {
    tcp: [
      "Frames travel back to back on one TCP connection per client (wire format 10.1). The server reads",
      "them across partial reads, checks the announced length against `MAX_FRAME_BYTES` before reading",
      "the body and closes a connection on a bad header, on invalid flags, on an unknown message id and",
      "on a message only the server sends (wire format 10.4); a frame whose payload does not decode is",
      "answered with the error message (a request's) and the connection goes on. Both sides PING after",
      "`KEEPALIVE_INTERVAL_MS` of silence and close after `IDLE_TIMEOUT_MS` without a frame. The client",
      "connects within `CONNECT_TIMEOUT_MS`, retries",
      `with exponential backoff (\`RETRY_*\`) and, with ${words.autoReconnect}, reconnects`,
      "when the connection drops.",
    ],
    udp: [
      "One frame per datagram (wire format 10.2). Messages the spec marks reliable carry RELIABLE and",
      "are resent with exponential backoff (`RETRY_*`) until an ACK arrives; the sender is told when",
      "the last attempt fails (`DeliveryFailed`). Receivers ACK every sound RELIABLE datagram, deliver",
      "each (peer, RESPONSE bit, sequence) once and answer a duplicate request with the same answer.",
      "Each client address is one session on the server, forgotten after `IDLE_TIMEOUT_MS` of silence.",
      `\`${words.dropOutgoing}\` on clients and servers simulates loss in tests.`,
    ],
    http: [
      `The JSON mapping over HTTP with ${words.httpLibrary} (wire format 10.3): requests and oneways are`,
      "`POST /<protocol>/messages/<Message>` with the payload as JSON and `X-Protoforge-Seq`;",
      "the answer comes back as the envelope (200), a oneway gets 202. Messages the server sends on",
      "its own arrive as Server-Sent Events on `GET /<protocol>/events`. Failures are 4xx/5xx with",
      '`{"error": code, "message": text}`. A client names its session with `X-Protoforge-Session`;',
      "when the protocol authenticates, the credential of the authentication request is sent as",
      "`Authorization: Bearer` on every request.",
    ],
  };
  return [`## ${view.transport.toUpperCase()}`, "", ...notes[view.transport], ""];
}
