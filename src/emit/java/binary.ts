// Payloads.java: one encoder and one decoder per struct and message, fields
// in declaration order, straight-line code over the ByteBuffer of
// ByteWriter/ByteReader (docs/wire-format.md sections 3 to 6). The decoders
// make every check where the reference makes it, so the first failing value
// in wire order is the one reported; errors inside structs and lists carry
// relative paths and are moved outward by the enclosing catch.
import type { FieldType } from "../../spec/model.js";
import { symbols, type FileSet } from "../index.js";
import { indent, itemChecks, lengthChecks, newLocals, patternCheck, rangeChecks, type Locals, type PatternNames } from "./checks.js";
import { javaStr } from "./literals.js";
import type { Composite, JavaModel } from "./model.js";
import { fieldType, javaType } from "./types.js";
import type { Constraints } from "../../spec/model.js";

interface Gen {
  readonly model: JavaModel;
  readonly patterns: PatternNames;
  readonly locals: Locals;
}

const intSuffix = (t: FieldType & { kind: "int" }): string => (t.bits === 64 ? "i64" : `${t.signed ? "i" : "u"}${t.bits}`);

const fn = (prefix: "encode" | "decode", model: JavaModel, name: string): string => `${prefix}${model.className(name)}`;

/** Statements that write the value `v` (an expression evaluated once, not null). */
function encodeValue(g: Gen, type: FieldType, v: string, path: string): string[] {
  switch (type.kind) {
    case "bool":
      return [`w.bool(${v});`];
    case "int":
      return [`w.${intSuffix(type)}(${v});`];
    case "float":
      return [`w.f${type.bits}(${v});`];
    case "timestamp":
      return [`w.i64(${v});`];
    case "string":
      return [`w.string(${v}, ${path});`];
    case "bytes":
      return [`w.bytes(${v});`];
    case "enum":
      return [`w.u16(${v}.value());`];
    case "struct":
      return [`${fn("encode", g.model, type.name)}(w, ${v});`];
    case "list": {
      const x = g.locals.fresh("x");
      return [`w.count(${v}.size());`, `for (${javaType(g.model, type.of).boxed} ${x} : ${v}) {`, ...indent(encodeValue(g, type.of, x, '""')), "}"];
    }
  }
}

interface Place {
  readonly path: string;
  readonly c: Constraints;
  readonly outer: boolean;
}

/** Statements that read a value into a new local `v`, with its checks. */
function decodeValue(g: Gen, type: FieldType, v: string, p: Place): string[] {
  switch (type.kind) {
    case "bool":
      return [`boolean ${v} = r.bool(${p.path});`];
    case "int":
      return [`${javaType(g.model, type).plain} ${v} = r.${intSuffix(type)}(${p.path});`, ...rangeChecks(type, p.c, v, p.path)];
    case "float":
      return [`${javaType(g.model, type).plain} ${v} = r.f${type.bits}(${p.path});`, ...rangeChecks(type, p.c, v, p.path)];
    case "timestamp":
      return [`long ${v} = r.i64(${p.path});`, ...rangeChecks(type, p.c, v, p.path)];
    case "string": {
      const n = g.locals.fresh("n");
      return [
        `int ${n} = r.prefix("string length", ${p.path});`,
        ...lengthChecks(p.c, n, p.path),
        `String ${v} = r.utf8(${n}, ${p.path});`,
        ...patternCheck(p.c, v, p.path, g.patterns),
      ];
    }
    case "bytes": {
      const n = g.locals.fresh("n");
      return [`int ${n} = r.prefix("bytes length", ${p.path});`, ...lengthChecks(p.c, n, p.path), `byte[] ${v} = r.bytes(${n});`];
    }
    case "enum": {
      const n = g.locals.fresh("n");
      const cls = g.model.className(type.name);
      return [`int ${n} = r.u16(${p.path});`, `${cls} ${v} = ${cls}.lookup(${n});`, `if (${v} == null) throw Checks.badEnum(${p.path}, ${n}, ${javaStr(type.name)});`];
    }
    case "struct":
      return [`${g.model.className(type.name)} ${v} = ${fn("decode", g.model, type.name)}(r);`];
    case "list": {
      const n = g.locals.fresh("n");
      const i = g.locals.fresh("i");
      const x = g.locals.fresh("x");
      const item = javaType(g.model, type.of).boxed;
      return [
        `int ${n} = r.prefix("list count", ${p.path});`,
        ...itemChecks(p.c, n, p.path, p.outer),
        `List<${item}> ${v} = new ArrayList<>(${n});`,
        `int ${i} = 0;`,
        "try {",
        `    for (; ${i} < ${n}; ${i}++) {`,
        ...indent(decodeValue(g, type.of, x, { path: '""', c: p.c, outer: false }), "        "),
        `        ${v}.add(${x});`,
        "    }",
        "} catch (WireError e) {",
        `    throw e.under(${i});`,
        "}",
      ];
    }
  }
}

/** Struct and list values are handled with relative paths and moved to the field. */
const relocated = (type: FieldType): boolean => type.kind === "struct" || type.kind === "list";

function wrap(type: FieldType, name: string, body: string[]): string[] {
  if (!relocated(type)) return body;
  return ["try {", ...indent(body), "} catch (WireError e) {", `    throw e.under(${javaStr(name)});`, "}"];
}

function encodeMethod(g: Gen, c: Composite): string[] {
  const { model } = g;
  const cls = model.className(c.name);
  const out = [`static void ${fn("encode", model, c.name)}(ByteWriter w, ${cls} m) {`];
  for (const f of c.fields) {
    const path = javaStr(f.name);
    const get = `m.${model.component(c.name, f.name)}()`;
    if (f.optional) {
      const v = g.locals.fresh("v");
      out.push(
        `    ${fieldType(model, f.type, true)} ${v} = ${get};`,
        `    if (${v} == null) {`,
        "        w.u8(0);",
        "    } else {",
        "        w.u8(1);",
        ...indent(encodeValue(g, f.type, v, path), "        "),
        "    }",
      );
    } else if (f.type.kind === "list") {
      const v = g.locals.fresh("v");
      out.push(`    ${fieldType(model, f.type, false)} ${v} = ${get};`, ...indent(encodeValue(g, f.type, v, path)));
    } else {
      out.push(...indent(encodeValue(g, f.type, get, path)));
    }
  }
  out.push("}");
  return out;
}

function decodeMethod(g: Gen, c: Composite): string[] {
  const { model } = g;
  const cls = model.className(c.name);
  const out = [`static ${cls} ${fn("decode", model, c.name)}(ByteReader r) {`];
  const args: string[] = [];
  for (const f of c.fields) {
    const v = g.locals.fresh("v");
    args.push(v);
    const path = javaStr(f.name);
    const place: Place = { path: relocated(f.type) ? '""' : path, c: f.constraints, outer: true };
    if (f.optional) {
      const x = g.locals.fresh("x");
      out.push(
        `    ${fieldType(model, f.type, true)} ${v} = null;`,
        `    if (r.present(${path})) {`,
        ...indent(wrap(f.type, f.name, [...decodeValue(g, f.type, x, place), `${v} = ${x};`]), "        "),
        "    }",
      );
    } else if (relocated(f.type)) {
      const x = g.locals.fresh("x");
      out.push(`    ${fieldType(model, f.type, false)} ${v};`, ...indent(wrap(f.type, f.name, [...decodeValue(g, f.type, x, place), `${v} = ${x};`])));
    } else {
      out.push(...indent(decodeValue(g, f.type, v, place)));
    }
  }
  out.push(`    return new ${cls}(${args.join(", ")});`, "}");
  return out;
}

/** Payloads.java: the per-type methods and the dispatch by message. */
export function payloadsFile(files: FileSet, model: JavaModel, patterns: PatternNames): void {
  const f = files.file(`java/src/main/java/${model.pkgDir}/Payloads.java`, "java", { module: model.pkg, localNames: ["Payloads"] });
  const usesList = model.composites.some((c) => c.fields.some((x) => x.type.kind === "list"));
  if (usesList) {
    f.addImport(symbols.java.type("java.util.ArrayList"));
    f.addImport(symbols.java.type("java.util.List"));
  }
  f.doc(`Binary payloads of ${model.spec.protocol.name} (docs/wire-format.md section 3): one encode and one decode method per struct and message, generated from the spec.`);
  f.block("final class Payloads {", () => {
    f.block("private Payloads() {", () => {});
    f.print();
    f.doc("Writes the payload of any message.");
    f.block("static void encode(ByteWriter w, Message message) {", () => {
      model.messages.forEach((c, i) => {
        const cls = model.className(c.name);
        const head = `${i === 0 ? "if" : "} else if"} (message instanceof ${cls} m) {`;
        f.print(head);
        f.indent(() => f.print(`${fn("encode", model, c.name)}(w, m);`));
      });
      f.print("} else {");
      f.indent(() => f.print('throw new WireError(WireError.Code.UNKNOWN_MESSAGE, "not a message of this protocol");'));
      f.print("}");
    });
    f.print();
    f.doc("Reads the payload of the message with id `id` (a known id).");
    f.block("static Message decode(int id, ByteReader r) {", () => {
      f.block("return switch (id) {", () => {
        for (const c of model.messages) f.print(`case ${c.message?.id ?? 0} -> ${fn("decode", model, c.name)}(r);`);
        f.print('default -> throw new WireError(WireError.Code.UNKNOWN_MESSAGE, "no message has id " + id);');
      }, "};");
    });
    for (const c of model.composites) {
      const g: Gen = { model, patterns, locals: newLocals() };
      f.print();
      f.print(encodeMethod(g, c).join("\n"));
      f.print();
      f.print(decodeMethod(g, c).join("\n"));
    }
  });
  f.finish();
}
