// internal/binary.js: one encoder and one decoder per struct and message,
// fields in declaration order with every check where the reference codec
// makes it (docs/wire-format.md sections 3 to 6). Straight-line code over a
// DataView: no per-field closures. Errors thrown inside structs and lists
// carry relative paths and are moved outward by the enclosing catch.
import { dispatchFieldType, type Constraints, type FieldKindTable, type FieldType, type FieldTypeOf } from "../../../spec/model.js";
import type { FileSet } from "../../index.js";
import { lengthChecks, itemChecks, patternCheck, rangeChecks, type Patterns } from "./checks.js";
import { addLayerImports, fn, intRange, jsdocRef, jsStr, typeText } from "./code.js";
import type { Composite, JsModel } from "./model.js";

/** Where a value is handled: a counter for fresh locals, the spec, patterns. */
export interface Gen {
  readonly model: JsModel;
  readonly patterns: Patterns;
  fresh(prefix: string): string;
}

/** A value's place: its error path (a JS string literal) and its field's constraints. */
export interface Place {
  readonly path: string;
  readonly c: Constraints;
  readonly outer: boolean;
}

const INT_IO: Readonly<Record<string, readonly [string, number]>> = {
  i8: ["Int8", 1],
  u8: ["Uint8", 1],
  i16: ["Int16", 2],
  u16: ["Uint16", 2],
  i32: ["Int32", 4],
  u32: ["Uint32", 4],
  i64: ["BigInt64", 8],
  u64: ["BigUint64", 8],
};

type KindHandlers = { readonly [K in FieldType["kind"]]: (t: FieldTypeOf<K>, g: Gen, v: string, p: Place) => string[] };

function curry(handlers: KindHandlers): FieldKindTable<(g: Gen, v: string, p: Place) => string[]> {
  return {
    bool: (t) => (g, v, p) => handlers.bool(t, g, v, p),
    int: (t) => (g, v, p) => handlers.int(t, g, v, p),
    float: (t) => (g, v, p) => handlers.float(t, g, v, p),
    string: (t) => (g, v, p) => handlers.string(t, g, v, p),
    bytes: (t) => (g, v, p) => handlers.bytes(t, g, v, p),
    timestamp: (t) => (g, v, p) => handlers.timestamp(t, g, v, p),
    enum: (t) => (g, v, p) => handlers.enum(t, g, v, p),
    struct: (t) => (g, v, p) => handlers.struct(t, g, v, p),
    list: (t) => (g, v, p) => handlers.list(t, g, v, p),
  };
}

const indent = (lines: readonly string[], by = "  "): string[] => lines.map((l) => (l === "" ? l : by + l));

const intName = (t: FieldTypeOf<"int">): string => `${t.signed ? "" : "u"}int${t.bits}`;

/** Encode statements of value `v` (a local) at `p`. */
type EncodeKind<K extends FieldType["kind"]> = (t: FieldTypeOf<K>, g: Gen, v: string, p: Place) => string[];

function encodeInt(bits: number, signed: boolean, name: string, io: string, size: number, _g: Gen, v: string, p: Place, t: FieldType): string[] {
  const [lo, hi] = intRange(bits, signed);
  const wide = bits === 64;
  const test = wide ? `typeof ${v} !== "bigint" || ${v} < ${lo}n || ${v} > ${hi}n` : `typeof ${v} !== "number" || !Number.isInteger(${v}) || ${v} < ${lo} || ${v} > ${hi}`;
  return [
    `if (${test}) throw $.badInt(${p.path}, ${v}, ${jsStr(`${lo}..${hi} (${name})`)});`,
    ...rangeChecks(t, p.c, v, p.path),
    `w.ensure(${size}, ${p.path});`,
    `w.view.set${io}(w.pos, ${v});`,
    `w.pos += ${size};`,
  ];
}

const ENCODE: { readonly [K in FieldType["kind"]]: EncodeKind<K> } = {
  bool: (_t, _g, v, p) => [
    `if (typeof ${v} !== "boolean") throw $.wrongType(${p.path}, ${v}, "a boolean");`,
    `w.ensure(1, ${p.path});`,
    `w.buf[w.pos++] = ${v} ? 1 : 0;`,
  ],
  int: (t, g, v, p) => {
    const [io, size] = INT_IO[`${t.signed ? "i" : "u"}${t.bits}`] as readonly [string, number];
    return encodeInt(t.bits, t.signed, intName(t), io, size, g, v, p, t);
  },
  timestamp: (t, g, v, p) => encodeInt(64, true, "timestamp", "BigInt64", 8, g, v, p, t),
  float: (t, g, v, p) => {
    const out = [`if (typeof ${v} !== "number" || !Number.isFinite(${v})) throw $.wrongType(${p.path}, ${v}, "a finite number");`];
    let f = v;
    if (t.bits === 32) {
      f = g.fresh("f");
      out.push(`const ${f} = Math.fround(${v});`, `if (!Number.isFinite(${f})) throw $.invalid(${p.path}, \`\${${v}} is outside the range of float32\`);`);
    }
    const size = t.bits / 8;
    return [...out, ...rangeChecks(t, p.c, f, p.path), `w.ensure(${size}, ${p.path});`, `w.view.setFloat${t.bits}(w.pos, ${f});`, `w.pos += ${size};`];
  },
  string: (_t, g, v, p) => {
    const n = g.fresh("n");
    return [
      `if (typeof ${v} !== "string") throw $.wrongType(${p.path}, ${v}, "a string");`,
      `const ${n} = w.string(${v}, ${p.path});`,
      ...lengthChecks(p.c, n, p.path),
      ...patternCheck(p.c, v, p.path, g.patterns),
    ];
  },
  bytes: (_t, _g, v, p) => [
    `if (!(${v} instanceof Uint8Array)) throw $.wrongType(${p.path}, ${v}, "a Uint8Array");`,
    ...lengthChecks(p.c, `${v}.length`, p.path),
    `w.bytes(${v}, ${p.path});`,
  ],
  enum: (t, g, v, p) => {
    const n = g.fresh("n");
    const table = `$${g.model.className(t.name)}_VALUES`;
    return [
      `const ${n} = typeof ${v} === "string" ? ${table}.get(${v}) : undefined;`,
      `if (${n} === undefined) throw $.badEnumName(${p.path}, ${v}, ${jsStr(t.name)});`,
      `w.ensure(2, ${p.path});`,
      `w.view.setUint16(w.pos, ${n});`,
      `w.pos += 2;`,
    ];
  },
  struct: (t, g, v, p) => [
    `if (!$.isRecord(${v})) throw $.wrongType(${p.path}, ${v}, ${jsStr(`an object (struct ${t.name})`)});`,
    `${fn("encode", g.model, t.name)}(w, ${v});`,
  ],
  list: (t, g, v, p) => {
    const i = g.fresh("i");
    const x = g.fresh("x");
    return [
      `if (!Array.isArray(${v})) throw $.wrongType(${p.path}, ${v}, "an array");`,
      ...itemChecks(p.c, `${v}.length`, p.path, p.outer),
      `w.ensure(4, ${p.path});`,
      `w.view.setUint32(w.pos, ${v}.length);`,
      `w.pos += 4;`,
      `let ${i} = 0;`,
      "try {",
      `  for (; ${i} < ${v}.length; ${i}++) {`,
      `    const ${x} = ${v}[${i}];`,
      ...indent(encodeValue(t.of, g, x, { path: '""', c: p.c, outer: false }), "    "),
      "  }",
      "} catch (e) {",
      `  throw $.at(e, ${i});`,
      "}",
    ];
  },
};

/** The exhaustive table per field kind (a new kind fails compilation here). */
const ENCODE_TABLE: FieldKindTable<(g: Gen, v: string, p: Place) => string[]> = curry(ENCODE);

export function encodeValue(type: FieldType, g: Gen, v: string, p: Place): string[] {
  return dispatchFieldType(ENCODE_TABLE, type)(g, v, p);
}

/** Decode statements that leave the value in `v` (declared by them). */
type DecodeKind<K extends FieldType["kind"]> = (t: FieldTypeOf<K>, g: Gen, v: string, p: Place) => string[];

function decodeFixed(io: string, size: number, _g: Gen, v: string, p: Place, t: FieldType): string[] {
  return [`const ${v} = r.view.get${io}(r.off + r.need(${size}, ${p.path}));`, ...rangeChecks(t, p.c, v, p.path)];
}

const DECODE: { readonly [K in FieldType["kind"]]: DecodeKind<K> } = {
  bool: (_t, g, v, p) => {
    const b = g.fresh("b");
    return [
      `const ${b} = /** @type {number} */ (r.buf[r.need(1, ${p.path})]);`,
      `if (${b} > 1) throw $.badBool(${p.path}, ${b});`,
      `const ${v} = ${b} === 1;`,
    ];
  },
  int: (t, g, v, p) => {
    const [io, size] = INT_IO[`${t.signed ? "i" : "u"}${t.bits}`] as readonly [string, number];
    return decodeFixed(io, size, g, v, p, t);
  },
  timestamp: (t, g, v, p) => decodeFixed("BigInt64", 8, g, v, p, t),
  float: (t, _g, v, p) => [
    `const ${v} = r.view.getFloat${t.bits}(r.off + r.need(${t.bits / 8}, ${p.path}));`,
    `if (!Number.isFinite(${v})) throw $.notFinite(${p.path}, ${v});`,
    ...rangeChecks(t, p.c, v, p.path),
  ],
  string: (_t, g, v, p) => {
    const n = g.fresh("n");
    return [
      `const ${n} = r.prefix("string length", ${p.path});`,
      ...lengthChecks(p.c, n, p.path),
      `const ${v} = r.utf8(${n}, ${p.path});`,
      ...patternCheck(p.c, v, p.path, g.patterns),
    ];
  },
  bytes: (_t, g, v, p) => {
    const n = g.fresh("n");
    return [`const ${n} = r.prefix("bytes length", ${p.path});`, ...lengthChecks(p.c, n, p.path), `const ${v} = r.bytes(${n});`];
  },
  enum: (t, g, v, p) => {
    const n = g.fresh("n");
    return [
      `const ${n} = r.view.getUint16(r.off + r.need(2, ${p.path}));`,
      `const ${v} = $${g.model.className(t.name)}_NAMES.get(${n});`,
      `if (${v} === undefined) throw $.badEnumValue(${p.path}, ${n}, ${jsStr(t.name)});`,
    ];
  },
  struct: (t, g, v) => [`const ${v} = ${fn("decode", g.model, t.name)}(r);`],
  list: (t, g, v, p) => {
    const n = g.fresh("n");
    const i = g.fresh("i");
    const x = g.fresh("x");
    return [
      `const ${n} = r.prefix("list count", ${p.path});`,
      ...itemChecks(p.c, n, p.path, p.outer),
      `/** @type {${typeText(g.model, t, jsdocRef)}} */`,
      `const ${v} = new Array(${n});`,
      `let ${i} = 0;`,
      "try {",
      `  for (; ${i} < ${n}; ${i}++) {`,
      ...indent(decodeValue(t.of, g, x, { path: '""', c: p.c, outer: false }), "    "),
      `    ${v}[${i}] = ${x};`,
      "  }",
      "} catch (e) {",
      `  throw $.at(e, ${i});`,
      "}",
    ];
  },
};

const DECODE_TABLE: FieldKindTable<(g: Gen, v: string, p: Place) => string[]> = curry(DECODE);

export function decodeValue(type: FieldType, g: Gen, v: string, p: Place): string[] {
  return dispatchFieldType(DECODE_TABLE, type)(g, v, p);
}

/** Struct and list values are handled with relative paths and relocated to the field. */
const relocated = (type: FieldType): boolean => type.kind === "struct" || type.kind === "list";

function wrapField(type: FieldType, name: string, body: string[], hoist?: string): string[] {
  if (!relocated(type)) return body;
  return [...(hoist === undefined ? [] : [hoist]), "try {", ...indent(body), "} catch (e) {", `  throw $.at(e, ${jsStr(name)});`, "}"];
}

function encodeFunction(g: Gen, c: Composite): string[] {
  const { model } = g;
  const cls = model.className(c.name);
  const out = [`/**`, ` * @param {import("./buffers.js").Writer} w`, ` * @param {import("../messages.js").${cls}} m`, ` */`, `export function ${fn("encode", model, c.name)}(w, m) {`];
  if (c.fields.length === 0) out.push("  void w;", "  void m;");
  for (const f of c.fields) {
    const v = g.fresh("v");
    const place: Place = { path: relocated(f.type) ? '""' : jsStr(f.name), c: f.constraints, outer: true };
    const fp = jsStr(f.name);
    out.push(`  const ${v} = m.${model.prop(c.name, f.name)};`);
    const body = encodeValue(f.type, g, v, place);
    if (f.optional) {
      out.push(`  w.ensure(1, ${fp});`, `  if (${v} === undefined) {`, "    w.buf[w.pos++] = 0;", "  } else {", "    w.buf[w.pos++] = 1;", ...indent(wrapField(f.type, f.name, body), "    "), "  }");
    } else {
      out.push(`  if (${v} === undefined) throw $.missing(${fp});`, ...indent(wrapField(f.type, f.name, body)));
    }
  }
  out.push("}");
  return out;
}

function decodeFunction(g: Gen, c: Composite): string[] {
  const { model } = g;
  const cls = model.className(c.name);
  const out = [`/**`, ` * @param {import("./buffers.js").Reader} r`, ` * @returns {import("../messages.js").${cls}}`, ` */`, `export function ${fn("decode", model, c.name)}(r) {`];
  if (c.fields.length === 0) out.push("  void r;");
  const props: string[] = [];
  for (const f of c.fields) {
    const v = g.fresh("v");
    const fp = jsStr(f.name);
    const place: Place = { path: relocated(f.type) ? '""' : fp, c: f.constraints, outer: true };
    props.push(`${model.prop(c.name, f.name)}: ${v}`);
    const type = `${typeText(model, f.type, jsdocRef)}${f.optional ? " | undefined" : ""}`;
    if (f.optional) {
      const pb = g.fresh("pb");
      const x = g.fresh("x");
      const body = [...decodeValue(f.type, g, x, place), `${v} = ${x};`];
      out.push(
        `  const ${pb} = /** @type {number} */ (r.buf[r.need(1, ${fp})]);`,
        `  /** @type {${type}} */`,
        `  let ${v};`,
        `  if (${pb} === 1) {`,
        ...indent(wrapField(f.type, f.name, body), "    "),
        `  } else if (${pb} !== 0) {`,
        `    throw $.badPresence(${fp}, ${pb});`,
        "  }",
      );
    } else if (relocated(f.type)) {
      const x = g.fresh("x");
      out.push(`  /** @type {${type}} */`, `  let ${v};`, ...indent(wrapField(f.type, f.name, [...decodeValue(f.type, g, x, place), `${v} = ${x};`])));
    } else {
      out.push(...indent(decodeValue(f.type, g, v, place)));
    }
  }
  out.push(`  return new ${cls}({${props.length === 0 ? "" : ` ${props.join(", ")} `}});`, "}");
  return out;
}

export function newGen(model: JsModel, patterns: Patterns): Gen {
  let n = 0;
  return { model, patterns, fresh: (prefix) => `${prefix}${n++}` };
}

/** Enum tables: `$Color_VALUES` (name → number) and `$Color_NAMES` (number → name). */
export function enumTables(model: JsModel, kinds: readonly ("VALUES" | "NAMES")[]): string[] {
  const out: string[] = [];
  for (const e of model.enums) {
    const cls = model.className(e.name);
    if (kinds.includes("VALUES")) {
      out.push(`/** @type {ReadonlyMap<string, number>} */`, `const $${cls}_VALUES = new Map([${e.values.map((v) => `[${jsStr(v.name)}, ${v.value}]`).join(", ")}]);`);
    }
    if (kinds.includes("NAMES")) {
      out.push(
        `/** @type {ReadonlyMap<number, import("../messages.js").${cls}>} */`,
        `const $${cls}_NAMES = new Map([${e.values.map((v) => `[${v.value}, ${jsStr(v.name)}]`).join(", ")}]);`,
      );
    }
  }
  return out;
}

export function binaryModule(files: FileSet, model: JsModel, patterns: Patterns & { readonly used: () => readonly string[] }): void {
  const g = newGen(model, patterns);
  const body: string[] = [];
  for (const c of model.composites) body.push("", ...encodeFunction(g, c), "", ...decodeFunction(g, c));
  const f = files.file("javascript/src/internal/binary.js", "javascript");
  f.preamble(
    `// Binary encoders and decoders of the payloads of ${model.spec.protocol.name} (wire format section 3),\n// generated from the spec: one encode<Name> and one decode<Name> per struct and message.`,
  );
  addLayerImports(f, model, patterns.used());
  f.print([...enumTables(model, ["VALUES", "NAMES"]), ...body].join("\n"));
}
