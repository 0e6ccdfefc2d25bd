// test/<transport>.test.js: loopback tests of the chosen transport, as
// Python's tests/test_<transport>.py. The demo server and client run the
// whole session flow; many clients at once; the client's role machine;
// request timeout; broadcast between two clients; and per transport: connect
// retries and reconnection, keepalive and idle timeout, shutdown (TCP);
// idle peers, retransmission of a lost datagram, suppression of a duplicate
// and failed delivery (UDP); shutdown (HTTP).
import type { FileSet } from "../../file-set.js";
import type { FileBuilder } from "../../printer.js";
import type { Printable } from "../../symbols.js";
import { printTemplate, type Bindings } from "../../transport-common/template.js";
import type { TestPlan } from "../../transport-common/test-plan.js";
import type { JsTransportContext } from "./context.js";
import { bindings, jsFile, sendSteps, str } from "./test-support.js";
import { printHttpTests, printTcpTests, printUdpTests } from "./test-loopback-transports.js";

export function emitLoopbackTest(files: FileSet, ctx: JsTransportContext, plan: TestPlan): void {
  const t = ctx.transport;
  const path = `test/${t}.test.js`;
  const f = jsFile(
    files,
    path,
    `Loopback tests of ${ctx.spec.protocol.name} over ${t.toUpperCase()}: the demo session, many clients, the role machine, timeouts${
      t === "udp" ? ", retransmission and duplicates" : t === "tcp" ? ", reconnection, keepalive and shutdown" : " and shutdown"
    }.`,
  );
  const b = bindings(ctx, plan, path);
  if (plan.probe !== undefined) {
    printTemplate(
      f,
      `
      /** Answers the first request of a session only after a second. */
      class SlowHandlers extends «ServerHandlers» {
        /** @override @param {«ServerSession»} session @param {«Probe»} message */
        async «onProbe»(session, message) {
          await «sleep»(1000);
          return super.«onProbe»(session, message);
        }
      }

      /** Counts how often the first request of a session is handled. */
      class CountingHandlers extends «ServerHandlers» {
        calls = 0;

        /** @override @param {«ServerSession»} session @param {«Probe»} message */
        async «onProbe»(session, message) {
          this.calls += 1;
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
    «test»("many clients at once", async () => {
      const server = new «Server»();
      await server.start();
      try {
        const one = async () => {
          const client = await «connected»(server.port);
          try {
            await «probe»(client);
          } finally {
            await client.close();
          }
        };
        await «within»(Promise.all(Array.from({ length: 20 }, one)));
      } finally {
        await server.close();
      }
    });
    `,
    b,
  );
  if (plan.second !== undefined) {
    f.print();
    printTemplate(
      f,
      `
      «test»("the client refuses a message its state does not allow", async () => {
        const server = new «Server»();
        await server.start();
        const client = await «connected»(server.port);
        try {
          const state = client.state;
          await «assert».rejects(client.«secondMethod»(«makeSecond»()), «StateError»);
          «assert».equal(client.state, state);
          await «probe»(client);
        } finally {
          await client.close();
          await server.close();
        }
      });
      `,
      b,
    );
  }
  if (plan.probe !== undefined && plan.probe.prefix.length === 0) {
    f.print();
    printTemplate(
      f,
      `
      «test»("a request times out when no answer comes", async () => {
        const server = new «Server»({ handlers: new SlowHandlers() });
        await server.start();
        const client = new «Client»("127.0.0.1", server.port, { options: { requestTimeoutMs: 200 } });
        await client.connect();
        try {
          await «assert».rejects(client.«probeMethod»(«makeProbe»()), «RequestTimeout»);
        } finally {
          await client.close();
          await server.close();
        }
      });
      `,
      b,
    );
  }
  if (plan.broadcast !== undefined) {
    f.print();
    printBroadcastTest(f, ctx, plan, b, path);
  }
  if (t === "tcp") printTcpTests(f, b);
  if (t === "udp") printUdpTests(f, plan, b);
  if (t === "http") printHttpTests(f, b);
}

function printDemoTest(f: FileBuilder, plan: TestPlan, b: Bindings): void {
  printTemplate(
    f,
    `
    «test»("the demo client and server run the whole session", async () => {
      /** @type {string[]} */
      const lines = [];
      const out = (/** @type {string} */ line) => void lines.push(line);
      const server = await «runServer»("127.0.0.1", 0, { out });
      /** @type {Awaited<ReturnType<typeof «runClient»>>} */
      let result;
      try {
        result = await «within»(«runClient»("127.0.0.1", server.port, { out }), 3 * «TIMEOUT_MS»);
      } finally {
        await «within»(server.close());
      }
      «assert».ok(result.completed, lines.join("\\n"));
    `,
    b,
  );
  f.indent(() => {
    f.print(b["assert"] as Printable, `.deepEqual(result.sent, [${plan.sent.map(str).join(", ")}]);`);
    f.print(b["assert"] as Printable, `.deepEqual(result.answers, [${plan.answers.map(str).join(", ")}]);`);
    for (const e of plan.events) f.print(b["assert"] as Printable, `.ok(result.events.includes(${str(e)}), result.events.join(", "));`);
  });
  f.print("});");
}

function printBroadcastTest(f: FileBuilder, ctx: JsTransportContext, plan: TestPlan, b: Bindings, path: string): void {
  const bc = plan.broadcast;
  if (bc === undefined) return;
  const name = str(bc.event.name);
  f.print("// The listener's session gets the ", bc.event.name, " the actor's messages cause.");
  printTemplate(
    f,
    `
    «test»("a broadcast reaches another client", async () => {
      const server = new «Server»();
      await server.start();
      const listener = await «connected»(server.port);
      const actor = await «connected»(server.port);
      try {
    `,
    b,
  );
  f.indent(() =>
    f.indent(() => {
      for (const line of sendSteps(ctx, path, "listener", bc.listener)) f.print(...line);
      for (const line of sendSteps(ctx, path, "actor", bc.actor)) f.print(...line);
      printTemplate(
        f,
        `
        const deadline = Date.now() + «TIMEOUT_MS»;
        /** @type {string[]} */
        const seen = [];
        for (;;) {
          const event = await listener.nextEvent(Math.max(1, deadline - Date.now()));
          seen.push(event.NAME);
          if (event.NAME === ${name}) break;
        }
        «assert».ok(seen.includes(${name}));
        `,
        b,
      );
    }),
  );
  printTemplate(
    f,
    `
      } finally {
        await listener.close();
        await actor.close();
        await server.close();
      }
    });
    `,
    b,
  );
}
