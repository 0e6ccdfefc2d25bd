// Escaping an identifier away from reserved words and from names already
// taken in its scope. Deterministic: the same name, reserved set and taken set
// always give the same result.

import { EmitError } from "../emit-error.js";

export type NameSet = ReadonlySet<string> | readonly string[];

const has = (set: NameSet | undefined, name: string): boolean =>
  set !== undefined && (Array.isArray(set) ? (set as readonly string[]).includes(name) : (set as ReadonlySet<string>).has(name));

/** `name` if free; otherwise `name_`, then `name_2`, `name_3`, … — the first
 *  that is neither reserved nor taken. Numbering after the first `_` keeps C++
 *  names clear of `__`, which the C++ standard reserves. Spec names never end
 *  in `_`, so an escaped name cannot collide with an unescaped one. */
export function escapeIdentifier(name: string, reserved: ReadonlySet<string>, taken?: NameSet): string {
  if (name.length === 0) throw new EmitError("invalid-name", "cannot escape an empty name");
  const free = (candidate: string): boolean => !reserved.has(candidate) && !has(taken, candidate);
  if (free(name)) return name;
  if (free(`${name}_`)) return `${name}_`;
  for (let n = 2; ; n++) {
    const candidate = `${name}_${n}`;
    if (free(candidate)) return candidate;
  }
}
