// The short summary printed after a design: roles, messages, timing,
// security and the assumptions made.
import type { Spec } from "../../../src/spec/model.js";

export function summarise(spec: Spec, transport: string): string {
  const lines: string[] = [];
  const { initiator, responder } = spec.roles;
  lines.push(`protocol ${spec.protocol.name} ${spec.protocol.version} over ${transport.toUpperCase()}`);
  lines.push(`roles: ${initiator.name} (initiator) -> ${responder.name} (responder)`);
  const requests = spec.messages.filter((m) => m.kind === "request");
  const events = spec.messages.filter((m) => m.kind === "event" || m.kind === "oneway");
  lines.push(`messages (${spec.messages.length}):`);
  for (const m of requests) {
    const answers = [...m.responses, ...(m.error !== undefined ? [m.error] : [])].join(" | ");
    lines.push(`  ${m.from === "initiator" ? initiator.name : responder.name}: ${m.name} -> ${answers}${m.intervalMs !== undefined ? ` (every ${m.intervalMs} ms)` : ""}`);
  }
  for (const m of events) lines.push(`  ${m.from === "initiator" ? initiator.name : responder.name}: ${m.name} (${m.kind === "event" ? "event" : "one-way"}${m.intervalMs !== undefined ? `, every ${m.intervalMs} ms` : ""})`);
  const t = spec.timing;
  lines.push(
    `timing: connect ${t.connectTimeoutMs} ms, request timeout ${t.requestTimeoutMs} ms, keepalive ${t.keepaliveIntervalMs} ms, idle ${t.idleTimeoutMs} ms, retry ${t.retry.maxAttempts}x from ${t.retry.initialBackoffMs} ms (x${t.retry.multiplier}, max ${t.retry.maxBackoffMs} ms)`,
  );
  const s = spec.security;
  const auth = s.authentication.mode === "none" ? "no authentication" : `${s.authentication.mode} authentication via ${s.authentication.message ?? "?"}`;
  const rate = s.rateLimit ? `, rate limit ${s.rateLimit.messagesPerSecond}/s (burst ${s.rateLimit.burst})` : "";
  lines.push(`security: ${auth}${rate}, frames up to ${s.maxFrameBytes} bytes, input validation ${s.inputValidation ? "on" : "off"}`);
  const p = spec.performance;
  const perf = [p.maxLatencyMs !== undefined ? `latency <= ${p.maxLatencyMs} ms` : "", p.throughputPerSecond !== undefined ? `${p.throughputPerSecond} msg/s` : "", p.maxConnections !== undefined ? `${p.maxConnections} connections` : ""].filter((x) => x !== "");
  if (perf.length > 0) lines.push(`performance: ${perf.join(", ")}`);
  lines.push(`errors: ${spec.errors.map((e) => e.name).join(", ")}`);
  lines.push(`requirements: ${spec.requirements.length} (${spec.requirements.filter((r) => r.tracedTo.length > 0).length} traced)`);
  lines.push("assumptions:");
  for (const a of spec.assumptions) lines.push(`  - ${a}`);
  return `${lines.join("\n")}\n`;
}
