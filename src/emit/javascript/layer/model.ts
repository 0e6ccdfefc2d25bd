// The JavaScript names of one spec, decided once so that every generated
// file agrees: class names (which must not clash with the names the public
// modules export, since index.js re-exports them all), property names per
// struct, and enum members.
import type { EnumDecl, Field, Message, Spec } from "../../../spec/model.js";
import { createNameScope, names, type NameScope } from "../../index.js";

/** A message or a declared struct: the things with fields. */
export interface Composite {
  readonly name: string;
  readonly doc: string;
  readonly fields: readonly Field[];
  readonly message?: Message;
}

/** PascalCase names the public modules export besides the spec's types and messages. */
export const PUBLIC_TYPE_NAMES = [
  "MessageBase",
  "Message",
  "MessageName",
  "MessageClass",
  "Frame",
  "Deframer",
  "ControlKind",
  "Envelope",
  "ProtocolError",
  "WireError",
  "StateError",
  "WireErrorCode",
  "WireErrorPlace",
  "RoleMachine",
  "RoleName",
  "Action",
  "JsonValue",
  "JsonObject",
  "MachineTable",
] as const;

export interface JsModel {
  readonly spec: Spec;
  readonly pkg: string;
  readonly enums: readonly EnumDecl[];
  readonly structs: readonly Composite[];
  readonly messages: readonly Composite[];
  /** Structs, then messages, in spec order. */
  readonly composites: readonly Composite[];
  className(name: string): string;
  /** The property of a field (`class` escaped). */
  prop(owner: string, field: string): string;
  member(enumName: string, valueName: string): string;
  enumDecl(name: string): EnumDecl;
  composite(name: string): Composite;
}

export function buildModel(spec: Spec): JsModel {
  const classes = createNameScope("javascript", PUBLIC_TYPE_NAMES);
  const enums = spec.types.filter((t): t is EnumDecl => t.kind === "enum");
  const structs: Composite[] = spec.types.flatMap((t) => (t.kind === "struct" ? [{ name: t.name, doc: t.doc, fields: t.fields }] : []));
  const messages: Composite[] = spec.messages.map((m) => ({ name: m.name, doc: m.doc, fields: m.fields, message: m }));
  for (const t of spec.types) classes.type(t.name);
  for (const m of spec.messages) classes.type(m.name);
  const byName = new Map([...structs, ...messages].map((c) => [c.name, c]));
  const enumByName = new Map(enums.map((e) => [e.name, e]));
  const propScopes = new Map<string, NameScope>();
  const memberScopes = new Map<string, NameScope>();
  return {
    spec,
    pkg: names.javascript.package(spec.protocol.name),
    enums,
    structs,
    messages,
    composites: [...structs, ...messages],
    className: (name) => classes.type(name),
    prop(owner, field) {
      let scope = propScopes.get(owner);
      if (scope === undefined) {
        // NAME and ID are the message getters; a camelCase field never takes them.
        scope = createNameScope("javascript", ["NAME", "ID"]);
        for (const f of byName.get(owner)?.fields ?? []) scope.field(f.name);
        propScopes.set(owner, scope);
      }
      return scope.field(field);
    },
    member(enumName, valueName) {
      let scope = memberScopes.get(enumName);
      if (scope === undefined) {
        scope = createNameScope("javascript");
        for (const v of enumByName.get(enumName)?.values ?? []) scope.enumMember(v.name);
        memberScopes.set(enumName, scope);
      }
      return scope.enumMember(valueName);
    },
    enumDecl(name) {
      const decl = enumByName.get(name);
      if (decl === undefined) throw new Error(`javascript layer: enum ${name} is not declared (the spec was not validated)`);
      return decl;
    },
    composite(name) {
      const c = byName.get(name);
      if (c === undefined) throw new Error(`javascript layer: struct ${name} is not declared (the spec was not validated)`);
      return c;
    },
  };
}
