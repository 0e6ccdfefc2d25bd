// The Python names of one spec, decided once so that every generated file
// agrees: class names (messages.py's module scope), attribute names per
// struct, enum members, and the snake_case and UPPER_SNAKE bases of the
// generated functions and constants.
import type { EnumDecl, Field, Message, Spec } from "../../../spec/model.js";
import { createNameScope, names, type NameScope } from "../../index.js";

/** A message or a declared struct: the things with fields that codec functions are generated for. */
export interface Composite {
  readonly name: string;
  readonly doc: string;
  readonly fields: readonly Field[];
  readonly message?: Message;
}

/** Names messages.py defines itself besides the spec's types and messages. */
export const MESSAGES_OWN_NAMES = ["MessageBase", "Message"] as const;

export interface PyModel {
  readonly spec: Spec;
  /** The import package: `sensor_telemetry`. */
  readonly pkg: string;
  readonly enums: readonly EnumDecl[];
  readonly structs: readonly Composite[];
  readonly messages: readonly Composite[];
  /** Structs, then messages, in spec order. */
  readonly composites: readonly Composite[];
  className(name: string): string;
  /** The dataclass attribute of a field (`class` → `class_`). */
  attr(owner: string, field: string): string;
  member(enumName: string, valueName: string): string;
  /** snake_case base of generated functions: `hello_ack`. */
  base(name: string): string;
  /** UPPER_SNAKE base of generated constants: `HELLO_ACK`. */
  constant(name: string): string;
  enumDecl(name: string): EnumDecl;
  composite(name: string): Composite;
}

export function buildModel(spec: Spec): PyModel {
  const classes = createNameScope("python", MESSAGES_OWN_NAMES);
  const bases = createNameScope("python");
  const constants = createNameScope("python");
  const enums = spec.types.filter((t): t is EnumDecl => t.kind === "enum");
  const structs: Composite[] = spec.types.flatMap((t) => (t.kind === "struct" ? [{ name: t.name, doc: t.doc, fields: t.fields }] : []));
  const messages: Composite[] = spec.messages.map((m) => ({ name: m.name, doc: m.doc, fields: m.fields, message: m }));
  for (const t of spec.types) classes.type(t.name);
  for (const m of spec.messages) classes.type(m.name);
  for (const c of [...structs, ...messages]) bases.method(c.name);
  for (const t of spec.types) constants.constant(t.name);
  for (const m of spec.messages) constants.constant(m.name);

  const attrScopes = new Map<string, NameScope>();
  const memberScopes = new Map<string, NameScope>();
  const byName = new Map([...structs, ...messages].map((c) => [c.name, c]));
  const enumByName = new Map(enums.map((e) => [e.name, e]));

  return {
    spec,
    pkg: names.python.package(spec.protocol.name),
    enums,
    structs,
    messages,
    composites: [...structs, ...messages],
    className: (name) => classes.type(name),
    attr(owner, field) {
      let scope = attrScopes.get(owner);
      if (scope === undefined) {
        scope = createNameScope("python");
        for (const f of byName.get(owner)?.fields ?? []) scope.field(f.name);
        attrScopes.set(owner, scope);
      }
      return scope.field(field);
    },
    member(enumName, valueName) {
      let scope = memberScopes.get(enumName);
      if (scope === undefined) {
        scope = createNameScope("python");
        for (const v of enumByName.get(enumName)?.values ?? []) scope.enumMember(v.name);
        memberScopes.set(enumName, scope);
      }
      return scope.enumMember(valueName);
    },
    base: (name) => bases.method(name),
    constant: (name) => constants.constant(name),
    enumDecl(name) {
      const decl = enumByName.get(name);
      if (decl === undefined) throw new Error(`python layer: enum ${name} is not declared (the spec was not validated)`);
      return decl;
    },
    composite(name) {
      const c = byName.get(name);
      if (c === undefined) throw new Error(`python layer: struct ${name} is not declared (the spec was not validated)`);
      return c;
    },
  };
}
