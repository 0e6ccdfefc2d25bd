// tests/test_<transport>.py: loopback tests of the chosen transport. The
// demo server and client run the whole session flow; many clients at once;
// the client's role machine; request timeout; broadcast between two
// clients; and per transport: connect retries and reconnection, keepalive
// and idle timeout, graceful shutdown (TCP), retransmission of a lost
// datagram and suppression of a duplicate (UDP), the event stream (HTTP).
import type { FileSet } from "../../file-set.js";
import type { FileBuilder } from "../../printer.js";
import type { Printable } from "../../symbols.js";
import type { TransportContext } from "./context.js";
import { printTemplate, type Bindings } from "../../transport-common/template.js";
import type { TestPlan } from "../../transport-common/test-plan.js";
import { bindings, printProbeMethod, sendSteps, strList, testFile } from "./test-support.js";
import { DROP_FIRST, FREE_PORT, printHttpTests, printTcpTests, printUdpTests } from "./test-loopback-transports.js";

export function emitLoopbackTest(files: FileSet, ctx: TransportContext, plan: TestPlan): void {
  const t = ctx.transport;
  const f = testFile(
    files,
    `test_${t}`,
    `Loopback tests of ${ctx.spec.protocol.name} over ${t.toUpperCase()}: the demo session, many clients, the role machine, timeouts${
      t === "udp" ? ", retransmission and duplicates" : t === "tcp" ? ", reconnection, keepalive and shutdown" : ", the event stream and shutdown"
    }.`,
  );
  const b = bindings(ctx, plan);
  printTemplate(
    f,
    `
    TIMEOUT = 10.0
    """Upper bound of every wait, in seconds."""
    `,
    b,
  );
  f.print();
  f.print();
  if (t === "tcp" || t === "udp") {
    printTemplate(f, t === "tcp" ? FREE_PORT : DROP_FIRST, b);
    f.print();
    f.print();
  }
  if (plan.probe !== undefined) {
    printTemplate(
      f,
      `
      class SlowHandlers(«ServerHandlers»):
          """Answers the first request of a session only after a second."""

          async def «on_probe»(self, session: «ServerSession», message: «Probe») -> «ProbeAnswer»:
              await «asyncio».sleep(1.0)
              return await super().«on_probe»(session, message)
      `,
      b,
    );
    if (t === "udp")
      printTemplate(
        f,
        `


      class CountingHandlers(«ServerHandlers»):
          """Counts how often the first request of a session is handled."""

          def __init__(self) -> None:
              super().__init__()
              self.calls = 0

          async def «on_probe»(self, session: «ServerSession», message: «Probe») -> «ProbeAnswer»:
              self.calls += 1
              return await super().«on_probe»(session, message)
      `,
      b,
    );
    f.print();
    f.print();
  }
  f.block(["class LoopbackTest(", b["unittest"] as Printable, ".IsolatedAsyncioTestCase):"], () => {
    printProbeMethod(f, ctx, plan, b);
    f.print();
    printDemoTest(f, ctx, plan, b);
    f.print();
    printTemplate(
      f,
      `
      async def test_many_clients_at_once(self) -> None:
          async with «Server»() as server:

              async def one() -> None:
                  async with «Client»("127.0.0.1", server.port) as client:
                      await self.probe(client)

              await «asyncio».wait_for(«asyncio».gather(*(one() for _ in range(20))), TIMEOUT)
      `,
      b,
    );
    if (plan.second !== undefined) {
      f.print();
      printTemplate(
        f,
        `
        async def test_the_client_refuses_a_message_its_state_does_not_allow(self) -> None:
            async with «Server»() as server, «Client»("127.0.0.1", server.port) as client:
                state = client.state
                with self.assertRaises(«StateError»):
                    await client.«second»(«make_second»())
                self.assertEqual(client.state, state)
                await self.probe(client)
        `,
        b,
      );
    }
    if (plan.probe !== undefined && plan.probe.prefix.length === 0) {
      f.print();
      printTemplate(
        f,
        `
        async def test_a_request_times_out_when_no_answer_comes(self) -> None:
            async with «Server»(SlowHandlers()) as server:
                async with «Client»("127.0.0.1", server.port, options=«ClientOptions»(request_timeout_ms=200)) as client:
                    with self.assertRaises(«RequestTimeout»):
                        await client.«probe»(«make_probe»())
        `,
        b,
      );
    }
    if (plan.broadcast !== undefined) {
      f.print();
      printBroadcastTest(f, ctx, plan, b);
    }
    if (t === "tcp") printTcpTests(f, b);
    if (t === "udp") printUdpTests(f, plan, b);
    if (t === "http") printHttpTests(f, b);
  });
}

function printDemoTest(f: FileBuilder, ctx: TransportContext, plan: TestPlan, b: Bindings): void {
  printTemplate(
    f,
    `
    async def test_the_demo_client_and_server_run_the_whole_session(self) -> None:
        lines: list[str] = []
        stop = «asyncio».Event()
        ready: «asyncio».Future[int] = «asyncio».get_running_loop().create_future()
        serving = «asyncio».create_task(
            «run_server»("127.0.0.1", 0, out=lines.append, stop=stop, ready=lambda server: ready.set_result(server.port))
        )
        try:
            port = await «asyncio».wait_for(ready, TIMEOUT)
            result = await «asyncio».wait_for(«run_client»("127.0.0.1", port, out=lines.append), 3 * TIMEOUT)
        finally:
            stop.set()
            await «asyncio».wait_for(serving, TIMEOUT)
        self.assertTrue(result.completed, "\\n".join(lines))
    `,
    b,
  );
  f.indent(() => {
    f.print(`self.assertEqual(result.sent, ${strList(plan.sent)})`);
    if (ctx.spec.behaviour === undefined) f.print(`self.assertEqual(result.answers, ${strList(plan.answers)})`);
    else printBehaviourAnswers(f, ctx, plan.answers);
    for (const e of plan.events) f.print(`self.assertIn(${strList([e]).slice(1, -1)}, result.events)`);
  });
}

/** The demo flow does not follow the behaviour's rules (it may post after leaving a group): each answer is the flow's, or an error. */
function printBehaviourAnswers(f: FileBuilder, ctx: TransportContext, answers: readonly string[]): void {
  const errors = [...new Set(ctx.spec.messages.flatMap((m) => (m.error === undefined ? [] : [m.error])))];
  f.print(`self.assertEqual(len(result.answers), ${answers.length})`);
  f.block(`for got, want in zip(result.answers, ${strList(answers)}):`, () => f.print(`self.assertIn(got, [want, ${strList(errors).slice(1, -1)}])`));
}

function printBroadcastTest(f: FileBuilder, ctx: TransportContext, plan: TestPlan, b: Bindings): void {
  const bc = plan.broadcast;
  if (bc === undefined) return;
  const name = bc.event.name;
  f.block(["async def test_a_broadcast_reaches_another_client(self) -> None:"], () => {
    f.doc(`The listener's session gets the ${name} the actor's messages cause.`);
    printTemplate(
      f,
      `
      async with «Server»() as server, «Client»("127.0.0.1", server.port) as listener, «Client»("127.0.0.1", server.port) as actor:
      `,
      b,
    );
    f.indent(() => {
      for (const line of sendSteps(ctx, "listener", bc.listener)) f.print(...line);
      for (const line of sendSteps(ctx, "actor", bc.actor)) f.print(...line);
      f.print("deadline = ", b["asyncio"] as Printable, ".get_running_loop().time() + TIMEOUT");
      f.print("seen: list[str] = []");
      f.block("while True:", () => {
        f.print("event = await ", b["asyncio"] as Printable, ".wait_for(listener.next_event(), deadline - ", b["asyncio"] as Printable, ".get_running_loop().time())");
        f.print("seen.append(event.NAME)");
        f.block(`if event.NAME == ${strList([name]).slice(1, -1)}:`, () => f.print("break"));
      });
      f.print(`self.assertIn(${strList([name]).slice(1, -1)}, seen)`);
    });
  });
}
