// Type expressions as written in a spec: `uint16`, `string`, `Reading`,
// `list<Reading>`, `list<list<int8>>`. Parsing is pure and reports a reason
// instead of throwing, so the validator can attach the spec path.
import type { FieldType, IntBits } from "./model.js";
import { TYPE_NAME } from "./schema.js";

const INT = /^(u?)int(8|16|32|64)$/;
const LIST = /^list\s*<\s*(.+)\s*>$/;

export type ParsedTypeExpr =
  | { readonly ok: true; readonly type: FieldType; readonly named: readonly string[] }
  | { readonly ok: false; readonly reason: string };

/** Parses `text`; named types come back as `struct` and are resolved to
 *  `enum` or `struct` by `resolveNamed` once the declarations are known. */
export function parseTypeExpr(text: string): ParsedTypeExpr {
  const named: string[] = [];
  const parse = (t: string): FieldType | string => {
    const s = t.trim();
    const list = LIST.exec(s);
    if (list?.[1] !== undefined) {
      const inner = parse(list[1]);
      return typeof inner === "string" ? inner : { kind: "list", of: inner };
    }
    const int = INT.exec(s);
    if (int) return { kind: "int", bits: Number(int[2]) as IntBits, signed: int[1] === "" };
    switch (s) {
      case "bool":
        return { kind: "bool" };
      case "float32":
        return { kind: "float", bits: 32 };
      case "float64":
        return { kind: "float", bits: 64 };
      case "string":
        return { kind: "string" };
      case "bytes":
        return { kind: "bytes" };
      case "timestamp":
        return { kind: "timestamp" };
    }
    if (TYPE_NAME.test(s)) {
      named.push(s);
      return { kind: "struct", name: s };
    }
    return `unknown type \`${s}\`: use bool, int8..int64, uint8..uint64, float32, float64, string, bytes, timestamp, a declared type name, or list<...>`;
  };
  const result = parse(text);
  return typeof result === "string" ? { ok: false, reason: result } : { ok: true, type: result, named };
}

/** Replaces named references with their declared kind. */
export function resolveNamed(type: FieldType, kindOf: (name: string) => "enum" | "struct"): FieldType {
  switch (type.kind) {
    case "list":
      return { kind: "list", of: resolveNamed(type.of, kindOf) };
    case "struct":
    case "enum":
      return { kind: kindOf(type.name), name: type.name };
    default:
      return type;
  }
}

/** The innermost element type of nested lists. */
export function elementType(type: FieldType): FieldType {
  return type.kind === "list" ? elementType(type.of) : type;
}

export function formatType(type: FieldType): string {
  switch (type.kind) {
    case "int":
      return `${type.signed ? "" : "u"}int${type.bits}`;
    case "float":
      return `float${type.bits}`;
    case "enum":
    case "struct":
      return type.name;
    case "list":
      return `list<${formatType(type.of)}>`;
    default:
      return type.kind;
  }
}
