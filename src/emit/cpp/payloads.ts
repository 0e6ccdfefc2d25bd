// src/payloads.cpp: one encoder and one decoder per struct and message,
// fields in declaration order, straight-line code over ByteWriter and
// ByteReader (docs/wire-format.md sections 3 to 6). The decoders make every
// check where the reference makes it, so the first failing value in wire
// order is the one reported; errors inside structs and lists carry relative
// paths and are moved outward by the enclosing catch. Encoders write values
// validate() has checked.
import type { Constraints, FieldType } from "../../spec/model.js";
import type { FileSet } from "../index.js";
import { indent, itemChecks, lengthChecks, newLocals, patternCheck, rangeChecks, relocate, type Locals, type PatternNames } from "./checks.js";
import { cppStr, inNamespace } from "./literals.js";
import type { Composite, CppModel } from "./model.js";
import { patternSources } from "./patterns.js";
import { cppType } from "./types.js";

interface Gen {
  readonly model: CppModel;
  readonly patterns: PatternNames;
  readonly locals: Locals;
}

const intSuffix = (t: FieldType & { kind: "int" }): string => `${t.signed ? "i" : "u"}${t.bits}`;

export const decoderName = (model: CppModel, name: string): string => `decode_${model.typeName(name)}`;

/** Statements that write the value `v`. */
function encodeValue(g: Gen, type: FieldType, v: string): string[] {
  switch (type.kind) {
    case "bool":
      return [`w.boolean(${v});`];
    case "int":
      return [`w.${intSuffix(type)}(${v});`];
    case "float":
      return [`w.f${type.bits}(${v});`];
    case "timestamp":
      return [`w.i64(${v});`];
    case "string":
      return [`w.string(${v});`];
    case "bytes":
      return [`w.bytes(${v});`];
    case "enum":
      return [`w.u16(static_cast<std::uint16_t>(${v}));`];
    case "struct":
      return [`encode(w, ${v});`];
    case "list": {
      const x = g.locals.fresh("x");
      return [`w.count(${v}.size());`, `for (const auto& ${x} : ${v}) {`, ...indent(encodeValue(g, type.of, x)), "}"];
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
      return [`bool ${v} = r.boolean(${p.path});`];
    case "int":
      return [`auto ${v} = r.${intSuffix(type)}(${p.path});`, ...rangeChecks(type, p.c, v, p.path)];
    case "float":
      return [`auto ${v} = r.f${type.bits}(${p.path});`, ...rangeChecks(type, p.c, v, p.path)];
    case "timestamp":
      return [`auto ${v} = r.i64(${p.path});`, ...rangeChecks(type, p.c, v, p.path)];
    case "string": {
      const n = g.locals.fresh("n");
      return [`auto ${n} = r.prefix("string length", ${p.path});`, ...lengthChecks(p.c, n, p.path), `auto ${v} = r.utf8(${n}, ${p.path});`, ...patternCheck(p.c, v, p.path, g.patterns)];
    }
    case "bytes": {
      const n = g.locals.fresh("n");
      return [`auto ${n} = r.prefix("bytes length", ${p.path});`, ...lengthChecks(p.c, n, p.path), `auto ${v} = r.bytes(${n});`];
    }
    case "enum": {
      const n = g.locals.fresh("n");
      const cls = g.model.typeName(type.name);
      return [`auto ${n} = r.u16(${p.path});`, `auto ${v} = static_cast<${cls}>(${n});`, `if (!is_declared(${v})) throw bad_enum(${p.path}, ${n}, ${cppStr(type.name)});`];
    }
    case "struct":
      return [`auto ${v} = ${decoderName(g.model, type.name)}(r);`];
    case "list": {
      const n = g.locals.fresh("n");
      const i = g.locals.fresh("i");
      const x = g.locals.fresh("x");
      return [
        `auto ${n} = r.prefix("list count", ${p.path});`,
        ...itemChecks(p.c, n, p.path, p.outer),
        `${cppType(g.model, type)} ${v};`,
        `${v}.reserve(${n});`,
        `for (std::uint32_t ${i} = 0; ${i} < ${n}; ++${i}) {`,
        ...indent(relocate([...decodeValue(g, type.of, x, { path: '""', c: p.c, outer: false }), `${v}.push_back(std::move(${x}));`], i)),
        "}",
      ];
    }
  }
}

/** Struct and list values are read with relative paths and moved to the field. */
const relocated = (type: FieldType): boolean => type.kind === "struct" || type.kind === "list";

function encodeFunction(g: Gen, c: Composite): string[] {
  const { model } = g;
  const out = [`void encode(ByteWriter& w, const ${model.typeName(c.name)}& m) {`];
  if (c.fields.length === 0) out.push("  static_cast<void>(w);", "  static_cast<void>(m);");
  for (const f of c.fields) {
    const get = `m.${model.member(c.name, f.name)}`;
    if (f.optional) {
      out.push(`  if (${get}) {`, "    w.u8(1);", ...indent(encodeValue(g, f.type, `(*${get})`), "    "), "  } else {", "    w.u8(0);", "  }");
    } else {
      out.push(...indent(encodeValue(g, f.type, get)));
    }
  }
  out.push("}");
  return out;
}

function decodeFunction(g: Gen, c: Composite): string[] {
  const { model } = g;
  const cls = model.typeName(c.name);
  const out = [`${cls} ${decoderName(model, c.name)}(ByteReader& r) {`];
  if (c.fields.length === 0) out.push("  static_cast<void>(r);");
  out.push(`  ${cls} m;`);
  for (const f of c.fields) {
    const x = g.locals.fresh("v");
    const path = cppStr(f.name);
    const member = `m.${model.member(c.name, f.name)}`;
    const place: Place = { path: relocated(f.type) ? '""' : path, c: f.constraints, outer: true };
    const read = [...decodeValue(g, f.type, x, place), `${member} = std::move(${x});`];
    const body = relocated(f.type) ? relocate(read, path) : read;
    if (f.optional) out.push(`  if (r.present(${path})) {`, ...indent(body, "    "), "  }");
    else out.push("  {", ...indent(body, "    "), "  }");
  }
  out.push("  return m;", "}");
  return out;
}

/** src/payloads.hpp and .cpp (internal): the per-type functions and the dispatch by message. */
export function payloadsFiles(files: FileSet, model: CppModel, patterns: PatternNames): void {
  const h = files.file("cpp/src/payloads.hpp", "cpp");
  h.preamble("#pragma once");
  h.print(`#include "${model.ns}/messages.hpp"`);
  h.print(`#include "${model.ns}/wire.hpp"`);
  h.print();
  inNamespace(h, `${model.ns}::detail`, () => {
    h.print();
    h.doc("Writes the payload of a message validate() accepted.");
    h.print("void encode_payload(ByteWriter& w, const Message& message);");
    h.doc("Reads the payload of the message with id `id` (a known id), checking every value.");
    h.print("Message decode_payload(std::uint16_t id, ByteReader& r);");
    h.print();
  });
  h.finish();

  const f = files.file("cpp/src/payloads.cpp", "cpp");
  f.print('#include "payloads.hpp"');
  f.print();
  f.print("#include <utility>");
  f.print();
  if (patternSources(model).length > 0) f.print('#include "patterns.hpp"');
  f.print();
  f.doc(`Binary payloads of ${model.spec.protocol.name} (docs/wire-format.md section 3), generated from the spec.`);
  inNamespace(f, `${model.ns}::detail`, () => {
    for (const c of model.composites) {
      const g: Gen = { model, patterns, locals: newLocals() };
      f.print();
      f.print(encodeFunction(g, c).join("\n"));
      f.print();
      f.print(decodeFunction(g, c).join("\n"));
    }
    f.print();
    f.block("void encode_payload(ByteWriter& w, const Message& message) {", () => f.print("std::visit([&w](const auto& m) { encode(w, m); }, message);"));
    f.print();
    f.block("Message decode_payload(std::uint16_t id, ByteReader& r) {", () => {
      f.block("switch (id) {", () => {
        for (const c of model.messages) f.print(`case ${model.typeName(c.name)}::kId: return ${decoderName(model, c.name)}(r);`);
        f.print('default: throw WireError(WireError::Code::kUnknownMessage, "no message has id " + std::to_string(id));');
      });
    });
    f.print();
  });
  f.finish();
}
