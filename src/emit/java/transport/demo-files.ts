// The demo (docs/targets/java-contract.md, "Demo"; docs/interop.md), the same
// session and line formats as Python's demo.py and JavaScript's demo/*.js:
//   demo/Samples.java     make<Message>(client): realistic samples of what the client sends; the demo settings
//   demo/DemoServer.java  `java -cp … <pkg>.demo.DemoServer [--host H] [--port P]`: serves with the default handlers;
//                         first line `<protocol> <version> <responder> listening on H:P over T` (the bound port);
//                         SIGTERM or SIGINT closes the server and exits 0
//   demo/DemoClient.java  `… <pkg>.demo.DemoClient [--host H] [--port P]`: one session of the flow
//                         (deriveSessionFlow), one line per message, last `done: sent N, ...`; exit 0/1
// DemoServer.runServer and DemoClient.runClient/converse are public for the tests.
import type { Field } from "../../../spec/model.js";
import type { FileBuilder, FileSet } from "../../index.js";
import { stringLiteral } from "../../literals/string-literal.js";
import { names } from "../../naming/names.js";
import { symbols, type Printable } from "../../symbols.js";
import type { Behaviour } from "../../transport-common/behaviour.js";
import { freshIdentities } from "../../transport-common/demo-answers.js";
import { code, type Expr } from "../../transport-common/expr.js";
import { sampleOf } from "../../transport-common/samples.js";
import { defaultPort, scriptOf, type ScriptStep } from "../../transport-common/script.js";
import { sampleSources } from "../../transport-common/source-policies.js";
import { printTemplate, type Bindings } from "../../transport-common/template.js";
import { javaStr } from "../literals.js";
import { printJavaExpr } from "../tests/syntax.js";
import { buildMessage, listImport, mainType, makeMethod, newScope, specType, transportType, type JavaView } from "./handlers-builder.js";
import { clientClass, clientMethods, serverClass } from "./demo-names.js";

const str = (s: string): string => stringLiteral.java(s);

/** The project path of a class of the demo package. */
export const demoPath = (view: JavaView, cls: string): string => `java/src/main/java/${view.model.pkgDir}/demo/${cls}.java`;

/** The demo script with Java names for the requests answered later (`pendingJoinRoom`, `pendingJoinRoom2`). */
export function javaScript(view: JavaView, behaviour: Behaviour): ScriptStep[] {
  return scriptOf(view, behaviour.flow, (m, n) => `${names.java.method(`pending_${view.model.className(m.name)}`)}${n === 1 ? "" : String(n)}`);
}

/** The line the server prints first: `chat 1.0.0 server listening on HOST:PORT over TCP`. */
export const listeningPrefix = (view: JavaView): string => `${view.spec.protocol.name} ${view.spec.protocol.version} ${view.spec.roles.responder.name} listening on `;

/** The demo package's classes: a spec type of the same name is written qualified in every demo file. */
const DEMO_CLASSES = ["Samples", "DemoServer", "DemoClient"];

function demoFile(files: FileSet, view: JavaView, cls: string): FileBuilder {
  return files.file(demoPath(view, cls), "java", { module: view.demoPkg, localNames: DEMO_CLASSES });
}

export function emitDemo(files: FileSet, view: JavaView, behaviour: Behaviour): void {
  emitSamples(files, view, behaviour);
  emitServer(files, view);
  emitClient(files, view, behaviour);
}

/** The common bindings of the demo's templates. */
function bindings(view: JavaView): Bindings {
  const t = (q: string): Printable => symbols.java.type(q);
  return {
    ClientBase: transportType(view, "ClientBase"),
    ClientOptions: transportType(view, "ClientOptions"),
    ServerOptions: transportType(view, "ServerOptions"),
    Trace: transportType(view, "Trace"),
    TransportException: transportType(view, "TransportException"),
    RequestTimeout: transportType(view, "RequestTimeout"),
    Server: transportType(view, serverClass(view)),
    Client: transportType(view, clientClass(view)),
    ServerHandlers: mainType(view, "ServerHandlers"),
    ClientHandlers: mainType(view, "ClientHandlers"),
    Message: mainType(view, "Message"),
    Optional: t("java.util.Optional"),
    List: t("java.util.List"),
    ArrayList: t("java.util.ArrayList"),
    CompletableFuture: t("java.util.concurrent.CompletableFuture"),
    ExecutionException: t("java.util.concurrent.ExecutionException"),
    CountDownLatch: t("java.util.concurrent.CountDownLatch"),
    LockSupport: t("java.util.concurrent.locks.LockSupport"),
    IOException: t("java.io.IOException"),
    T: view.transport.toUpperCase(),
    transport: str(view.transport),
  };
}

function emitSamples(files: FileSet, view: JavaView, behaviour: Behaviour): void {
  const f = demoFile(files, view, "Samples");
  const b = bindings(view);
  const { spec } = view;
  f.doc(
    `Demo of ${spec.protocol.name} ${spec.protocol.version} over ${view.transport.toUpperCase()}: the settings of both sides, the command line,\n` +
      `and realistic samples of what the ${spec.roles.initiator.name} sends.`,
  );
  f.block("public final class Samples {", () => {
    printTemplate(
      f,
      `
      public static final String DEFAULT_HOST = "127.0.0.1";
      public static final int DEFAULT_PORT = ${defaultPort(view)};
      public static final String TRANSPORT = «transport»;
      /** How long the client waits for an event the flow expects, in milliseconds. */
      public static final long EVENT_WAIT_MS = 2000;
      /** How long a request started ahead (Pending) may take to leave before the session goes on, in milliseconds. */
      public static final long SEND_WAIT_MS = 2000;

      private Samples() {
      }

      /** The demo's command line: where to listen or connect. */
      public record Args(String host, int port) {
      }

      /** Prints one line at once (also when the output is a pipe); lines of different threads never mix. */
      public static synchronized void say(String line) {
          System.out.println(line);
          System.out.flush();
      }

      /**
       * \`--host H --port P\` (and \`--transport ${view.transport}\`, the only one) from the command line of \`command\`; exits 2 on a bad one.
       */
      public static Args demoArgs(String command, String[] argv) {
          String usage = "usage: java -cp target/classes:target/dependency/* " + command + " [--host HOST] [--port PORT]";
          String host = DEFAULT_HOST;
          int port = DEFAULT_PORT;
          for (int i = 0; i < argv.length; i++) {
              String arg = argv[i];
              if (arg.equals("-h") || arg.equals("--help")) {
                  say(usage);
                  System.exit(0);
              }
              int eq = arg.indexOf('=');
              String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
              String value = arg.startsWith("--") && eq > 0 ? arg.substring(eq + 1) : i + 1 < argv.length ? argv[++i] : null;
              if (value == null) {
                  usageError(usage, name + " needs a value");
              } else if (name.equals("--host")) {
                  host = value;
              } else if (name.equals("--port")) {
                  try {
                      port = Integer.parseInt(value);
                  } catch (NumberFormatException e) {
                      port = -1;
                  }
                  if (port < 0 || port > 65535) {
                      usageError(usage, "--port must be a number in 0..65535, not " + value);
                  }
              } else if (name.equals("--transport")) {
                  if (!value.equals(TRANSPORT)) {
                      usageError(usage, "this project speaks " + TRANSPORT + " only");
                  }
              } else {
                  usageError(usage, "unknown option " + name);
              }
          }
          return new Args(host, port);
      }

      private static void usageError(String usage, String problem) {
          System.err.println(problem);
          System.err.println(usage);
          System.exit(2);
      }

      /** The last \`type\` the server sent \`client\`, if any (none without a client). */
      public static <T extends «Message»> «Optional»<T> last(«ClientBase» client, Class<T> type) {
          return client == null ? Optional.empty() : client.last(type);
      }

      /** A request whose answer comes later in the session: sent on a thread of its own, awaited with \`await()\`. */
      public static final class Pending {
          private final «CompletableFuture»<«Message»> answer = new CompletableFuture<>();

          /** The answer (a response or the error message); the request's own failure if it failed. */
          public Message await() throws «TransportException» {
              try {
                  return answer.get();
              } catch («ExecutionException» e) {
                  if (e.getCause() instanceof TransportException failure) {
                      throw failure;
                  }
                  if (e.getCause() instanceof RuntimeException failure) {
                      throw failure;
                  }
                  throw new IllegalStateException(e.getCause());
              } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException("interrupted while waiting for an answer", e);
              }
          }
      }

      /** A request of \`client\`, as a call that may fail. */
      @FunctionalInterface
      public interface Call {
          Message run() throws TransportException;
      }

      /**
       * Starts \`call\` on its own thread and returns once the request has left (the client's role machine moved on),
       * so that the next message of the session follows it; waits at most SEND_WAIT_MS for that.
       */
      public static Pending start(ClientBase client, Call call) {
          Pending pending = new Pending();
          String before = client.state();
          Thread thread = new Thread(() -> {
              try {
                  pending.answer.complete(call.run());
              } catch (TransportException | RuntimeException e) {
                  pending.answer.completeExceptionally(e);
              }
          }, "demo-pending-request");
          thread.setDaemon(true);
          thread.start();
          long deadline = System.nanoTime() + SEND_WAIT_MS * 1_000_000L;
          while (client.state().equals(before) && !pending.answer.isDone() && System.nanoTime() < deadline) {
              «LockSupport».parkNanos(100_000L);
          }
          return pending;
      }
      `,
      b,
    );
    const exprs: Expr[] = [];
    const fresh = freshIdentityField(view, behaviour);
    if (fresh !== undefined) emitFreshIdentity(f, fresh.field);
    for (const m of view.initiated("initiator")) {
      f.print();
      const isAuth = behaviour.auth === m;
      const overrides = isAuth && fresh !== undefined ? new Map([[fresh.field.name, code(`freshIdentity(${javaStr(fresh.sample)})`)]]) : undefined;
      const scope = newScope(
        { ...sampleSources(view, () => []), view, lookup: (cls: Printable) => ["last(client, ", cls, ".class)"], ...(overrides === undefined ? {} : { overrides }) },
        ["client", "message"],
      );
      const e = buildMessage(scope, m, sampleOf(view, m.name, { optionals: true, self: isAuth }));
      exprs.push(e);
      const cls = specType(view, m.name);
      const fn = makeMethod(view, m);
      f.doc(`A sample ${m.name}${scope.locals.size > 0 ? ", with the ids the server handed out when `client` got them" : ""}.`);
      f.block(["public static ", cls, ` ${fn}(`, b["ClientBase"] as Printable, " client) {"], () => {
        for (const local of scope.locals.values()) f.print(...local.init);
        printJavaExpr(f, 2, ["return "], e, ";");
      });
      f.print();
      f.doc(`A sample ${m.name} without a client.`);
      f.block(["public static ", cls, ` ${fn}() {`], () => f.print(`return ${fn}(null);`));
    }
    for (const s of listImport(exprs)) f.addImport(s);
  });
}

/** The authentication message's string identity field and its sample, when the behaviour refuses a name a live session has. */
function freshIdentityField(view: JavaView, behaviour: Behaviour): { readonly field: Field; readonly sample: string } | undefined {
  const auth = behaviour.auth;
  const ref = view.spec.behaviour?.session?.identity;
  if (auth === undefined || ref === undefined || !freshIdentities(view)) return undefined;
  const field = auth.fields.find((x) => `${auth.name}.${x.name}` === ref);
  const sample = field === undefined ? undefined : sampleOf(view, auth.name, { optionals: true, self: true })[field.name];
  return field?.type.kind === "string" && typeof sample === "string" ? { field, sample } : undefined;
}

function emitFreshIdentity(f: FileBuilder, field: Field): void {
  const max = field.constraints.maxLength;
  f.print();
  f.doc("Identities handed out so far.");
  f.print("private static final ", symbols.java.type("java.util.concurrent.atomic.AtomicInteger"), " IDENTITIES = new AtomicInteger();");
  f.print();
  f.doc("`base` the first time, then `base2`, `base3`, ...: each login its own identity (the server refuses one a live session has).");
  f.block("public static String freshIdentity(String base) {", () => {
    f.print("int n = IDENTITIES.incrementAndGet();");
    f.block("if (n == 1) {", () => f.print("return base;"));
    f.print("String suffix = String.valueOf(n);");
    f.print(max === undefined ? "return base + suffix;" : `return base.substring(0, Math.min(base.length(), ${max} - suffix.length())) + suffix;`);
  });
}

function emitServer(files: FileSet, view: JavaView): void {
  const f = demoFile(files, view, "DemoServer");
  const { spec } = view;
  const T = view.transport.toUpperCase();
  f.doc(
    [
      `Demo of ${spec.protocol.name} ${spec.protocol.version} over ${T}: the ${spec.roles.responder.name} with the default handlers.`,
      "",
      `    java -cp target/classes:target/dependency/* ${view.demoPkg}.DemoServer [--host HOST] [--port PORT]`,
      "",
      `The first line is \`${listeningPrefix(view)}HOST:PORT over ${T}\` with the bound port (so --port 0 works);`,
      "then one line per message. Runs until SIGTERM or SIGINT, then closes the server and exits 0.",
    ].join("\n"),
  );
  printTemplate(
    f,
    `
    public final class DemoServer {
        private DemoServer() {
        }

        /** Starts the ${spec.roles.responder.name} with \`handlers\` and prints the listening line to \`out\`; returns the running server. */
        public static «Server» runServer(String host, int port, «Trace» out, «ServerHandlers» handlers) throws «IOException» {
            «Server» server = new «Server»(handlers, host, port, «ServerOptions».defaults().withTrace(out));
            server.start();
            out.line(${str(listeningPrefix(view))} + host + ":" + server.port() + ${str(` over ${T}`)});
            return server;
        }

        /** Serves until SIGTERM or SIGINT, then closes the server and exits 0. */
        public static void main(String[] args) throws Exception {
            Samples.Args where = Samples.demoArgs(${str(`${view.demoPkg}.DemoServer`)}, args);
            «Server» server = runServer(where.host(), where.port(), Samples::say, new ServerHandlers());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                int status = 0;
                try {
                    server.close();
                } catch (RuntimeException e) {
                    System.err.println("closing failed: " + e.getMessage());
                    status = 1;
                }
                System.out.flush();
                // Without halt the JVM would end with 128 + the signal's number; the demo contract says 0.
                Runtime.getRuntime().halt(status);
            }, "demo-server-shutdown"));
            new «CountDownLatch»(1).await();
        }
    }
    `,
    bindings(view),
  );
}

function emitClient(files: FileSet, view: JavaView, behaviour: Behaviour): void {
  const f = demoFile(files, view, "DemoClient");
  const { spec } = view;
  const { initiator, responder } = spec.roles;
  const T = view.transport.toUpperCase();
  const b = bindings(view);
  const script = javaScript(view, behaviour);
  f.doc(
    [
      `Demo of ${spec.protocol.name} ${spec.protocol.version} over ${T}: the ${initiator.name}, one session.`,
      "",
      `    java -cp target/classes:target/dependency/* ${view.demoPkg}.DemoClient [--host HOST] [--port PORT]`,
      "",
      "One line per message (`->` sent, `<-` received), the last one `done: sent N, received N answers",
      "and N events`; exits 0 when the session completed, 1 otherwise. The session follows the role machines:",
      ...behaviour.flow.map((s) => `    ${s.from === "initiator" ? initiator.name : responder.name}: ${s.message}`),
    ].join("\n"),
  );
  f.block("public final class DemoClient {", () => {
    printTemplate(
      f,
      `
      private DemoClient() {
      }

      /** What happened in a demo session: message names in order. */
      public record Result(«List»<String> sent, List<String> answers, List<String> events, boolean completed) {
      }

      /** Runs the session of the header with \`client\` (whose handlers are \`handlers\`); stops early when the server refuses a step. */
      public static Result converse(«Client» client, «ClientHandlers» handlers, «Trace» out) {
          List<String> sent = new «ArrayList»<>();
          List<String> answers = new ArrayList<>();
          List<String> events = new ArrayList<>();
          try {
      `,
      b,
    );
    const methods = clientMethods(view);
    f.indent(() =>
      f.indent(() => {
        for (const step of script) emitStep(f, view, step, methods);
      }),
    );
    const asked = view.initiated("responder").filter((m) => m.kind === "request");
    f.indent(() =>
      printTemplate(
        f,
        `
        } catch («TransportException» | RuntimeException e) {
            out.line("stopped: " + e.getMessage());
            return new Result(sent, answers, events, false);
        }
        for («Message» message : handlers.received()) {
        `,
        b,
      ),
    );
    f.indent(() =>
      f.indent(() => {
        if (asked.length === 0) f.print("events.add(message.messageName());");
        else {
          const test = asked.flatMap((m, i) => [i > 0 ? " || " : "", "message instanceof ", specType(view, m.name)]);
          f.block(["if (!(", ...test, ")) {"], () => f.print("events.add(message.messageName());"));
        }
      }),
    );
    printTemplate(
      f,
      `
          }
          return new Result(sent, answers, events, true);
      }

      /** Connects as the ${initiator.name}, runs one session, prints each message and the \`done:\` line to \`out\`. */
      public static Result runClient(String host, int port, «Trace» out, «ClientOptions» options) {
          «ClientHandlers» handlers = new ClientHandlers();
          «Client» client = new «Client»(host, port, handlers, options.withTrace(out));
          Result result = new Result(«List».of(), List.of(), List.of(), false);
          try {
              client.connect();
              out.line("connected to " + host + ":" + port + " over «T» as the ${initiator.name}");
              result = converse(client, handlers, out);
          } catch («TransportException» | RuntimeException e) {
              out.line("stopped: " + e.getMessage());
          } finally {
              client.close();
          }
          out.line("done: sent " + result.sent().size() + ", received " + result.answers().size() + " answers and "
                  + result.events().size() + " events");
          return result;
      }

      /** Runs one session; exits 0 when it completed, 1 otherwise. */
      public static void main(String[] args) {
          Samples.Args where = Samples.demoArgs(${str(`${view.demoPkg}.DemoClient`)}, args);
          Result result = runClient(where.host(), where.port(), Samples::say, «ClientOptions».defaults());
          System.out.flush();
          System.exit(result.completed() ? 0 : 1);
      }
      `,
      b,
    );
  });
}

function emitStep(f: FileBuilder, view: JavaView, step: ScriptStep, methods: Map<string, string>): void {
  const m = view.message(step.message);
  const method = methods.get(m.name) ?? names.java.method(m.name);
  const make = `Samples.${makeMethod(view, m)}(client)`;
  switch (step.kind) {
    case "request":
      f.print(`sent.add(${str(m.name)});`);
      if (step.task === undefined) f.print(`answers.add(client.${method}(${make}).messageName());`);
      else f.print(`Samples.Pending ${step.task} = Samples.start(client, () -> client.${method}(${make}));`);
      return;
    case "oneway":
      f.print(`sent.add(${str(m.name)});`);
      f.print(`client.${method}(${make});`);
      return;
    case "await":
      f.print(`answers.add(${step.task}.await().messageName());`);
      return;
    case "answer":
      return;
    case "event":
      f.print("try {");
      f.print("    client.nextEvent(Samples.EVENT_WAIT_MS);");
      f.print(["} catch (", transportType(view, "RequestTimeout"), " e) {"]);
      f.print(`    out.line(${str(`(no ${m.name} arrived)`)});`);
      f.print("}");
      return;
    case "auto":
      f.print(`// ${m.name}: answered by the handlers`);
      return;
  }
}
