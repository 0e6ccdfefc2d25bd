// The package around the generated modules: pyproject.toml, __init__.py,
// py.typed and the runtime modules copied from src/emit/python/runtime/.
import type { EmitOptions, FileSet } from "../../index.js";
import { runtimeAssets } from "../../runtime-assets.js";
import { moduleDocstring, pyStr } from "./code.js";
import type { PyModel } from "./model.js";

/** Pinned versions the generated project builds and tests with. */
export const PYTHON_PINS = {
  setuptools: "84.2.1",
  pytest: "9.2.0",
  mypy: "2.4.1",
  aiohttp: "3.14.5",
} as const;

/** A TOML basic string (the JSON escapes are TOML's, for the characters JSON.stringify escapes). */
const tomlString = (value: string): string => JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

export function pyproject(files: FileSet, model: PyModel, options: EmitOptions): void {
  const { spec, pkg } = model;
  const f = files.file("python/pyproject.toml", "toml");
  const dependencies = options.transport === "http" ? [`aiohttp==${PYTHON_PINS.aiohttp}`] : [];
  const list = (items: readonly string[]): string => `[${items.map(tomlString).join(", ")}]`;
  f.print(`[build-system]
requires = ${list([`setuptools==${PYTHON_PINS.setuptools}`])}
build-backend = "setuptools.build_meta"

[project]
name = ${tomlString(spec.protocol.name)}
version = ${tomlString(spec.protocol.version)}
description = ${tomlString(spec.protocol.description)}
requires-python = ">=3.10"
dependencies = ${list(dependencies)}

[project.optional-dependencies]
dev = ${list([`pytest==${PYTHON_PINS.pytest}`, `mypy==${PYTHON_PINS.mypy}`])}

[tool.setuptools.packages.find]
where = ["src"]

[tool.setuptools.package-data]
${pkg} = ["py.typed"]

[tool.pytest.ini_options]
testpaths = ["tests"]

[tool.mypy]
python_version = "3.10"
strict = true
mypy_path = "src"`);
}

export function packageFiles(files: FileSet, model: PyModel): void {
  const { spec, pkg } = model;
  const init = files.file(`python/src/${pkg}/__init__.py`, "python", { module: pkg });
  init.preamble(
    moduleDocstring(`${spec.protocol.name} ${spec.protocol.version}: ${spec.protocol.description}

Modules: messages (the message classes), codec (binary frames and JSON),
machine (the role state machines), protocol_info (the spec's constants),
errors (WireError, StateError), and the transports.`),
  );
  init.print("__version__ = ", pyStr(spec.protocol.version));
  files.file(`python/src/${pkg}/py.typed`, "python");
  for (const asset of runtimeAssets("python")) {
    if (asset.path.includes("/")) continue;
    const f = files.file(`python/src/${pkg}/${asset.path}`, "python", { module: `${pkg}.${asset.path.replace(/\.py$/, "")}` });
    f.print(asset.content.replace(/\n+$/, ""));
  }
}
