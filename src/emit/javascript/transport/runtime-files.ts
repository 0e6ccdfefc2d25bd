// The spec-agnostic part of the JavaScript transports: plain JavaScript kept
// as real sources under src/emit/javascript/runtime/transport/ and copied
// verbatim, with the "do not edit" header, into javascript/src/transport/;
// their hand-shaped declarations, under
// src/emit/javascript/runtime-types/transport/, go to
// javascript/types/transport/ (runtime/ mirrors the project's src/,
// runtime-types/ its types/). Only the chosen transport's modules are copied
// (docs/targets/javascript-contract.md).
import type { FileSet } from "../../file-set.js";
import type { Transport } from "../../language.js";
import { runtimeAssets } from "../../runtime-assets.js";
import { declarationPath, MODULES, outPath, type JsTransportContext } from "./context.js";

const COMMON = ["client-base", "failures", "options", "policy", "session"];
const FRAMED = ["channel", "framed-client", "framed-server", "headers"];
const BY_TRANSPORT: Readonly<Record<Transport, readonly string[]>> = {
  tcp: [...COMMON, ...FRAMED, "tcp"],
  udp: [...COMMON, ...FRAMED, "datagram", "udp"],
  http: [...COMMON, "http-client", "http-server", "sse"],
};
const withDeclarations = (modules: readonly string[]): readonly string[] => modules.flatMap((m) => [`${m}.js`, `${m}.d.ts`]);

/** Runtime files per transport (each module's .js, from runtime/transport/, and .d.ts, from runtime-types/transport/). */
export const RUNTIME_MODULES: Readonly<Record<Transport, readonly string[]>> = {
  tcp: withDeclarations(BY_TRANSPORT.tcp),
  udp: withDeclarations(BY_TRANSPORT.udp),
  http: withDeclarations(BY_TRANSPORT.http),
};

/** Copies the runtime of `transport`: the .js into javascript/src/transport/, the .d.ts into javascript/types/transport/. */
export function javascriptRuntimeFiles(files: FileSet, transport: Transport): void {
  const wanted = new Set(RUNTIME_MODULES[transport]);
  const prefix = "transport/";
  const assets = [...runtimeAssets("javascript"), ...runtimeAssets("javascript", "runtime-types")].filter(
    (a) => a.path.startsWith(prefix) && wanted.has(a.path.slice(prefix.length)),
  );
  const found = new Set(assets.map((a) => a.path.slice(prefix.length)));
  const missing = [...wanted].filter((m) => !found.has(m));
  if (missing.length > 0) throw new Error(`javascript transport runtime: missing ${missing.join(", ")} under src/emit/javascript/runtime{,-types}/transport/`);
  for (const asset of assets) {
    const name = asset.path.slice(prefix.length);
    const file = name.endsWith(".d.ts") ? declarationPath(MODULES.transport(name.replace(/\.d\.ts$/, ".js"))) : MODULES.transport(name);
    files.file(outPath(file), "javascript").print(asset.content.replace(/\n+$/, ""));
  }
}

/** The same, with the transport taken from the context (the shape of the Python target's emitRuntime). */
export function emitRuntime(files: FileSet, ctx: JsTransportContext): void {
  javascriptRuntimeFiles(files, ctx.transport);
}
