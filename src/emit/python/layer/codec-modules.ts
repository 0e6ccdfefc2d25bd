// The generated codec modules: _binary.py (encode_<name>/decode_<name>),
// _json.py (<name>_to_json/<name>_from_json) and _patterns.py, one function
// per struct and message, straight-line from the spec.
import type { FileSet } from "../../index.js";
import { symbols } from "../../index.js";
import { printDecoder, decoderName } from "./binary-decode.js";
import { encoderName, printEncoder } from "./binary-encode.js";
import type { FileContext, TableKind } from "./body.js";
import { code, moduleDocstring, pyStr } from "./code.js";
import { printFromJson, fromJsonName } from "./json-decode.js";
import { printToJson, toJsonName } from "./json-encode.js";
import type { PyModel } from "./model.js";
import { packageModules } from "./modules.js";
import { pythonPattern } from "./pattern.js";
import { patternName, patternSources, runFormats, runStructName, tableName, usedEnums } from "./tables.js";
import { pythonTypes } from "./type-map.js";
import { wireNames } from "./wire.js";

const py = symbols.python;

function moduleFile(files: FileSet, model: PyModel, name: string, doc: string): FileContext {
  const f = files.file(`python/src/${model.pkg}/${name}.py`, "python", { module: `${model.pkg}.${name}` });
  f.preamble(moduleDocstring(doc));
  f.addImport(py.from("__future__", "annotations"));
  const mods = packageModules(model.pkg, true);
  const sources = patternSources(model);
  const formats = new Set(runFormats(model));
  const enums = new Set(usedEnums(model));
  return {
    f,
    model,
    mods,
    w: wireNames(mods),
    types: pythonTypes(model, mods),
    pattern: (source) => mods.from("_patterns", patternName(sources, source)),
    limit: mods.from("protocol_info", "MAX_FRAME_BYTES"),
    runStruct: (format) => {
      if (!formats.has(format)) throw new Error(`python layer: run format ${format} was not collected`);
      return runStructName(format);
    },
    table: (kind: TableKind, enumName: string) => {
      if (!enums.has(enumName)) throw new Error(`python layer: enum ${enumName} was not collected`);
      return tableName(model, kind, enumName);
    },
  };
}

export function binaryModule(files: FileSet, model: PyModel): void {
  const b = moduleFile(files, model, "_binary", `Binary encoders and decoders of the payloads of ${model.spec.protocol.name} (wire format section 3).

Generated from the spec: one encode_<name> and one decode_<name> per struct
and message, fields in declaration order, every check where the reference
codec makes it. codec.py puts them in frames.`);
  const { f } = b;
  const functions = model.composites.flatMap((c) => [encoderName(b, c.name), decoderName(b, c.name)]);
  const formats = runFormats(model);
  const enums = usedEnums(model);
  for (const name of [...functions, ...formats.map(runStructName), ...enums.map((e) => tableName(model, "by_value", e))]) f.declare(name);
  for (const format of formats) f.print(runStructName(format), " = ", b.w.Struct, `(">${format}")`);
  for (const e of enums) {
    const cls = b.mods.from("messages", model.className(e));
    f.print(tableName(model, "by_value", e), ": dict[int, ", cls, "] = {m.value: m for m in ", cls, "}");
  }
  for (const c of model.composites) {
    f.print();
    f.print();
    printEncoder(b, c, functions);
    f.print();
    f.print();
    printDecoder(b, c, functions);
  }
}

export function jsonModule(files: FileSet, model: PyModel): void {
  const b = moduleFile(files, model, "_json", `The JSON mapping of the payloads of ${model.spec.protocol.name} (wire format section 9).

Generated from the spec: one <name>_to_json and one <name>_from_json per
struct and message. 64-bit integers and timestamps are decimal strings,
bytes are base64, enums are value names, absent optionals are left out.`);
  const { f } = b;
  const functions = model.composites.flatMap((c) => [toJsonName(b, c.name), fromJsonName(b, c.name)]);
  const keys = (name: string): string => `_${model.constant(name)}_KEYS`;
  const enums = usedEnums(model);
  const constants = [...model.composites.map((c) => keys(c.name)), ...enums.flatMap((e) => [tableName(model, "names", e), tableName(model, "by_name", e)])];
  for (const name of [...functions, ...constants]) f.declare(name);
  for (const e of enums) {
    const decl = model.enumDecl(e);
    const cls = b.mods.from("messages", model.className(e));
    f.print(tableName(model, "names", e), ": dict[", cls, ", str] = {");
    f.indent(() => decl.values.forEach((v) => f.print(cls, ".", model.member(e, v.name), ": ", pyStr(v.name), ",")));
    f.print("}");
    f.print(tableName(model, "by_name", e), ": dict[str, ", cls, "] = {name: member for member, name in ", tableName(model, "names", e), ".items()}");
  }
  for (const c of model.composites) {
    const names = c.fields.map((field) => pyStr(field.name)).join(", ");
    f.print(keys(c.name), ": frozenset[str] = frozenset(", names === "" ? "" : `{${names}}`, ")");
  }
  for (const c of model.composites) {
    f.print();
    f.print();
    printToJson(b, c, functions);
    f.print();
    f.print();
    printFromJson(b, c, keys(c.name), functions);
  }
}

/** _patterns.py: the spec's patterns, translated for Python; only when the spec has some. */
export function patternsModule(files: FileSet, model: PyModel): void {
  const sources = patternSources(model);
  if (sources.length === 0) return;
  const f = files.file(`python/src/${model.pkg}/_patterns.py`, "python", { module: `${model.pkg}._patterns` });
  f.preamble(code`
    """The patterns of ${model.spec.protocol.name}'s string fields (wire format section 5).

    Each is the spec's ECMAScript pattern (second argument) translated to
    Python's re (first argument), matched against the whole string.
    """`);
  f.addImport(py.from("__future__", "annotations"));
  const Pattern = packageModules(model.pkg, true).from("_wire", "Pattern");
  sources.forEach((source) => f.print(patternName(sources, source), " = ", Pattern, "(", pyStr(pythonPattern(source)), ", ", pyStr(source), ")"));
}
