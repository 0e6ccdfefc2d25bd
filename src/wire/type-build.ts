// What a per-kind codec builder gets besides the type: the checks of its
// field and a way to reach declared structs and enums.
import type { EnumDecl } from "../spec/model.js";
import type { FieldChecks } from "./constraints.js";
import type { StructPlan } from "./plan-types.js";

export interface TypeBuild {
  /** Number, length and pattern checks of the field; apply to every element of a list. */
  readonly checks: FieldChecks;
  /** minItems/maxItems of the field; applies to its outermost list only. */
  readonly items: ((count: number) => void) | undefined;
  readonly struct: (name: string) => StructPlan;
  readonly enumDecl: (name: string) => EnumDecl;
}

export interface EnumMaps {
  readonly byName: ReadonlyMap<string, number>;
  readonly byValue: ReadonlyMap<number, string>;
}

export function enumMaps(decl: EnumDecl): EnumMaps {
  return {
    byName: new Map(decl.values.map((v) => [v.name, v.value])),
    byValue: new Map(decl.values.map((v) => [v.value, v.name])),
  };
}
