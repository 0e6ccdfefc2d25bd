// protocol_info.py: the spec's constants (names, version, limits, timing,
// security) for the transports and applications.
import type { Spec } from "../../../spec/model.js";
import { retransmitDelays } from "../../../wire/index.js";
import { symbols, type FileSet, type Printable } from "../../index.js";
import { moduleDocstring, pyFloat, pyStr } from "./code.js";
import type { PyModel } from "./model.js";

const py = symbols.python;

const tupleOf = (items: readonly number[]): string => (items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`);

type Constant = readonly [name: string, type: string, value: string, doc: string];

function constants(spec: Spec): Constant[] {
  const { timing, security, performance } = spec;
  const optionalInt = (v: number | undefined): string => (v === undefined ? "None" : String(v));
  return [
    ["PROTOCOL_NAME", "str", pyStr(spec.protocol.name), "The protocol's name in the spec."],
    ["VERSION", "str", pyStr(spec.protocol.version), "The spec's version."],
    ["DESCRIPTION", "str", pyStr(spec.protocol.description), "What the protocol is for."],
    ["WIRE_VERSION", "int", String(spec.protocol.wireVersion), "The major of VERSION: the version byte of every frame header."],
    ["MAX_FRAME_BYTES", "int", String(security.maxFrameBytes), "Largest frame (14-byte header and payload) either side sends or accepts."],
    ["INITIATOR_NAME", "str", pyStr(spec.roles.initiator.name), "Display name of the initiator role."],
    ["RESPONDER_NAME", "str", pyStr(spec.roles.responder.name), "Display name of the responder role."],
    ["CONNECT_TIMEOUT_MS", "int", String(timing.connectTimeoutMs), "How long a client waits for a connection."],
    ["REQUEST_TIMEOUT_MS", "int", String(timing.requestTimeoutMs), "How long a request waits for its answer."],
    ["KEEPALIVE_INTERVAL_MS", "int", String(timing.keepaliveIntervalMs), "A peer that sent nothing for this long sends a PING."],
    ["IDLE_TIMEOUT_MS", "int", String(timing.idleTimeoutMs), "A peer that received nothing for this long closes the connection."],
    ["RETRY_MAX_ATTEMPTS", "int", String(timing.retry.maxAttempts), "Attempts of a reliable send or a connection, the first included."],
    ["RETRY_INITIAL_BACKOFF_MS", "int", String(timing.retry.initialBackoffMs), "Wait after the first attempt."],
    ["RETRY_MAX_BACKOFF_MS", "int", String(timing.retry.maxBackoffMs), "Longest wait between attempts."],
    ["RETRY_MULTIPLIER", "float", pyFloat(timing.retry.multiplier), "Factor between consecutive waits."],
    ["RETRANSMIT_DELAYS_MS", "tuple[int, ...]", tupleOf(retransmitDelays(timing.retry)), "The wait after each attempt (wire format 10.2): attempt k waits RETRANSMIT_DELAYS_MS[k - 1]."],
    ["AUTH_MODE", "str", pyStr(security.authentication.mode), 'How peers authenticate: "none", "token", "password" or "api_key".'],
    ["AUTH_MESSAGE", "str | None", security.authentication.message === undefined ? "None" : pyStr(security.authentication.message), "The message that authenticates a session, if any."],
    ["RATE_LIMIT_PER_SECOND", "float | None", security.rateLimit === undefined ? "None" : pyFloat(security.rateLimit.messagesPerSecond), "Messages per second a peer may send, if limited."],
    ["RATE_LIMIT_BURST", "int | None", optionalInt(security.rateLimit?.burst), "Messages a peer may send at once above the rate, if limited."],
    ["INPUT_VALIDATION", "bool", security.inputValidation ? "True" : "False", "Whether received values are validated (the codec always validates)."],
    ["MAX_LATENCY_MS", "int | None", optionalInt(performance.maxLatencyMs), "Target answer latency, if the spec sets one."],
    ["THROUGHPUT_PER_SECOND", "int | None", optionalInt(performance.throughputPerSecond), "Target messages per second, if the spec sets one."],
    ["MAX_CONNECTIONS", "int | None", optionalInt(performance.maxConnections), "Concurrent connections a server should serve, if the spec sets one."],
  ];
}

export function protocolInfoModule(files: FileSet, model: PyModel): void {
  const { pkg, spec } = model;
  const f = files.file(`python/src/${pkg}/protocol_info.py`, "python", { module: `${pkg}.protocol_info` });
  f.preamble(moduleDocstring(`Constants of ${spec.protocol.name} ${spec.protocol.version}, from its spec. Durations are in milliseconds.`));
  f.addImport(py.from("__future__", "annotations"));
  const Final = py.from("typing", "Final");
  for (const [name, type, value, doc] of constants(spec)) {
    f.declare(name);
    const line: Printable[] = [name, ": ", Final, "[", type, "] = ", value];
    f.print(...line);
    f.doc(doc);
  }
}
