// test/robustness.test.js: a client that misbehaves (garbage, an oversized
// length, a frame of no message, an invalid payload, a frame split across reads or cut off by a
// disconnect, a message before authentication, a flood over the rate limit)
// gets what the wire format says, and afterwards a fresh client still
// completes a request. One variant per transport, as Python's.
import { ERROR_CODE_TYPE } from "../../../spec/model.js";
import type { FileSet } from "../../file-set.js";
import type { FileBuilder } from "../../printer.js";
import type { Printable } from "../../symbols.js";
import { printTemplate, type Bindings } from "../../transport-common/template.js";
import type { TestPlan } from "../../transport-common/test-plan.js";
import { projectSymbols, type JsTransportContext } from "./context.js";
import { httpRobustness } from "./test-robustness-http.js";
import { RAW } from "./test-raw.js";
import { PEER, printOutOfOrderStart, printRefusal, printStillAnswers, STREAM } from "./test-raw-steps.js";
import { bindings, jsFile } from "./test-support.js";

const PATH = "test/robustness.test.js";

export function emitRobustnessTest(files: FileSet, ctx: JsTransportContext, plan: TestPlan): void {
  const f = jsFile(files, PATH, `Misbehaving ${ctx.spec.roles.initiator.name}s over ${ctx.transport.toUpperCase()}: after each, the server still serves a fresh client.`);
  const b: Record<string, Printable> = { ...bindings(ctx, plan, PATH) };
  const sym = projectSymbols(ctx, PATH);
  for (const n of ["RawStream", "RawPeer", "header", "withTrailingByte"]) b[n] = sym.from(RAW, n);
  const codeField = plan.probe?.error?.fields.find((x) => x.type.kind === "enum" && x.type.name === ERROR_CODE_TYPE);
  const answerable = plan.rateAnswerable && plan.probe?.error !== undefined && codeField !== undefined;
  if (answerable && plan.probe?.error !== undefined && codeField !== undefined) {
    b["ErrorCode"] = sym.cls(ERROR_CODE_TYPE);
    b["codeProp"] = ctx.prop(plan.probe.error.name, codeField.name);
    b["RATE_LIMITED"] = ctx.member(ERROR_CODE_TYPE, "rate_limited");
  }
  printTemplate(
    f,
    `
    /** How long to listen for an answer that must not come, in milliseconds. */
    const QUIET_MS = 300;
    /** Messages sent at once to exceed the test server's rate limit (2 per second, bursts of 4). */
    const FLOOD = 30;
    `,
    b,
  );
  if (answerable) {
    f.print();
    printTemplate(
      f,
      `
      /** @param {«Message» | null} message */
      const isRateLimited = (message) => message instanceof «ProbeError» && message.«codeProp» === «ErrorCode».«RATE_LIMITED»;
      `,
      b,
    );
  }
  f.print();
  printTemplate(
    f,
    `
    «describe»("a misbehaving ${ctx.spec.roles.initiator.name}", () => {
      /** @type {«Server»} */
      let server;

      «beforeEach»(async () => {
        server = new «Server»({ options: { rateLimit: [2, 4] } });
        await server.start();
      });

      «afterEach»(async () => {
        await «within»(server.close());
      });
    `,
    b,
  );
  f.indent(() => {
    if (ctx.transport === "tcp") tcpRobustness(f, plan, b, answerable);
    else if (ctx.transport === "udp") udpRobustness(f, plan, b, answerable);
    else httpRobustness(f, ctx, plan, b);
  });
  f.print("});");
}

function tcpRobustness(f: FileBuilder, plan: TestPlan, b: Bindings, answerable: boolean): void {
  f.print();
  printTemplate(
    f,
    `
    «test»("garbage closes that connection only", async () => {
      const raw = await «RawStream».open(server.port);
      await raw.send(new TextEncoder().encode("this is not a frame, not even a header"));
      «assert».ok(await raw.closedByServer());
      await «assertServes»(server.port);
    });

    «test»("an oversized length is refused before the body arrives", async () => {
      const raw = await «RawStream».open(server.port);
      await raw.send(«header»(0, 1, 1, «MAX_FRAME_BYTES» - 14 + 1));
      «assert».ok(await raw.closedByServer());
      await «assertServes»(server.port);
    });

    «test»("a frame with message id 0 and no control flag closes that connection only", async () => {
      const raw = await «RawStream».open(server.port);
      await raw.send(«header»(0, 0, 1, 0));
      «assert».ok(await raw.closedByServer());
      await «assertServes»(server.port);
    });
    `,
    b,
  );
  if (plan.probe === undefined) return;
  f.print();
  printTemplate(
    f,
    `
    «test»("frames split across reads are put back together", async () => {
      const raw = await «RawStream».open(server.port);
      for (const byte of «encodeFrame»(«makeProbe»(), 1)) await raw.send(Uint8Array.of(byte));
      const frame = await raw.frame();
      «assert».ok(frame !== null && frame.message instanceof «ProbeOk»);
      «assert».equal(frame.seq, 1);
      raw.close();
    });

    «test»("an abrupt disconnect mid-frame leaves the server serving", async () => {
      let raw = await «RawStream».open(server.port);
      const frame = «encodeFrame»(«makeProbe»(), 1);
      await raw.send(frame.subarray(0, Math.floor(frame.length / 2)));
      raw.abort();
      await «assertServes»(server.port);
      raw = await «RawStream».open(server.port);
      await raw.send(frame.subarray(0, 5));
      raw.close();
      await «assertServes»(server.port);
    });

    «test»("an invalid payload is refused and the connection goes on", async () => {
      const raw = await «RawStream».open(server.port);
      await raw.send(«withTrailingByte»(«encodeFrame»(«makeProbe»(), 1)));
    `,
    b,
  );
  f.indent(() => {
    // Over TCP the refusal is an answer: it carries the RESPONSE flag.
    if (plan.probe?.error !== undefined) printRefusal(f, STREAM, "ProbeError", b, "«assert».ok((refusal.flags & «FLAG_RESPONSE») !== 0);");
    printStillAnswers(f, STREAM, false, b);
  });
  f.print("});");
  if (plan.second !== undefined) {
    f.print();
    f.print(`// ${plan.second.name} before ${plan.probe.request.name}: refused by authentication or the role machine.`);
    printOutOfOrderStart(f, STREAM, false, b);
    f.indent(() => {
      if (plan.second?.error !== undefined) printRefusal(f, STREAM, "SecondError", b, "raw.close();");
      else printTemplate(f, "«assert».ok(await raw.closedByServer());", b);
      printTemplate(f, "await «assertServes»(server.port);", b);
    });
    f.print("});");
  }
  if (plan.rateLimited) {
    f.print();
    printTemplate(
      f,
      `
      «test»("a flood over the rate limit is refused", async () => {
        const raw = await «RawStream».open(server.port);
        await raw.send(«encodeFrame»(«makeProbe»(), 1));
        const first = await raw.frame();
        «assert».ok(first !== null && first.message instanceof «ProbeOk»);
        await raw.send(Buffer.concat(Array.from({ length: FLOOD }, (_, i) => «encodeFrame»(«makeProbe»(), 2 + i))));
        /** @type {(«Message» | null)[]} */
        const answers = [];
        while (answers.length < FLOOD) {
          const frame = await raw.frame();
          if (frame === null) break;
          answers.push(frame.message);
        }
      `,
      b,
    );
    f.indent(() => {
      if (answerable) printTemplate(f, "«assert».ok(answers.some(isRateLimited));\nraw.close();", b);
      else printTemplate(f, "«assert».ok(answers.length < FLOOD); // the server closed the connection", b);
      printTemplate(f, "await «assertServes»(server.port);", b);
    });
    f.print("});");
  }
}

function udpRobustness(f: FileBuilder, plan: TestPlan, b: Bindings, answerable: boolean): void {
  f.print();
  printTemplate(
    f,
    `
    «test»("garbage is dropped without an answer", async () => {
      const raw = await «RawPeer».open(server.port);
      raw.send(new TextEncoder().encode("this is not a frame, not even a header"));
      «assert».equal(await raw.datagram(QUIET_MS), null);
      raw.close();
      await «assertServes»(server.port);
    });

    «test»("an oversized length is dropped without an answer", async () => {
      const raw = await «RawPeer».open(server.port);
      raw.send(«header»(«FLAG_RELIABLE», 1, 1, «MAX_FRAME_BYTES» - 14 + 1));
      «assert».equal(await raw.datagram(QUIET_MS), null);
      raw.close();
      await «assertServes»(server.port);
    });
    `,
    b,
  );
  if (plan.probe === undefined) return;
  const reliable = plan.probe.request.reliable;
  const flags = (r: boolean): string => (r ? "«FLAG_RELIABLE»" : "0");
  f.print();
  printTemplate(
    f,
    `
    «test»("a truncated datagram is dropped and never acknowledged", async () => {
      const raw = await «RawPeer».open(server.port);
      const frame = «encodeFrame»(«makeProbe»(), 1, ${flags(reliable)});
      raw.send(frame.subarray(0, Math.floor(frame.length / 2)));
      «assert».equal(await raw.datagram(QUIET_MS), null);
      raw.close();
      await «assertServes»(server.port);
    });

    «test»("a peer that vanishes mid-request leaves the server serving", async () => {
      const raw = await «RawPeer».open(server.port);
      raw.send(«encodeFrame»(«makeProbe»(), 1, ${flags(reliable)}));
      raw.close();
      await «assertServes»(server.port);
    });

    «test»("an invalid payload is refused and the peer goes on", async () => {
      const raw = await «RawPeer».open(server.port);
      raw.send(«withTrailingByte»(«encodeFrame»(«makeProbe»(), 1, ${flags(reliable)})));
    `,
    b,
  );
  f.indent(() => {
    if (reliable)
      printTemplate(
        f,
        `
        const ack = await raw.frame();
        «assert».ok(ack !== null);
        «assert».deepEqual([ack.control, ack.seq], ["ack", 1]);
        `,
        b,
      );
    if (plan.probe?.error !== undefined) printRefusal(f, PEER, "ProbeError", b);
    printStillAnswers(f, PEER, reliable, b);
  });
  f.print("});");
  if (plan.second !== undefined) {
    f.print();
    f.print(`// ${plan.second.name} before ${plan.probe.request.name}: refused by authentication or the role machine.`);
    printOutOfOrderStart(f, PEER, plan.second.reliable, b);
    f.indent(() => {
      if (plan.second?.error !== undefined) printRefusal(f, PEER, "SecondError", b);
      printTemplate(f, "raw.close();\nawait «assertServes»(server.port);", b);
    });
    f.print("});");
  }
  if (plan.rateLimited) {
    f.print();
    printTemplate(
      f,
      `
      «test»("a flood over the rate limit is refused", async () => {
        const raw = await «RawPeer».open(server.port);
        raw.send(«encodeFrame»(«makeProbe»(), 1, ${flags(reliable)}));
        const first = await raw.message();
        «assert».ok(first !== null && first.message instanceof «ProbeOk»);
        for (let seq = 2; seq < 2 + FLOOD; seq++) raw.send(«encodeFrame»(«makeProbe»(), seq, ${flags(reliable)}));
        /** @type {(«Message» | null)[]} */
        const answers = [];
        while (answers.length < FLOOD) {
          const frame = await raw.message(QUIET_MS * 3);
          if (frame === null) break;
          answers.push(frame.message);
        }
      `,
      b,
    );
    f.indent(() => {
      if (answerable) printTemplate(f, "«assert».ok(answers.some(isRateLimited));", b);
      else printTemplate(f, "«assert».ok(answers.length < FLOOD); // the session was closed", b);
      printTemplate(f, "raw.close();\nawait «assertServes»(server.port);", b);
    });
    f.print("});");
  }
}
