// The C++ names of one spec, decided once so that every generated file
// agrees: the namespace (also the include folder and the CMake package),
// type names (clear of the runtime's and the generated ones), struct members
// per struct or message, and enumerators.
import type { EnumDecl, Field, Message, Spec, StructDecl } from "../../spec/model.js";
import { createNameScope, names, type NameScope } from "../index.js";

/** A message or a declared struct: the things with fields, printed as structs. */
export interface Composite {
  readonly name: string;
  readonly doc: string;
  readonly fields: readonly Field[];
  readonly message?: Message;
}

/** Names the namespace already has: the runtime's types and the generated ones. */
export const PROJECT_TYPES = [
  "WireError",
  "StateError",
  "ControlKind",
  "Header",
  "Deframer",
  "Bytes",
  "Json",
  "Message",
  "Frame",
  "Envelope",
  "RoleMachine",
  "Role",
  "Transition",
  "ByteReader",
  "ByteWriter",
  "Outcome",
  "Case",
  "JsonCase",
] as const;

/** Members every message struct has: a field cannot take their names. */
export const MESSAGE_MEMBERS = ["kName", "kId"] as const;

export interface CppModel {
  readonly spec: Spec;
  /** The namespace, include folder and CMake package: names.cpp.package(protocol name). */
  readonly ns: string;
  readonly enums: readonly EnumDecl[];
  /** Declared structs, each after the structs it holds. */
  readonly structs: readonly Composite[];
  readonly messages: readonly Composite[];
  /** Structs, then messages. */
  readonly composites: readonly Composite[];
  typeName(name: string): string;
  member(owner: string, field: string): string;
  enumerator(enumName: string, valueName: string): string;
  enumDecl(name: string): EnumDecl;
  composite(name: string): Composite;
  field(owner: string, field: string): Field;
}

/** Structs ordered so that each comes after every struct it holds (std::optional and members need complete types). */
function orderStructs(structs: readonly StructDecl[]): StructDecl[] {
  const byName = new Map(structs.map((s) => [s.name, s]));
  const out: StructDecl[] = [];
  const seen = new Set<string>();
  const held = (t: Field["type"]): string[] => (t.kind === "struct" ? [t.name] : t.kind === "list" ? held(t.of) : []);
  const visit = (s: StructDecl): void => {
    if (seen.has(s.name)) return;
    seen.add(s.name);
    for (const f of s.fields) for (const n of held(f.type)) {
      const dep = byName.get(n);
      if (dep !== undefined) visit(dep);
    }
    out.push(s);
  };
  for (const s of structs) visit(s);
  return out;
}

export function buildCppModel(spec: Spec): CppModel {
  const types = createNameScope("cpp", PROJECT_TYPES);
  const enums = spec.types.filter((t): t is EnumDecl => t.kind === "enum");
  const declared = spec.types.filter((t): t is StructDecl => t.kind === "struct");
  const structs: Composite[] = orderStructs(declared).map((t) => ({ name: t.name, doc: t.doc, fields: t.fields }));
  const messages: Composite[] = spec.messages.map((m) => ({ name: m.name, doc: m.doc, fields: m.fields, message: m }));
  for (const t of spec.types) types.type(t.name);
  for (const m of spec.messages) types.type(m.name);
  const byName = new Map([...structs, ...messages].map((c) => [c.name, c]));
  const enumByName = new Map(enums.map((e) => [e.name, e]));
  const memberScopes = new Map<string, NameScope>();
  const enumeratorScopes = new Map<string, NameScope>();
  const composite = (name: string): Composite => {
    const c = byName.get(name);
    if (c === undefined) throw new Error(`cpp layer: struct ${name} is not declared (the spec was not validated)`);
    return c;
  };
  return {
    spec,
    ns: names.cpp.package(spec.protocol.name),
    enums,
    structs,
    messages,
    composites: [...structs, ...messages],
    typeName: (name) => types.type(name),
    member(owner, field) {
      let scope = memberScopes.get(owner);
      if (scope === undefined) {
        scope = createNameScope("cpp", MESSAGE_MEMBERS);
        for (const f of byName.get(owner)?.fields ?? []) scope.field(f.name);
        memberScopes.set(owner, scope);
      }
      return scope.field(field);
    },
    enumerator(enumName, valueName) {
      let scope = enumeratorScopes.get(enumName);
      if (scope === undefined) {
        scope = createNameScope("cpp");
        for (const v of enumByName.get(enumName)?.values ?? []) scope.enumMember(v.name);
        enumeratorScopes.set(enumName, scope);
      }
      return scope.enumMember(valueName);
    },
    enumDecl(name) {
      const decl = enumByName.get(name);
      if (decl === undefined) throw new Error(`cpp layer: enum ${name} is not declared (the spec was not validated)`);
      return decl;
    },
    composite,
    field(owner, name) {
      const f = composite(owner).fields.find((x) => x.name === name);
      if (f === undefined) throw new Error(`cpp layer: ${owner} has no field ${name}`);
      return f;
    },
  };
}
