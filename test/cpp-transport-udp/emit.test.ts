// The C++ UDP transport's emitter, without a compiler: a UDP project gets the
// datagram runtime headers (namespace in place of the token) and the loopback
// GoogleTests, named in CMakeLists.txt's test executable; the tests that need a
// reliable probe sent first appear only where the spec has one; the output is
// deterministic. (The project built and ctest'd in both builds, and the
// conformance suite against its demo server: udp-conformance.test.ts.)
import { describe, expect, it } from "vitest";
import { buildCppModel, cppProjectFiles } from "../../src/emit/cpp/index.js";
import { UDP_LOOPBACK_TEST } from "../../src/emit/cpp/transport/udp-loopback.js";
import { UDP_ROBUSTNESS_TEST } from "../../src/emit/cpp/transport/udp-robustness.js";
import { udpRuntimePaths } from "../../src/emit/cpp/transport/udp-files.js";
import { example } from "../python-layer/support.js";

const udp = { transport: "udp" } as const;

describe("the C++ UDP transport's files", () => {
  it("copies every UDP runtime header into include/<namespace>/ with the namespace in place of the token", () => {
    const spec = example("chat");
    const model = buildCppModel(spec);
    const files = cppProjectFiles(spec, udp);
    const paths = udpRuntimePaths(model);
    expect(paths).toContain(`cpp/include/${model.ns}/udp_server.hpp`);
    expect(paths).toContain(`cpp/include/${model.ns}/udp_client.hpp`);
    expect(paths).toContain(`cpp/include/${model.ns}/datagram_channel.hpp`);
    for (const path of paths) {
      const file = files.find((f) => f.path === path);
      expect(file, path).toBeDefined();
      const text = String(file!.content);
      expect(text).not.toContain("PROTOFORGE_NS");
      expect(text).toContain(`namespace ${model.ns} {`);
    }
    // No TCP runtime in a UDP project.
    expect(files.some((f) => f.path.endsWith("/tcp_server.hpp"))).toBe(false);
  });

  it("emits the loopback GoogleTests and names them in the test executable", () => {
    const spec = example("chat");
    const files = cppProjectFiles(spec, udp);
    const test = String(files.find((f) => f.path === `cpp/${UDP_LOOPBACK_TEST}`)?.content ?? "");
    const cmake = String(files.find((f) => f.path === "cpp/CMakeLists.txt")?.content ?? "");
    expect(cmake).toContain(UDP_LOOPBACK_TEST);
    const names = [...test.matchAll(/^TEST\(UdpLoopback, (\w+)\)/gm)].map((m) => m[1]);
    expect(names).toEqual([
      "APingFromAnAddressWithoutASessionGetsAPongAndOpensNone",
      "TheProbeIsAnsweredAndItsAddressIsOneSession",
      "ASilentPeerIsForgottenAfterTheIdleTimeout",
      "KeepaliveKeepsAQuietPeerKnown",
      "StoppingTheServerForgetsItsSessions",
      "TheClientReconnectsAfterTheServerWentSilent",
      "ALostRequestIsRetransmittedAndHandledOnce",
      "ADuplicateIsAcknowledgedAndAnsweredAgainButHandledOnce",
      "DeliveryFailsAfterTheLastAttempt",
    ]);
    // chat's probe is Login, answered with LoginOk.
    expect(test).toContain("client.login(demo::make_login(&client))");
    expect(test).toContain("std::holds_alternative<LoginOk>(probe(*client))");
  });

  it("leaves out the retransmission tests when the probe is not a reliable request sent first", () => {
    const spec = example("chat");
    const login = spec.messages.find((m) => m.name === "Login")!;
    const unreliable = { ...spec, messages: spec.messages.map((m) => (m === login ? { ...m, reliable: false } : m)) };
    const test = String(cppProjectFiles(unreliable, udp).find((f) => f.path === `cpp/${UDP_LOOPBACK_TEST}`)?.content ?? "");
    expect(test).toContain("TEST(UdpLoopback, KeepaliveKeepsAQuietPeerKnown)");
    expect(test).not.toContain("ALostRequestIsRetransmitted");
    expect(test).not.toContain("DeliveryFailsAfterTheLastAttempt");
    // Nor the robustness test of duplicates, which needs the server's duplicate window.
    const robustness = String(cppProjectFiles(unreliable, udp).find((f) => f.path === `cpp/${UDP_ROBUSTNESS_TEST}`)?.content ?? "");
    expect(robustness).toContain("TEST_F(UdpRobustness, AnInvalidPayloadIsRefusedAndThePeerGoesOn)");
    expect(robustness).toContain("constexpr std::uint8_t kProbeFlags = 0;");
    expect(robustness).not.toContain("DuplicatesAreAcknowledgedEachTimeAndHandledOnce");
  });

  it("emits the robustness GoogleTests, named in the test executable: hostile datagrams checked up to a PONG, not by waiting", () => {
    const files = cppProjectFiles(example("chat"), udp);
    const test = String(files.find((f) => f.path === `cpp/${UDP_ROBUSTNESS_TEST}`)?.content ?? "");
    expect(String(files.find((f) => f.path === "cpp/CMakeLists.txt")?.content ?? "")).toContain(UDP_ROBUSTNESS_TEST);
    const names = [...test.matchAll(/^TEST(?:_F)?\((UdpRobustness\w*), (\w+)\)/gm)].map((m) => `${m[1]}.${m[2]}`);
    expect(names).toEqual([
      "UdpRobustness.GarbageIsDropped",
      "UdpRobustness.ATruncatedHeaderIsDropped",
      "UdpRobustness.AWrongMagicOrVersionIsDropped",
      "UdpRobustness.InvalidFlagsAreDropped",
      "UdpRobustness.ALengthThatDisagreesWithTheDatagramIsDropped",
      "UdpRobustness.AnOversizedLengthIsDropped",
      "UdpRobustnessHuge.AHugeDatagramIsDropped",
      "UdpRobustness.ATruncatedFrameIsDroppedAndTheWholeOneAnswered",
      "UdpRobustness.APeerThatVanishesMidRequestLeavesTheServerServing",
      "UdpRobustness.AnInvalidPayloadIsRefusedAndThePeerGoesOn",
      "UdpRobustness.DuplicatesAreAcknowledgedEachTimeAndHandledOnce",
      "UdpRobustness.AMessageOutOfOrderIsRefused",
      "UdpRobustness.AFloodOverTheRateLimitIsRefused",
    ]);
    // chat: Login is reliable; the refusals are ErrorReply; the flood looks for rate_limited.
    expect(test).toContain("constexpr std::uint8_t kProbeFlags = kFlagReliable;");
    expect(test).toContain("std::holds_alternative<ErrorReply>(*refusal->message)");
    expect(test).toContain("e->code == ErrorCode::kRateLimited");
    expect(test).not.toMatch(/sleep_for/);
  });

  it("is deterministic", () => {
    const spec = example("sensor-telemetry");
    const a = cppProjectFiles(spec, udp).map((f) => [f.path, String(f.content)]);
    const b = cppProjectFiles(spec, udp).map((f) => [f.path, String(f.content)]);
    expect(a).toEqual(b);
  });
});
