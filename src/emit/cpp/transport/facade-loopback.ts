// test/<transport>_facade_test.cpp in every C++ project: the user-facing
// facades (`<Protocol>Server`, `<Protocol>Client`) with the default handlers,
// end to end over the chosen transport on 127.0.0.1, as Java's
// theDemoClientAndServerRunTheWholeSession and aBroadcastReachesAnotherClient
// (src/emit/java/transport/test-loopback.ts), printed from the shared plan:
//   - the demo's own run_server and run_client (demo/demo_server.hpp and
//     demo/demo_client.hpp, which the demo programs' main() call too, so the
//     test runs the sessions the interop driver runs) complete the spec's
//     session: the messages sent, the answers and the events in the plan's
//     order;
//   - where the spec broadcasts (chat), the event the actor's messages cause
//     reaches the listener; when the rule leaves the sender out and the
//     actor's last message is a request, the actor has not received it by the
//     time its answer came (over TCP and UDP the server sends the pushes of a
//     handler before its answer, and the client records a received message
//     before the request returns, so this check needs no wait).
// Every wait is bounded by the clients' own timeouts or a deadline.
import type { Message } from "../../../spec/model.js";
import type { FileBuilder, FileSet } from "../../index.js";
import type { Transport } from "../../language.js";
import { analyse } from "../../transport-common/behaviour.js";
import { demoAnswers } from "../../transport-common/demo-answers.js";
import { planTests, type BroadcastPlan, type TestPlan } from "../../transport-common/test-plan.js";
import { cppStr } from "../literals.js";
import { demoTargets } from "../app/demo-names.js";
import { requestReturn } from "../app/facade-files.js";
import { clientClass, clientMethods, cppView, makeMethod, serverClass, specType, type CppView } from "../app/view.js";
import type { CppModel } from "../model.js";
import { lines } from "./udp-loopback.js";

export const facadeTestPath = (transport: Transport): string => `test/${transport}_facade_test.cpp`;

/** Writes the facade test of `transport`; returns its path for CMake. */
export function facadeLoopbackTests(files: FileSet, model: CppModel, transport: Transport): string[] {
  const view = cppView(model, transport);
  const behaviour = analyse(view);
  const flowPlan = planTests(view, behaviour);
  const plan = { ...flowPlan, answers: demoAnswers(view, behaviour, flowPlan.answers) };
  const path = facadeTestPath(transport);
  const f = files.file(`cpp/${path}`, "cpp");
  head(f, view);
  demoTest(f, view, plan);
  const bc = plan.broadcast;
  if (bc !== undefined) {
    const trigger = bc.actor[bc.actor.length - 1];
    const rule = trigger === undefined ? undefined : behaviour.broadcasts.get(trigger.name)?.find((r) => r.event === bc.event.name);
    broadcastTest(f, view, bc, rule !== undefined && !rule.includeSender && trigger?.kind === "request");
  }
  f.finish();
  return [path];
}

const suite = (view: CppView): string => `${view.transport.charAt(0).toUpperCase()}${view.transport.slice(1)}Facade`;

function head(f: FileBuilder, view: CppView): void {
  const { ns } = view;
  const demo = demoTargets(view);
  lines(
    f,
    `
// The facades ${ns}::${serverClass(view)} and ${ns}::${clientClass(view)} with the default handlers over ${view.transport.toUpperCase()} on 127.0.0.1.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "${ns}/${demo.clientHeader}"
#include "${ns}/client_handlers.hpp"
#include "${ns}/messages.hpp"
#include "${ns}/options.hpp"
#include "${ns}/${demo.serverHeader}"
#include "${ns}/server_handlers.hpp"
#include "${ns}/trace.hpp"
// The demo's own sessions (run_server; Result, run_client), the ones demo_server and demo_client run.
#include "../${demo.dir}/${demo.clientSession}"
#include "../${demo.dir}/${demo.serverSession}"
#include "../${demo.dir}/samples.hpp"

namespace {

using namespace std::chrono_literals;

/** What the demo printed, for the failure message. */
class Lines {
 public:
  void add(std::string_view line) {
    std::lock_guard<std::mutex> lock(mutex_);
    text_ += line;
    text_ += '\\n';
  }
  std::string text() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return text_;
  }

 private:
  mutable std::mutex mutex_;
  std::string text_;
};

/** A Trace into \`lines\` (kept alive by the trace: the server's threads may print until it stops). */
${ns}::Trace into(const std::shared_ptr<Lines>& lines) {
  return [lines](std::string_view line) { lines->add(line); };
}

}  // namespace`,
  );
}

const strings = (names: readonly string[]): string => `(std::vector<std::string>{${names.map((n) => cppStr(n)).join(", ")}})`;

function demoTest(f: FileBuilder, view: CppView, plan: TestPlan): void {
  const { ns } = view;
  lines(
    f,
    `

TEST(${suite(view)}, TheDemoClientAndServerRunTheWholeSession) {
  auto lines = std::make_shared<Lines>();
  auto server = ${ns}::demo::run_server("127.0.0.1", 0, into(lines), std::make_shared<${ns}::ServerHandlers>());
  const ${ns}::demo::Result result = ${ns}::demo::run_client("127.0.0.1", server->port(), into(lines), ${ns}::ClientOptions::defaults());
  server->stop();
  ASSERT_TRUE(result.completed) << lines->text();
  EXPECT_EQ(result.sent, ${strings(plan.sent)}) << lines->text();
  EXPECT_EQ(result.answers, ${strings(plan.answers)}) << lines->text();`,
  );
  for (const e of plan.events) {
    f.print(`  EXPECT_NE(std::find(result.events.begin(), result.events.end(), ${cppStr(e)}), result.events.end()) << lines->text();`);
  }
  f.print("}");
}

/** One client's steps: a request must get its first response, a oneway is sent. */
function steps(view: CppView, client: string, messages: readonly Message[]): string[] {
  const methods = clientMethods(view);
  return messages.map((m) => {
    const call = `${client}.${methods.get(m.name) ?? ""}(${view.ns}::demo::${makeMethod(view, m)}(&${client}))`;
    if (m.kind !== "request") return `  ${call};`;
    const answer = requestReturn(view, m) === undefined ? call : `${view.ns}::Message(${call})`;
    return `  ASSERT_TRUE(std::holds_alternative<${view.ns}::${specType(view, m.responses[0] as string)}>(${answer}));`;
  });
}

function broadcastTest(f: FileBuilder, view: CppView, bc: BroadcastPlan, notTheSender: boolean): void {
  const { ns } = view;
  const Event = `${ns}::${specType(view, bc.event.name)}`;
  const client = clientClass(view);
  const name = notTheSender ? "ABroadcastReachesTheOtherMemberAndNotTheSender" : "ABroadcastReachesAnotherClient";
  lines(
    f,
    `

/** The listener's session gets the ${bc.event.name} the actor's messages cause${notTheSender ? "; the actor does not" : ""}. */
TEST(${suite(view)}, ${name}) {
  ${ns}::${serverClass(view)} server;
  const std::uint16_t port = server.start("127.0.0.1", 0);
  ${ns}::${client} listener("127.0.0.1", port, std::make_shared<${ns}::ClientHandlers>());
  ${ns}::${client} actor("127.0.0.1", port, std::make_shared<${ns}::ClientHandlers>());
  listener.connect();
  actor.connect();`,
  );
  for (const line of steps(view, "listener", bc.listener)) f.print(line);
  for (const line of steps(view, "actor", bc.actor)) f.print(line);
  lines(
    f,
    `
  // Events the listener's steps caused may come first; next_event throws RequestTimeout (the test fails) when nothing more comes.
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  bool seen = false;
  while (!seen && std::chrono::steady_clock::now() < deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    seen = std::holds_alternative<${Event}>(listener.next_event(std::max(left, 1ms)));
  }
  EXPECT_TRUE(seen);`,
  );
  if (notTheSender) {
    f.print(`  // The sender is left out: it had not received one when its answer came, which the server sends after the pushes.`);
    f.print(`  EXPECT_FALSE(actor.last<${Event}>().has_value());`);
  }
  lines(
    f,
    `
  listener.close();
  actor.close();
  server.stop();
}`,
  );
}
