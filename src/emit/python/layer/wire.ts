// The names generated function bodies use: the helpers of the `_wire`
// runtime, the stdlib names, and the fixed locals. A field's local variable
// must not shadow any of them, so `Locals` claims them all first.
import { names, symbols, type ImportSymbol } from "../../index.js";
import type { Modules, PackageModule } from "./modules.js";

/** Functions of the runtime that generated bodies call, by the module that defines them. */
const HELPER_MODULES = {
  as_float32: "_wire",
  as_float64: "_wire",
  bad_bool: "_wire",
  bad_enum_value: "_wire",
  bad_int: "_wire",
  bad_presence: "_wire",
  check_bytes: "_wire",
  check_list: "_wire",
  check_str: "_wire",
  missing: "_wire",
  not_finite: "_wire",
  out_of_range: "_wire",
  pattern_mismatch: "_wire",
  trailing: "_wire",
  truncated: "_wire",
  truncated_run: "_wire",
  unknown_key: "_wire",
  wrong_type: "_wire",
  put_bytes: "_buffers",
  put_count: "_buffers",
  put_str: "_buffers",
  read_bytes: "_buffers",
  read_count: "_buffers",
  read_ints: "_buffers",
  read_str: "_buffers",
  b64: "_json_values",
  json_bool: "_json_values",
  json_bytes: "_json_values",
  json_float: "_json_values",
  json_int: "_json_values",
  json_int64: "_json_values",
} as const satisfies { readonly [name: string]: PackageModule };

export type WireHelper = keyof typeof HELPER_MODULES;
export const WIRE_HELPERS = Object.keys(HELPER_MODULES) as WireHelper[];

/** struct.Struct objects of `_wire.py`, one per fixed-width type. */
export const WIRE_STRUCTS = ["I8", "U8", "I16", "U16", "I32", "U32", "I64", "U64", "F32", "F64"] as const;

export type WireStruct = (typeof WIRE_STRUCTS)[number];

/** Locals every generated codec function may use besides its fields' locals. */
const FIXED_LOCALS = ["m", "out", "buf", "pos", "end", "d", "j", "e", "isfinite"];

export interface WireNames {
  readonly fn: { readonly [K in WireHelper]: ImportSymbol };
  readonly struct: { readonly [K in WireStruct]: ImportSymbol };
  readonly isfinite: ImportSymbol;
  readonly WireError: ImportSymbol;
  readonly Any: ImportSymbol;
  readonly Struct: ImportSymbol;
}

export function wireNames(mods: Modules): WireNames {
  const py = symbols.python;
  return {
    fn: Object.fromEntries(WIRE_HELPERS.map((n) => [n, mods.from(HELPER_MODULES[n], n)])) as WireNames["fn"],
    struct: Object.fromEntries(WIRE_STRUCTS.map((n) => [n, mods.from("_wire", n)])) as WireNames["struct"],
    isfinite: py.from("math", "isfinite"),
    WireError: mods.from("errors", "WireError"),
    Any: py.from("typing", "Any"),
    Struct: py.from("struct", "Struct"),
  };
}

/** The local variables of one generated function: fields first (escaped when
 *  they would shadow a helper or fixed local), then temporaries. */
export class Locals {
  private readonly used: Set<string>;
  private readonly fields = new Map<string, string>();
  private readonly sharedNames = new Map<string, string>();

  constructor(moduleNames: Iterable<string> = []) {
    this.used = new Set([...FIXED_LOCALS, ...WIRE_HELPERS, ...moduleNames]);
  }

  /** The local holding a field's value. */
  field(specName: string): string {
    const known = this.fields.get(specName);
    if (known !== undefined) return known;
    const local = names.python.field(specName, this.used);
    this.used.add(local);
    this.fields.set(specName, local);
    return local;
  }

  /** One temporary for the whole function (`raw`, `presence`): the same name on every call. */
  shared(base: string): string {
    let name = this.sharedNames.get(base);
    if (name === undefined) {
      name = this.fresh(base);
      this.sharedNames.set(base, name);
    }
    return name;
  }

  /** A new temporary: `base`, else `base_2`, `base_3`, ... */
  fresh(base: string): string {
    let name = base;
    for (let n = 2; this.used.has(name) || names.python.reserved.has(name); n++) name = `${base}_${n}`;
    this.used.add(name);
    return name;
  }
}
