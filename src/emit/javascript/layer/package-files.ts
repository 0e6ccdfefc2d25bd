// package.json, package-lock.json and tsconfig.json of OUT/javascript
// (docs/targets/javascript-contract.md). The lock holds the exact dev
// dependencies with protoforge's own resolved URLs and integrity hashes, as
// constants, so generation needs no network and `npm ci` reproduces them.
import type { EmitOptions, FileSet } from "../../index.js";
import type { JsModel } from "./model.js";

export const JAVASCRIPT_PINS = { typescript: "5.9.3", "@types/node": "20.19.43", "undici-types": "6.21.0" } as const;

const tarball = (name: string, version: string): string => `https://registry.npmjs.org/${name}/-/${name.split("/").pop() ?? name}-${version}.tgz`;

const LOCKED = {
  "node_modules/@types/node": {
    version: JAVASCRIPT_PINS["@types/node"],
    resolved: tarball("@types/node", JAVASCRIPT_PINS["@types/node"]),
    integrity: "sha512-6oYBAi5ikg4Pl+kGsoYtawUMBT2zZMCvPNF7pVLnHZfd1zf38DRiWn/gT01RYCdUqkv7Fhr+C9ot4/tb+2sVvA==",
    dev: true,
    license: "MIT",
    dependencies: { "undici-types": "~6.21.0" },
  },
  "node_modules/typescript": {
    version: JAVASCRIPT_PINS.typescript,
    resolved: tarball("typescript", JAVASCRIPT_PINS.typescript),
    integrity: "sha512-jl1vZzPDinLr9eUt3J/t7V6FgNEw9QjvBPdysz9KfQDD41fQrC2Y4vKQdiaUpFT4bXlb1RHhLpp8wtm6M5TgSw==",
    dev: true,
    license: "Apache-2.0",
    bin: { tsc: "bin/tsc", tsserver: "bin/tsserver" },
    engines: { node: ">=14.17" },
  },
  "node_modules/undici-types": {
    version: JAVASCRIPT_PINS["undici-types"],
    resolved: tarball("undici-types", JAVASCRIPT_PINS["undici-types"]),
    integrity: "sha512-iwDZqg0QAGrg9Rav5H4n0M64c3mkR59cJ6wQp+7C4nI0gsmExaedaYLNO44eT4AtBBwjbTiGPMlt2Md0T9H9JQ==",
    dev: true,
    license: "MIT",
  },
} as const;

const PUBLIC_EXPORTS = ["codec", "messages", "machine", "errors", "protocol-info"] as const;

export function packageFiles(files: FileSet, model: JsModel, _options: EmitOptions): void {
  const { spec, pkg } = model;
  const devDependencies = { "@types/node": JAVASCRIPT_PINS["@types/node"], typescript: JAVASCRIPT_PINS.typescript };
  const exportsMap: Record<string, { types: string; default: string }> = { ".": { types: "./types/index.d.ts", default: "./src/index.js" } };
  // Code in src/, declarations in types/ (a .d.ts next to its .js would hide the .js from tsc).
  for (const m of PUBLIC_EXPORTS) exportsMap[`./${m}`] = { types: `./types/${m}.d.ts`, default: `./src/${m}.js` };
  exportsMap["./transport"] = { types: "./types/transport/index.d.ts", default: "./src/transport/index.js" };
  exportsMap["./handlers"] = { types: "./types/handlers.d.ts", default: "./src/handlers.js" };
  const packageJson = {
    name: pkg,
    version: spec.protocol.version,
    description: spec.protocol.description,
    type: "module",
    private: true,
    engines: { node: ">=20" },
    exports: exportsMap,
    scripts: {
      // A hung test fails after a minute instead of holding the run (node waits forever by default).
      test: "node --test --test-timeout=60000 test/",
      typecheck: "tsc -p tsconfig.json",
      "demo:server": "node demo/server.js",
      "demo:client": "node demo/client.js",
    },
    devDependencies,
  };
  files.plainFile("javascript/package.json", "json").print(JSON.stringify(packageJson, null, 2));
  const lock = {
    name: pkg,
    version: spec.protocol.version,
    lockfileVersion: 3,
    requires: true,
    packages: { "": { name: pkg, version: spec.protocol.version, devDependencies, engines: { node: ">=20" } }, ...LOCKED },
  };
  files.plainFile("javascript/package-lock.json", "json").print(JSON.stringify(lock, null, 2));
  const tsconfig = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      allowJs: true,
      checkJs: true,
      module: "nodenext",
      moduleResolution: "nodenext",
      target: "es2022",
      lib: ["es2022"],
      types: ["node"],
      noUncheckedIndexedAccess: true,
      noImplicitOverride: true,
      skipLibCheck: false,
    },
    include: ["src", "types", "test", "demo", "testing"],
  };
  files.plainFile("javascript/tsconfig.json", "json").print(JSON.stringify(tsconfig, null, 2));
}
