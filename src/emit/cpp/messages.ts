// The spec's types as C++ (include/<ns>/messages.hpp, src/messages.cpp):
// enum classes over the wire's uint16 with their names, plain structs for
// structs and messages (default member initializers, defaulted ==), Message
// as a std::variant of the messages, and validate(): every value checked in
// declaration (wire) order with the reference's code and path.
import type { EnumDecl, Field } from "../../spec/model.js";
import type { FileSet } from "../index.js";
import { indent, newLocals, valueChecks, type PatternNames } from "./checks.js";
import { cppStr, inNamespace } from "./literals.js";
import type { CppModel } from "./model.js";
import { patternSources } from "./patterns.js";
import { memberInit, memberType } from "./types.js";

function fieldDoc(f: Field): string {
  const facts: string[] = [];
  if (f.optional) facts.push("Optional: std::nullopt when absent.");
  if (f.type.kind === "timestamp") facts.push("Milliseconds since 1970-01-01T00:00:00Z.");
  if (f.type.kind === "string") facts.push("UTF-8.");
  const c = f.constraints;
  if (c.min !== undefined || c.max !== undefined) facts.push(`Range: ${c.min ?? ""}..${c.max ?? ""}.`);
  if (c.minLength !== undefined || c.maxLength !== undefined) facts.push(`Length: ${c.minLength ?? 0}..${c.maxLength ?? ""} bytes.`);
  if (c.pattern !== undefined) facts.push(`Pattern: ${c.pattern}`);
  if (c.minItems !== undefined || c.maxItems !== undefined) facts.push(`Items: ${c.minItems ?? 0}..${c.maxItems ?? ""}.`);
  return [f.doc, ...facts].filter((s) => s !== "").join(" ");
}

function enumDecl(model: CppModel, e: EnumDecl): string[] {
  const cls = model.typeName(e.name);
  const out = [`enum class ${cls} : std::uint16_t {`];
  for (const v of e.values) out.push(`  ${model.enumerator(e.name, v.name)} = ${v.value},`);
  out.push("};");
  return out;
}

export function messagesHeader(files: FileSet, model: CppModel): void {
  const { spec } = model;
  const f = files.file(`cpp/include/${model.ns}/messages.hpp`, "cpp");
  f.preamble("#pragma once");
  for (const h of ["cstdint", "optional", "string", "string_view", "variant", "vector"]) f.print(`#include <${h}>`);
  f.print();
  f.print(`#include "${model.ns}/wire.hpp"`);
  f.print();
  inNamespace(f, `${model.ns}`, () => {
    f.print();
    f.doc("The enum whose spec name is `name`, or std::nullopt (specialised for each enum below).");
    f.print("template <typename E>");
    f.print("std::optional<E> from_name(std::string_view name) noexcept;");
    for (const e of model.enums) {
      const cls = model.typeName(e.name);
      f.print();
      f.doc([e.doc || e.name, "", ...e.values.map((v) => `${model.enumerator(e.name, v.name)} (${v.value}, "${v.name}"): ${v.doc}`)].join("\n"));
      f.print(enumDecl(model, e).join("\n"));
      f.doc("The value's spec name (the JSON mapping's spelling); empty for an undeclared value.");
      f.print(`std::string_view to_string(${cls} value) noexcept;`);
      f.doc(`Whether \`value\` is one ${e.name} declares (a cast can make others).`);
      f.print(`bool is_declared(${cls} value) noexcept;`);
      f.print("template <>");
      f.print(`std::optional<${cls}> from_name<${cls}>(std::string_view name) noexcept;`);
    }
    for (const c of model.composites) {
      const cls = model.typeName(c.name);
      const m = c.message;
      f.print();
      f.doc(c.doc || c.name);
      f.block(`struct ${cls} {`, () => {
        if (m !== undefined) {
          f.print(`static constexpr std::string_view kName = ${cppStr(m.name)};`);
          f.print(`static constexpr std::uint16_t kId = ${m.id};`);
          if (c.fields.length > 0) f.print();
        }
        for (const x of c.fields) {
          f.doc(fieldDoc(x));
          f.print(`${memberType(model, x.type, x.optional)} ${model.member(c.name, x.name)}${memberInit(x.type, x.optional)};`);
        }
        if (c.fields.length > 0 || m !== undefined) f.print();
        f.doc("Equal when every member is (floats by ==: -0.0 equals 0.0).");
        f.print(`bool operator==(const ${cls}&) const = default;`);
      }, "};");
    }
    f.print();
    f.doc(`Any message of ${spec.protocol.name} ${spec.protocol.version}.`);
    f.print(`using Message = std::variant<${model.messages.map((c) => model.typeName(c.name)).join(", ")}>;`);
    f.print();
    f.doc("Checks every value against the spec, in wire order: WireError with the reference's code and path (Login.username; a struct on its own: Member.username).");
    for (const c of model.composites) f.print(`void validate(const ${model.typeName(c.name)}& value);`);
    f.print("void validate(const Message& message);");
    f.print();
    f.doc("The message's spec name and wire id.");
    f.print("std::string_view message_name(const Message& message) noexcept;");
    f.print("std::uint16_t message_id(const Message& message) noexcept;");
    f.print();
  });
  f.finish();
}

export function messagesSource(files: FileSet, model: CppModel, patterns: PatternNames): void {
  const f = files.file("cpp/src/messages.cpp", "cpp");
  f.print(`#include "${model.ns}/messages.hpp"`);
  f.print();
  f.print("#include <cmath>");
  f.print();
  if (patternSources(model).length > 0) f.print('#include "patterns.hpp"');
  f.print('#include "checks.hpp"');
  f.print();
  inNamespace(f, `${model.ns}`, () => {
    for (const e of model.enums) {
      const cls = model.typeName(e.name);
      f.print();
      f.block(`std::string_view to_string(${cls} value) noexcept {`, () => {
        f.block("switch (value) {", () => {
          for (const v of e.values) f.print(`case ${cls}::${model.enumerator(e.name, v.name)}: return ${cppStr(v.name)};`);
        });
        f.print("return {};");
      });
      f.print();
      f.block(`bool is_declared(${cls} value) noexcept {`, () => {
        f.block("switch (value) {", () => {
          for (const v of e.values) f.print(`case ${cls}::${model.enumerator(e.name, v.name)}:`);
          f.print("  return true;");
        });
        f.print("return false;");
      });
      f.print();
      f.print("template <>");
      f.block(`std::optional<${cls}> from_name<${cls}>(std::string_view name) noexcept {`, () => {
        for (const v of e.values) f.print(`if (name == ${cppStr(v.name)}) return ${cls}::${model.enumerator(e.name, v.name)};`);
        f.print("return std::nullopt;");
      });
    }
    f.print();
    inNamespace(f, "detail", () => {
      for (const c of model.composites) {
        const cls = model.typeName(c.name);
        const locals = newLocals();
        const body: string[] = [];
        for (const x of c.fields) {
          const member = `value.${model.member(c.name, x.name)}`;
          const path = cppStr(x.name);
          if (x.optional) {
            const checks = valueChecks(model, x.type, x.constraints, true, `(*${member})`, path, locals, patterns);
            if (checks.length > 0) body.push(`if (${member}) {`, ...indent(checks), "}");
          } else {
            body.push(...valueChecks(model, x.type, x.constraints, true, member, path, locals, patterns));
          }
        }
        f.print();
        f.block(`void check(const ${cls}& value) {`, () => {
          if (body.length === 0) f.print("static_cast<void>(value);");
          else f.print(body.join("\n"));
        });
      }
      f.print();
    });
    for (const c of model.composites) {
      const cls = model.typeName(c.name);
      f.print();
      f.block(`void validate(const ${cls}& value) {`, () => {
        f.print(["try {", "  detail::check(value);", "} catch (WireError& e) {", c.message === undefined ? `  e.in_type(${cppStr(c.name)});` : `  e.in_message(${cls}::kName);`, "  throw;", "}"].join("\n"));
      });
    }
    f.print();
    f.block("void validate(const Message& message) {", () => f.print("std::visit([](const auto& m) { validate(m); }, message);"));
    f.print();
    f.block("std::string_view message_name(const Message& message) noexcept {", () => f.print("return std::visit([](const auto& m) { return std::remove_cvref_t<decltype(m)>::kName; }, message);"));
    f.print();
    f.block("std::uint16_t message_id(const Message& message) noexcept {", () => f.print("return std::visit([](const auto& m) { return std::remove_cvref_t<decltype(m)>::kId; }, message);"));
    f.print();
  });
  f.finish();
}

/** src/checks.hpp (internal): the struct and message checks validate() and the decoders share. */
export function checksHeader(files: FileSet, model: CppModel): void {
  const f = files.file("cpp/src/checks.hpp", "cpp");
  f.preamble("#pragma once");
  f.print(`#include "${model.ns}/messages.hpp"`);
  f.print();
  inNamespace(f, `${model.ns}::detail`, () => {
    f.print();
    f.doc("Checks every value with paths relative to the struct or message (validate() puts the name in front).");
    for (const c of model.composites) f.print(`void check(const ${model.typeName(c.name)}& value);`);
    f.print();
  });
  f.finish();
}

