// The C++ facade tests (test/<transport>_facade_test.cpp), without a compiler:
// one per transport, named in the test executable; the demo's own sessions
// from its headers, no demo program compiled in; the session's messages from the shared
// plan; the broadcast test only where the spec broadcasts, and the check that
// the sender is left out only where the rule leaves it out. (Built and run in
// both builds by hand: docs/targets/cpp-contract.md.)
import { describe, expect, it } from "vitest";
import { cppProjectFiles } from "../../src/emit/cpp/index.js";
import { facadeTestPath } from "../../src/emit/cpp/transport/facade-loopback.js";
import { TRANSPORTS } from "../../src/emit/target.js";
import { example } from "../python-layer/support.js";

const text = (files: { path: string; content: unknown }[], path: string): string => String(files.find((f) => f.path === path)?.content ?? "");

describe("the C++ facade tests", () => {
  for (const transport of TRANSPORTS) {
    it(`over ${transport}: the demo session and chat's broadcast, named in CMake`, () => {
      const files = cppProjectFiles(example("chat"), { transport });
      const path = facadeTestPath(transport);
      const test = text(files, `cpp/${path}`);
      expect(text(files, "cpp/CMakeLists.txt")).toContain(path);
      const suite = `${transport.charAt(0).toUpperCase()}${transport.slice(1)}Facade`;
      expect([...test.matchAll(/^TEST\((\w+), (\w+)\)/gm)].map((m) => `${m[1]}.${m[2]}`)).toEqual([
        `${suite}.TheDemoClientAndServerRunTheWholeSession`,
        `${suite}.ABroadcastReachesTheOtherMemberAndNotTheSender`,
      ]);
      // The demo's sessions come from its headers, the ones the programs include; no program is compiled in under a renamed main.
      expect(test).toContain('#include "../demo/demo_client.hpp"\n#include "../demo/demo_server.hpp"');
      expect(test).toContain('auto server = chat::demo::run_server("127.0.0.1", 0,');
      expect(test).toContain("const chat::demo::Result result = chat::demo::run_client(");
      expect(test).not.toMatch(/#define main|#include "[^"]*\.cpp"/);
      expect(test).toContain('"Login", "JoinRoom", "Typing", "SetStatus", "LeaveRoom", "SendMessage", "KickUser", "Logout"');
      // Chat's behaviour refuses SendMessage after LeaveRoom (not_in_room) and KickUser of a name not in the room (demoOutcomes).
      expect(test).toContain('"LoginOk", "JoinOk", "LeaveOk", "ErrorReply", "ErrorReply"');
      expect(test).toContain("EXPECT_FALSE(actor.last<chat::PresenceUpdate>().has_value());");
    });
  }

  it("has no broadcast test where the spec broadcasts nothing", () => {
    const test = text(cppProjectFiles(example("sensor-telemetry"), { transport: "tcp" }), `cpp/${facadeTestPath("tcp")}`);
    expect(test).toContain("TEST(TcpFacade, TheDemoClientAndServerRunTheWholeSession)");
    expect(test).not.toContain("Broadcast");
  });

  it("checks only that the event arrives when the sender is included", () => {
    const spec = example("chat");
    const join = spec.messages.find((m) => m.name === "JoinRoom")!;
    const included = { ...spec, messages: spec.messages.map((m) => (m === join ? { ...m, doc: `${m.doc} The sender included.` } : m)) };
    const test = text(cppProjectFiles(included, { transport: "tcp" }), `cpp/${facadeTestPath("tcp")}`);
    expect(test).toContain("TEST(TcpFacade, ABroadcastReachesAnotherClient)");
    expect(test).not.toContain("actor.last<");
  });
});
