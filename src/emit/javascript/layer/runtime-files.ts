// The hand-written runtime of the protocol layer, copied verbatim with the
// "do not edit" header. runtime/ mirrors the project's src/ (only JavaScript):
// runtime/errors.js to src/errors.js, runtime/internal/** to src/internal/.
// runtime-types/ mirrors the project's types/: runtime-types/errors.d.ts to
// types/errors.d.ts. runtime/transport/ and runtime-types/transport/ belong
// to the transports part (transport/runtime-files.ts).
import type { FileSet } from "../../index.js";
import { runtimeAssets } from "../../runtime-assets.js";

const layerAsset = (path: string): boolean => !path.startsWith("transport/");

export function runtimeFiles(files: FileSet): void {
  for (const asset of runtimeAssets("javascript")) {
    if (!layerAsset(asset.path) || !asset.path.endsWith(".js")) continue;
    files.file(`javascript/src/${asset.path}`, "javascript").print(asset.content.replace(/\n+$/, ""));
  }
  for (const asset of runtimeAssets("javascript", "runtime-types")) {
    if (!layerAsset(asset.path) || !asset.path.endsWith(".d.ts")) continue;
    files.file(`javascript/types/${asset.path}`, "javascript").print(asset.content.replace(/\n+$/, ""));
  }
}
