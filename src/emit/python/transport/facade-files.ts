// The typed faces of the transport runtime for this spec:
//   <pkg>/transport/client.py  <Proto>Client: one method per request (typed answer) and per oneway/event
//   <pkg>/transport/server.py  <Proto>Server: dispatches each received message to ServerHandlers
//   <pkg>/transport/__init__.py
import type { Message } from "../../../spec/model.js";
import type { FileSet } from "../../file-set.js";
import type { Transport } from "../../language.js";
import { createNameScope } from "../../naming/name-scope.js";
import { names } from "../../naming/names.js";
import type { FileBuilder } from "../../printer.js";
import type { Printable } from "../../symbols.js";
import { ownModule, paths, projectSymbols, pyStd, type TransportContext } from "./context.js";

/** The runtime classes each transport's facades derive from. */
export const BASES: Readonly<Record<Transport, { readonly client: readonly [string, string]; readonly server: readonly [string, string] }>> = {
  tcp: { client: ["transport.tcp", "TcpClient"], server: ["transport.tcp", "TcpServer"] },
  udp: { client: ["transport.udp", "UdpClient"], server: ["transport.udp", "UdpServer"] },
  http: { client: ["transport.http_client", "HttpClient"], server: ["transport.http_server", "HttpServer"] },
};

/** Names the facades' base classes use; message methods never take them. */
const CLIENT_TAKEN = [
  "connect", "close", "request", "send", "next_event", "last", "events", "machine", "state", "connected", "options", "host", "port",
  "handlers", "on_reconnect", "credential", "session_id", "base_url", "drop_outgoing", "transport_name",
];

export function clientClassName(ctx: TransportContext): string {
  return `${ctx.typePrefix}Client`;
}

export function serverClassName(ctx: TransportContext): string {
  return `${ctx.typePrefix}Server`;
}

/** The facade method names of the initiator's messages. */
export function clientMethods(ctx: TransportContext): Map<string, string> {
  const scope = createNameScope("python", CLIENT_TAKEN);
  return new Map(ctx.initiated("initiator").map((m) => [m.name, scope.method(m.name)]));
}

/** The handler method names: `on_<message>`. */
export function handlerMethod(message: Message): string {
  return names.python.method(`on_${names.python.method(message.name)}`);
}

export function answerType(ctx: TransportContext, sym: ReturnType<typeof projectSymbols>, m: Message): Printable[] {
  const answers = ctx.answers(m).map((a) => sym.cls(a));
  return answers.flatMap((a, i) => (i > 0 ? [" | ", a] : [a]));
}

function dispatchBody(f: FileBuilder, ctx: TransportContext, received: readonly Message[], call: (m: Message) => Printable[]): void {
  const sym = projectSymbols(ctx, "transport");
  for (const m of received) {
    f.block(["if isinstance(message, ", sym.cls(m.name), "):"], () => {
      if (m.kind === "request") f.print("return await ", ...call(m));
      else {
        f.print("await ", ...call(m));
        f.print("return None");
      }
    });
  }
  f.print("return None");
}

export function emitFacades(files: FileSet, ctx: TransportContext): void {
  emitClient(files, ctx);
  emitServer(files, ctx);
  const init = files.file(paths.transport(ctx, "__init__.py"), "python", { module: `${ctx.pkg}.transport` });
  init.preamble(
    `"""Transports of ${ctx.spec.protocol.name} over ${ctx.transport.toUpperCase()}.\n\n` +
      `    from ${ctx.pkg}.transport.client import ${clientClassName(ctx)}\n` +
      `    from ${ctx.pkg}.transport.server import ${serverClassName(ctx)}\n\n` +
      `The server's behaviour is in ${ctx.pkg}.handlers (yours to edit). The\n` +
      `facades are not imported here, so that handlers.py can import\n` +
      `${ctx.pkg}.transport.session without an import cycle.\n"""`,
  );
}

function emitClient(files: FileSet, ctx: TransportContext): void {
  const f = files.file(paths.transport(ctx, "client.py"), "python", { module: ownModule(ctx, "transport", "client") });
  const sym = projectSymbols(ctx, "transport");
  const Optional = pyStd.from("typing", "Optional");
  const cls = clientClassName(ctx);
  const [baseModule, baseName] = BASES[ctx.transport].client;
  const { initiator, responder } = ctx.spec.roles;
  f.preamble(`"""The ${initiator.name} side of ${ctx.spec.protocol.name} over ${ctx.transport.toUpperCase()}: one typed method per message it sends."""`);
  f.addImport(pyStd.from("__future__", "annotations"));
  f.declare(cls);
  f.block(["class ", cls, "(", sym.from(baseModule, baseName), "):"], () => {
    f.doc(
      `Client of ${ctx.spec.protocol.name} ${ctx.spec.protocol.version}: the ${initiator.name} talking to a ${responder.name}.\n\n` +
        `Requests return their answer (the response, or the error message); oneways\n` +
        `return once sent. Messages the ${responder.name} sends on its own go to\n` +
        "`handlers` (ClientHandlers in handlers.py) and to the `events` queue.\n\n" +
        `    async with ${cls}("127.0.0.1", port) as client:\n` +
        `        answer = await client.${firstRequestExample(ctx)}`,
    );
    f.print();
    f.block(
      ["def __init__(self, host: str, port: int, *, handlers: ", Optional, "[", sym.from("handlers", "ClientHandlers"), "] = None, options: ", Optional, "[", sym.from("transport.options", "ClientOptions"), "] = None) -> None:"],
      () => {
        f.print("self.handlers = handlers if handlers is not None else ", sym.from("handlers", "ClientHandlers"), "()");
        f.print("super().__init__(host, port, dispatch=self._dispatch, options=options)");
      },
    );
    const received = ctx.initiated("responder");
    f.print();
    f.block(["async def _dispatch(self, message: ", sym.from("messages", "Message"), ") -> ", Optional, "[", sym.from("messages", "Message"), "]:"], () => {
      f.doc(`Hands a message the ${responder.name} sent on its own to its handler.`);
      if (received.length > 0) f.print("handlers = self.handlers");
      dispatchBody(f, ctx, received, (m) => ["handlers.", handlerMethod(m), "(message)"]);
    });
    const methods = clientMethods(ctx);
    for (const m of ctx.initiated("initiator")) {
      const method = methods.get(m.name) ?? names.python.method(m.name);
      f.print();
      if (m.kind === "request") {
        f.block(["async def ", method, "(self, message: ", sym.cls(m.name), ") -> ", ...answerType(ctx, sym, m), ":"], () => {
          f.doc(`${m.doc}\n\nAnswered by ${ctx.answers(m).join(" or ")}.`.trim());
          f.print("answer = await self.request(message)");
          const answers = ctx.answers(m).map((a) => sym.cls(a));
          const tuple = answers.length === 1 ? answers : ["(", ...answers.flatMap((a, i) => (i > 0 ? [", ", a] : [a])), ")"];
          f.block(["if isinstance(answer, ", ...tuple, "):"], () => f.print("return answer"));
          f.print("raise ", sym.from("transport.failures", "UnexpectedAnswer"), "(message.NAME, answer.NAME)");
        });
      } else {
        f.block(["async def ", method, "(self, message: ", sym.cls(m.name), ") -> None:"], () => {
          f.doc(`${m.doc}\n\nA ${m.kind}: nothing answers it${m.reliable && ctx.transport === "udp" ? "; returns once acknowledged" : ""}.`.trim());
          f.print("await self.send(message)");
        });
      }
    }
  });
}

function firstRequestExample(ctx: TransportContext): string {
  const first = ctx.initiated("initiator").find((m) => m.kind === "request") ?? ctx.initiated("initiator")[0];
  if (first === undefined) return "request(...)";
  return `${clientMethods(ctx).get(first.name) ?? "request"}(${ctx.className(first.name)}(...))`;
}

function emitServer(files: FileSet, ctx: TransportContext): void {
  const f = files.file(paths.transport(ctx, "server.py"), "python", { module: ownModule(ctx, "transport", "server") });
  const sym = projectSymbols(ctx, "transport");
  const Optional = pyStd.from("typing", "Optional");
  const cls = serverClassName(ctx);
  const [baseModule, baseName] = BASES[ctx.transport].server;
  const { initiator, responder } = ctx.spec.roles;
  f.preamble(`"""The ${responder.name} side of ${ctx.spec.protocol.name} over ${ctx.transport.toUpperCase()}: each message received goes to ServerHandlers."""`);
  f.addImport(pyStd.from("__future__", "annotations"));
  f.declare(cls);
  f.block(["class ", cls, "(", sym.from(baseModule, baseName), "):"], () => {
    f.doc(
      `Server of ${ctx.spec.protocol.name} ${ctx.spec.protocol.version}: the ${responder.name}, serving many ${initiator.name}s.\n\n` +
        "Authentication, the role machine of each session, the rate limit and\n" +
        "input validation are checked before a handler runs; behaviour is in\n" +
        "`handlers` (ServerHandlers in handlers.py, yours to edit).\n\n" +
        `    async with ${cls}(port=0) as server:\n` +
        "        ...  # server.port is the port it listens on",
    );
    f.print();
    f.block(
      [
        "def __init__(self, handlers: ", Optional, "[", sym.from("handlers", "ServerHandlers"), "] = None, *, host: str = \"127.0.0.1\", port: int = 0, options: ",
        Optional, "[", sym.from("transport.options", "ServerOptions"), "] = None) -> None:",
      ],
      () => {
        f.print("self.handlers = handlers if handlers is not None else ", sym.from("handlers", "ServerHandlers"), "()");
        f.print("super().__init__(host=host, port=port, dispatch=self._dispatch, options=options)");
      },
    );
    f.print();
    f.block(
      ["async def _dispatch(self, session: ", sym.from("transport.session", "ServerSession"), ", message: ", sym.from("messages", "Message"), ") -> ", Optional, "[", sym.from("messages", "Message"), "]:"],
      () => {
        f.doc(`Hands a message from a ${initiator.name} to its handler; returns the answer to a request.`);
        const received = ctx.initiated("initiator");
        if (received.length > 0) f.print("handlers = self.handlers");
        dispatchBody(f, ctx, received, (m) => ["handlers.", handlerMethod(m), "(session, message)"]);
      },
    );
  });
}
