import { describe, expect, it } from "vitest";
import { designSpec } from "../../agents/architect/offline/design-spec.js";
import { findQuantities } from "../../agents/architect/offline/text/quantities.js";

describe("quantities", () => {
  it("reads durations, sizes, rates and counts", () => {
    const q = findQuantities("Every 30 seconds, within 100 ms, up to 4 KiB, 1,000 messages per second, 100 concurrent users, at 20 Hz.");
    expect(q.map((x) => [x.kind, x.value])).toEqual([
      ["duration", 30000],
      ["duration", 100],
      ["size", 4096],
      ["rate", 1000],
      ["count", 100],
      ["rate", 20],
    ]);
  });
});

describe("timing, performance and security from numbers and phrases", () => {
  it("sets the report interval, latency, connections and throughput", () => {
    const { spec } = designSpec({
      description: "Sensors report temperature every 30 seconds. Acknowledgements arrive within 100 ms. The collector handles 5000 concurrent devices and 2000 messages per second.",
    });
    expect(spec.messages.find((m) => m.name === "Report")?.intervalMs).toBe(30000);
    expect(spec.performance).toEqual({ maxLatencyMs: 100, throughputPerSecond: 2000, maxConnections: 5000 });
    expect(spec.timing.requestTimeoutMs).toBe(1000);
  });

  it("reads group capacity, retries, heartbeats and leases", () => {
    const a = designSpec({ description: "Players join rooms; up to 16 players per room. Commands are retried up to 7 times. Clients send a heartbeat every 5 seconds." }).spec;
    expect(a.messages.find((m) => m.name === "RoomJoined")?.fields.find((f) => f.name === "members")?.constraints.maxItems).toBe(16);
    expect(a.errors.map((e) => e.name)).toContain("room_full");
    expect(a.timing.retry.maxAttempts).toBe(7);
    expect(a.timing.keepaliveIntervalMs).toBe(5000);
    expect(a.timing.keepaliveIntervalMs).toBeLessThan(a.timing.idleTimeoutMs);
    const b = designSpec({ description: "Workers acquire locks with leases of 15 seconds." }).spec;
    expect(b.messages.find((m) => m.name === "AcquireLock")?.fields.find((f) => f.name === "lease_ms")?.constraints.max).toBe(600000);
  });

  it("reads the authentication scheme and rate limiting", () => {
    expect(designSpec({ description: "Devices report readings and authenticate with an API key." }).spec.security.authentication).toEqual({ mode: "api_key", message: "Hello" });
    expect(designSpec({ description: "Users log in with a username and password to join rooms." }).spec.security.authentication).toEqual({ mode: "password", message: "Login" });
    expect(designSpec({ description: "Clients present a JWT token and subscribe to topics." }).spec.security.authentication).toEqual({ mode: "token", message: "Authenticate" });
    const implied = designSpec({ description: "Sensors report readings; they must be authenticated." });
    expect(implied.spec.security.authentication.mode).toBe("api_key");
    expect(implied.assumptions.join(" ")).toMatch(/without a scheme/);
    const limited = designSpec({ description: "Users join rooms. Rate limiting of 5 messages per second applies." }).spec;
    expect(limited.security.rateLimit).toEqual({ messagesPerSecond: 5, burst: 10 });
    expect(limited.errors.map((e) => e.name)).toContain("rate_limited");
  });
});
