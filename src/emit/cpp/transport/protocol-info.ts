// include/<ns>/protocol_info.hpp: the spec's constants, as Java's
// ProtocolInfo.java and Python's protocol_info.py have them, in namespace
// <ns>::protocol_info. Durations in milliseconds (std::int64_t); values the
// spec may leave out are std::optional (std::nullopt when absent). The
// runtime's ServerOptions/ClientOptions/RetryPolicy::defaults() read them.
import type { Spec } from "../../../spec/model.js";
import { retransmitDelays } from "../../../wire/index.js";
import type { FileSet } from "../../index.js";
import type { Transport } from "../../language.js";
import { cppDouble, cppStr, inNamespace } from "../literals.js";
import type { CppModel } from "../model.js";

type Constant = readonly [name: string, type: string, value: string, doc: string];

const int64 = (v: number): string => `${v}`;
const optional = (v: number | undefined, type: "int" | "std::int64_t" | "double"): [string, string] =>
  [`std::optional<${type}>`, v === undefined ? "std::nullopt" : type === "double" ? cppDouble(v) : String(v)];
const text = (v: string): string => `std::string_view(${cppStr(v)})`;

export function protocolConstants(spec: Spec, transport: Transport): Constant[] {
  const { timing, security, performance } = spec;
  const auth = security.authentication.message;
  const delays = retransmitDelays(timing.retry);
  return [
    ["kProtocolName", "std::string_view", text(spec.protocol.name), "The protocol's name in the spec."],
    ["kVersion", "std::string_view", text(spec.protocol.version), "The spec's version."],
    ["kDescription", "std::string_view", text(spec.protocol.description), "What the protocol is for."],
    ["kTransport", "std::string_view", text(transport), "The transport this project was generated for: tcp, udp or http."],
    ["kWireVersion", "int", String(spec.protocol.wireVersion), "The major of kVersion: the version byte of every frame header."],
    ["kMaxFrameBytes", "std::size_t", String(security.maxFrameBytes), "Largest frame (14-byte header and payload) either side sends or accepts."],
    ["kInitiatorName", "std::string_view", text(spec.roles.initiator.name), "Display name of the initiator role."],
    ["kResponderName", "std::string_view", text(spec.roles.responder.name), "Display name of the responder role."],
    ["kConnectTimeoutMs", "std::int64_t", int64(timing.connectTimeoutMs), "How long a client waits for a connection."],
    ["kRequestTimeoutMs", "std::int64_t", int64(timing.requestTimeoutMs), "How long a request waits for its answer."],
    ["kKeepaliveIntervalMs", "std::int64_t", int64(timing.keepaliveIntervalMs), "A peer that sent nothing for this long sends a PING."],
    ["kIdleTimeoutMs", "std::int64_t", int64(timing.idleTimeoutMs), "A peer that received nothing for this long closes the connection."],
    ["kRetryMaxAttempts", "int", String(timing.retry.maxAttempts), "Attempts of a reliable send or a connection, the first included."],
    ["kRetryInitialBackoffMs", "std::int64_t", int64(timing.retry.initialBackoffMs), "Wait after the first attempt."],
    ["kRetryMaxBackoffMs", "std::int64_t", int64(timing.retry.maxBackoffMs), "Longest wait between attempts."],
    ["kRetryMultiplier", "double", cppDouble(timing.retry.multiplier), "Factor between consecutive waits."],
    ["kRetransmitDelaysMs", `std::array<std::int64_t, ${delays.length}>`, `{${delays.join(", ")}}`, "The wait after each attempt (wire format 10.2)."],
    ["kAuthMode", "std::string_view", text(security.authentication.mode), 'How peers authenticate: "none", "token", "password" or "api_key".'],
    ["kAuthMessage", "std::optional<std::string_view>", auth === undefined ? "std::nullopt" : text(auth), "The message that authenticates a session, or std::nullopt."],
    ["kRateLimitPerSecond", ...optional(security.rateLimit?.messagesPerSecond, "double"), "Messages per second a peer may send, or std::nullopt when not limited."],
    ["kRateLimitBurst", ...optional(security.rateLimit?.burst, "int"), "Messages a peer may send at once above the rate, or std::nullopt when not limited."],
    ["kInputValidation", "bool", security.inputValidation ? "true" : "false", "Whether received values are validated (the codec always validates)."],
    ["kMaxLatencyMs", ...optional(performance.maxLatencyMs, "std::int64_t"), "Target answer latency, or std::nullopt when the spec sets none."],
    ["kThroughputPerSecond", ...optional(performance.throughputPerSecond, "double"), "Target messages per second, or std::nullopt when the spec sets none."],
    ["kMaxConnections", ...optional(performance.maxConnections, "int"), "Concurrent connections a server should serve, or std::nullopt when the spec sets none."],
  ];
}

export function protocolInfoFile(files: FileSet, model: CppModel, transport: Transport): void {
  const { spec } = model;
  const f = files.file(`cpp/include/${model.ns}/protocol_info.hpp`, "cpp");
  f.preamble("#pragma once");
  for (const h of ["array", "cstddef", "cstdint", "optional", "string_view"]) f.print(`#include <${h}>`);
  f.print();
  f.doc(`Constants of ${spec.protocol.name} ${spec.protocol.version}, from its spec. Durations are in milliseconds.`);
  inNamespace(f, `${model.ns}::protocol_info`, () => {
    f.print();
    for (const [name, type, value, doc] of protocolConstants(spec, transport)) {
      f.doc(doc);
      f.print(`inline constexpr ${type} ${name} = ${value};`);
    }
    f.print();
  });
}
