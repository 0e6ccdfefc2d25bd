// What every language's model starts from: the spec's enums, structs and
// messages in spec order, looked up by name, and the names of their members
// decided one owner at a time. Each language's model (python/layer/model.ts,
// javascript/layer/model.ts, java/model.ts) adds its own naming on top.
import type { EnumDecl, Field, Message, Spec } from "../../spec/model.js";
import { EmitError } from "../emit-error.js";
import type { KnownLanguage } from "../target.js";
import { createNameScope, type NameScope } from "./name-scope.js";

/** A message or a declared struct: the things with fields that codec functions are generated for. */
export interface Composite {
  readonly name: string;
  readonly doc: string;
  readonly fields: readonly Field[];
  readonly message?: Message;
}

export interface SpecDeclarations {
  readonly enums: readonly EnumDecl[];
  readonly structs: readonly Composite[];
  readonly messages: readonly Composite[];
  /** Structs, then messages, in spec order. */
  readonly composites: readonly Composite[];
  /** The declared enum; an EmitError `undeclared-type` when the spec has none of that name. */
  enumDecl(name: string): EnumDecl;
  /** The declared struct or message; an EmitError `undeclared-type` when the spec has none of that name. */
  composite(name: string): Composite;
}

export function specDeclarations(spec: Spec, language: KnownLanguage): SpecDeclarations {
  const enums = spec.types.filter((t): t is EnumDecl => t.kind === "enum");
  const structs: Composite[] = spec.types.flatMap((t) => (t.kind === "struct" ? [{ name: t.name, doc: t.doc, fields: t.fields }] : []));
  const messages: Composite[] = spec.messages.map((m) => ({ name: m.name, doc: m.doc, fields: m.fields, message: m }));
  const composites = [...structs, ...messages];
  const byName = new Map(composites.map((c) => [c.name, c]));
  const enumByName = new Map(enums.map((e) => [e.name, e]));
  // Only an unvalidated spec can name a type it does not declare.
  const undeclared = (what: string, name: string): EmitError =>
    new EmitError("undeclared-type", `${language} model: ${what} ${name} is not declared in ${spec.protocol.name} (the spec was not validated)`);
  return {
    enums,
    structs,
    messages,
    composites,
    enumDecl(name) {
      const decl = enumByName.get(name);
      if (decl === undefined) throw undeclared("enum", name);
      return decl;
    },
    composite(name) {
      const c = byName.get(name);
      if (c === undefined) throw undeclared("struct", name);
      return c;
    },
  };
}

/**
 * One name scope per owner (a struct's fields, an enum's members), made on
 * first use with every name of the owner given at once and in spec order, so
 * that which of two colliding names is escaped never depends on the order a
 * printer asks for them. `taken`: the identifiers the language's class or
 * object already uses (`NAME`, `ID`, a record's own methods).
 */
export function memberNames(language: KnownLanguage, names: (owner: string) => readonly string[], give: (scope: NameScope, name: string) => string, taken: readonly string[] = []): (owner: string, name: string) => string {
  const scopes = new Map<string, NameScope>();
  return (owner, name) => {
    let scope = scopes.get(owner);
    if (scope === undefined) {
      scope = createNameScope(language, taken);
      for (const n of names(owner)) give(scope, n);
      scopes.set(owner, scope);
    }
    return give(scope, name);
  };
}
