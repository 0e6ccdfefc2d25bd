// <pkg>/demo.py: `python -m <pkg>.demo server` serves with the default
// handlers, `python -m <pkg>.demo client` runs the session flow derived from
// the role machines (deriveSessionFlow), printing each message sent and
// received on one line. make_<message>() builds a realistic sample of every
// message the client sends (the tests use them too).
import type { Message } from "../../../spec/model.js";
import type { FlowStep } from "../../../spec/flows.js";
import { defaultPort as commonDefaultPort, scriptOf as commonScriptOf, type ScriptStep } from "../../transport-common/script.js";
import type { FileSet } from "../../file-set.js";
import type { FileBuilder } from "../../printer.js";
import { names } from "../../naming/names.js";
import { stringLiteral } from "../../literals/string-literal.js";
import type { Printable } from "../../symbols.js";
import type { Behaviour } from "../../transport-common/behaviour.js";
import { sampleSources } from "../../transport-common/source-policies.js";
import { identityOverrides, printIdentityCounter } from "../behaviour/demo-identity.js";
import { buildMessage, newScope } from "./builder.js";
import { ownModule, paths, projectSymbols, pyStd, type TransportContext } from "./context.js";
import { printExpr } from "./expr.js";
import { clientClassName, clientMethods, serverClassName } from "./facade-files.js";
import { sampleOf } from "../../transport-common/samples.js";

/** A stable default port per protocol, 7000..7999. */
export const defaultPort = (ctx: TransportContext): number => commonDefaultPort(ctx);

export function makeFunction(message: Message): string {
  return names.python.method(`make_${names.python.method(message.name)}`);
}

export type { ScriptStep } from "../../transport-common/script.js";

/** The flow as client actions: requests whose answer comes later in the flow become tasks (`pending_<request>`) awaited there. */
export function scriptOf(ctx: TransportContext, flow: readonly FlowStep[]): ScriptStep[] {
  return commonScriptOf(ctx, flow, (m, n) => {
    const base = `pending_${names.python.method(m.name)}`;
    return n === 1 ? base : `${base}_${n}`;
  });
}

export function emitDemo(files: FileSet, ctx: TransportContext, behaviour: Behaviour): void {
  const f = files.file(paths.pkg(ctx, "demo.py"), "python", { module: ownModule(ctx, "pkg", "demo") });
  const sym = projectSymbols(ctx, "pkg");
  const Optional = pyStd.from("typing", "Optional");
  const Callable = pyStd.from("typing", "Callable");
  const asyncio = pyStd.module("asyncio");
  const client = sym.from("transport.client", clientClassName(ctx));
  const server = sym.from("transport.server", serverClassName(ctx));
  const { initiator, responder } = ctx.spec.roles;
  const script = scriptOf(ctx, behaviour.flow);
  f.preamble(
    `"""Demo of ${ctx.spec.protocol.name} ${ctx.spec.protocol.version} over ${ctx.transport.toUpperCase()}.\n\n` +
      `    python -m ${ctx.pkg}.demo server [--host HOST] [--port PORT]   the ${responder.name}, default handlers\n` +
      `    python -m ${ctx.pkg}.demo client [--host HOST] [--port PORT]   the ${initiator.name}: one session\n\n` +
      `The client's session follows the role machines:\n` +
      behaviour.flow.map((s) => `    ${s.from === "initiator" ? initiator.name : responder.name}: ${s.message}`).join("\n") +
      '\n"""',
  );
  f.addImport(pyStd.from("__future__", "annotations"));
  for (const n of ["DEFAULT_HOST", "DEFAULT_PORT", "TRANSPORT", "say", "DemoResult", "converse", "run_client", "run_server", "main"]) f.declare(n);

  f.print("DEFAULT_HOST = \"127.0.0.1\"");
  f.print("DEFAULT_PORT = ", String(defaultPort(ctx)));
  f.print("TRANSPORT = ", stringLiteral.python(ctx.transport));
  f.print("EVENT_WAIT_MS = 2000");
  f.doc("How long the client waits for an event the flow expects.");
  f.print();
  f.print();
  f.block("def say(line: str) -> None:", () => {
    f.doc("Prints one line at once (also when the output is a pipe).");
    f.print("print(line, flush=True)");
  });
  f.print();
  f.print();
  f.print("@", pyStd.from("dataclasses", "dataclass"));
  f.block("class DemoResult:", () => {
    f.doc("What happened in a demo session: message names in order.");
    const field = pyStd.from("dataclasses", "field");
    f.print("sent: list[str] = ", field, "(default_factory=list)");
    f.print("answers: list[str] = ", field, "(default_factory=list)");
    f.print("events: list[str] = ", field, "(default_factory=list)");
    f.print("completed: bool = False");
  });

  const clientBase = sym.from("transport.client_base", "ClientBase");
  f.print();
  f.print();
  printIdentityCounter(f, ctx);
  let first = true;
  for (const m of ctx.initiated("initiator")) {
    if (!first) {
      f.print();
      f.print();
    }
    first = false;
    const isAuth = behaviour.auth === m;
    const scope = newScope(
      { ...sampleSources(ctx, (cls: Printable) => ["client.last(", cls, ") if client is not None else None"]), ctx, sym, overrides: identityOverrides(ctx, m) },
      ["client", "message", "self"],
    );
    const e = buildMessage(scope, m, sampleOf(ctx, m.name, { optionals: true, self: isAuth }));
    f.block(["def ", makeFunction(m), "(client: ", Optional, "[", clientBase, "] = None) -> ", sym.cls(m.name), ":"], () => {
      f.doc(`A sample ${m.name}${scope.locals.size > 0 ? ", with the ids the server handed out when `client` got them" : ""}.`);
      for (const local of scope.locals.values()) f.print(...local.init);
      printExpr(f, 1, ["return "], e);
    });
  }

  f.print();
  f.print();
  f.block(["async def converse(client: ", client, ", out: ", Callable, "[[str], None] = say) -> DemoResult:"], () => {
    f.doc("Runs the session of the module docstring; stops early when the server refuses a step.");
    f.print("result = DemoResult()");
    const methods = clientMethods(ctx);
    f.block("try:", () => {
      if (script.length === 0) f.print("pass");
      for (const step of script) emitStep(f, ctx, step, methods, asyncio);
    });
    f.block(["except (", sym.from("errors", "ProtocolError"), ", ", sym.from("transport.failures", "TransportError"), ") as error:"], () => {
      f.print('out(f"stopped: {error}")');
      f.print("return result");
    });
    f.block("while not client.events.empty():", () => f.print("result.events.append(client.events.get_nowait().NAME)"));
    f.print("result.completed = True");
    f.print("return result");
  });

  f.print();
  f.print();
  f.block(
    ["async def run_client(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, out: ", Callable, "[[str], None] = say, options: ", Optional, "[", sym.from("transport.options", "ClientOptions"), "] = None) -> DemoResult:"],
    () => {
      f.doc(`Connects as the ${initiator.name}, runs one session and prints each message.`);
      f.print("settings = ", pyStd.from("dataclasses", "replace"), "(options if options is not None else ", sym.from("transport.options", "ClientOptions"), "(), trace=out)");
      f.block(["async with ", client, "(host, port, options=settings) as client:"], () => {
        f.print(`out(f"connected to {host}:{port} over ${ctx.transport.toUpperCase()} as the ${initiator.name}")`);
        f.print("result = await converse(client, out)");
      });
      f.print('out(f"done: sent {len(result.sent)}, received {len(result.answers)} answers and {len(result.events)} events")');
      f.print("return result");
    },
  );

  f.print();
  f.print();
  f.block(
    [
      "async def run_server(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, out: ", Callable, "[[str], None] = say, stop: ", Optional, "[", asyncio, ".Event] = None, ready: ",
      Optional, "[", Callable, "[[", server, "], None]] = None) -> None:",
    ],
    () => {
      f.doc(`Serves as the ${responder.name} with the default handlers until \`stop\` is set; prints each message.`);
      f.block(["async with ", server, "(host=host, port=port, options=", sym.from("transport.options", "ServerOptions"), "(trace=out)) as server:"], () => {
        f.print(`out(f"${ctx.spec.protocol.name} ${ctx.spec.protocol.version} ${responder.name} listening on {host}:{server.port} over ${ctx.transport.toUpperCase()}")`);
        f.block("if ready is not None:", () => f.print("ready(server)"));
        f.print("await (stop if stop is not None else ", asyncio, ".Event()).wait()");
      });
    },
  );

  f.print();
  f.print();
  f.block("async def _serve_until_signal(host: str, port: int) -> None:", () => {
    f.print("stop = ", asyncio, ".Event()");
    f.print("loop = ", asyncio, ".get_running_loop()");
    f.block(["for signum in (", pyStd.module("signal"), ".SIGINT, ", pyStd.module("signal"), ".SIGTERM):"], () => {
      f.block("try:", () => f.print("loop.add_signal_handler(signum, stop.set)"));
      f.block("except (NotImplementedError, RuntimeError):", () => f.print("pass"));
    });
    f.print("await run_server(host, port, stop=stop)");
  });

  f.print();
  f.print();
  f.block(["def main(argv: ", Optional, "[list[str]] = None) -> int:"], () => {
    const argparse = pyStd.module("argparse");
    f.print("parser = ", argparse, `.ArgumentParser(prog="python -m ${ctx.pkg}.demo", description=${stringLiteral.python(`Demo of ${ctx.spec.protocol.name} ${ctx.spec.protocol.version}`)})`);
    f.print('roles = parser.add_subparsers(dest="role", required=True)');
    f.block(`for role, text in (("server", ${stringLiteral.python(`serve as the ${responder.name}`)}), ("client", ${stringLiteral.python(`run one session as the ${initiator.name}`)})):`, () => {
      f.print("sub = roles.add_parser(role, help=text)");
      f.print('sub.add_argument("--host", default=DEFAULT_HOST)');
      f.print('sub.add_argument("--port", type=int, default=DEFAULT_PORT)');
      f.print('sub.add_argument("--transport", choices=[TRANSPORT], default=TRANSPORT, help="the transport this project was generated for")');
    });
    f.print("args = parser.parse_args(argv)");
    f.print(pyStd.module("logging"), '.basicConfig(level=', pyStd.module("logging"), '.WARNING, format="%(levelname)s %(name)s: %(message)s")');
    f.block('if args.role == "server":', () => {
      f.block("try:", () => f.print(asyncio, ".run(_serve_until_signal(args.host, args.port))"));
      f.block("except KeyboardInterrupt:", () => f.print("pass"));
      f.print("return 0");
    });
    f.print("result = ", asyncio, ".run(run_client(args.host, args.port))");
    f.print("return 0 if result.completed else 1");
  });
  f.print();
  f.print();
  f.block('if __name__ == "__main__":', () => f.print(pyStd.module("sys"), ".exit(main())"));
}

function emitStep(f: FileBuilder, ctx: TransportContext, step: ScriptStep, methods: Map<string, string>, asyncio: Printable): void {
  const m = ctx.message(step.message);
  const method = methods.get(m.name) ?? names.python.method(m.name);
  switch (step.kind) {
    case "request":
      f.print(`result.sent.append(${stringLiteral.python(m.name)})`);
      if (step.task === undefined) {
        f.print(`result.answers.append((await client.${method}(${makeFunction(m)}(client))).NAME)`);
      } else {
        f.print(step.task, " = ", asyncio, `.ensure_future(client.${method}(${makeFunction(m)}(client)))`);
        // Awaited later; when an earlier step stops the session first, its failure must not end in
        // asyncio's "Task exception was never retrieved" and a traceback.
        f.print(step.task, ".add_done_callback(lambda task: None if task.cancelled() else task.exception())");
        f.print("await ", asyncio, ".sleep(0)");
      }
      return;
    case "oneway":
      f.print(`result.sent.append(${stringLiteral.python(m.name)})`);
      f.print(`await client.${method}(${makeFunction(m)}(client))`);
      return;
    case "await":
      f.print(`result.answers.append((await ${step.task}).NAME)`);
      return;
    case "answer":
      return;
    case "event":
      f.block("try:", () => {
        f.print("event = await client.next_event(EVENT_WAIT_MS)");
        f.print("result.events.append(event.NAME)");
      });
      f.block(["except ", asyncio, ".TimeoutError:"], () => f.print(`out(${stringLiteral.python(`(no ${m.name} arrived)`)})`));
      return;
    case "auto":
      f.print(`# ${m.name}: answered by the handlers`);
      return;
  }
}
