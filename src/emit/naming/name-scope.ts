// A scope of identifiers (a class's members, a module's top level): each spec
// name converts once, and two spec names never end up with the same identifier.

import type { KnownLanguage } from "../target.js";
import { names, type NameRole } from "./names.js";

export interface NameScope {
  /** The identifier for `name` in `role`; the same answer every time it is asked. */
  name(role: NameRole, name: string): string;
  field(name: string): string;
  method(name: string): string;
  type(name: string): string;
  enumMember(name: string): string;
  constant(name: string): string;
  /** Marks an identifier the emitter itself uses (`encode`, `self`, `from_dict`). */
  claim(identifier: string): void;
  has(identifier: string): boolean;
}

/** `taken`: identifiers the emitter already uses in this scope. Names are
 *  handed out first come, first served; the later of two colliding spec names
 *  (`HTTPStatus` and `HttpStatus` both give `http_status`) is escaped. */
export function createNameScope(language: KnownLanguage, taken: Iterable<string> = []): NameScope {
  const used = new Set(taken);
  const given = new Map<string, string>();
  const name = (role: NameRole, specName: string): string => {
    const key = `${role}\0${specName}`;
    const known = given.get(key);
    if (known !== undefined) return known;
    const identifier = names[language][role](specName, used);
    used.add(identifier);
    given.set(key, identifier);
    return identifier;
  };
  return {
    name,
    field: (n) => name("field", n),
    method: (n) => name("method", n),
    type: (n) => name("type", n),
    enumMember: (n) => name("enumMember", n),
    constant: (n) => name("constant", n),
    claim: (identifier) => void used.add(identifier),
    has: (identifier) => used.has(identifier),
  };
}
