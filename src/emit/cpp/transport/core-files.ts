// The transport core of a C++ project with a transport, written once whatever
// the transport: the hand-written runtime (src/emit/cpp/transport-runtime/
// include/*.hpp: options, rate limit, trace, session base and hub, verdict,
// dispatch, client base, event queue, errors, io pool), copied with the "do not
// edit" header and PROTOFORGE_NS replaced by the protocol's namespace next to
// the layer's headers (cpp/include/<ns>/), and the generated spec facts the
// runtime reads: protocol_info.hpp (constants) and profile.hpp/.cpp (message
// kinds, error answers, field errors, credential). src/emit/cpp/index.ts calls
// coreFiles once; a transport's emitter does not.
import type { FileSet } from "../../index.js";
import type { Transport } from "../../language.js";
import { runtimeAssets } from "../../runtime-assets.js";
import type { CppModel } from "../model.js";
import type { CppTransportPart } from "./part.js";
import { profileFiles } from "./profile-file.js";
import { protocolInfoFile } from "./protocol-info.js";

const TOKEN = /PROTOFORGE_NS/g;

/** The runtime files under `folder` (e.g. "include/", "tcp/") of the transport runtime, as [asset path, project path]. */
export function transportRuntimeAssets(model: CppModel, folder: string): { path: string; content: string; target: string }[] {
  return runtimeAssets("cpp", "transport-runtime")
    .filter((a) => a.path.startsWith(folder) && !a.path.slice(folder.length).includes("/") && a.path.endsWith(".hpp"))
    .map((a) => ({ path: a.path, content: a.content, target: `cpp/include/${model.ns}/${a.path.slice(folder.length)}` }));
}

/** Copies the runtime headers under `folder` into cpp/include/<ns>/, the namespace token replaced. */
export function copyTransportRuntime(files: FileSet, model: CppModel, folder: string): void {
  for (const asset of transportRuntimeAssets(model, folder)) {
    const f = files.file(asset.target, "cpp");
    f.print(asset.content.replace(TOKEN, model.ns).replace(/\n+$/, ""));
    f.finish();
  }
}

/** The core headers' paths in the project, in the order they are written. */
export function coreRuntimePaths(model: CppModel): string[] {
  return transportRuntimeAssets(model, "include/").map((a) => a.target);
}

/** The core runtime headers only (no generated spec facts). */
export function coreRuntimeFiles(files: FileSet, model: CppModel): void {
  copyTransportRuntime(files, model, "include/");
}

/** The whole transport core: runtime headers, protocol_info.hpp, profile.hpp/.cpp. Once per project with a transport. */
export function coreFiles(files: FileSet, model: CppModel, transport: Transport): CppTransportPart {
  coreRuntimeFiles(files, model);
  protocolInfoFile(files, model, transport);
  profileFiles(files, model);
  return { sources: ["src/profile.cpp"], tests: [], cmake: [] };
}
