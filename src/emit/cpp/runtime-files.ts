// The hand-written runtime (runtime/include/*.hpp, runtime/src/*.cpp) and the
// spec-independent tests (runtime-test/*), copied into the project with the
// "do not edit" header; `PROTOFORGE_NS` in them becomes the protocol's
// namespace (also its include folder), so two protocols' libraries can be
// linked into one program.
import type { FileSet } from "../index.js";
import { runtimeAssets } from "../runtime-assets.js";
import type { CppModel } from "./model.js";

const TOKEN = /PROTOFORGE_NS/g;

function destination(model: CppModel, folder: string, path: string): string {
  if (folder === "runtime-test") return `cpp/test/${path}`;
  if (path.startsWith("include/")) return `cpp/include/${model.ns}/${path.slice("include/".length)}`;
  return `cpp/${path}`;
}

export function runtimeFiles(files: FileSet, model: CppModel): void {
  for (const folder of ["runtime", "runtime-test"]) {
    for (const asset of runtimeAssets("cpp", folder)) {
      if (!/\.(hpp|cpp)$/.test(asset.path)) continue;
      const f = files.file(destination(model, folder, asset.path), "cpp");
      f.print(asset.content.replace(TOKEN, model.ns).replace(/\n+$/, ""));
      f.finish();
    }
  }
}
