// Shared pieces of the generated Java transport tests: the names the
// templates bind (symbols, so the import manager writes the imports), the
// helper class TransportTesting.java (the bound of every wait and the probe:
// what a fresh client sends to prove the server still serves) and the
// statements that send a list of messages. The tests are printed from the
// same plan as every language's (transport-common/test-plan.ts).
import type { Message } from "../../../spec/model.js";
import type { FileBuilder, FileSet } from "../../index.js";
import { stringLiteral } from "../../literals/string-literal.js";
import { symbols, type Printable } from "../../symbols.js";
import type { Bindings } from "../../transport-common/template.js";
import type { TestPlan } from "../../transport-common/test-plan.js";
import { printTemplate } from "../../transport-common/template.js";
import { clientClass, clientMethod, serverClass } from "./demo-names.js";
import { demoType, handlerMethod, mainType, makeMethod, transportType, type JavaView } from "./handlers-builder.js";

export const TESTING = "TransportTesting";

export const str = (s: string): string => stringLiteral.java(s);

/** A test class (or helper) in src/test/java/<pkgDir>/, in the protocol's package, with its doc. */
export function testClassFile(files: FileSet, view: JavaView, cls: string, doc: string): FileBuilder {
  const f = files.file(`java/src/test/java/${view.model.pkgDir}/${cls}.java`, "java", { module: view.model.pkg, localNames: [cls] });
  f.doc(doc);
  return f;
}

const statics = (cls: string, ...members: string[]): Record<string, Printable> =>
  Object.fromEntries(members.map((m) => [m, symbols.java.staticMember(`${cls}.${m}`)]));

/** The names every transport test template may use. */
export function bindings(view: JavaView, plan: TestPlan): Record<string, Printable> {
  const t = (q: string): Printable => symbols.java.type(q);
  const b: Record<string, Printable> = {
    ...statics(
      "org.junit.jupiter.api.Assertions",
      "assertEquals",
      "assertTrue",
      "assertFalse",
      "assertNotNull",
      "assertNull",
      "assertInstanceOf",
      "assertThrows",
      "assertTimeoutPreemptively",
    ),
    ...statics(`${view.model.pkg}.${TESTING}`, "TIMEOUT_MS", "connected", "probe", "assertServes", "within", "eventually"),
    Test: t("org.junit.jupiter.api.Test"),
    Timeout: t("org.junit.jupiter.api.Timeout"),
    BeforeEach: t("org.junit.jupiter.api.BeforeEach"),
    AfterEach: t("org.junit.jupiter.api.AfterEach"),
    List: t("java.util.List"),
    ArrayList: t("java.util.ArrayList"),
    Collections: t("java.util.Collections"),
    Duration: t("java.time.Duration"),
    TimeUnit: t("java.util.concurrent.TimeUnit"),
    Callable: t("java.util.concurrent.Callable"),
    BooleanSupplier: t("java.util.function.BooleanSupplier"),
    Predicate: t("java.util.function.Predicate"),
    AtomicInteger: t("java.util.concurrent.atomic.AtomicInteger"),
    DatagramSocket: t("java.net.DatagramSocket"),
    DatagramPacket: t("java.net.DatagramPacket"),
    CompletableFuture: t("java.util.concurrent.CompletableFuture"),
    ExecutorService: t("java.util.concurrent.ExecutorService"),
    Executors: t("java.util.concurrent.Executors"),
    Future: t("java.util.concurrent.Future"),
    Socket: t("java.net.Socket"),
    ServerSocket: t("java.net.ServerSocket"),
    InetAddress: t("java.net.InetAddress"),
    InetSocketAddress: t("java.net.InetSocketAddress"),
    SocketException: t("java.net.SocketException"),
    SocketTimeoutException: t("java.net.SocketTimeoutException"),
    IOException: t("java.io.IOException"),
    ByteArrayOutputStream: t("java.io.ByteArrayOutputStream"),
    OutputStream: t("java.io.OutputStream"),
    ByteBuffer: t("java.nio.ByteBuffer"),
    StandardCharsets: t("java.nio.charset.StandardCharsets"),
    Arrays: t("java.util.Arrays"),
    Client: transportType(view, clientClass(view)),
    Server: transportType(view, serverClass(view)),
    ClientOptions: transportType(view, "ClientOptions"),
    ServerOptions: transportType(view, "ServerOptions"),
    RetryPolicy: transportType(view, "RetryPolicy"),
    RateLimit: transportType(view, "RateLimit"),
    ServerSession: transportType(view, "ServerSession"),
    Trace: transportType(view, "Trace"),
    TransportException: transportType(view, "TransportException"),
    RequestTimeout: transportType(view, "RequestTimeout"),
    ConnectFailed: transportType(view, "ConnectFailed"),
    DeliveryFailed: transportType(view, "DeliveryFailed"),
    ServerHandlers: mainType(view, "ServerHandlers"),
    ClientHandlers: mainType(view, "ClientHandlers"),
    Message: mainType(view, "Message"),
    Codec: mainType(view, "Codec"),
    Frame: mainType(view, "Frame"),
    Deframer: mainType(view, "Deframer"),
    StateError: mainType(view, "StateError"),
    DemoServer: demoType(view, "DemoServer"),
    DemoClient: demoType(view, "DemoClient"),
    Samples: demoType(view, "Samples"),
    TransportTesting: mainType(view, TESTING),
  };
  const p = plan.probe;
  if (p !== undefined) {
    b["Probe"] = mainType(view, view.model.className(p.request.name));
    b["ProbeOk"] = mainType(view, view.model.className(p.ok.name));
    b["makeProbe"] = makeMethod(view, p.request);
    b["probeMethod"] = clientMethod(view, p.request);
    b["onProbe"] = handlerMethod(view, p.request);
    if (p.error !== undefined) b["ProbeError"] = mainType(view, view.model.className(p.error.name));
  }
  if (plan.second !== undefined) {
    b["Second"] = mainType(view, view.model.className(plan.second.name));
    b["makeSecond"] = makeMethod(view, plan.second);
    b["secondMethod"] = clientMethod(view, plan.second);
    if (plan.second.error !== undefined) b["SecondError"] = mainType(view, view.model.className(plan.second.error));
  }
  return b;
}

/** The statements that send `messages` on `client` (requests checked to get their first response). */
export function sendSteps(view: JavaView, b: Bindings, client: string, messages: readonly Message[]): Printable[][] {
  return messages.map((m) => {
    const call = [`${client}.${clientMethod(view, m)}(`, b["Samples"] as Printable, `.${makeMethod(view, m)}(${client}))`];
    if (m.kind !== "request") return [...call, ";"];
    return [b["assertInstanceOf"] as Printable, "(", mainType(view, view.model.className(m.responses[0] as string)), ".class, ", ...call, ");"];
  });
}

/** TransportTesting.java: the wait bound, `within`, the probe and `assertServes`. */
export function emitTestingHelper(files: FileSet, view: JavaView, plan: TestPlan): void {
  const f = testClassFile(files, view, TESTING, `Helpers of the transport tests of ${view.spec.protocol.name}: bounded waits and the probe (the first request of a session).`);
  const b = bindings(view, plan);
  f.block(`final class ${TESTING} {`, () => {
    printTemplate(
      f,
      `
      /** Upper bound of every wait, in milliseconds. */
      static final long TIMEOUT_MS = 10_000;

      private ${TESTING}() {
      }

      /** What \`task\` returns, run on another thread; fails the test when it takes longer than \`ms\`. */
      static <T> T within(long ms, «Callable»<T> task) {
          return «assertTimeoutPreemptively»(«Duration».ofMillis(ms), task::call);
      }

      /** Waits until \`condition\` holds, polling every 10 ms for at most TIMEOUT_MS; whether it does. */
      static boolean eventually(«BooleanSupplier» condition) throws InterruptedException {
          long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000L;
          while (!condition.getAsBoolean()) {
              if (System.nanoTime() > deadline) {
                  return false;
              }
              Thread.sleep(10);
          }
          return true;
      }

      /** A connected client of the server on \`port\`. */
      static «Client» connected(int port) throws «TransportException» {
          «Client» client = new «Client»("127.0.0.1", port);
          client.connect();
          return client;
      }

      /** Sends the first request of a session and checks that it succeeds. */
      static void probe(«Client» client) throws «TransportException» {
      `,
      b,
    );
    f.indent(() => {
      const p = plan.probe;
      if (p === undefined) f.print(b["assertTrue"] as Printable, "(client.connected());");
      else for (const line of sendSteps(view, b, "client", [...p.prefix, p.request])) f.print(...line);
    });
    printTemplate(
      f,
      `
      }

      /** A fresh client connects and completes the probe: the server still serves. */
      static void assertServes(int port) throws «TransportException» {
          «Client» client = connected(port);
          try {
              probe(client);
          } finally {
              client.close();
          }
      }
      `,
      b,
    );
  });
}
