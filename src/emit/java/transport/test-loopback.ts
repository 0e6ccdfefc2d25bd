// <Transport>Test.java (TcpTest, UdpTest, HttpTest): loopback tests of the
// chosen transport, as JavaScript's test/<transport>.test.js and Python's
// tests/test_<transport>.py, printed from the shared plan: the demo server
// and client run the whole session flow; many clients at once; the client's
// role machine; request timeout; broadcast between two clients; and over TCP
// connect retries, reconnection, idle timeout, keepalive and shutdown; over
// UDP idle peers, keepalive, loss, duplicates and failed delivery. Every
// wait is bounded (the class's @Timeout, the clients' own timeouts, `within`).
import type { FileBuilder, FileSet } from "../../index.js";
import type { Printable } from "../../symbols.js";
import { printTemplate, type Bindings } from "../../transport-common/template.js";
import type { TestPlan } from "../../transport-common/test-plan.js";
import { loopbackTestClass } from "./demo-names.js";
import type { JavaView } from "./handlers-builder.js";
import { bindings, sendSteps, str, testClassFile } from "./test-support.js";
import { printHttpTests, printUdpTests } from "./test-loopback-datagram.js";
import { printTcpTests } from "./test-loopback-tcp.js";

export function emitLoopbackTest(files: FileSet, view: JavaView, plan: TestPlan): void {
  const t = view.transport;
  const cls = loopbackTestClass(view);
  const f = testClassFile(
    files,
    view,
    cls,
    `Loopback tests of ${view.spec.protocol.name} over ${t.toUpperCase()}: the demo session, many clients, the role machine, timeouts${
      t === "tcp" ? ", reconnection, keepalive and shutdown" : t === "udp" ? ", idle peers, retransmission, duplicates and shutdown" : " and shutdown"
    }.`,
  );
  const b = bindings(view, plan);
  printTemplate(f, `@«Timeout»(value = 60, unit = «TimeUnit».SECONDS)\nclass ${cls} {`, b);
  f.indent(() => {
    if (plan.probe !== undefined) {
      printTemplate(
        f,
        `
        /** Answers the first request of a session only after a second. */
        static final class SlowHandlers extends «ServerHandlers» {
            @Override
            public «Message» «onProbe»(«ServerSession» session, «Probe» message) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.«onProbe»(session, message);
            }
        }
        `,
        b,
      );
      f.print();
    }
    printDemoTest(f, plan, b);
    f.print();
    printTemplate(
      f,
      `
      @«Test»
      void manyClientsAtOnce() throws Exception {
          «Server» server = new «Server»(0);
          server.start();
          «ExecutorService» pool = «Executors».newFixedThreadPool(20);
          try {
              «List»<«Future»<Void>> sessions = new «ArrayList»<>();
              for (int i = 0; i < 20; i++) {
                  sessions.add(pool.submit(() -> {
                      «Client» client = «connected»(server.port());
                      try {
                          «probe»(client);
                      } finally {
                          client.close();
                      }
                      return null;
                  }));
              }
              for (Future<Void> session : sessions) {
                  session.get(«TIMEOUT_MS», «TimeUnit».MILLISECONDS);
              }
          } finally {
              pool.shutdownNow();
              server.close();
          }
      }
      `,
      b,
    );
    if (plan.second !== undefined) {
      f.print();
      printTemplate(
        f,
        `
        @«Test»
        void theClientRefusesAMessageItsStateDoesNotAllow() throws Exception {
            «Server» server = new «Server»(0);
            server.start();
            «Client» client = «connected»(server.port());
            try {
                String state = client.state();
                «assertThrows»(«StateError».class, () -> client.«secondMethod»(«Samples».«makeSecond»()));
                «assertEquals»(state, client.state());
                «probe»(client);
            } finally {
                client.close();
                server.close();
            }
        }
        `,
        b,
      );
    }
    if (plan.probe !== undefined && plan.probe.prefix.length === 0) {
      f.print();
      printTemplate(
        f,
        `
        @«Test»
        void aRequestTimesOutWhenNoAnswerComes() throws Exception {
            «Server» server = new «Server»(new SlowHandlers(), "127.0.0.1", 0, «ServerOptions».defaults());
            server.start();
            «Client» client = new «Client»("127.0.0.1", server.port(), new «ClientHandlers»(), «ClientOptions».defaults().withRequestTimeoutMs(200));
            try {
                client.connect();
                «assertThrows»(«RequestTimeout».class, () -> client.«probeMethod»(«Samples».«makeProbe»()));
            } finally {
                client.close();
                server.close();
            }
        }
        `,
        b,
      );
    }
    if (plan.broadcast !== undefined) {
      f.print();
      printBroadcastTest(f, view, plan, b);
    }
    if (t === "tcp") printTcpTests(f, b);
    if (t === "udp") printUdpTests(f, plan, b);
    if (t === "http") printHttpTests(f, b);
  });
  f.print("}");
}

function printDemoTest(f: FileBuilder, plan: TestPlan, b: Bindings): void {
  printTemplate(
    f,
    `
    @«Test»
    void theDemoClientAndServerRunTheWholeSession() throws Exception {
        «List»<String> lines = «Collections».synchronizedList(new «ArrayList»<>());
        «Trace» out = lines::add;
        «Server» server = «DemoServer».runServer("127.0.0.1", 0, out, new «ServerHandlers»());
        «DemoClient».Result result;
        try {
            result = «within»(3 * «TIMEOUT_MS», () -> DemoClient.runClient("127.0.0.1", server.port(), out, «ClientOptions».defaults()));
        } finally {
            server.close();
        }
        «assertTrue»(result.completed(), () -> String.join("\\n", lines));
    `,
    b,
  );
  f.indent(() => {
    f.print(b["assertEquals"] as Printable, `(List.of(${plan.sent.map(str).join(", ")}), result.sent());`);
    f.print(b["assertEquals"] as Printable, `(List.of(${plan.answers.map(str).join(", ")}), result.answers());`);
    for (const e of plan.events) f.print(b["assertTrue"] as Printable, `(result.events().contains(${str(e)}), () -> String.join(", ", result.events()));`);
  });
  f.print("}");
}

function printBroadcastTest(f: FileBuilder, view: JavaView, plan: TestPlan, b: Bindings): void {
  const bc = plan.broadcast;
  if (bc === undefined) return;
  const name = str(bc.event.name);
  f.doc(`The listener's session gets the ${bc.event.name} the actor's messages cause.`);
  printTemplate(
    f,
    `
    @«Test»
    void aBroadcastReachesAnotherClient() throws Exception {
        «Server» server = new «Server»(0);
        server.start();
        «Client» listener = «connected»(server.port());
        «Client» actor = «connected»(server.port());
        try {
    `,
    b,
  );
  f.indent(() =>
    f.indent(() => {
      for (const line of sendSteps(view, b, "listener", bc.listener)) f.print(...line);
      for (const line of sendSteps(view, b, "actor", bc.actor)) f.print(...line);
      printTemplate(
        f,
        `
        long deadline = System.currentTimeMillis() + «TIMEOUT_MS»;
        «List»<String> seen = new «ArrayList»<>();
        while (!seen.contains(${name})) {
            // RequestTimeout (the test fails) when nothing more comes in time.
            seen.add(listener.nextEvent(Math.max(1, deadline - System.currentTimeMillis())).messageName());
        }
        «assertTrue»(seen.contains(${name}));
        `,
        b,
      );
    }),
  );
  printTemplate(
    f,
    `
        } finally {
            listener.close();
            actor.close();
            server.close();
        }
    }
    `,
    b,
  );
}
