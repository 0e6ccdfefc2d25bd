// The generated Java transport tests (src/emit/java/transport/test-*.ts),
// without a JDK: which classes each transport gets, that they are printed
// from the shared plan (the demo session's messages, the probe, the
// out-of-order message, the broadcast), and that every wait is bounded.
import { describe, expect, it } from "vitest";
import { createFileSet, type GeneratedFile } from "../../src/emit/index.js";
import { buildJavaModel } from "../../src/emit/java/model.js";
import { javaAppFiles } from "../../src/emit/java/transport/app-files.js";
import { javaView } from "../../src/emit/java/transport/handlers-builder.js";
import type { Transport } from "../../src/emit/language.js";
import { analyse } from "../../src/emit/transport-common/behaviour.js";
import { demoAnswers } from "../../src/emit/transport-common/demo-answers.js";
import { planTests } from "../../src/emit/transport-common/test-plan.js";
import type { Spec } from "../../src/spec/model.js";
import { example } from "../python-layer/support.js";

function tests(spec: Spec, transport: Transport = "tcp"): Map<string, string> {
  const files = createFileSet(spec.protocol);
  javaAppFiles(files, buildJavaModel(spec), transport);
  const out = new Map<string, string>();
  for (const f of files.finish() as GeneratedFile[]) {
    const m = /^java\/src\/test\/java\/.+\/(\w+)\.java$/.exec(f.path);
    if (m?.[1] !== undefined) out.set(m[1], String(f.content));
  }
  return out;
}

const get = (files: Map<string, string>, cls: string): string => {
  const text = files.get(cls);
  if (text === undefined) throw new Error(`no ${cls} among ${[...files.keys()].join(", ")}`);
  return text;
};

describe("the generated Java transport tests", () => {
  it("gives each transport a loopback test and the robustness test; TCP and UDP a raw client for it", () => {
    expect([...tests(example("chat")).keys()].sort()).toEqual(["RawStream", "RobustnessTest", "TcpTest", "TransportTesting"]);
    expect([...tests(example("chat"), "udp").keys()].sort()).toEqual(["RawPeer", "RobustnessTest", "TransportTesting", "UdpTest"]);
    expect([...tests(example("chat"), "http").keys()].sort()).toEqual(["HttpTest", "RobustnessTest", "TransportTesting"]);
  });

  it("checks the demo session against the shared plan: what is sent, answered and pushed", () => {
    for (const name of ["chat", "sensor-telemetry", "file-transfer"] as const) {
      const spec = example(name);
      const model = buildJavaModel(spec);
      const view = javaView(model, "tcp");
      const plan = planTests(view, analyse(view));
      const tcp = get(tests(spec), "TcpTest");
      const quoted = (xs: readonly string[]): string => xs.map((x) => `"${x}"`).join(", ");
      expect(tcp).toContain(`assertEquals(List.of(${quoted(plan.sent)}), result.sent());`);
      // Under chat's behaviour section the demo's SendMessage and KickUser (after it left the room) are refused.
      expect(tcp).toContain(`assertEquals(List.of(${quoted(demoAnswers(view, analyse(view), plan.answers))}), result.answers());`);
      for (const e of plan.events) expect(tcp).toContain(`result.events().contains("${e}")`);
    }
    expect(get(tests(example("chat")), "TcpTest")).toContain('assertEquals(List.of("LoginOk", "JoinOk", "LeaveOk", "ErrorReply", "ErrorReply"), result.answers());');
  });

  it("probes with the authentication request and refuses the message a fresh session may not send", () => {
    const chat = tests(example("chat"));
    expect(get(chat, "TransportTesting")).toContain("assertInstanceOf(LoginOk.class, client.login(Samples.makeLogin(client)));");
    const tcp = get(chat, "TcpTest");
    expect(tcp).toContain("assertThrows(StateError.class, () -> client.joinRoom(Samples.makeJoinRoom()));");
    expect(tcp).toContain("assertThrows(RequestTimeout.class, () -> client.login(Samples.makeLogin()));");
    expect(tcp).toContain("public Message onLogin(ServerSession session, Login message) {");
    const robust = get(chat, "RobustnessTest");
    expect(robust).toContain("raw.send(Codec.encodeFrame(Samples.makeJoinRoom(), 1));");
    expect(robust).toContain("assertInstanceOf(ErrorReply.class, refusal.message());");
    // The flood gets rate_limited answers: chat's ErrorReply has an ErrorCode.
    expect(robust).toContain("return message instanceof ErrorReply refusal && refusal.code() == ErrorCode.RATE_LIMITED;");
    expect(robust).toContain("withRateLimit(new RateLimit(2, 4))");
  });

  it("sends the broadcast's listener and actor messages and waits for the event with a deadline", () => {
    const tcp = get(tests(example("chat")), "TcpTest");
    expect(tcp).toContain("void aBroadcastReachesAnotherClient() throws Exception {");
    expect(tcp).toContain("assertInstanceOf(JoinOk.class, listener.joinRoom(Samples.makeJoinRoom(listener)));");
    expect(tcp).toContain('while (!seen.contains("PresenceUpdate")) {');
    expect(tcp).toContain("listener.nextEvent(Math.max(1, deadline - System.currentTimeMillis()))");
  });

  it("bounds every wait: a class-level @Timeout, no sleep but the slow handler, the first attempts, polling and the quiet time", () => {
    const expected: Record<Transport, Record<string, string[]>> = {
      tcp: { TcpTest: ["1000", "200", "1200"], TransportTesting: ["10"] },
      udp: { UdpTest: ["1000", "1200"], TransportTesting: ["10"] },
      http: { HttpTest: ["1000"], TransportTesting: ["10"] },
    };
    for (const transport of ["tcp", "udp", "http"] as const) {
      for (const [cls, text] of tests(example("file-transfer"), transport)) {
        if (cls.endsWith("Test")) expect(text, cls).toContain("@Timeout(value = 60, unit = TimeUnit.SECONDS)");
        const sleeps = [...text.matchAll(/Thread\.sleep\((\w+)\)/g)].map((m) => m[1]);
        expect(sleeps, `${transport} ${cls}`).toEqual(expected[transport][cls] ?? []);
        // Futures and the raw socket's reads wait at most TIMEOUT_MS (the counters' get() does not wait).
        expect(text).not.toMatch(/(?<!calls|dropped)\.get\(\)|\.join\(\)|\.await\(\)/);
      }
    }
  });

  it("simulates loss over UDP when the probe is a reliable request: retransmission, duplicates, failed delivery", () => {
    const udp = get(tests(example("chat"), "udp"), "UdpTest");
    expect(udp).toContain("client.dropOutgoing(data -> true); // from now on nothing of the client arrives");
    expect(udp).toContain("Loss loss = new Loss(data -> !isAck(data), 1);");
    expect(udp).toContain("assertEquals(1, handlers.calls.get());");
    expect(udp).toContain("assertThrows(DeliveryFailed.class, () -> client.login(Samples.makeLogin()));");
    expect(get(tests(example("chat"), "http"), "HttpTest")).toContain("void closingTheServerClosesItsSessions() throws Exception {");
    // A raw peer never acknowledges: the server's ACK of a reliable request comes before the refusal.
    const robust = get(tests(example("chat"), "udp"), "RobustnessTest");
    expect(robust).toContain("raw.send(RawPeer.withTrailingByte(Codec.encodeFrame(Samples.makeLogin(), 1, Codec.FLAG_RELIABLE)));");
    expect(robust).toContain("assertEquals(ControlKind.ACK, ack.control());");
    expect(robust).toContain("Frame answer = raw.answerTo(2, TIMEOUT_MS);");
    expect(robust).toContain("assertNull(raw.datagram(QUIET_MS));");
    // HTTP: the status codes of wire format 10.3, the credential of the probe as the bearer.
    const http = get(tests(example("chat"), "http"), "RobustnessTest");
    expect(http).toContain('assertError(415, "unsupported_media_type", "Login", probeBody(), sent);');
    expect(http).toContain('assertError(401, "unauthorized", "Login", probeBody(), sent);');
    expect(http).toContain("String bearer = Profile.credentialOf(Samples.makeLogin());");
    expect(http).toContain('assertEquals("ErrorReply", got.data().get("type").asText());');
    expect(http).toContain("assertTrue(statuses.contains(429), statuses::toString);");
  });
});
