// ProtocolInfo.java (main package): the spec's constants, as JavaScript's
// protocol-info.js and Python's protocol_info.py have them. Durations in
// milliseconds (long); values the spec may leave out are boxed and null.
import type { Spec } from "../../../spec/model.js";
import { retransmitDelays } from "../../../wire/index.js";
import type { FileSet } from "../../index.js";
import type { Transport } from "../../language.js";
import { javaDouble, javaStr } from "../literals.js";
import type { JavaModel } from "../model.js";

type Constant = readonly [name: string, type: string, value: string, doc: string];

const long = (v: number): string => `${v}L`;
const optional = (v: number | undefined, type: "Integer" | "Long" | "Double"): [string, string] =>
  v === undefined ? [type, "null"] : [type, type === "Double" ? javaDouble(v) : type === "Long" ? long(v) : String(v)];

export function protocolConstants(spec: Spec, transport: Transport): Constant[] {
  const { timing, security, performance } = spec;
  const auth = security.authentication.message;
  const rate = optional(security.rateLimit?.messagesPerSecond, "Double");
  const burst = optional(security.rateLimit?.burst, "Integer");
  const latency = optional(performance.maxLatencyMs, "Long");
  const throughput = optional(performance.throughputPerSecond, "Double");
  const connections = optional(performance.maxConnections, "Integer");
  return [
    ["PROTOCOL_NAME", "String", javaStr(spec.protocol.name), "The protocol's name in the spec."],
    ["VERSION", "String", javaStr(spec.protocol.version), "The spec's version."],
    ["DESCRIPTION", "String", javaStr(spec.protocol.description), "What the protocol is for."],
    ["TRANSPORT", "String", javaStr(transport), "The transport this project was generated for: tcp, udp or http."],
    ["WIRE_VERSION", "int", String(spec.protocol.wireVersion), "The major of VERSION: the version byte of every frame header."],
    ["MAX_FRAME_BYTES", "int", String(security.maxFrameBytes), "Largest frame (14-byte header and payload) either side sends or accepts."],
    ["INITIATOR_NAME", "String", javaStr(spec.roles.initiator.name), "Display name of the initiator role."],
    ["RESPONDER_NAME", "String", javaStr(spec.roles.responder.name), "Display name of the responder role."],
    ["CONNECT_TIMEOUT_MS", "long", long(timing.connectTimeoutMs), "How long a client waits for a connection."],
    ["REQUEST_TIMEOUT_MS", "long", long(timing.requestTimeoutMs), "How long a request waits for its answer."],
    ["KEEPALIVE_INTERVAL_MS", "long", long(timing.keepaliveIntervalMs), "A peer that sent nothing for this long sends a PING."],
    ["IDLE_TIMEOUT_MS", "long", long(timing.idleTimeoutMs), "A peer that received nothing for this long closes the connection."],
    ["RETRY_MAX_ATTEMPTS", "int", String(timing.retry.maxAttempts), "Attempts of a reliable send or a connection, the first included."],
    ["RETRY_INITIAL_BACKOFF_MS", "long", long(timing.retry.initialBackoffMs), "Wait after the first attempt."],
    ["RETRY_MAX_BACKOFF_MS", "long", long(timing.retry.maxBackoffMs), "Longest wait between attempts."],
    ["RETRY_MULTIPLIER", "double", javaDouble(timing.retry.multiplier), "Factor between consecutive waits."],
    ["RETRANSMIT_DELAYS_MS", "List<Long>", `List.of(${retransmitDelays(timing.retry).map(long).join(", ")})`, "The wait after each attempt (wire format 10.2)."],
    ["AUTH_MODE", "String", javaStr(security.authentication.mode), 'How peers authenticate: "none", "token", "password" or "api_key".'],
    ["AUTH_MESSAGE", "String", auth === undefined ? "null" : javaStr(auth), "The message that authenticates a session, or null."],
    ["RATE_LIMIT_PER_SECOND", rate[0], rate[1], "Messages per second a peer may send, or null when not limited."],
    ["RATE_LIMIT_BURST", burst[0], burst[1], "Messages a peer may send at once above the rate, or null when not limited."],
    ["INPUT_VALIDATION", "boolean", security.inputValidation ? "true" : "false", "Whether received values are validated (the codec always validates)."],
    ["MAX_LATENCY_MS", latency[0], latency[1], "Target answer latency, or null when the spec sets none."],
    ["THROUGHPUT_PER_SECOND", throughput[0], throughput[1], "Target messages per second, or null when the spec sets none."],
    ["MAX_CONNECTIONS", connections[0], connections[1], "Concurrent connections a server should serve, or null when the spec sets none."],
  ];
}

export function protocolInfoFile(files: FileSet, model: JavaModel, transport: Transport): void {
  const { spec } = model;
  const f = files.file(`java/src/main/java/${model.pkgDir}/ProtocolInfo.java`, "java", { module: model.pkg, localNames: ["ProtocolInfo"] });
  f.print("import java.util.List;");
  f.print();
  f.doc(`Constants of ${spec.protocol.name} ${spec.protocol.version}, from its spec. Durations are in milliseconds.`);
  f.block("public final class ProtocolInfo {", () => {
    for (const [name, type, value, doc] of protocolConstants(spec, transport)) {
      f.doc(doc);
      f.print(`public static final ${type} ${name} = ${value};`);
    }
    f.print();
    f.block("private ProtocolInfo() {", () => {});
  });
}
