// internal/json.js: the JSON mapping of every struct and message (wire
// format section 9), generated per field like the binary code: toJson<Name>
// checks the value and builds the object in declaration order; fromJson<Name>
// reads an object, refusing wrong types, missing and unknown keys.
import { dispatchFieldType, type FieldKindTable, type FieldType, type FieldTypeOf } from "../../../spec/model.js";
import { symbols, type FileSet } from "../../index.js";
import { enumTables, newGen, type Gen, type Place } from "./binary.js";
import { itemChecks, lengthChecks, patternCheck, rangeChecks, type Patterns } from "./checks.js";
import { addLayerImports, fn, intRange, jsdocRef, jsStr, typeText } from "./code.js";
import type { Composite, JsModel } from "./model.js";

const indent = (lines: readonly string[], by = "  "): string[] => lines.map((l) => (l === "" ? l : by + l));

/** Statements that check `v` and declare `out` as its JSON value (toJson), or
 *  check JSON `v` and declare `out` as the value (fromJson). */
type Conv = (g: Gen, v: string, out: string, p: Place) => string[];

function intTest(bits: number, signed: boolean, v: string): { test: string; range: string } {
  const [lo, hi] = intRange(bits, signed);
  return { test: `typeof ${v} !== "number" || !Number.isInteger(${v}) || ${v} < ${lo} || ${v} > ${hi}`, range: `${lo}..${hi} (${signed ? "" : "u"}int${bits})` };
}

function wideRange(signed: boolean, name: string): { lo: string; hi: string; range: string } {
  const [lo, hi] = intRange(64, signed);
  return { lo: `${lo}n`, hi: `${hi}n`, range: `${lo}..${hi} (${name})` };
}

function floatConv(t: FieldTypeOf<"float">, _g: Gen, v: string, out: string, p: Place, expected: string): string[] {
  const lines = [`if (typeof ${v} !== "number" || !Number.isFinite(${v})) throw $.wrongType(${p.path}, ${v}, ${jsStr(expected)});`];
  if (t.bits === 32) {
    lines.push(`const ${out} = Math.fround(${v});`, `if (!Number.isFinite(${out})) throw $.invalid(${p.path}, \`\${${v}} is outside the range of float32\`);`);
  } else {
    lines.push(`const ${out} = ${v};`);
  }
  return [...lines, ...rangeChecks(t, p.c, out, p.path)];
}

function stringConv(g: Gen, v: string, out: string, p: Place): string[] {
  const n = g.fresh("n");
  return [
    `if (typeof ${v} !== "string") throw $.wrongType(${p.path}, ${v}, "a string");`,
    `const ${n} = utf8Length(${v});`,
    `if (${n} < 0) throw loneSurrogate(${p.path});`,
    ...lengthChecks(p.c, n, p.path),
    ...patternCheck(p.c, v, p.path, g.patterns),
    `const ${out} = ${v};`,
  ];
}

function listConv(t: FieldTypeOf<"list">, g: Gen, v: string, out: string, p: Place, item: (t: FieldType) => Conv, itemType: string): string[] {
  const i = g.fresh("i");
  const x = g.fresh("x");
  return [
    `if (!Array.isArray(${v})) throw $.wrongType(${p.path}, ${v}, "an array");`,
    ...itemChecks(p.c, `${v}.length`, p.path, p.outer),
    `/** @type {${itemType}[]} */`,
    `const ${out} = new Array(${v}.length);`,
    `let ${i} = 0;`,
    "try {",
    `  for (; ${i} < ${v}.length; ${i}++) {`,
    `    const ${x} = /** @type {unknown} */ (${v}[${i}]);`,
    ...indent(item(t.of)(g, x, `${out}_`, { path: '""', c: p.c, outer: false }), "    "),
    `    ${out}[${i}] = ${out}_;`,
    "  }",
    "} catch (e) {",
    `  throw $.at(e, ${i});`,
    "}",
  ];
}

const TO_JSON: FieldKindTable<Conv> = {
  bool: () => (_g, v, out, p) => [`if (typeof ${v} !== "boolean") throw $.wrongType(${p.path}, ${v}, "a boolean");`, `const ${out} = ${v};`],
  int: (t) => (_g, v, out, p) => {
    if (t.bits === 64) return wideToJson(t, t.signed, `${t.signed ? "" : "u"}int64`, v, out, p);
    const { test, range } = intTest(t.bits, t.signed, v);
    return [`if (${test}) throw $.badInt(${p.path}, ${v}, ${jsStr(range)});`, ...rangeChecks(t, p.c, v, p.path), `const ${out} = ${v};`];
  },
  timestamp: (t) => (_g, v, out, p) => wideToJson(t, true, "timestamp", v, out, p),
  float: (t) => (g, v, out, p) => floatConv(t, g, v, out, p, "a finite number"),
  string: () => (g, v, out, p) => stringConv(g, v, out, p),
  bytes: () => (_g, v, out, p) => [
    `if (!(${v} instanceof Uint8Array)) throw $.wrongType(${p.path}, ${v}, "a Uint8Array");`,
    ...lengthChecks(p.c, `${v}.length`, p.path),
    `const ${out} = encodeBase64(${v});`,
  ],
  enum: (t) => (g, v, out, p) => [
    `if (typeof ${v} !== "string" || !$${g.model.className(t.name)}_VALUES.has(${v})) throw $.badEnumName(${p.path}, ${v}, ${jsStr(t.name)});`,
    `const ${out} = ${v};`,
  ],
  struct: (t) => (g, v, out, p) => [
    `if (!$.isRecord(${v})) throw $.wrongType(${p.path}, ${v}, ${jsStr(`an object (struct ${t.name})`)});`,
    `const ${out} = ${fn("toJson", g.model, t.name)}(/** @type {import("../messages.js").${g.model.className(t.name)}} */ (/** @type {unknown} */ (${v})));`,
  ],
  list: (t) => (g, v, out, p) => listConv(t, g, v, out, p, (of) => dispatchFieldType(TO_JSON, of), "unknown"),
};

function wideToJson(t: FieldType, signed: boolean, name: string, v: string, out: string, p: Place): string[] {
  const { lo, hi, range } = wideRange(signed, name);
  return [
    `if (typeof ${v} !== "bigint" || ${v} < ${lo} || ${v} > ${hi}) throw $.badInt(${p.path}, ${v}, ${jsStr(range)});`,
    ...rangeChecks(t, p.c, v, p.path),
    `const ${out} = ${v}.toString();`,
  ];
}

const FROM_JSON: FieldKindTable<Conv> = {
  bool: () => (_g, v, out, p) => [`if (typeof ${v} !== "boolean") throw $.wrongType(${p.path}, ${v}, "true or false");`, `const ${out} = ${v};`],
  int: (t) => (_g, v, out, p) => {
    if (t.bits === 64) return wideFromJson(t, t.signed, `${t.signed ? "" : "u"}int64`, v, out, p);
    const { test, range } = intTest(t.bits, t.signed, v);
    return [`if (${test}) throw $.badInt(${p.path}, ${v}, ${jsStr(range)});`, ...rangeChecks(t, p.c, v, p.path), `const ${out} = ${v};`];
  },
  timestamp: (t) => (_g, v, out, p) => wideFromJson(t, true, "timestamp", v, out, p),
  float: (t) => (g, v, out, p) => floatConv(t, g, v, out, p, "a number"),
  string: () => (g, v, out, p) => stringConv(g, v, out, p),
  bytes: () => (_g, v, out, p) => [`const ${out} = decodeBase64(${v}, ${p.path});`, ...lengthChecks(p.c, `${out}.length`, p.path)],
  enum: (t) => (g, v, out, p) => {
    const cls = g.model.className(t.name);
    return [
      `if (typeof ${v} !== "string" || !$${cls}_VALUES.has(${v})) throw $.badEnumName(${p.path}, ${v}, ${jsStr(t.name)});`,
      `const ${out} = /** @type {import("../messages.js").${cls}} */ (${v});`,
    ];
  },
  struct: (t) => (g, v, out, p) => [
    `if (!$.isRecord(${v})) throw $.wrongType(${p.path}, ${v}, ${jsStr(`an object (struct ${t.name})`)});`,
    `const ${out} = ${fn("fromJson", g.model, t.name)}(${v});`,
  ],
  list: (t) => (g, v, out, p) => listConv(t, g, v, out, p, (of) => dispatchFieldType(FROM_JSON, of), typeText(g.model, t.of, jsdocRef)),
};

function wideFromJson(t: FieldType, signed: boolean, name: string, v: string, out: string, p: Place): string[] {
  const { lo, hi, range } = wideRange(signed, name);
  return [
    `const ${out} = jsonBigInt(${v}, ${p.path}, ${signed}, ${jsStr(name)});`,
    `if (${out} < ${lo} || ${out} > ${hi}) throw $.badInt(${p.path}, ${v}, ${jsStr(range)});`,
    ...rangeChecks(t, p.c, out, p.path),
  ];
}

const relocated = (type: FieldType): boolean => type.kind === "struct" || type.kind === "list";

function wrap(type: FieldType, name: string, body: string[]): string[] {
  if (!relocated(type)) return body;
  return ["try {", ...indent(body), "} catch (e) {", `  throw $.at(e, ${jsStr(name)});`, "}"];
}

function toJsonFunction(g: Gen, c: Composite): string[] {
  const { model } = g;
  const cls = model.className(c.name);
  const out = [`/**`, ` * @param {import("../messages.js").${cls}} m`, ` * @returns {Record<string, unknown>}`, ` */`, `export function ${fn("toJson", model, c.name)}(m) {`];
  out.push("  /** @type {Record<string, unknown>} */", "  const o = {};");
  for (const f of c.fields) {
    const v = g.fresh("v");
    const j = g.fresh("j");
    const fp = jsStr(f.name);
    const place: Place = { path: relocated(f.type) ? '""' : fp, c: f.constraints, outer: true };
    out.push(`  const ${v} = /** @type {unknown} */ (m.${model.prop(c.name, f.name)});`);
    const body = wrap(f.type, f.name, [...dispatchFieldType(TO_JSON, f.type)(g, v, j, place), `o[${fp}] = ${j};`]);
    if (f.optional) out.push(`  if (${v} !== undefined) {`, ...indent(body, "    "), "  }");
    else out.push(`  if (${v} === undefined) throw $.missing(${fp});`, ...indent(body));
  }
  out.push("  return o;", "}");
  return out;
}

function fromJsonFunction(g: Gen, c: Composite): string[] {
  const { model } = g;
  const cls = model.className(c.name);
  const out = [`/**`, ` * @param {Readonly<Record<string, unknown>>} o`, ` * @returns {import("../messages.js").${cls}}`, ` */`, `export function ${fn("fromJson", model, c.name)}(o) {`];
  const props: string[] = [];
  for (const f of c.fields) {
    const v = g.fresh("v");
    const j = g.fresh("j");
    const x = g.fresh("x");
    const fp = jsStr(f.name);
    const place: Place = { path: relocated(f.type) ? '""' : fp, c: f.constraints, outer: true };
    props.push(`${model.prop(c.name, f.name)}: ${v}`);
    out.push(`  const ${j} = Object.hasOwn(o, ${fp}) ? o[${fp}] : undefined;`);
    out.push(`  /** @type {${typeText(model, f.type, jsdocRef)}${f.optional ? " | undefined" : ""}} */`, `  let ${v};`);
    const body = wrap(f.type, f.name, [...dispatchFieldType(FROM_JSON, f.type)(g, j, x, place), `${v} = ${x};`]);
    if (f.optional) out.push(`  if (${j} !== undefined && ${j} !== null) {`, ...indent(body, "    "), "  }");
    else {
      out.push(`  if (${j} === undefined || ${j} === null) throw $.invalid(${fp}, ${j} === null ? "required field is null" : "required field is missing");`);
      out.push(...indent(body));
    }
  }
  out.push(
    "  for (const key of Object.keys(o)) {",
    `    if (!$${cls}_KEYS.has(key)) throw $.invalid(key, ${jsStr(`unknown field in struct ${c.name}`)});`,
    "  }",
    `  return new ${cls}({${props.length === 0 ? "" : ` ${props.join(", ")} `}});`,
    "}",
  );
  return out;
}

export function jsonModule(files: FileSet, model: JsModel, patterns: Patterns & { readonly used: () => readonly string[] }): void {
  const g = newGen(model, patterns);
  const body: string[] = [];
  for (const c of model.composites) {
    body.push("", "/** @type {ReadonlySet<string>} */", `const $${model.className(c.name)}_KEYS = new Set([${c.fields.map((f) => jsStr(f.name)).join(", ")}]);`);
    body.push(...toJsonFunction(g, c), "", ...fromJsonFunction(g, c));
  }
  const f = files.file("javascript/src/internal/json.js", "javascript");
  f.preamble(`// The JSON mapping of ${model.spec.protocol.name} (wire format section 9), generated from the spec:\n// one toJson<Name> and one fromJson<Name> per struct and message.`);
  const js = symbols.javascript;
  for (const name of ["decodeBase64", "encodeBase64", "jsonBigInt"]) f.addImport(js.from("./json-values.js", name));
  for (const name of ["loneSurrogate", "utf8Length"]) f.addImport(js.from("./utf8.js", name));
  addLayerImports(f, model, patterns.used());
  f.print([...enumTables(model, ["VALUES"]), ...body].join("\n"));
}
