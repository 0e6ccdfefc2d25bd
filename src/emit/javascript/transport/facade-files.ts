// The typed faces of the transport runtime for this spec, each with its
// declarations in types/transport/<name>.d.ts:
//   src/transport/client.js  <Proto>Client: one method per message the initiator sends (typed answer)
//   src/transport/server.js  <Proto>Server: hands each received message to ServerHandlers
//   src/transport/index.js   re-exports the facades and the public runtime modules
import type { Message } from "../../../spec/model.js";
import type { FileSet } from "../../file-set.js";
import type { FileBuilder } from "../../printer.js";
import type { Printable } from "../../symbols.js";
import { declarationPath, MODULES, outPath, projectSymbols, type JsTransportContext } from "./context.js";
import { jsdoc, union } from "./doc.js";
import { BASES, clientClassName, clientMethods, handlerMethod, serverClassName } from "./names.js";

const CLIENT = MODULES.transport("client.js");
const SERVER = MODULES.transport("server.js");

export function emitFacades(files: FileSet, ctx: JsTransportContext): void {
  emitClient(files, ctx);
  emitClientTypes(files, ctx);
  emitServer(files, ctx);
  emitServerTypes(files, ctx);
  emitIndex(files, ctx);
}

const answerDoc = (ctx: JsTransportContext, m: Message): string =>
  m.kind === "request" ? `${m.doc}\n\nAnswered by ${ctx.answers(m).join(" or ")}.` : `${m.doc}\n\nA ${m.kind}: nothing answers it${m.reliable && ctx.transport === "udp" ? "; resolves once acknowledged" : ""}.`;

function dispatchBody(f: FileBuilder, ctx: JsTransportContext, file: string, received: readonly Message[], call: (m: Message) => string): void {
  const sym = projectSymbols(ctx, file);
  for (const m of received) {
    f.block(["if (message instanceof ", sym.cls(m.name), ") {"], () => {
      if (m.kind === "request") f.print("return ", call(m), ";");
      else {
        f.print("await ", call(m), ";");
        f.print("return undefined;");
      }
    });
  }
  f.print("return undefined;");
}

function emitClient(files: FileSet, ctx: JsTransportContext): void {
  const f = files.file(outPath(CLIENT), "javascript");
  const sym = projectSymbols(ctx, CLIENT);
  const cls = clientClassName(ctx);
  const [baseModule, baseName] = BASES[ctx.transport].client;
  const { initiator, responder } = ctx.spec.roles;
  const Handlers = sym.from(MODULES.handlers, "ClientHandlers");
  const Message = sym.typeFrom(MODULES.messages, "Message");
  f.preamble(`// The ${initiator.name} side of ${ctx.spec.protocol.name} over ${ctx.transport.toUpperCase()}: one typed method per message it sends.`);
  f.declare(cls);
  f.declare("dispatch");
  const received = ctx.initiated("responder");
  jsdoc(f, `Hands a message the ${responder.name} sent on its own to its handler; returns the answer to a request.`, [
    ["@param {", Handlers, "} handlers"],
    ["@param {", Message, "} message"],
    ["@returns {Promise<", Message, " | undefined>}"],
  ]);
  f.block("async function dispatch(handlers, message) {", () => dispatchBody(f, ctx, CLIENT, received, (m) => `handlers.${handlerMethod(m)}(message)`));
  f.print();
  jsdoc(
    f,
    `Client of ${ctx.spec.protocol.name} ${ctx.spec.protocol.version}: the ${initiator.name} talking to a ${responder.name}.\n\n` +
      "Requests resolve to their answer (the response, or the error message); oneways\n" +
      `resolve once sent. Messages the ${responder.name} sends on its own go to \`handlers\`\n` +
      "(ClientHandlers in handlers.js) and to the `events` queue.\n\n" +
      `    const client = new ${cls}("127.0.0.1", port);\n` +
      "    await client.connect();\n" +
      `    const answer = await client.${firstRequestExample(ctx)};\n` +
      "    await client.close();",
  );
  f.block(["export class ", cls, " extends ", sym.from(baseModule, baseName), " {"], () => {
    jsdoc(f, "", [
      ["@param {string} host"],
      ["@param {number} port"],
      ["@param {{ handlers?: ", Handlers, " | undefined, options?: Partial<", sym.typeFrom(MODULES.transport("options.js"), "ClientOptions"), "> | null | undefined }} [init]"],
    ]);
    f.block("constructor(host, port, { handlers, options } = {}) {", () => {
      f.print("const own = handlers ?? new ", Handlers, "();");
      f.print("super(host, port, { dispatch: (message) => dispatch(own, message), options: options ?? null });");
      jsdoc(f, `What the ${initiator.name} does with the ${responder.name}'s own messages (given at construction).`);
      f.print("this.handlers = own;");
    });
    const methods = clientMethods(ctx);
    for (const m of ctx.initiated("initiator")) {
      const method = methods.get(m.name) ?? m.name;
      f.print();
      if (m.kind === "request") {
        const answers = ctx.answers(m).map((a) => sym.cls(a));
        jsdoc(f, answerDoc(ctx, m), [["@param {", sym.type(m.name), "} message"], ["@returns {Promise<", ...union(answers), ">}"]]);
        f.block(["async ", method, "(message) {"], () => {
          f.print("const answer = await this.request(message);");
          f.print("if (", answers.flatMap((a, i) => [i > 0 ? " || " : "", "answer instanceof ", a]), ") return answer;");
          f.print("throw new ", sym.from(MODULES.transport("failures.js"), "UnexpectedAnswer"), "(message.NAME, answer.NAME);");
        });
      } else {
        jsdoc(f, answerDoc(ctx, m), [["@param {", sym.type(m.name), "} message"], ["@returns {Promise<void>}"]]);
        f.block(["async ", method, "(message) {"], () => f.print("await this.send(message);"));
      }
    }
  });
}

function firstRequestExample(ctx: JsTransportContext): string {
  const first = ctx.initiated("initiator").find((m) => m.kind === "request") ?? ctx.initiated("initiator")[0];
  if (first === undefined) return "request(...)";
  return `${clientMethods(ctx).get(first.name) ?? "request"}(new ${ctx.className(first.name)}({ ... }))`;
}

function emitClientTypes(files: FileSet, ctx: JsTransportContext): void {
  const path = declarationPath(CLIENT);
  const f = files.file(outPath(path), "javascript");
  const sym = projectSymbols(ctx, path);
  const cls = clientClassName(ctx);
  const [baseModule, baseName] = BASES[ctx.transport].client;
  const Handlers = sym.typeFrom(MODULES.handlers, "ClientHandlers");
  f.declare(cls);
  jsdoc(f, `Client of ${ctx.spec.protocol.name} ${ctx.spec.protocol.version}, one method per message the ${ctx.spec.roles.initiator.name} sends.`);
  f.block(["export declare class ", cls, " extends ", sym.from(baseModule, baseName), " {"], () => {
    f.print("constructor(host: string, port: number, init?: { handlers?: ", Handlers, " | undefined; options?: Partial<", sym.typeFrom(MODULES.transport("options.js"), "ClientOptions"), "> | null | undefined });");
    f.print("readonly handlers: ", Handlers, ";");
    const methods = clientMethods(ctx);
    for (const m of ctx.initiated("initiator")) {
      jsdoc(f, answerDoc(ctx, m));
      const returns: Printable[] = m.kind === "request" ? union(ctx.answers(m).map((a) => sym.type(a))) : ["void"];
      f.print(methods.get(m.name) ?? m.name, "(message: ", sym.type(m.name), "): Promise<", returns, ">;");
    }
  });
}

function emitServer(files: FileSet, ctx: JsTransportContext): void {
  const f = files.file(outPath(SERVER), "javascript");
  const sym = projectSymbols(ctx, SERVER);
  const cls = serverClassName(ctx);
  const [baseModule, baseName] = BASES[ctx.transport].server;
  const { initiator, responder } = ctx.spec.roles;
  const Handlers = sym.from(MODULES.handlers, "ServerHandlers");
  const Message = sym.typeFrom(MODULES.messages, "Message");
  f.preamble(`// The ${responder.name} side of ${ctx.spec.protocol.name} over ${ctx.transport.toUpperCase()}: each message received goes to ServerHandlers.`);
  f.declare(cls);
  f.declare("dispatch");
  jsdoc(f, `Hands a message from a ${initiator.name} to its handler; returns the answer to a request.`, [
    ["@param {", Handlers, "} handlers"],
    ["@param {", sym.typeFrom(MODULES.transport("session.js"), "ServerSession"), "} session"],
    ["@param {", Message, "} message"],
    ["@returns {Promise<", Message, " | undefined>}"],
  ]);
  f.block("async function dispatch(handlers, session, message) {", () =>
    dispatchBody(f, ctx, SERVER, ctx.initiated("initiator"), (m) => `handlers.${handlerMethod(m)}(session, message)`),
  );
  f.print();
  jsdoc(
    f,
    `Server of ${ctx.spec.protocol.name} ${ctx.spec.protocol.version}: the ${responder.name}, serving many ${initiator.name}s.\n\n` +
      "Authentication, the role machine of each session, the rate limit and\n" +
      "input validation are checked before a handler runs; behaviour is in\n" +
      "`handlers` (ServerHandlers in handlers.js, yours to edit).\n\n" +
      `    const server = new ${cls}({ port: 0 });\n` +
      "    await server.start(); // server.port is the port it listens on\n" +
      "    await server.close();",
  );
  f.block(["export class ", cls, " extends ", sym.from(baseModule, baseName), " {"], () => {
    jsdoc(f, "", [
      [
        "@param {{ handlers?: ", Handlers, " | undefined, host?: string | undefined, port?: number | undefined, options?: Partial<",
        sym.typeFrom(MODULES.transport("options.js"), "ServerOptions"), "> | null | undefined }} [init]",
      ],
    ]);
    f.block('constructor({ handlers, host = "127.0.0.1", port = 0, options } = {}) {', () => {
      f.print("const own = handlers ?? new ", Handlers, "();");
      f.print("super({ host, port, dispatch: (session, message) => dispatch(own, session, message), options: options ?? null });");
      jsdoc(f, "The behaviour (ServerHandlers in handlers.js, given at construction).");
      f.print("this.handlers = own;");
    });
  });
}

function emitServerTypes(files: FileSet, ctx: JsTransportContext): void {
  const path = declarationPath(SERVER);
  const f = files.file(outPath(path), "javascript");
  const sym = projectSymbols(ctx, path);
  const cls = serverClassName(ctx);
  const [baseModule, baseName] = BASES[ctx.transport].server;
  const Handlers = sym.typeFrom(MODULES.handlers, "ServerHandlers");
  f.declare(cls);
  jsdoc(f, `Server of ${ctx.spec.protocol.name} ${ctx.spec.protocol.version}: each message received goes to \`handlers\`.`);
  f.block(["export declare class ", cls, " extends ", sym.from(baseModule, baseName), " {"], () => {
    f.print(
      "constructor(init?: { handlers?: ", Handlers, " | undefined; host?: string | undefined; port?: number | undefined; options?: Partial<",
      sym.typeFrom(MODULES.transport("options.js"), "ServerOptions"), "> | null | undefined });",
    );
    f.print("readonly handlers: ", Handlers, ";");
  });
}

/** The public runtime of each transport, re-exported by src/transport/index.js: module → names (`*`: all). */
const PUBLIC: Readonly<Record<JsTransportContext["transport"], readonly (readonly [string, string])[]>> = {
  tcp: [["failures.js", "*"], ["options.js", "*"], ["session.js", "Hub, ServerSession"], ["tcp.js", "TcpClient, TcpServer"]],
  udp: [["failures.js", "*"], ["options.js", "*"], ["session.js", "Hub, ServerSession"], ["udp.js", "UdpClient, UdpServer"]],
  http: [["failures.js", "*"], ["options.js", "*"], ["session.js", "Hub, ServerSession"], ["http-client.js", "HttpClient"], ["http-server.js", "HttpServer"]],
};

function emitIndex(files: FileSet, ctx: JsTransportContext): void {
  const index = MODULES.transport("index.js");
  for (const path of [index, declarationPath(index)]) {
    const f = files.file(outPath(path), "javascript");
    f.preamble(`// The transports of ${ctx.spec.protocol.name} over ${ctx.transport.toUpperCase()}: the facades and the public runtime.`);
    f.print(`export { ${clientClassName(ctx)} } from "./client.js";`);
    f.print(`export { ${serverClassName(ctx)} } from "./server.js";`);
    for (const [module, exported] of PUBLIC[ctx.transport]) f.print(exported === "*" ? `export * from "./${module}";` : `export { ${exported} } from "./${module}";`);
  }
}
