// Shared pieces of the generated JavaScript transport tests: the names the
// templates bind (symbols, so the import manager writes the imports), the
// helper module testing/probe.js (the probe: what a fresh client sends to
// prove the server still serves) and the statements that send a list of
// messages.
import type { Message } from "../../../spec/model.js";
import type { FileSet } from "../../file-set.js";
import type { FileBuilder } from "../../printer.js";
import { stringLiteral } from "../../literals/string-literal.js";
import { symbols, type Printable } from "../../symbols.js";
import type { TestPlan } from "../../transport-common/test-plan.js";
import { MODULES, outPath, projectSymbols, type JsTransportContext } from "./context.js";
import { jsdoc } from "./doc.js";
import { BASES, clientClassName, clientMethod, handlerMethod, makeFunction, serverClassName } from "./names.js";

export const PROBE = MODULES.testing("probe.js");

/** A test file (`test/<base>.test.js`) or helper (`testing/<base>.js`) with its header comment. */
export function jsFile(files: FileSet, path: string, doc: string): FileBuilder {
  const f = files.file(outPath(path), "javascript");
  f.preamble(`// ${doc}`);
  return f;
}

export const str = (s: string): string => stringLiteral.javascript(s);

/** The names every transport test template may use, for a file at `file`. */
export function bindings(ctx: JsTransportContext, plan: TestPlan, file: string): Record<string, Printable> {
  const sym = projectSymbols(ctx, file);
  const transport = (n: string): string => MODULES.transport(n);
  const b: Record<string, Printable> = {
    test: sym.node("test", "test"),
    describe: sym.node("test", "describe"),
    beforeEach: sym.node("test", "beforeEach"),
    afterEach: sym.node("test", "afterEach"),
    assert: symbols.javascript.defaultFrom("node:assert/strict", "assert"),
    net: symbols.javascript.namespace("node:net", "net"),
    dgram: symbols.javascript.namespace("node:dgram", "dgram"),
    Client: sym.from(transport("client.js"), clientClassName(ctx)),
    Server: sym.from(transport("server.js"), serverClassName(ctx)),
    ClientBase: sym.from(BASES[ctx.transport].client[0], BASES[ctx.transport].client[1]),
    serverOptions: sym.from(transport("options.js"), "serverOptions"),
    clientOptions: sym.from(transport("options.js"), "clientOptions"),
    retryPolicy: sym.from(transport("options.js"), "retryPolicy"),
    ServerHandlers: sym.from(MODULES.handlers, "ServerHandlers"),
    ServerSession: sym.typeFrom(transport("session.js"), "ServerSession"),
    StateError: sym.from(MODULES.errors, "StateError"),
    RequestTimeout: sym.from(transport("failures.js"), "RequestTimeout"),
    ConnectFailed: sym.from(transport("failures.js"), "ConnectFailed"),
    DeliveryFailed: sym.from(transport("failures.js"), "DeliveryFailed"),
    runClient: sym.from(MODULES.demo("client.js"), "runClient"),
    runServer: sym.from(MODULES.demo("server.js"), "runServer"),
    Message: sym.typeFrom(MODULES.messages, "Message"),
    Frame: sym.typeFrom(MODULES.codec, "Frame"),
    MAX_FRAME_BYTES: sym.from(MODULES.protocolInfo, "MAX_FRAME_BYTES"),
    WIRE_VERSION: sym.from(MODULES.protocolInfo, "WIRE_VERSION"),
    PROTOCOL_NAME: sym.from(MODULES.protocolInfo, "PROTOCOL_NAME"),
    Deframer: sym.from(MODULES.codec, "Deframer"),
    decodeFrame: sym.from(MODULES.codec, "decodeFrame"),
    encodeFrame: sym.from(MODULES.codec, "encodeFrame"),
    toJson: sym.from(MODULES.codec, "toJson"),
    dumpJson: sym.from(MODULES.codec, "dumpJson"),
    FLAG_ACK: sym.from(MODULES.codec, "FLAG_ACK"),
    FLAG_RELIABLE: sym.from(MODULES.codec, "FLAG_RELIABLE"),
    FLAG_RESPONSE: sym.from(MODULES.codec, "FLAG_RESPONSE"),
    credentialOf: sym.from(transport("profile.js"), "credentialOf"),
    TIMEOUT_MS: sym.from(PROBE, "TIMEOUT_MS"),
    within: sym.from(PROBE, "within"),
    sleep: sym.from(PROBE, "sleep"),
    probe: sym.from(PROBE, "probe"),
    assertServes: sym.from(PROBE, "assertServes"),
    connected: sym.from(PROBE, "connected"),
  };
  const p = plan.probe;
  if (p !== undefined) {
    b["Probe"] = sym.typeFrom(MODULES.messages, ctx.className(p.request.name));
    b["ProbeOk"] = sym.cls(p.ok.name);
    b["makeProbe"] = sym.from(MODULES.demo("samples.js"), makeFunction(p.request));
    b["probeMethod"] = clientMethod(ctx, p.request);
    b["onProbe"] = handlerMethod(p.request);
    b["probeName"] = str(p.request.name);
    b["okName"] = str(p.ok.name);
    b["probeReliable"] = p.request.reliable ? "true" : "false";
    if (p.error !== undefined) b["ProbeError"] = sym.cls(p.error.name);
  }
  if (plan.second !== undefined) {
    b["makeSecond"] = sym.from(MODULES.demo("samples.js"), makeFunction(plan.second));
    b["secondMethod"] = clientMethod(ctx, plan.second);
    b["secondName"] = str(plan.second.name);
    b["secondReliable"] = plan.second.reliable ? "true" : "false";
    if (plan.second.error !== undefined) b["SecondError"] = sym.cls(plan.second.error);
  }
  return b;
}

/** The statements that send `messages` on `client` (requests checked to get their first response). */
export function sendSteps(ctx: JsTransportContext, file: string, client: string, messages: readonly Message[]): Printable[][] {
  const sym = projectSymbols(ctx, file);
  const within = sym.from(PROBE, "within");
  const assert = symbols.javascript.defaultFrom("node:assert/strict", "assert");
  return messages.map((m) => {
    const call = [`${client}.${clientMethod(ctx, m)}(`, sym.from(MODULES.demo("samples.js"), makeFunction(m)), `(${client}))`];
    if (m.kind !== "request") return ["await ", within, "(", ...call, ");"];
    return [assert, ".ok((await ", within, "(", ...call, ")) instanceof ", sym.cls(m.responses[0] as string), ");"];
  });
}

/** testing/probe.js: the wait bound, `within`, `sleep`, the probe and `assertServes`. */
export function emitProbeHelper(files: FileSet, ctx: JsTransportContext, plan: TestPlan): void {
  const f = jsFile(files, PROBE, `Helpers of the transport tests of ${ctx.spec.protocol.name}: bounded waits and the probe (the first request of a session).`);
  const sym = projectSymbols(ctx, PROBE);
  const Client = sym.from(MODULES.transport("client.js"), clientClassName(ctx));
  for (const n of ["TIMEOUT_MS", "within", "sleep", "probe", "assertServes", "connected"]) f.declare(n);
  jsdoc(f, "Upper bound of every wait, in milliseconds.");
  f.print("export const TIMEOUT_MS = 10000;");
  f.print();
  jsdoc(f, "`promise`, or a rejection when it takes longer than `ms`.", [["@template T"], ["@param {Promise<T>} promise"], ["@param {number} [ms]"], ["@returns {Promise<T>}"]]);
  f.block("export function within(promise, ms = TIMEOUT_MS) {", () => {
    f.print("/** @type {NodeJS.Timeout | undefined} */");
    f.print("let timer;");
    f.print("const late = new Promise((_, reject) => {");
    f.indent(() => f.print('timer = setTimeout(() => reject(new Error("no result within " + ms + " ms")), ms);'));
    f.print("});");
    f.print("return /** @type {Promise<T>} */ (Promise.race([promise, late])).finally(() => clearTimeout(timer));");
  });
  f.print();
  jsdoc(f, "Resolves after `ms` milliseconds.", [["@param {number} ms"], ["@returns {Promise<void>}"]]);
  f.block("export function sleep(ms) {", () => f.print("return new Promise((resolve) => setTimeout(resolve, ms));"));
  f.print();
  jsdoc(f, "A connected client of the server on `port`.", [["@param {number} port"], ["@returns {Promise<", Client, ">}"]]);
  f.block("export async function connected(port) {", () => {
    f.print("const client = new ", Client, '("127.0.0.1", port);');
    f.print("await within(client.connect());");
    f.print("return client;");
  });
  f.print();
  jsdoc(f, "Sends the first request of a session and checks that it succeeds.", [["@param {", Client, "} client"], ["@returns {Promise<void>}"]]);
  f.block("export async function probe(client) {", () => {
    const p = plan.probe;
    if (p === undefined) f.print(symbols.javascript.defaultFrom("node:assert/strict", "assert"), ".ok(client.connected);");
    else for (const line of sendSteps(ctx, PROBE, "client", [...p.prefix, p.request])) f.print(...line);
  });
  f.print();
  jsdoc(f, "A fresh client connects and completes the probe: the server still serves.", [["@param {number} port"], ["@returns {Promise<void>}"]]);
  f.block("export async function assertServes(port) {", () => {
    f.print("const client = await connected(port);");
    f.block("try {", () => f.print("await probe(client);"));
    f.block("finally {", () => f.print("await client.close();"));
  });
}
