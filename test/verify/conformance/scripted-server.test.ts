// The scripted server's settled(): it resolves once every connection of the
// case has closed, or at the deadline however many stay open — even when the
// timer fires before Date.now() has reached the deadline (a crashed client
// that never closed its socket once left a whole client run waiting).
import { connect } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createCaseKit } from "../../../src/verify/conformance/case-kit.js";
import { deriveClientCases, startScriptedServer } from "../../../src/verify/conformance/client/index.js";
import { example } from "../../python-layer/support.js";

afterEach(() => vi.restoreAllMocks());

async function openCase() {
  const spec = example("chat");
  const server = await startScriptedServer(createCaseKit(spec));
  const [first] = deriveClientCases(spec);
  if (first === undefined) throw new Error("chat has no client case");
  const session = server.begin(first);
  const address = server.address;
  if ("path" in address) throw new Error("expected a TCP address");
  const socket = connect(address.port, address.host);
  await new Promise<void>((resolve) => socket.once("connect", resolve));
  await vi.waitFor(() => expect(session.connections.length).toBe(1));
  return { server, session, socket };
}

describe("scripted server: settled", () => {
  it("resolves at the deadline while a connection stays open, though the clock lags the timer", async () => {
    const { server, session, socket } = await openCase();
    const realNow = Date.now.bind(Date);
    const deadline = realNow() + 100;
    // When the timer is armed the clock is right; from then on it reads 30 ms
    // behind the timers, so the first wake-up sees the deadline not yet reached.
    let reads = 0;
    vi.spyOn(Date, "now").mockImplementation(() => (reads++ === 0 ? realNow() : realNow() - 30));
    let settled = false;
    const done = session.settled(deadline).then(() => (settled = true));
    await vi.waitFor(() => expect(settled).toBe(true), { timeout: 2000, interval: 20 });
    await done;
    expect(session.connections[0]?.closed).toBe(false);
    socket.destroy();
    server.end();
    await server.close();
  });

  it("resolves as soon as the last connection closes, before the deadline", async () => {
    const { server, session, socket } = await openCase();
    const started = Date.now();
    const done = session.settled(started + 60_000);
    socket.destroy();
    await done;
    expect(session.connections[0]?.closed).toBe(true);
    expect(Date.now() - started).toBeLessThan(30_000);
    await server.close();
  });
});
