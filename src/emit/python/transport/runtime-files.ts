// The spec-agnostic part of the transports: Python files kept as real
// sources under src/emit/python/runtime/transport/ and copied verbatim, with
// the "do not edit" header, into <pkg>/transport/. Only the chosen
// transport's modules are copied (the HTTP ones need aiohttp).
import type { Transport } from "../../language.js";
import type { FileSet } from "../../file-set.js";
import { runtimeAssets } from "../../runtime-assets.js";
import { ownModule, paths, type TransportContext } from "./context.js";

const COMMON = ["client_base.py", "failures.py", "options.py", "policy.py", "session.py"];
const FRAMED = ["channel.py", "framed_client.py", "framed_server.py", "headers.py"];

/** Runtime modules per transport, relative to runtime/transport/. */
export const RUNTIME_MODULES: Readonly<Record<Transport, readonly string[]>> = {
  tcp: [...COMMON, ...FRAMED, "tcp.py"],
  udp: [...COMMON, ...FRAMED, "datagram.py", "udp.py"],
  http: [...COMMON, "http_client.py", "http_server.py", "sse.py"],
};

export function emitRuntime(files: FileSet, ctx: TransportContext): void {
  const wanted = new Set(RUNTIME_MODULES[ctx.transport]);
  const assets = runtimeAssets("python").filter((a) => a.path.startsWith("transport/") && wanted.has(a.path.slice("transport/".length)));
  const found = new Set(assets.map((a) => a.path.slice("transport/".length)));
  const missing = [...wanted].filter((m) => !found.has(m));
  if (missing.length > 0) throw new Error(`python transport runtime: missing ${missing.join(", ")} under src/emit/python/runtime/transport/`);
  for (const asset of assets) {
    const base = asset.path.slice("transport/".length);
    const f = files.file(paths.transport(ctx, base), "python", { module: ownModule(ctx, "transport", base.replace(/\.py$/, "")) });
    f.print(asset.content);
  }
}
