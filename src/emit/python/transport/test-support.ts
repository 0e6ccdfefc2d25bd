// Shared pieces of the generated transport tests: the file, the names the
// templates bind, and the probe (what a fresh client sends to prove the
// server still serves).
import type { Message } from "../../../spec/model.js";
import type { FileSet } from "../../file-set.js";
import type { FileBuilder } from "../../printer.js";
import { stringLiteral } from "../../literals/string-literal.js";
import type { Printable } from "../../symbols.js";
import { names } from "../../naming/names.js";
import { paths, projectSymbols, pyStd, type TransportContext } from "./context.js";
import { makeFunction } from "./demo-file.js";
import { BASES, clientClassName, clientMethods, handlerMethod, serverClassName } from "./facade-files.js";
import type { Bindings } from "../../transport-common/template.js";
import type { TestPlan } from "../../transport-common/test-plan.js";

export function testFile(files: FileSet, base: string, doc: string): FileBuilder {
  const f = files.file(paths.tests(`${base}.py`), "python", { module: base });
  f.preamble(`"""${doc}"""`);
  f.addImport(pyStd.from("__future__", "annotations"));
  return f;
}

const union = (items: readonly Printable[]): Printable[] => items.flatMap((a, i) => (i > 0 ? [" | ", a] : [a]));

/** The names every transport test template may use. */
export function bindings(ctx: TransportContext, plan: TestPlan): Record<string, Printable> {
  const sym = projectSymbols(ctx, "tests");
  const methods = clientMethods(ctx);
  const b: Record<string, Printable> = {
    asyncio: pyStd.module("asyncio"),
    unittest: pyStd.module("unittest"),
    socket: pyStd.module("socket"),
    struct: pyStd.module("struct"),
    json: pyStd.module("json"),
    aiohttp: pyStd.module("aiohttp"),
    Optional: pyStd.from("typing", "Optional"),
    Callable: pyStd.from("typing", "Callable"),
    Any: pyStd.from("typing", "Any"),
    cast: pyStd.from("typing", "cast"),
    Client: sym.from("transport.client", clientClassName(ctx)),
    Server: sym.from("transport.server", serverClassName(ctx)),
    ClientBase: sym.from(BASES[ctx.transport].client[0], BASES[ctx.transport].client[1]),
    ServerOptions: sym.from("transport.options", "ServerOptions"),
    ClientOptions: sym.from("transport.options", "ClientOptions"),
    RetryPolicy: sym.from("transport.options", "RetryPolicy"),
    ServerHandlers: sym.from("handlers", "ServerHandlers"),
    ServerSession: sym.from("transport.session", "ServerSession"),
    StateError: sym.from("errors", "StateError"),
    RequestTimeout: sym.from("transport.failures", "RequestTimeout"),
    ConnectFailed: sym.from("transport.failures", "ConnectFailed"),
    DeliveryFailed: sym.from("transport.failures", "DeliveryFailed"),
    run_client: sym.from("demo", "run_client"),
    run_server: sym.from("demo", "run_server"),
    Message: sym.from("messages", "Message"),
    MAX_FRAME_BYTES: sym.from("protocol_info", "MAX_FRAME_BYTES"),
    WIRE_VERSION: sym.from("protocol_info", "WIRE_VERSION"),
    PROTOCOL_NAME: sym.from("protocol_info", "PROTOCOL_NAME"),
    Deframer: sym.from("codec", "Deframer"),
    Frame: sym.from("codec", "Frame"),
    decode_frame: sym.from("codec", "decode_frame"),
    encode_frame: sym.from("codec", "encode_frame"),
    encode_control: sym.from("codec", "encode_control"),
    to_json: sym.from("codec", "to_json"),
    FLAG_ACK: sym.from("codec", "FLAG_ACK"),
    FLAG_RELIABLE: sym.from("codec", "FLAG_RELIABLE"),
    FLAG_RESPONSE: sym.from("codec", "FLAG_RESPONSE"),
    credential_of: sym.from("transport.profile", "credential_of"),
  };
  const p = plan.probe;
  if (p !== undefined) {
    b["Probe"] = sym.cls(p.request.name);
    b["ProbeOk"] = sym.cls(p.ok.name);
    b["ProbeAnswer"] = union(ctx.answers(p.request).map((a) => sym.cls(a)));
    b["make_probe"] = sym.from("demo", makeFunction(p.request));
    b["probe"] = methods.get(p.request.name) ?? "request";
    b["on_probe"] = handlerMethod(p.request);
    b["probe_name"] = stringLiteral.python(p.request.name);
    if (p.error !== undefined) b["ProbeError"] = sym.cls(p.error.name);
  }
  if (plan.second !== undefined) {
    b["make_second"] = sym.from("demo", makeFunction(plan.second));
    b["second"] = methods.get(plan.second.name) ?? "request";
    b["Second"] = sym.cls(plan.second.name);
    if (plan.second.error !== undefined) b["SecondError"] = sym.cls(plan.second.error);
  }
  return b;
}

/** The statements that send `messages` on `client` (requests checked to get their first response). */
export function sendSteps(ctx: TransportContext, client: string, messages: readonly Message[]): Printable[][] {
  const sym = projectSymbols(ctx, "tests");
  const methods = clientMethods(ctx);
  return messages.map((m) => {
    const call = [`${client}.${methods.get(m.name) ?? names.python.method(m.name)}(`, sym.from("demo", makeFunction(m)), `(${client}))`];
    if (m.kind !== "request") return ["await ", pyStd.module("asyncio"), ".wait_for(", ...call, ", TIMEOUT)"];
    return ["self.assertIsInstance(await ", pyStd.module("asyncio"), ".wait_for(", ...call, ", TIMEOUT), ", sym.cls(m.responses[0] as string), ")"];
  });
}

/** `async def probe(self, client)`: the probe's prefix and request, answered by its first response. */
export function printProbeMethod(f: FileBuilder, ctx: TransportContext, plan: TestPlan, b: Bindings): void {
  const p = plan.probe;
  f.block(["async def probe(self, client: ", b["Client"] as Printable, ") -> None:"], () => {
    f.doc("Sends the first request of a session and checks that it succeeds.");
    if (p === undefined) {
      f.print("self.assertTrue(client.connected)");
      return;
    }
    for (const line of sendSteps(ctx, "client", [...p.prefix, p.request])) f.print(...line);
  });
  f.print();
  f.block(["async def assert_serves(self, port: int) -> None:"], () => {
    f.doc("A fresh client connects and completes the probe: the server still serves.");
    f.block(["async with ", b["Client"] as Printable, '("127.0.0.1", port) as client:'], () => f.print("await self.probe(client)"));
  });
}

/** Python list literal of strings. */
export function strList(items: readonly string[]): string {
  return `[${items.map((s) => stringLiteral.python(s)).join(", ")}]`;
}
