// The hand-written runtime (runtime/*.java) and the spec-independent tests
// (runtime-test/*.java), copied into the project with the "do not edit"
// header and the package line of the protocol's package.
import type { FileSet } from "../index.js";
import { runtimeAssets } from "../runtime-assets.js";
import type { JavaModel } from "./model.js";

function copy(files: FileSet, model: JavaModel, folder: string, root: "main" | "test"): void {
  for (const asset of runtimeAssets("java", folder)) {
    // Subfolders (runtime/transport/) are copied by their own emitters.
    if (!asset.path.endsWith(".java") || asset.path.includes("/")) continue;
    const cls = asset.path.replace(/\.java$/, "");
    const f = files.file(`java/src/${root}/java/${model.pkgDir}/${asset.path}`, "java", { module: model.pkg, localNames: [cls] });
    f.print(asset.content.replace(/\n+$/, ""));
    f.finish();
  }
}

export function runtimeFiles(files: FileSet, model: JavaModel): void {
  copy(files, model, "runtime", "main");
  copy(files, model, "runtime-test", "test");
}
