// The demo (docs/targets/javascript-contract.md, "Demo"), the same session
// and line formats as Python's demo.py:
//   demo/samples.js  make<Message>(client): realistic samples of what the client sends; the demo settings
//   demo/server.js   `node demo/server.js [--host H] [--port P]`: serves with the default handlers;
//                    first line `<protocol> <version> <responder> listening on H:P over T` (bound port)
//   demo/client.js   `node demo/client.js [--host H] [--port P]`: one session of the flow
//                    (deriveSessionFlow), one line per message, last `done: sent N, ...`; exit 0/1
// server.js and client.js export runServer/runClient (and converse) for the tests.
import type { Field } from "../../../spec/model.js";
import type { FileSet } from "../../file-set.js";
import type { FileBuilder } from "../../printer.js";
import { stringLiteral } from "../../literals/string-literal.js";
import { names } from "../../naming/names.js";
import type { Printable } from "../../symbols.js";
import type { Behaviour } from "../../transport-common/behaviour.js";
import { sampleOf } from "../../transport-common/samples.js";
import { defaultPort, scriptOf, type ScriptStep } from "../../transport-common/script.js";
import { sampleSources } from "../../transport-common/source-policies.js";
import { buildMessage, newScope } from "./builder.js";
import { MODULES, outPath, projectSymbols, type JsTransportContext } from "./context.js";
import { jsdoc } from "./doc.js";
import { code, printExpr } from "./expr.js";
import { freshIdentities } from "../behaviour/demo-answers.js";
import { clientClassName, clientMethods, makeFunction, serverClassName } from "./names.js";

const SAMPLES = MODULES.demo("samples.js");
const SERVER = MODULES.demo("server.js");
const CLIENT = MODULES.demo("client.js");

/** The demo script with JavaScript task names (`pendingJoinRoom`, `pendingJoinRoom2`). */
export function jsScript(ctx: JsTransportContext, behaviour: Behaviour): ScriptStep[] {
  return scriptOf(ctx, behaviour.flow, (m, n) => `${names.javascript.method(`pending_${names.javascript.type(m.name)}`)}${n === 1 ? "" : String(n)}`);
}

const str = (s: string): string => stringLiteral.javascript(s);

export function emitDemo(files: FileSet, ctx: JsTransportContext, behaviour: Behaviour): void {
  emitSamples(files, ctx, behaviour);
  emitServer(files, ctx);
  emitClient(files, ctx, behaviour);
}

function emitSamples(files: FileSet, ctx: JsTransportContext, behaviour: Behaviour): void {
  const f = files.file(outPath(SAMPLES), "javascript");
  const sym = projectSymbols(ctx, SAMPLES);
  const { initiator } = ctx.spec.roles;
  f.preamble(`// Demo of ${ctx.spec.protocol.name} ${ctx.spec.protocol.version} over ${ctx.transport.toUpperCase()}: the settings of both sides and realistic samples of what the ${initiator.name} sends.`);
  for (const n of ["DEFAULT_HOST", "DEFAULT_PORT", "TRANSPORT", "EVENT_WAIT_MS", "say", "demoArgs", "isMain"]) f.declare(n);
  f.print('export const DEFAULT_HOST = "127.0.0.1";');
  f.print(`export const DEFAULT_PORT = ${defaultPort(ctx)};`);
  f.print(`export const TRANSPORT = ${str(ctx.transport)};`);
  jsdoc(f, "How long the client waits for an event the flow expects, in milliseconds.");
  f.print("export const EVENT_WAIT_MS = 2000;");
  f.print();
  jsdoc(f, "Prints one line at once (also when the output is a pipe).", [["@param {string} line"]]);
  f.block("export function say(line) {", () => f.print('process.stdout.write(`${line}\\n`);'));
  f.print();
  jsdoc(f, `\`--host H --port P\` (and \`--transport ${ctx.transport}\`, the only one) from the command line of \`command\`; exits 2 on a bad one.`, [
    ["@param {string} command"],
    ["@param {string[]} argv"],
    ["@returns {{ host: string, port: number }}"],
  ]);
  f.block("export function demoArgs(command, argv) {", () => {
    f.print("const usage = `usage: node ${command} [--host HOST] [--port PORT]`;");
    f.print("/** @type {{ host?: string | undefined, port?: string | undefined, transport?: string | undefined, help?: boolean | undefined }} */");
    f.print("let values;");
    f.block("try {", () => {
      f.print("({ values } = ", sym.node("util", "parseArgs"), "({");
      f.indent(() => {
        f.print("args: argv,");
        f.print('options: { host: { type: "string" }, port: { type: "string" }, transport: { type: "string" }, help: { type: "boolean", short: "h" } },');
      });
      f.print("}));");
    });
    f.block("catch (error) {", () => {
      f.print("process.stderr.write(`${error instanceof Error ? error.message : String(error)}\\n${usage}\\n`);");
      f.print("process.exit(2);");
    });
    f.block("if (values.help === true) {", () => {
      f.print("say(usage);");
      f.print("process.exit(0);");
    });
    f.print("const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);");
    f.block("if (!Number.isInteger(port) || port < 0 || port > 65535 || (values.transport !== undefined && values.transport !== TRANSPORT)) {", () => {
      f.print("process.stderr.write(`${usage}\\n(this project speaks ${TRANSPORT} only)\\n`);");
      f.print("process.exit(2);");
    });
    f.print("return { host: values.host ?? DEFAULT_HOST, port };");
  });
  f.print();
  jsdoc(f, "Whether the module at `url` is the script node was started with.", [["@param {string} url"], ["@returns {boolean}"]]);
  f.block("export function isMain(url) {", () => {
    f.print("const script = process.argv[1];");
    f.print("if (script === undefined) return false;");
    f.block("try {", () => f.print("return ", sym.node("fs", "realpathSync"), "(script) === ", sym.node("fs", "realpathSync"), "(", sym.node("url", "fileURLToPath"), "(url));"));
    f.block("catch {", () => f.print("return false;"));
  });

  const ClientBase = sym.typeFrom(MODULES.transport("client-base.js"), "ClientBase");
  const fresh = freshIdentityField(ctx, behaviour);
  if (fresh !== undefined) emitFreshIdentity(f, fresh.field);
  for (const m of ctx.initiated("initiator")) {
    f.print();
    const isAuth = behaviour.auth === m;
    const overrides = isAuth && fresh !== undefined ? new Map([[fresh.field.name, code("freshIdentity(", str(fresh.sample), ")")]]) : undefined;
    const scope = newScope(
      { ...sampleSources(ctx, (cls: Printable) => ["client?.last(", cls, ")"]), ctx, sym, ...(overrides === undefined ? {} : { overrides }) },
      ["client", "message", "this"],
    );
    const e = buildMessage(scope, m, sampleOf(ctx, m.name, { optionals: true, self: isAuth }));
    const fn = makeFunction(m);
    f.declare(fn);
    jsdoc(f, `A sample ${m.name}${scope.locals.size > 0 ? ", with the ids the server handed out when `client` got them" : ""}.`, [
      ["@param {", ClientBase, " | undefined} [client]"],
      ["@returns {", sym.type(m.name), "}"],
    ]);
    f.block(["export function ", fn, "(client = undefined) {"], () => {
      for (const local of scope.locals.values()) f.print(...local.init);
      printExpr(f, 1, ["return "], e, ";");
    });
  }
}

/** The authentication message's string identity field and its sample, when the behaviour refuses a name a live session has. */
function freshIdentityField(ctx: JsTransportContext, behaviour: Behaviour): { readonly field: Field; readonly sample: string } | undefined {
  const auth = behaviour.auth;
  const ref = ctx.spec.behaviour?.session?.identity;
  if (auth === undefined || ref === undefined || !freshIdentities(ctx)) return undefined;
  const field = auth.fields.find((x) => `${auth.name}.${x.name}` === ref);
  const sample = field === undefined ? undefined : sampleOf(ctx, auth.name, { optionals: true, self: true })[field.name];
  return field?.type.kind === "string" && typeof sample === "string" ? { field, sample } : undefined;
}

function emitFreshIdentity(f: FileBuilder, field: Field): void {
  const max = field.constraints.maxLength;
  f.declare("identities");
  f.declare("freshIdentity");
  f.print();
  jsdoc(f, "Identities handed out so far.");
  f.print("let identities = 0;");
  f.print();
  jsdoc(f, "`base` the first time, then `base2`, `base3`, ...: each login its own identity (the server refuses one a live session has).", [
    ["@param {string} base"],
    ["@returns {string}"],
  ]);
  f.block("function freshIdentity(base) {", () => {
    f.print("identities += 1;");
    f.print("if (identities === 1) return base;");
    f.print("const suffix = String(identities);");
    f.print(max === undefined ? "return `${base}${suffix}`;" : `return \`\${base.slice(0, ${max} - suffix.length)}\${suffix}\`;`);
  });
}

function emitServer(files: FileSet, ctx: JsTransportContext): void {
  const f = files.file(outPath(SERVER), "javascript");
  const sym = projectSymbols(ctx, SERVER);
  const { responder } = ctx.spec.roles;
  const T = ctx.transport.toUpperCase();
  const Server = sym.from(MODULES.transport("server.js"), serverClassName(ctx));
  const demo = (n: string): Printable => sym.from(SAMPLES, n);
  f.preamble(
    `// Demo of ${ctx.spec.protocol.name} ${ctx.spec.protocol.version} over ${T}: the ${responder.name} with the default handlers.\n` +
      "//\n" +
      "//     node demo/server.js [--host HOST] [--port PORT]\n" +
      "//\n" +
      `// The first line is \`${ctx.spec.protocol.name} ${ctx.spec.protocol.version} ${responder.name} listening on HOST:PORT over ${T}\` with the bound\n` +
      "// port (so --port 0 works); then one line per message. Runs until SIGINT or SIGTERM, then exits 0.",
  );
  f.declare("runServer");
  f.declare("main");
  jsdoc(f, `Starts the ${responder.name} (the default handlers unless given) and prints the listening line; returns the running server.`, [
    ["@param {string} [host]"],
    ["@param {number} [port]"],
    ["@param {{ out?: ((line: string) => void) | undefined, handlers?: ", sym.typeFrom(MODULES.handlers, "ServerHandlers"), " | undefined }} [init]"],
    ["@returns {Promise<", Server, ">}"],
  ]);
  f.block(["export async function runServer(host = ", demo("DEFAULT_HOST"), ", port = ", demo("DEFAULT_PORT"), ", { out = ", demo("say"), ", handlers } = {}) {"], () => {
    f.print("const server = new ", Server, "({ handlers, host, port, options: { trace: out } });");
    f.print("await server.start();");
    f.print(`out(\`${ctx.spec.protocol.name} ${ctx.spec.protocol.version} ${responder.name} listening on \${host}:\${server.port} over ${T}\`);`);
    f.print("return server;");
  });
  f.print();
  jsdoc(f, "Serves until SIGINT or SIGTERM, then closes and exits 0.", [["@returns {Promise<void>}"]]);
  f.block("async function main() {", () => {
    f.print("const { host, port } = ", demo("demoArgs"), '("demo/server.js", process.argv.slice(2));');
    f.print("const server = await runServer(host, port);");
    f.print("let stopping = false;");
    f.block("const stop = () => {", () => {
      f.print("if (stopping) return;");
      f.print("stopping = true;");
      f.print("server.close().then(");
      f.indent(() => {
        f.print("() => process.exit(0),");
        f.print("(error) => {");
        f.indent(() => {
          f.print("process.stderr.write(`closing failed: ${error instanceof Error ? error.message : String(error)}\\n`);");
          f.print("process.exit(1);");
        });
        f.print("},");
      });
      f.print(");");
    }, "};");
    f.print('process.once("SIGINT", stop);');
    f.print('process.once("SIGTERM", stop);');
  });
  f.print();
  printRunIfMain(f, demo);
}

function emitClient(files: FileSet, ctx: JsTransportContext, behaviour: Behaviour): void {
  const f = files.file(outPath(CLIENT), "javascript");
  const sym = projectSymbols(ctx, CLIENT);
  const { initiator, responder } = ctx.spec.roles;
  const T = ctx.transport.toUpperCase();
  const Client = sym.from(MODULES.transport("client.js"), clientClassName(ctx));
  const demo = (n: string): Printable => sym.from(SAMPLES, n);
  const script = jsScript(ctx, behaviour);
  f.preamble(
    `// Demo of ${ctx.spec.protocol.name} ${ctx.spec.protocol.version} over ${T}: the ${initiator.name}, one session.\n` +
      "//\n" +
      "//     node demo/client.js [--host HOST] [--port PORT]\n" +
      "//\n" +
      "// One line per message (`->` sent, `<-` received), the last one `done: sent N, received N answers\n" +
      "// and N events`; exits 0 when the session completed, 1 otherwise. The session follows the role machines:\n" +
      behaviour.flow.map((s) => `//     ${s.from === "initiator" ? initiator.name : responder.name}: ${s.message}`).join("\n"),
  );
  for (const n of ["converse", "runClient", "main"]) f.declare(n);
  f.print("/** @typedef {{ sent: string[], answers: string[], events: string[], completed: boolean }} DemoResult What happened in a demo session: message names in order. */");
  f.print();
  jsdoc(f, "Runs the session of the header; stops early when the server refuses a step.", [
    ["@param {", Client, "} client"],
    ["@param {(line: string) => void} [out]"],
    ["@returns {Promise<DemoResult>}"],
  ]);
  f.block(["export async function converse(client, out = ", demo("say"), ") {"], () => {
    f.print("/** @type {DemoResult} */");
    f.print("const result = { sent: [], answers: [], events: [], completed: false };");
    const methods = clientMethods(ctx);
    f.block("try {", () => {
      for (const step of script) emitStep(f, ctx, step, methods, demo);
    });
    f.block("catch (error) {", () => {
      f.print("out(`stopped: ${error instanceof Error ? error.message : String(error)}`);");
      f.print("return result;");
    });
    const asked = ctx.initiated("responder").filter((m) => m.kind === "request");
    if (asked.length === 0) f.print("for (const message of client.handlers.received) result.events.push(message.NAME);");
    else {
      const test = asked.flatMap((m, i) => [i > 0 ? " || " : "", "message instanceof ", sym.cls(m.name)]);
      f.print("for (const message of client.handlers.received) if (!(", test, ")) result.events.push(message.NAME);");
    }
    f.print("result.completed = true;");
    f.print("return result;");
  });
  f.print();
  jsdoc(f, `Connects as the ${initiator.name}, runs one session, prints each message and the \`done:\` line.`, [
    ["@param {string} [host]"],
    ["@param {number} [port]"],
    ["@param {{ out?: ((line: string) => void) | undefined, options?: Partial<", sym.typeFrom(MODULES.transport("options.js"), "ClientOptions"), "> | undefined }} [init]"],
    ["@returns {Promise<DemoResult>}"],
  ]);
  f.block(["export async function runClient(host = ", demo("DEFAULT_HOST"), ", port = ", demo("DEFAULT_PORT"), ", { out = ", demo("say"), ", options = {} } = {}) {"], () => {
    f.print("const client = new ", Client, "(host, port, { options: { ...options, trace: out } });");
    f.print("/** @type {DemoResult} */");
    f.print("let result = { sent: [], answers: [], events: [], completed: false };");
    f.block("try {", () => {
      f.print("await client.connect();");
      f.print(`out(\`connected to \${host}:\${port} over ${T} as the ${initiator.name}\`);`);
      f.print("result = await converse(client, out);");
    });
    f.block("catch (error) {", () => f.print("out(`stopped: ${error instanceof Error ? error.message : String(error)}`);"));
    f.block("finally {", () => f.print("await client.close();"));
    f.print("out(`done: sent ${result.sent.length}, received ${result.answers.length} answers and ${result.events.length} events`);");
    f.print("return result;");
  });
  f.print();
  jsdoc(f, "Runs one session; exits 0 when it completed, 1 otherwise.", [["@returns {Promise<void>}"]]);
  f.block("async function main() {", () => {
    f.print("const { host, port } = ", demo("demoArgs"), '("demo/client.js", process.argv.slice(2));');
    f.print("const result = await runClient(host, port);");
    f.print("process.exit(result.completed ? 0 : 1);");
  });
  f.print();
  printRunIfMain(f, demo);
}

/** Runs `main()` when the file is the entry point, printing a failure's message and exiting 1. */
function printRunIfMain(f: FileBuilder, demo: (n: string) => Printable): void {
  f.block(["if (", demo("isMain"), "(import.meta.url)) {"], () => {
    f.block("main().catch((error) => {", () => {
      f.print("process.stderr.write(`${error instanceof Error ? error.message : String(error)}\\n`);");
      f.print("process.exit(1);");
    }, "});");
  });
}

function emitStep(f: FileBuilder, ctx: JsTransportContext, step: ScriptStep, methods: Map<string, string>, demo: (n: string) => Printable): void {
  const m = ctx.message(step.message);
  const method = methods.get(m.name) ?? names.javascript.method(m.name);
  const make = [demo(makeFunction(m)), "(client)"];
  switch (step.kind) {
    case "request":
      f.print(`result.sent.push(${str(m.name)});`);
      if (step.task === undefined) f.print(`result.answers.push((await client.${method}(`, make, ")).NAME);");
      else {
        f.print(`const ${step.task} = client.${method}(`, make, ");");
        f.print(`${step.task}.catch(() => {}); // awaited below; a failure of an earlier step must not leave it unhandled`);
        f.print("await new Promise((resolve) => setImmediate(resolve));");
      }
      return;
    case "oneway":
      f.print(`result.sent.push(${str(m.name)});`);
      f.print(`await client.${method}(`, make, ");");
      return;
    case "await":
      f.print(`result.answers.push((await ${step.task}).NAME);`);
      return;
    case "answer":
      return;
    case "event":
      f.block("try {", () => f.print("await client.nextEvent(", demo("EVENT_WAIT_MS"), ");"));
      f.block("catch {", () => f.print(`out(${str(`(no ${m.name} arrived)`)});`));
      return;
    case "auto":
      f.print(`// ${m.name}: answered by the handlers`);
      return;
  }
}
