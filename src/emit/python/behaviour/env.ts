// What the printing of one engine method has in scope: the message handled,
// the session (`me`), the group keys, the variables earlier effects set
// (`item`, `replayed`, `gaps`), and the default handlers' sources for fields
// the plan leaves unbound.
import type { Field, FieldType, Message } from "../../../spec/model.js";
import type { WireValue } from "../../../wire/values.js";
import type { Printable } from "../../symbols.js";
import { pythonString } from "../../literals/string-literal.js";
import type { BuildScope } from "../transport/builder.js";
import { constExpr } from "../transport/constants.js";
import type { ProjectSymbols, TransportContext } from "../transport/context.js";
import { code, type Expr } from "../transport/expr.js";
import { BehaviourEmitError } from "../../../behaviour/emit-error.js";
import { zeroValue as sharedZero } from "../../transport-common/zero-value.js";

export interface Env {
  readonly ctx: TransportContext;
  readonly sym: ProjectSymbols;
  /** The client message handled (undefined when a session ends). */
  readonly trigger: Message | undefined;
  /** The key of a group, as an expression. */
  readonly key: (group: string) => Expr;
  /** The identity of the member the built message is about. */
  readonly subject: Expr;
  /** The identity of the member who acted. */
  readonly actor: Expr;
  /** The default handlers' sources, for the fields the plan leaves unbound. */
  readonly scope: BuildScope;
}

export const str = (s: string): string => pythonString(s);

export function message(env: Env, name: string): Message {
  return env.ctx.message(name);
}

/** The Python class a group key is checked against (`isinstance(key, str)`). */
export function keyClass(env: Env, group: string): Printable {
  const g = env.ctx.spec.behaviour?.groups.find((x) => x.name === group);
  const request = g === undefined ? undefined : env.ctx.spec.messages.find((m) => m.name === g.join.request);
  const f = request?.fields.find((x) => x.name === g?.key);
  switch (f?.type.kind) {
    case "string":
      return "str";
    case "int":
    case "timestamp":
      return "int";
    case "bytes":
      return "bytes";
    case "bool":
      return "bool";
    case "enum":
      return env.sym.cls(f.type.name);
    default:
      throw new BehaviourEmitError("python", "unsupported-key-type", `the key of group ${group} is not a scalar`);
  }
}

/** A constant for a field no source binds: the sample's value, else the type's zero. */
export function fallbackExpr(env: Env, type: FieldType, sample: WireValue | undefined): Expr {
  return constExpr(env.ctx, env.sym, type, sample ?? zeroValue(env, type));
}

/** The type's zero value (transport-common/zero-value.ts). */
export function zeroValue(env: Env, t: FieldType): WireValue {
  return sharedZero((name) => env.ctx.spec.types.find((x) => x.name === name), t);
}

export function fieldOf(env: Env, owner: string, name: string): Field {
  const m = env.ctx.spec.messages.find((x) => x.name === owner);
  const fields = m?.fields ?? (env.ctx.type(owner).kind === "struct" ? (env.ctx.type(owner) as { fields: readonly Field[] }).fields : []);
  const f = fields.find((x) => x.name === name);
  if (f === undefined) throw new BehaviourEmitError("python", "unsupported-kind", `${owner} has no field ${name}`);
  return f;
}

export const attr = (env: Env, variable: string, owner: string, field: string): Expr => code(`${variable}.${env.ctx.attr(owner, field)}`);
