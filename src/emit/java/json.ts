// JsonPayloads.java: the JSON mapping (docs/wire-format.md section 9) as
// straight-line code over Jackson's tree, one writer and one reader per
// struct and message, no data binding. The readers check in the reference's
// order (src/wire/struct-json.ts): each field in declaration order — present,
// its JSON type and type range (Json.read*), then its constraints (the same
// checks as the records and decoders, checks.ts) — and unknown keys last;
// errors inside structs and lists carry relative paths moved outward by the
// enclosing catch, as in Payloads.java. Writers need no checks: a record
// only holds valid values.
import type { Constraints, FieldType } from "../../spec/model.js";
import { integerRange, typeName } from "../../wire/scalar-rules.js";
import { symbols, type FileSet } from "../index.js";
import { indent, itemChecks, lengthChecks, newLocals, patternCheck, rangeChecks, type Locals, type PatternNames } from "./checks.js";
import { javaLong, javaStr } from "./literals.js";
import type { Composite, JavaModel } from "./model.js";
import { fieldType, javaType } from "./types.js";

interface Gen {
  readonly model: JavaModel;
  readonly patterns: PatternNames;
  readonly locals: Locals;
}

const fn = (prefix: "write" | "read", model: JavaModel, name: string): string => `${prefix}${model.className(name)}`;

/** An expression: the JSON node of the value `v` (not null). */
function writeValue(g: Gen, type: FieldType, v: string): string {
  switch (type.kind) {
    case "bool":
      return `Json.bool(${v})`;
    case "int":
      if (type.bits === 64) return type.signed ? `Json.int64(${v})` : `Json.uint64(${v})`;
      return `Json.number(${v})`;
    case "float":
      return type.bits === 32 ? `Json.number((double) ${v})` : `Json.number(${v})`;
    case "timestamp":
      return `Json.int64(${v})`;
    case "string":
      return `Json.string(${v})`;
    case "bytes":
      return `Json.base64(${v})`;
    case "enum":
      return `Json.string(${v}.wireName())`;
    case "struct":
      return `${fn("write", g.model, type.name)}(${v})`;
    case "list":
      return `${listWriter(g, type.of)}(${v})`;
  }
}

/** Lists are written by small generated methods, one per item type, so that a value stays an expression. */
function listWriter(g: Gen, of: FieldType): string {
  return `writeList${itemKey(g, of)}`;
}

function itemKey(g: Gen, t: FieldType): string {
  switch (t.kind) {
    case "int":
      return `${t.signed ? "I" : "U"}${t.bits}`;
    case "float":
      return `F${t.bits}`;
    case "enum":
    case "struct":
      return g.model.className(t.name);
    case "list":
      return `List${itemKey(g, t.of)}`;
    default:
      return t.kind.charAt(0).toUpperCase() + t.kind.slice(1);
  }
}

function listTypes(t: FieldType, out: Map<string, FieldType>, g: Gen): void {
  if (t.kind !== "list") return;
  out.set(itemKey(g, t.of), t.of);
  listTypes(t.of, out, g);
}

interface Place {
  readonly path: string;
  readonly c: Constraints;
  readonly outer: boolean;
}

/** Statements that read the node `n` into a new local `v`, with the reference's checks. */
function readValue(g: Gen, type: FieldType, n: string, v: string, p: Place): string[] {
  switch (type.kind) {
    case "bool":
      return [`boolean ${v} = Json.readBool(${n}, ${p.path});`];
    case "int": {
      if (type.bits === 64) return [`long ${v} = Json.readInt64(${n}, ${type.signed}, ${javaStr(typeName(type))}, ${p.path});`, ...rangeChecks(type, p.c, v, p.path)];
      const [lo, hi] = integerRange(type);
      const plain = javaType(g.model, type).plain;
      const read = `Json.readInteger(${n}, ${javaLong(lo)}, ${javaLong(hi)}, ${javaStr(typeName(type))}, ${p.path})`;
      return [`${plain} ${v} = ${plain === "long" ? read : `(int) ${read}`};`, ...rangeChecks(type, p.c, v, p.path)];
    }
    case "float":
      return [`${javaType(g.model, type).plain} ${v} = Json.readFloat${type.bits}(${n}, ${p.path});`, ...rangeChecks(type, p.c, v, p.path)];
    case "timestamp":
      return [`long ${v} = Json.readInt64(${n}, true, "timestamp", ${p.path});`, ...rangeChecks(type, p.c, v, p.path)];
    case "string": {
      const len = g.locals.fresh("n");
      return [`String ${v} = Json.readString(${n}, ${p.path});`, `int ${len} = Utf8.length(${v}, ${p.path});`, ...lengthChecks(p.c, len, p.path), ...patternCheck(p.c, v, p.path, g.patterns)];
    }
    case "bytes":
      return [`byte[] ${v} = Json.readBase64(${n}, ${p.path});`, ...lengthChecks(p.c, `${v}.length`, p.path)];
    case "enum": {
      const name = g.locals.fresh("s");
      const cls = g.model.className(type.name);
      return [
        `String ${name} = Json.readEnumName(${n}, ${javaStr(type.name)}, ${p.path});`,
        `${cls} ${v} = ${cls}.named(${name});`,
        `if (${v} == null) throw Json.badEnum(${p.path}, ${name}, ${javaStr(type.name)});`,
      ];
    }
    case "struct":
      return [`${g.model.className(type.name)} ${v} = ${fn("read", g.model, type.name)}(${n});`];
    case "list": {
      const a = g.locals.fresh("a");
      const i = g.locals.fresh("i");
      const x = g.locals.fresh("x");
      const item = javaType(g.model, type.of).boxed;
      return [
        `ArrayNode ${a} = Json.array(${n}, ${p.path});`,
        ...itemChecks(p.c, `${a}.size()`, p.path, p.outer),
        `List<${item}> ${v} = new ArrayList<>(${a}.size());`,
        `int ${i} = 0;`,
        "try {",
        `    for (; ${i} < ${a}.size(); ${i}++) {`,
        ...indent(readValue(g, type.of, `${a}.get(${i})`, x, { path: "null", c: p.c, outer: false }), "        "),
        `        ${v}.add(${x});`,
        "    }",
        "} catch (WireError e) {",
        `    throw e.under(${i});`,
        "}",
      ];
    }
  }
}

/** Struct and list values are read with relative paths and moved to the field. */
const relocated = (type: FieldType): boolean => type.kind === "struct" || type.kind === "list";

function wrap(type: FieldType, name: string, body: string[]): string[] {
  if (!relocated(type)) return body;
  return ["try {", ...indent(body), "} catch (WireError e) {", `    throw e.under(${javaStr(name)});`, "}"];
}

function writeMethod(g: Gen, c: Composite): string[] {
  const { model } = g;
  const cls = model.className(c.name);
  const out = [`static ObjectNode ${fn("write", model, c.name)}(${cls} m) {`, "    ObjectNode o = Json.object();"];
  for (const f of c.fields) {
    const get = `m.${model.component(c.name, f.name)}()`;
    if (f.optional) {
      const v = g.locals.fresh("v");
      out.push(`    ${fieldType(model, f.type, true)} ${v} = ${get};`, `    if (${v} != null) o.set(${javaStr(f.name)}, ${writeValue(g, f.type, v)});`);
    } else {
      out.push(`    o.set(${javaStr(f.name)}, ${writeValue(g, f.type, get)});`);
    }
  }
  out.push("    return o;", "}");
  return out;
}

function readMethod(g: Gen, c: Composite): string[] {
  const { model } = g;
  const cls = model.className(c.name);
  const what = c.message === undefined ? `struct ${c.name}` : `message ${c.name}`;
  const out = [`static ${cls} ${fn("read", model, c.name)}(JsonNode json) {`, `    ObjectNode o = Json.object(json, ${javaStr(what)}, null);`];
  const args: string[] = [];
  for (const f of c.fields) {
    const v = g.locals.fresh("v");
    args.push(v);
    const key = javaStr(f.name);
    const place: Place = { path: relocated(f.type) ? "null" : key, c: f.constraints, outer: true };
    const n = g.locals.fresh("j");
    const x = g.locals.fresh("x");
    if (f.optional) {
      out.push(
        `    ${fieldType(model, f.type, true)} ${v} = null;`,
        `    JsonNode ${n} = Json.optional(o, ${key});`,
        `    if (${n} != null) {`,
        ...indent(wrap(f.type, f.name, [...readValue(g, f.type, n, x, place), `${v} = ${x};`]), "        "),
        "    }",
      );
    } else if (relocated(f.type)) {
      out.push(
        `    JsonNode ${n} = Json.required(o, ${key});`,
        `    ${fieldType(model, f.type, false)} ${v};`,
        ...indent(wrap(f.type, f.name, [...readValue(g, f.type, n, x, place), `${v} = ${x};`])),
      );
    } else {
      out.push(`    JsonNode ${n} = Json.required(o, ${key});`, ...indent(readValue(g, f.type, n, v, place)));
    }
  }
  out.push(`    Json.onlyKeys(o, ${[javaStr(c.name), ...c.fields.map((f) => javaStr(f.name))].join(", ")});`);
  out.push(`    return new ${cls}(${args.join(", ")});`, "}");
  return out;
}

function listWriterMethod(g: Gen, key: string, of: FieldType): string[] {
  const item = javaType(g.model, of).boxed;
  return [
    `private static ArrayNode writeList${key}(List<${item}> items) {`,
    "    ArrayNode a = Json.array();",
    `    for (${item} x : items) a.add(${writeValue(g, of, "x")});`,
    "    return a;",
    "}",
  ];
}

export function jsonPayloadsFile(files: FileSet, model: JavaModel, patterns: PatternNames): void {
  const f = files.file(`java/src/main/java/${model.pkgDir}/JsonPayloads.java`, "java", { module: model.pkg, localNames: ["JsonPayloads"] });
  const usesList = model.composites.some((c) => c.fields.some((x) => x.type.kind === "list"));
  const j = symbols.java;
  f.addImport(j.type("com.fasterxml.jackson.databind.JsonNode"));
  f.addImport(j.type("com.fasterxml.jackson.databind.node.ObjectNode"));
  if (usesList) {
    f.addImport(j.type("com.fasterxml.jackson.databind.node.ArrayNode"));
    f.addImport(j.type("java.util.ArrayList"));
    f.addImport(j.type("java.util.List"));
  }
  f.doc(`JSON payloads of ${model.spec.protocol.name} (docs/wire-format.md section 9): one writer and one reader per struct and message, generated from the spec, over Jackson's tree.`);
  f.block("final class JsonPayloads {", () => {
    f.block("private JsonPayloads() {", () => {});
    f.print();
    f.doc("The payload object of any message.");
    f.block("static ObjectNode write(Message message) {", () => {
      f.block("return switch (message.messageId()) {", () => {
        for (const c of model.messages) f.print(`case ${model.className(c.name)}.ID -> ${fn("write", model, c.name)}((${model.className(c.name)}) message);`);
        f.print('default -> throw new WireError(WireError.Code.UNKNOWN_MESSAGE, "not a message of this protocol");');
      }, "};");
    });
    f.print();
    f.doc("Reads the payload of the message named `name`; unknown_message when none is.");
    f.block("static Message read(String name, JsonNode json) {", () => {
      f.block("return switch (name) {", () => {
        for (const c of model.messages) f.print(`case ${javaStr(c.name)} -> ${fn("read", model, c.name)}(json);`);
        f.print('default -> throw new WireError(WireError.Code.UNKNOWN_MESSAGE, "no message is named \\"" + name + "\\"");');
      }, "};");
    });
    const lists = new Map<string, FieldType>();
    const g0: Gen = { model, patterns, locals: newLocals() };
    for (const c of model.composites) for (const x of c.fields) listTypes(x.type, lists, g0);
    for (const c of model.composites) {
      const g: Gen = { model, patterns, locals: newLocals() };
      f.print();
      f.print(writeMethod(g, c).join("\n"));
      f.print();
      f.print(readMethod(g, c).join("\n"));
    }
    for (const [key, of] of [...lists.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      f.print();
      f.print(listWriterMethod(g0, key, of).join("\n"));
    }
  });
  f.finish();
}
