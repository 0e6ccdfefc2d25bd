// Builds a message as a JavaScript expression from what is in scope. Where
// each field's value comes from (echo, recall, clock, fresh id or token, enum
// choice, constant) is chosen in transport-common/value-source.ts, as for
// Python; this file prints the choice: `message.room`,
// `session.last(Login)?.username ?? "alice"`, `this.clock()`, ...
import type { Field, Message, StructDecl } from "../../../spec/model.js";
import type { WireObject, WireValue } from "../../../wire/values.js";
import { createNameScope, type NameScope } from "../../naming/name-scope.js";
import type { Printable } from "../../symbols.js";
import { chooseSource, type Fallback, type SourceScope, type ValueSource } from "../../transport-common/value-source.js";
import { isWide } from "../scalar-literal.js";
import { constExpr, enumMember } from "./constants.js";
import type { JsTransportContext, ProjectSymbols } from "./context.js";
import { code, construct, flat, simple, type Expr } from "./expr.js";

export type { DirectSource, RecallPolicy } from "../../transport-common/value-source.js";

export interface BuildScope extends SourceScope {
  readonly ctx: JsTransportContext;
  readonly sym: ProjectSymbols;
  readonly overrides?: ReadonlyMap<string, Expr>;
  /** Local constants the expression needs, in order of first use. */
  readonly locals: Map<string, { readonly name: string; readonly init: Printable[] }>;
  readonly names: NameScope;
}

export function newScope(base: Omit<BuildScope, "locals" | "names">, taken: readonly string[]): BuildScope {
  return { ...base, locals: new Map(), names: createNameScope("javascript", taken) };
}

function recallVar(scope: BuildScope, message: Message): string {
  const known = scope.locals.get(message.name);
  if (known !== undefined) return known.name;
  const name = scope.names.field(message.name);
  scope.locals.set(message.name, { name, init: ["const ", name, " = ", ...(scope.recall?.lookup(scope.sym.cls(message.name)) ?? ["undefined"]), ";"] });
  return name;
}

/** `value ?? fallback` when there is a fallback. */
const orElse = (value: string, fallback: Expr | undefined, use: boolean): Expr =>
  use && fallback !== undefined ? code(value, " ?? ", ...flat(fallback)) : code(value);

/** The expression for one chosen source. */
function sourceExpr(scope: BuildScope, f: Field, source: ValueSource, sample: WireValue | undefined, fallback: Expr | undefined): Expr | undefined {
  const { ctx, sym } = scope;
  switch (source.kind) {
    case "token":
      return code(`this.randomBytes(${source.bytes})`);
    case "echo":
      return orElse(`${source.from.variable}.${ctx.prop(source.from.message.name, source.field.name)}`, fallback, source.orFallback);
    case "fresh-id":
      return code(isWide(f.type) ? "BigInt(this.nextId())" : "this.nextId()");
    case "recall": {
      const v = recallVar(scope, source.message);
      return orElse(`${v}?.${ctx.prop(source.message.name, source.field.name)}`, fallback, true);
    }
    case "enum":
      return enumMember(ctx, sym, source.enumName, source.member);
    case "clock":
      return code(source.by === "server" ? "this.clock()" : "BigInt(Date.now())", source.ahead ? " + 3_600_000n" : "");
    case "struct": {
      const decl = ctx.type(source.name) as StructDecl;
      return construct(sym.cls(decl.name), buildProps(scope, decl.name, decl.fields, sample as WireObject));
    }
    case "sample":
      return fallback;
  }
}

/** The expression for one target field; undefined to leave an optional field out. */
function fieldExpr(scope: BuildScope, f: Field, sample: WireValue | undefined): Expr | undefined {
  const override = scope.overrides?.get(f.name);
  if (override !== undefined) return override;
  const fallback = sample === undefined ? undefined : constExpr(scope.ctx, scope.sym, f.type, sample);
  const fit: Fallback = fallback === undefined ? "none" : simple(fallback) ? "simple" : "long";
  const source = chooseSource(scope, f, sample !== undefined, fit);
  return source === undefined ? undefined : sourceExpr(scope, f, source, sample, fallback);
}

function buildProps(scope: BuildScope, owner: string, fields: readonly Field[], sample: WireObject): [string, Expr][] {
  const props: [string, Expr][] = [];
  for (const f of fields) {
    const e = fieldExpr(scope, f, sample[f.name]);
    if (e !== undefined) props.push([scope.ctx.prop(owner, f.name), e]);
  }
  return props;
}

/** `new Target({ field: ..., ... })`; the sample supplies constants (and decides which optional fields appear without a source). */
export function buildMessage(scope: BuildScope, target: Message, sample: WireObject): Expr {
  return construct(scope.sym.cls(target.name), buildProps(scope, target.name, target.fields, sample));
}
