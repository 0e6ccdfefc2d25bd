// src/json_payloads.cpp: the JSON mapping (docs/wire-format.md section 9) as
// straight-line code over nlohmann::ordered_json, one writer and one reader
// per struct and message. The readers check in the reference's order
// (src/wire/struct-json.ts): each field in declaration order — present, its
// JSON type and the type's range (json_* in the runtime), then its
// constraints (the checks the decoders make, checks.ts) — and unknown keys
// last; errors inside structs and lists carry relative paths moved outward
// by the enclosing catch. Writers write values validate() has checked.
import type { Constraints, FieldType } from "../../spec/model.js";
import { integerRange, typeName } from "../../wire/scalar-rules.js";
import type { FileSet } from "../index.js";
import { indent, itemChecks, lengthChecks, newLocals, patternCheck, rangeChecks, relocate, type Locals, type PatternNames } from "./checks.js";
import { cppInt, cppStr, inNamespace } from "./literals.js";
import type { Composite, CppModel } from "./model.js";
import { patternSources } from "./patterns.js";
import { cppType } from "./types.js";

interface Gen {
  readonly model: CppModel;
  readonly patterns: PatternNames;
  readonly locals: Locals;
}

const INT64 = { kind: "int", bits: 64, signed: true } as const;

export const readerName = (model: CppModel, name: string): string => `read_${model.typeName(name)}`;

/** An expression: the JSON value of `v`. */
function writeValue(g: Gen, type: FieldType, v: string): string {
  switch (type.kind) {
    case "bool":
      return `Json(${v})`;
    case "int":
      if (type.bits === 64) return `Json(std::to_string(${v}))`;
      return type.signed ? `Json(static_cast<std::int64_t>(${v}))` : `Json(static_cast<std::uint64_t>(${v}))`;
    case "float":
      return type.bits === 32 ? `Json(static_cast<double>(${v}))` : `Json(${v})`;
    case "timestamp":
      return `Json(std::to_string(${v}))`;
    case "string":
      return `Json(${v})`;
    case "bytes":
      return `Json(base64(${v}))`;
    case "enum":
      return `Json(std::string(to_string(${v})))`;
    case "struct":
      return `write(${v})`;
    case "list": {
      const x = g.locals.fresh("x");
      return `write_list(${v}, [](const auto& ${x}) { return ${writeValue(g, type.of, x)}; })`;
    }
  }
}

interface Place {
  readonly path: string;
  readonly c: Constraints;
  readonly outer: boolean;
}

/** Statements that read the JSON value `n` into a new local `v`, with the reference's checks. */
function readValue(g: Gen, type: FieldType, n: string, v: string, p: Place): string[] {
  switch (type.kind) {
    case "bool":
      return [`bool ${v} = json_bool(${n}, ${p.path});`];
    case "int": {
      if (type.bits === 64) {
        const read = type.signed ? `json_int64(${n}, "int64", ${p.path})` : `json_uint64(${n}, ${p.path})`;
        return [`auto ${v} = ${read};`, ...rangeChecks(type, p.c, v, p.path)];
      }
      const [lo, hi] = integerRange(type);
      return [
        `auto ${v} = static_cast<${cppType(g.model, type)}>(json_integer(${n}, ${cppInt(INT64, lo)}, ${cppInt(INT64, hi)}, ${cppStr(typeName(type))}, ${p.path}));`,
        ...rangeChecks(type, p.c, v, p.path),
      ];
    }
    case "float":
      return [`auto ${v} = json_float${type.bits}(${n}, ${p.path});`, ...rangeChecks(type, p.c, v, p.path)];
    case "timestamp":
      return [`auto ${v} = json_int64(${n}, "timestamp", ${p.path});`, ...rangeChecks(type, p.c, v, p.path)];
    case "string":
      return [`std::string ${v} = json_string(${n}, ${p.path});`, `check_utf8(${v}, ${p.path});`, ...lengthChecks(p.c, `${v}.size()`, p.path), ...patternCheck(p.c, v, p.path, g.patterns)];
    case "bytes":
      return [`Bytes ${v} = json_base64(${n}, ${p.path});`, ...lengthChecks(p.c, `${v}.size()`, p.path)];
    case "enum": {
      const s = g.locals.fresh("s");
      const e = g.locals.fresh("e");
      const cls = g.model.typeName(type.name);
      return [
        `const std::string& ${s} = json_enum_name(${n}, ${cppStr(type.name)}, ${p.path});`,
        `auto ${e} = from_name<${cls}>(${s});`,
        `if (!${e}) throw json_bad_enum(${p.path}, ${s}, ${cppStr(type.name)});`,
        `${cls} ${v} = *${e};`,
      ];
    }
    case "struct":
      return [`auto ${v} = ${readerName(g.model, type.name)}(${n});`];
    case "list": {
      const a = g.locals.fresh("a");
      const i = g.locals.fresh("i");
      const x = g.locals.fresh("x");
      return [
        `const Json& ${a} = json_array(${n}, ${p.path});`,
        ...itemChecks(p.c, `${a}.size()`, p.path, p.outer),
        `${cppType(g.model, type)} ${v};`,
        `${v}.reserve(${a}.size());`,
        `for (std::size_t ${i} = 0; ${i} < ${a}.size(); ++${i}) {`,
        ...indent(relocate([...readValue(g, type.of, `${a}[${i}]`, x, { path: '""', c: p.c, outer: false }), `${v}.push_back(std::move(${x}));`], i)),
        "}",
      ];
    }
  }
}

const relocated = (type: FieldType): boolean => type.kind === "struct" || type.kind === "list";

function writeFunction(g: Gen, c: Composite): string[] {
  const { model } = g;
  const out = [`Json write(const ${model.typeName(c.name)}& m) {`];
  if (c.fields.length === 0) out.push("  static_cast<void>(m);");
  out.push("  Json o = Json::object();");
  for (const f of c.fields) {
    const get = `m.${model.member(c.name, f.name)}`;
    if (f.optional) out.push(`  if (${get}) o[${cppStr(f.name)}] = ${writeValue(g, f.type, `(*${get})`)};`);
    else out.push(`  o[${cppStr(f.name)}] = ${writeValue(g, f.type, get)};`);
  }
  out.push("  return o;", "}");
  return out;
}

function readFunction(g: Gen, c: Composite): string[] {
  const { model } = g;
  const cls = model.typeName(c.name);
  const what = cppStr(c.message === undefined ? `struct ${c.name}` : `message ${c.name}`);
  const out = [`${cls} ${readerName(model, c.name)}(const Json& json) {`, `  const Json& o = json_object(json, ${what}, "");`, `  ${cls} m;`];
  for (const f of c.fields) {
    const key = cppStr(f.name);
    const n = g.locals.fresh("j");
    const x = g.locals.fresh("v");
    const member = `m.${model.member(c.name, f.name)}`;
    const place: Place = { path: relocated(f.type) ? '""' : key, c: f.constraints, outer: true };
    const read = [...readValue(g, f.type, `*${n}`, x, place), `${member} = std::move(${x});`];
    const body = relocated(f.type) ? relocate(read, key) : read;
    if (f.optional) out.push(`  if (const Json* ${n} = json_optional(o, ${key})) {`, ...indent(body, "    "), "  }");
    else out.push("  {", `    const Json* ${n} = &json_required(o, ${key});`, ...indent(body, "    "), "  }");
  }
  out.push(`  json_only_keys(o, ${what}, {${c.fields.map((f) => cppStr(f.name)).join(", ")}});`, "  return m;", "}");
  return out;
}

/** src/json_payloads.hpp and .cpp (internal). */
export function jsonPayloadsFiles(files: FileSet, model: CppModel, patterns: PatternNames): void {
  const h = files.file("cpp/src/json_payloads.hpp", "cpp");
  h.preamble("#pragma once");
  h.print(`#include "${model.ns}/json.hpp"`);
  h.print(`#include "${model.ns}/messages.hpp"`);
  h.print();
  inNamespace(h, `${model.ns}::detail`, () => {
    h.print();
    h.doc("The payload object of a message validate() accepted.");
    h.print("Json write_payload(const Message& message);");
    h.doc("The message named `name` from its payload, checked as the reference does; unknown_message for an unknown name.");
    h.print("Message read_payload(std::string_view name, const Json& json);");
    h.print();
  });
  h.finish();

  const f = files.file("cpp/src/json_payloads.cpp", "cpp");
  f.print('#include "json_payloads.hpp"');
  f.print();
  f.print("#include <utility>");
  f.print();
  if (patternSources(model).length > 0) f.print('#include "patterns.hpp"');
  f.print(`#include "${model.ns}/wire.hpp"`);
  f.print();
  f.doc(`JSON payloads of ${model.spec.protocol.name} (docs/wire-format.md section 9), generated from the spec.`);
  inNamespace(f, `${model.ns}::detail`, () => {
    f.print();
    f.print("template <typename T, typename F>");
    f.block("Json write_list(const std::vector<T>& items, F item) {", () => {
      f.print("Json a = Json::array();");
      f.print("for (const auto& x : items) a.push_back(item(x));");
      f.print("return a;");
    });
    for (const c of model.composites) {
      const g: Gen = { model, patterns, locals: newLocals() };
      f.print();
      f.print(writeFunction(g, c).join("\n"));
      f.print();
      f.print(readFunction(g, c).join("\n"));
    }
    f.print();
    f.block("Json write_payload(const Message& message) {", () => f.print("return std::visit([](const auto& m) { return write(m); }, message);"));
    f.print();
    f.block("Message read_payload(std::string_view name, const Json& json) {", () => {
      for (const c of model.messages) f.print(`if (name == ${model.typeName(c.name)}::kName) return ${readerName(model, c.name)}(json);`);
      f.print('throw WireError(WireError::Code::kUnknownMessage, "no message is named \\"" + std::string(name) + "\\"");');
    });
    f.print();
  });
  f.finish();
}
