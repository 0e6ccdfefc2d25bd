// Small specs for the model-check tests, written as YAML the way users write
// them and loaded through the real parser, so they pass validation.
import { parseSpecText } from "../../src/spec/parse.js";
import type { Spec } from "../../src/spec/model.js";
import { formatProblem } from "../../src/spec/problems.js";

export function specFromYaml(text: string, file = "inline.yaml"): Spec {
  const result = parseSpecText(text, file);
  if (!result.ok) throw new Error(`test spec is invalid:\n${result.problems.map(formatProblem).join("\n")}`);
  return result.spec;
}

const header = (name: string, initiator: string, responder: string) => `
protocol: { name: ${name}, version: 1.0.0, description: A test protocol for the model check. }
roles:
  initiator: { name: ${initiator} }
  responder: { name: ${responder} }
`;

/** The client waits for Welcome before it sends Auth; the server waits for Auth before it sends Welcome. */
export const DEADLOCK_YAML = `${header("deadlock", "client", "server")}
messages:
  - { name: Hello, id: 1, from: client, kind: request, responses: [Welcome], doc: Opens a session. }
  - { name: Welcome, id: 2, from: server, kind: response, doc: Accepts the session. }
  - { name: Auth, id: 3, from: client, kind: oneway, doc: Credentials. }
machines:
  initiator:
    initial: start
    states:
      - { name: start, transitions: [{ send: Hello, to: awaiting_welcome }] }
      - { name: awaiting_welcome, transitions: [{ receive: Welcome, to: ready }] }
      - { name: ready, transitions: [{ send: Auth, to: done }] }
      - { name: done, terminal: true }
  responder:
    initial: idle
    states:
      - { name: idle, transitions: [{ receive: Hello, to: awaiting_auth }] }
      - { name: awaiting_auth, transitions: [{ receive: Auth, to: greeting }] }
      - { name: greeting, transitions: [{ send: Welcome, to: closed }] }
      - { name: closed, terminal: true }
`;

/** The server streams Ticks while the client may be waiting for a Pong, a state that cannot receive Tick. */
export const UNSPECIFIED_YAML = `${header("ticker", "client", "server")}
messages:
  - { name: Subscribe, id: 1, from: client, kind: request, responses: [Subscribed], doc: Starts the stream. }
  - { name: Subscribed, id: 2, from: server, kind: response, doc: Confirms the stream. }
  - { name: Tick, id: 3, from: server, kind: event, doc: One value of the stream. }
  - { name: Ping, id: 4, from: client, kind: request, responses: [Pong], doc: Liveness check. }
  - { name: Pong, id: 5, from: server, kind: response, doc: Answers a ping. }
  - { name: Unsubscribe, id: 6, from: client, kind: oneway, doc: Ends the stream. }
machines:
  initiator:
    initial: start
    states:
      - { name: start, transitions: [{ send: Subscribe, to: subscribing }] }
      - { name: subscribing, transitions: [{ receive: Subscribed, to: listening }] }
      - name: listening
        transitions:
          - { receive: Tick, to: listening }
          - { send: Ping, to: pinging }
          - { send: Unsubscribe, to: closed }
      - { name: pinging, transitions: [{ receive: Pong, to: listening }] }
      - { name: closed, terminal: true }
  responder:
    initial: idle
    states:
      - { name: idle, transitions: [{ receive: Subscribe, to: confirming }] }
      - { name: confirming, transitions: [{ send: Subscribed, to: streaming }] }
      - name: streaming
        transitions:
          - { send: Tick, to: streaming }
          - { receive: Ping, to: ponging }
          - { receive: Unsubscribe, to: closed }
      - { name: ponging, transitions: [{ send: Pong, to: streaming }] }
      - { name: closed, terminal: true }
`;

/** Clean, but the server can only refuse (Nack) a Bye that arrives before Hello, which never happens. */
export const DEAD_TRANSITION_YAML = `${header("greeter", "client", "server")}
messages:
  - { name: Hello, id: 1, from: client, kind: request, responses: [Ack], error: Nack, doc: Opens a session. }
  - { name: Ack, id: 2, from: server, kind: response, doc: Accepts the session. }
  - { name: Nack, id: 3, from: server, kind: response, doc: Refuses the session. }
  - { name: Bye, id: 4, from: client, kind: oneway, doc: Ends the session. }
machines:
  initiator:
    initial: start
    states:
      - { name: start, transitions: [{ send: Hello, to: waiting }] }
      - name: waiting
        transitions:
          - { receive: Ack, to: ready }
          - { receive: Nack, to: done }
      - { name: ready, transitions: [{ send: Bye, to: done }] }
      - { name: done, terminal: true }
  responder:
    initial: idle
    states:
      - name: idle
        transitions:
          - { receive: Hello, to: replying }
          - { receive: Bye, to: refusing }
      - { name: replying, transitions: [{ send: Ack, to: serving }] }
      - { name: refusing, transitions: [{ send: Nack, to: closed }] }
      - { name: serving, transitions: [{ receive: Bye, to: closed }] }
      - { name: closed, terminal: true }
`;

/** The server closes after answering Hello, but the client then says Bye and waits for ByeAck forever. */
export const CLOSED_PEER_YAML = `${header("closer", "client", "server")}
messages:
  - { name: Hello, id: 1, from: client, kind: request, responses: [Ack], doc: Opens a session. }
  - { name: Ack, id: 2, from: server, kind: response, doc: Accepts the session. }
  - { name: Bye, id: 3, from: client, kind: request, responses: [ByeAck], doc: Asks to end the session. }
  - { name: ByeAck, id: 4, from: server, kind: response, doc: Confirms the end. }
machines:
  initiator:
    initial: start
    states:
      - { name: start, transitions: [{ send: Hello, to: waiting }] }
      - { name: waiting, transitions: [{ receive: Ack, to: ready }] }
      - { name: ready, transitions: [{ send: Bye, to: waiting_bye }] }
      - { name: waiting_bye, transitions: [{ receive: ByeAck, to: done }] }
      - { name: done, terminal: true }
  responder:
    initial: idle
    states:
      - name: idle
        transitions:
          - { receive: Hello, to: replying }
          - { receive: Bye, to: saying_bye }
      - { name: replying, transitions: [{ send: Ack, to: closed }] }
      - { name: saying_bye, transitions: [{ send: ByeAck, to: closed }] }
      - { name: closed, terminal: true }
`;
