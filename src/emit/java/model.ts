// The Java names of one spec, decided once so that every generated file
// agrees: the package, class names (which must not clash with the runtime's
// classes, the generated ones, nor the JDK types the generated code imports),
// record components per struct or message, and enum constants.
import type { EnumDecl, Field, Message, Spec } from "../../spec/model.js";
import { createNameScope, names, type NameScope } from "../index.js";

/** A message or a declared struct: the things with fields, printed as records. */
export interface Composite {
  readonly name: string;
  readonly doc: string;
  readonly fields: readonly Field[];
  readonly message?: Message;
}

/** Classes of the project that are not spec types: the runtime's and the generated ones. */
export const PROJECT_CLASSES = [
  "WireError",
  "ControlKind",
  "Frame",
  "Frames",
  "Deframer",
  "ByteReader",
  "ByteWriter",
  "Utf8",
  "Checks",
  "Values",
  "Message",
  "Codec",
  "Payloads",
  "Patterns",
  "ProtocolInfo",
  "VectorsTest",
  "Vectors",
  "Json",
  "JsonPayloads",
  "Envelope",
  "StateError",
  "RoleMachine",
  "ValidationTest",
  "JsonTest",
  "MachineTest",
  "Changes",
] as const;

/** JDK simple names the generated files import: a spec type of the same name would be shadowed by the import. */
export const IMPORTED_JDK_NAMES = ["List", "ArrayList", "Arrays", "Objects", "Pattern", "ByteBuffer", "ByteOrder", "Collections", "Path", "Files", "JsonNode", "ObjectNode", "ArrayNode", "DynamicTest", "Test", "TestFactory"] as const;

/** Methods every message record has: a component cannot take their names. */
export const MESSAGE_METHODS = ["messageName", "messageId"] as const;

/** Locals the record constructors and equals use next to the components. */
export const CONSTRUCTOR_LOCALS = ["e", "o", "other"] as const;

export interface JavaModel {
  readonly spec: Spec;
  /** `dev.protoforge.<names.java.package(protocol)>` */
  readonly pkg: string;
  /** `src/main/java/dev/protoforge/<segment>` without the `java/` prefix. */
  readonly pkgDir: string;
  readonly enums: readonly EnumDecl[];
  readonly structs: readonly Composite[];
  readonly messages: readonly Composite[];
  /** Structs, then messages, in spec order. */
  readonly composites: readonly Composite[];
  className(name: string): string;
  component(owner: string, field: string): string;
  constant(enumName: string, valueName: string): string;
  enumDecl(name: string): EnumDecl;
  composite(name: string): Composite;
}

export function buildJavaModel(spec: Spec): JavaModel {
  const classes = createNameScope("java", [...PROJECT_CLASSES, ...IMPORTED_JDK_NAMES]);
  const enums = spec.types.filter((t): t is EnumDecl => t.kind === "enum");
  const structs: Composite[] = spec.types.flatMap((t) => (t.kind === "struct" ? [{ name: t.name, doc: t.doc, fields: t.fields }] : []));
  const messages: Composite[] = spec.messages.map((m) => ({ name: m.name, doc: m.doc, fields: m.fields, message: m }));
  for (const t of spec.types) classes.type(t.name);
  for (const m of spec.messages) classes.type(m.name);
  const byName = new Map([...structs, ...messages].map((c) => [c.name, c]));
  const enumByName = new Map(enums.map((e) => [e.name, e]));
  const componentScopes = new Map<string, NameScope>();
  const constantScopes = new Map<string, NameScope>();
  const segment = names.java.package(spec.protocol.name);
  return {
    spec,
    pkg: `dev.protoforge.${segment}`,
    pkgDir: `dev/protoforge/${segment}`,
    enums,
    structs,
    messages,
    composites: [...structs, ...messages],
    className: (name) => classes.type(name),
    component(owner, field) {
      let scope = componentScopes.get(owner);
      if (scope === undefined) {
        scope = createNameScope("java", [...MESSAGE_METHODS, ...CONSTRUCTOR_LOCALS]);
        for (const f of byName.get(owner)?.fields ?? []) scope.field(f.name);
        componentScopes.set(owner, scope);
      }
      return scope.field(field);
    },
    constant(enumName, valueName) {
      let scope = constantScopes.get(enumName);
      if (scope === undefined) {
        // The enum's own static members and its constructor's parameter.
        scope = createNameScope("java", ["VALUES"]);
        for (const v of enumByName.get(enumName)?.values ?? []) scope.enumMember(v.name);
        constantScopes.set(enumName, scope);
      }
      return scope.enumMember(valueName);
    },
    enumDecl(name) {
      const decl = enumByName.get(name);
      if (decl === undefined) throw new Error(`java layer: enum ${name} is not declared (the spec was not validated)`);
      return decl;
    },
    composite(name) {
      const c = byName.get(name);
      if (c === undefined) throw new Error(`java layer: struct ${name} is not declared (the spec was not validated)`);
      return c;
    },
  };
}
