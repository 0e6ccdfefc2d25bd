// The Lua statements that read one value at `off` into a tree, by type, with
// the field's constraints (§5: on a list, bounds apply to every element and
// item counts to the outermost list only).
import type { Constraints, FieldKindTable, FieldType } from "../../spec/model.js";
import { dispatchFieldType } from "../../spec/model.js";
import { enumTable } from "./lua-fields.js";
import { luaString } from "./lua-literal.js";

export interface ValueSite {
  /** The Lua variable of the tree the value goes into. */
  readonly tree: string;
  /** The Lua expression of the field's ProtoField. */
  readonly field: string;
  /** The Lua expression of the ProtoField of the field's item count (lists). */
  readonly count: string;
  readonly constraints: Constraints;
  /** Names the value in error details: `Login.username`. */
  readonly what: string;
  /** Nesting depth, for distinct loop variables. */
  readonly depth: number;
}

const num = (n: number | undefined) => (n === undefined ? "nil" : String(n));
const args = (s: ValueSite) => `buf, ${s.tree}, off, limit, ${s.field}`;
const what = (s: ValueSite) => luaString(s.what);

const VALUE: FieldKindTable<(site: ValueSite) => string[]> = {
  bool: () => (s) => [`off = v_bool(${args(s)}, ${what(s)})`],
  int: (t) => (s) => {
    // 64-bit bounds are not checked here: Lua numbers are doubles.
    const [min, max] = t.bits === 64 ? ["nil", "nil"] : [num(s.constraints.min), num(s.constraints.max)];
    return [`off = v_int(${args(s)}, ${t.bits / 8}, ${t.signed}, ${min}, ${max}, ${what(s)})`];
  },
  float: (t) => (s) => [`off = v_float(${args(s)}, ${t.bits / 8}, ${num(s.constraints.min)}, ${num(s.constraints.max)}, ${what(s)})`],
  timestamp: () => (s) => [`off = v_time(${args(s)}, ${what(s)})`],
  string: () => (s) => [`off = v_string(${args(s)}, ${num(s.constraints.minLength)}, ${num(s.constraints.maxLength)}, ${what(s)})`],
  bytes: () => (s) => [`off = v_bytes(${args(s)}, ${num(s.constraints.minLength)}, ${num(s.constraints.maxLength)}, ${what(s)})`],
  enum: (t) => (s) => [`off = v_enum(${args(s)}, ${enumTable(t.name)}, ${what(s)})`],
  struct: (t) => (s) => [`off = struct_${t.name}(${args(s)}, ${what(s)})`],
  list: (t) => (s) => {
    const count = `count${s.depth}`;
    const sub = `items${s.depth}`;
    const { minItems, maxItems, ...perElement } = s.constraints;
    return [
      "do",
      `  local ${count}, ${sub}`,
      `  ${count}, ${sub}, off = v_count(buf, ${s.tree}, off, limit, ${s.count}, ${num(minItems)}, ${num(maxItems)}, ${what(s)})`,
      `  for i${s.depth} = 1, ${count} do`,
      ...valueLines(t.of, { ...s, tree: sub, constraints: perElement, what: `${s.what}[]`, depth: s.depth + 1 }).map((l) => `    ${l}`),
      "  end",
      "end",
    ];
  },
};

export function valueLines(type: FieldType, site: ValueSite): string[] {
  return dispatchFieldType(VALUE, type)(site);
}

/** An optional field: its presence byte, then the value when present. */
export function optionalLines(type: FieldType, site: ValueSite): string[] {
  return [
    "do",
    "  local present",
    `  present, off = v_presence(buf, ${site.tree}, off, limit, ${what(site)})`,
    "  if present then",
    ...valueLines(type, site).map((l) => `    ${l}`),
    "  end",
    "end",
  ];
}
