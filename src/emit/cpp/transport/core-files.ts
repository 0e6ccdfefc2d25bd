// The transport core's hand-written runtime (src/emit/cpp/transport-runtime/
// include/*.hpp: rate limit, trace, io pool, session base, hub), copied into
// a project that has a transport, with the "do not edit" header and
// PROTOFORGE_NS replaced by the protocol's namespace, next to the layer's
// headers (cpp/include/<ns>/). Every transport's emitter calls it once.
import type { FileSet } from "../../index.js";
import { runtimeAssets } from "../../runtime-assets.js";
import type { CppModel } from "../model.js";

const TOKEN = /PROTOFORGE_NS/g;

/** The core headers' paths in the project, in the order they are written. */
export function coreRuntimePaths(model: CppModel): string[] {
  return runtimeAssets("cpp", "transport-runtime")
    .filter((a) => a.path.startsWith("include/") && a.path.endsWith(".hpp"))
    .map((a) => `cpp/include/${model.ns}/${a.path.slice("include/".length)}`);
}

export function coreRuntimeFiles(files: FileSet, model: CppModel): void {
  for (const asset of runtimeAssets("cpp", "transport-runtime")) {
    if (!asset.path.startsWith("include/") || !asset.path.endsWith(".hpp")) continue;
    const f = files.file(`cpp/include/${model.ns}/${asset.path.slice("include/".length)}`, "cpp");
    f.print(asset.content.replace(TOKEN, model.ns).replace(/\n+$/, ""));
    f.finish();
  }
}
