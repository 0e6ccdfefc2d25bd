// Builds a message as a Python expression from what is in scope. Where each
// field's value comes from (echo, recall, clock, fresh id or token, enum
// choice, constant) is chosen in transport-common/value-source.ts, as for
// JavaScript; this file prints the choice: `message.room`,
// `login.username if login is not None else "alice"`, `self.clock()`, ...
import type { Field, Message, StructDecl } from "../../../spec/model.js";
import { createNameScope, type NameScope } from "../../naming/name-scope.js";
import type { Printable } from "../../symbols.js";
import type { WireObject, WireValue } from "../../../wire/values.js";
import { chooseSource, type Fallback, type SourceScope, type ValueSource } from "../../transport-common/value-source.js";
import { constExpr, enumMember } from "./constants.js";
import type { ProjectSymbols, TransportContext } from "./context.js";
import { call, code, flat, oneLine, type Expr } from "./expr.js";

export type { DirectSource, RecallPolicy } from "../../transport-common/value-source.js";

export interface BuildScope extends SourceScope {
  readonly ctx: TransportContext;
  readonly sym: ProjectSymbols;
  readonly overrides?: ReadonlyMap<string, Expr>;
  /** Local variables the expression needs, in order of first use. */
  readonly locals: Map<string, { readonly name: string; readonly init: Printable[] }>;
  readonly names: NameScope;
}

export function newScope(base: Omit<BuildScope, "locals" | "names">, taken: readonly string[]): BuildScope {
  return { ...base, locals: new Map(), names: createNameScope("python", taken) };
}

function recallVar(scope: BuildScope, message: Message): string {
  const known = scope.locals.get(message.name);
  if (known !== undefined) return known.name;
  const name = scope.names.field(message.name);
  scope.locals.set(message.name, { name, init: [name, " = ", ...(scope.recall?.lookup(scope.sym.cls(message.name)) ?? [])] });
  return name;
}

/** `login.username if login is not None else fallback` (also checking the field when it is optional and the target is not). */
function recalled(scope: BuildScope, f: Field, message: Message, src: Field, fallback: Expr | undefined): Expr {
  const v = recallVar(scope, message);
  const attr = `${v}.${scope.ctx.attr(message.name, src.name)}`;
  const orElse = fallback === undefined ? ["None"] : flat(fallback);
  if (src.optional && !f.optional) return code(attr, " if ", v, " is not None and ", attr, " is not None else ", ...orElse);
  return code(attr, " if ", v, " is not None else ", ...orElse);
}

/** The expression for one chosen source. */
function sourceExpr(scope: BuildScope, f: Field, source: ValueSource, sample: WireValue | undefined, fallback: Expr | undefined): Expr | undefined {
  const { ctx, sym } = scope;
  switch (source.kind) {
    case "token":
      return code(`self.random_bytes(${source.bytes})`);
    case "echo": {
      const attr = `${source.from.variable}.${ctx.attr(source.from.message.name, source.field.name)}`;
      return source.orFallback && fallback !== undefined ? code(attr, " if ", attr, " is not None else ", ...flat(fallback)) : code(attr);
    }
    case "fresh-id":
      return code("self.next_id()");
    case "recall":
      return recalled(scope, f, source.message, source.field, fallback);
    case "enum":
      return enumMember(ctx, sym, source.enumName, source.member);
    case "clock": {
      const ahead = source.ahead ? " + 3_600_000" : "";
      return source.by === "server" ? code("self.clock()", ahead) : code(sym.from("transport.policy", "now_ms"), "()", ahead);
    }
    case "struct": {
      const decl = ctx.type(source.name) as StructDecl;
      return call(sym.cls(decl.name), buildArgs(scope, decl.name, decl.fields, sample as WireObject));
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
  const fit: Fallback = fallback === undefined ? "none" : oneLine(fallback) ? "simple" : "long";
  const source = chooseSource(scope, f, sample !== undefined, fit);
  return source === undefined ? undefined : sourceExpr(scope, f, source, sample, fallback);
}

function buildArgs(scope: BuildScope, owner: string, fields: readonly Field[], sample: WireObject): [string, Expr][] {
  const args: [string, Expr][] = [];
  for (const f of fields) {
    const e = fieldExpr(scope, f, sample[f.name]);
    if (e !== undefined) args.push([scope.ctx.attr(owner, f.name), e]);
  }
  return args;
}

/** `Target(field=..., ...)`; the sample supplies constants (and decides which optional fields appear without a source). */
export function buildMessage(scope: BuildScope, target: Message, sample: WireObject): Expr {
  return call(scope.sym.cls(target.name), buildArgs(scope, target.name, target.fields, sample));
}
