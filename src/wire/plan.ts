// Builds the plans of every declared struct and every message of a spec,
// once, so that encoding and decoding only walk precomputed field lists.
import type { EnumDecl, Field, Message, Spec } from "../spec/model.js";
import { binaryType } from "./binary-types.js";
import { fieldChecks, NO_CHECKS } from "./constraints.js";
import { jsonType } from "./json-types.js";
import type { FieldPlan, StructPlan } from "./plan-types.js";
import type { TypeBuild } from "./type-build.js";

export interface PlanOptions {
  /** false: skip constraint checks (used to produce invalid test vectors). */
  readonly checkConstraints: boolean;
}

export interface MessagePlan extends StructPlan {
  readonly message: Message;
}

export interface SpecPlans {
  readonly messages: ReadonlyMap<string, MessagePlan>;
  readonly messagesById: ReadonlyMap<number, MessagePlan>;
  readonly structs: ReadonlyMap<string, StructPlan>;
}

export function buildPlans(spec: Spec, options: PlanOptions): SpecPlans {
  const decls = new Map(spec.types.map((t) => [t.name, t]));
  const structs = new Map<string, StructPlan>();
  const enumDecl = (name: string): EnumDecl => {
    const d = decls.get(name);
    if (d?.kind !== "enum") throw new Error(`wire plan: enum ${name} is not declared (the spec was not validated)`);
    return d;
  };
  const struct = (name: string): StructPlan => {
    const known = structs.get(name);
    if (known) return known;
    const d = decls.get(name);
    if (d?.kind !== "struct") throw new Error(`wire plan: struct ${name} is not declared (the spec was not validated)`);
    const plan = structPlan(name, d.fields);
    structs.set(name, plan);
    return plan;
  };
  const fieldPlan = (f: Field): FieldPlan => {
    const checks = options.checkConstraints ? fieldChecks(f.constraints) : NO_CHECKS;
    const build: TypeBuild = { checks, items: checks.items, struct, enumDecl };
    return {
      name: f.name,
      optional: f.optional,
      inherited: f.name in Object.prototype,
      type: f.type,
      constraints: f.constraints,
      binary: binaryType(f.type, build),
      json: jsonType(f.type, build),
    };
  };
  const structPlan = (name: string, fields: readonly Field[]): StructPlan => {
    const plans = fields.map(fieldPlan);
    return { name, fields: plans, names: new Set(plans.map((p) => p.name)) };
  };
  for (const t of spec.types) if (t.kind === "struct") struct(t.name);
  const messages = new Map<string, MessagePlan>();
  const messagesById = new Map<number, MessagePlan>();
  for (const m of spec.messages) {
    const plan: MessagePlan = { ...structPlan(m.name, m.fields), message: m };
    messages.set(m.name, plan);
    messagesById.set(m.id, plan);
  }
  return { messages, messagesById, structs };
}
