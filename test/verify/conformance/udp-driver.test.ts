// The runner over UDP against a reference UDP server on 127.0.0.1 written with
// src/wire: a correct one passes every UDP case of chat, sensor-telemetry and
// file-transfer; each planted bug is caught by named failures.
import { createSocket } from "node:dgram";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Spec } from "../../../src/spec/model.js";
import { createCaseKit } from "../../../src/verify/conformance/case-kit.js";
import { deriveServerCases, judgeContextOf, runCases, selectCases, udpOpener, type CaseResult } from "../../../src/verify/conformance/index.js";
import { example } from "../../python-layer/support.js";
import type { UdpOpener } from "../../../src/verify/conformance/udp-link.js";
import { type RunningUdpReference, startReferenceUdpServer, type UdpPlants } from "./reference-udp-server.js";

const TIMINGS = { answerMs: 1000, closeMs: 300, caseMs: 6000 };
let running: RunningUdpReference | undefined;
let opener: UdpOpener | undefined;
afterEach(async () => {
  opener?.closeAll();
  await running?.close();
  running = undefined;
});

async function conform(spec: Spec, plants: UdpPlants = {}, pattern?: string): Promise<CaseResult[]> {
  running = await startReferenceUdpServer(spec, plants);
  const cases = selectCases(deriveServerCases(spec, "udp"), "udp", pattern);
  opener = udpOpener({ kind: "direct", host: "127.0.0.1", port: running.port }, createCaseKit(spec, "udp").codec);
  return runCases(cases, opener, judgeContextOf(spec), TIMINGS);
}

const failures = (results: readonly CaseResult[]): string[] => results.filter((r) => !r.ok).map((r) => r.name);
const reasonOf = (results: readonly CaseResult[], name: string): string => results.find((r) => r.name === name)?.reason ?? "";

describe("conformance runner over UDP against the reference UDP server", () => {
  it.each(["chat", "sensor-telemetry", "file-transfer"] as const)(
    "a correct %s server passes every UDP case",
    async (name) => {
      const results = await conform(example(name));
      expect(results.length).toBeGreaterThan(40);
      expect(results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.reason}`)).toEqual([]);
    },
    60_000,
  );

  it("runs every case through a relay's datagram socket (each connection one UDP socket, datagrams as <u32 length><bytes>), as in the sandbox", async () => {
    const spec = example("sensor-telemetry");
    running = await startReferenceUdpServer(spec);
    const port = running.port;
    const dir = mkdtempSync(join(tmpdir(), "protoforge-udp-relay-"));
    const datagramPath = join(dir, "datagram.sock");
    let channels = 0;
    const relay = createServer((inbound) => {
      channels++;
      const udp = createSocket("udp4");
      udp.connect(port, "127.0.0.1");
      udp.on("message", (msg: Buffer) => {
        const head = Buffer.alloc(4);
        head.writeUInt32BE(msg.length, 0);
        inbound.write(Buffer.concat([head, msg]));
      });
      let pending = Buffer.alloc(0);
      inbound.on("data", (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        while (pending.length >= 4 && pending.length >= 4 + pending.readUInt32BE(0)) {
          udp.send(pending.subarray(4, 4 + pending.readUInt32BE(0)));
          pending = pending.subarray(4 + pending.readUInt32BE(0));
        }
      });
      inbound.on("close", () => udp.close());
      inbound.on("error", () => inbound.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(datagramPath, resolve));
    try {
      const cases = selectCases(deriveServerCases(spec, "udp"), "udp");
      opener = udpOpener({ kind: "relay", streamPath: join(dir, "unused.sock"), datagramPath }, createCaseKit(spec, "udp").codec);
      const results = await runCases(cases, opener, judgeContextOf(spec), TIMINGS);
      expect(results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.reason}`)).toEqual([]);
      expect(channels).toBe(cases.length);
    } finally {
      opener?.closeAll();
      relay.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("catches a server that never ACKs", async () => {
    const results = await conform(example("chat"), { noAck: true }, "udp/ack/*");
    expect(failures(results)).toEqual(["udp/ack/Login", "udp/ack/Resume", "udp/ack/Logout", "udp/ack/JoinRoom", "udp/ack/LeaveRoom", "udp/ack/SendMessage", "udp/ack/SetStatus", "udp/ack/KickUser"]);
    expect(reasonOf(results, "udp/ack/Login")).toBe("step 2: no ACK #1 within 1000 ms (Login is reliable: its frame carries RELIABLE and must be ACKed (§10.2))");
  });

  // (A datagram shorter than a header has no sequence number to ACK: wire/empty and wire/truncated pass.)
  it("catches a server that ACKs a datagram that is not one well-formed frame", async () => {
    const results = await conform(example("chat"), { ackInvalid: true }, "wire/*");
    expect(failures(results)).toEqual([
      "wire/bad_magic/dropped",
      "wire/wrong_version/dropped",
      "wire/reserved_flag/dropped",
      "wire/reserved_flag_high/dropped",
      "wire/frame_too_large/dropped",
      "wire/frame/extra_byte/dropped",
      "wire/control_reliable_ack/dropped",
      "wire/Login/truncated_payload/dropped",
    ]);
    expect(reasonOf(results, "wire/bad_magic/dropped")).toBe("step 3: got ACK #1, expected none (a datagram that fails steps 1–7 of §6 is never ACKed (§10.2))");
  });

  it("catches a server that delivers a duplicate again", async () => {
    const results = await conform(example("chat"), { deliverDuplicate: true }, "udp/duplicate/*");
    expect(failures(results)).toContain("udp/duplicate/Login");
    expect(reasonOf(results, "udp/duplicate/Login")).toMatch(/^step 6: the duplicate of Login #1 got ErrorReply #1 .*, not the first answer LoginOk #1 .* unchanged \(delivered twice\?\)$/);
  });

  it("catches a server that answers a frame from the wrong role", async () => {
    const results = await conform(example("chat"), { answerForeign: true }, "role/*");
    expect(failures(results)).toHaveLength(11);
    expect(reasonOf(results, "role/LoginOk-from-client")).toMatch(/^step 4: expected no answer, got ErrorReply #2 /);
  });

  it("catches a server that forgets the session of a client that sent a server message", async () => {
    const results = await conform(example("chat"), { forgetOnForeign: true }, "role/*");
    expect(failures(results)).toHaveLength(11);
    expect(reasonOf(results, "role/Kicked-from-client")).toContain("code not_authenticated: the session in serving was lost");
  });

  it("catches a server that answers PING only in a session", async () => {
    const results = await conform(example("sensor-telemetry"), { pongInSessionOnly: true }, "keepalive/*");
    expect(failures(results)).toEqual(["keepalive/PING→PONG"]);
  });
});
