// Builds a message as a JavaScript expression from what is in scope: fields
// of the message being answered (echoed when the names, types and
// constraints agree), fields remembered from earlier messages of the session
// (`session.last(Login)?.username`), the clock, fresh ids and random tokens
// (the rules of transport-common/value-rules.ts), enum values the trigger's
// doc names, and otherwise a realistic constant. The choices are those of
// the Python builder; only the printing differs.
import type { Field, Message, StructDecl } from "../../../spec/model.js";
import type { WireObject, WireValue } from "../../../wire/values.js";
import { createNameScope, type NameScope } from "../../naming/name-scope.js";
import type { Printable } from "../../symbols.js";
import { implies } from "../../transport-common/behaviour.js";
import { isIdentity } from "../../transport-common/samples.js";
import { clockRule, isFreshId, scalar, tokenBytes } from "../../transport-common/value-rules.js";
import { constExpr, enumMember, isBig } from "./constants.js";
import type { JsTransportContext, ProjectSymbols } from "./context.js";
import { code, construct, flat, simple, type Expr } from "./expr.js";

export interface DirectSource {
  /** The variable holding the message (`message`, `answer`). */
  readonly variable: string;
  readonly message: Message;
}

export interface RecallPolicy {
  /** Messages whose last instance may be looked up. */
  readonly pool: readonly Message[];
  /** The lookup of the last `cls`, e.g. ["session.last(", cls, ")"]. */
  readonly lookup: (cls: Printable) => Printable[];
  /** Only fields for which this holds are recalled. */
  readonly fieldFilter: (f: Field) => boolean;
}

export interface BuildScope {
  readonly ctx: JsTransportContext;
  readonly sym: ProjectSymbols;
  readonly direct: readonly DirectSource[];
  readonly recall?: RecallPolicy;
  /** The authentication message's identity field: copied into identity fields (sender, moderator). */
  readonly identity?: { readonly message: Message; readonly field: Field };
  /** "server": clock, fresh ids and tokens of the handlers (`this.clock()`); "client": the wall clock. */
  readonly generators: "server" | "client" | "none";
  readonly enumChoices?: ReadonlyMap<string, string>;
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

function fromRecalled(scope: BuildScope, message: Message, src: Field, tgt: Field, fallback: Expr | undefined): Expr | undefined {
  if (!scalar(tgt.type)) return undefined;
  if (fallback !== undefined && !simple(fallback)) return undefined;
  const v = recallVar(scope, message);
  const prop = `${v}?.${scope.ctx.prop(message.name, src.name)}`;
  return fallback === undefined ? code(prop) : code(prop, " ?? ", ...flat(fallback));
}

/** Values the server makes up: fresh tokens (always), fresh ids, the clock. */
function generated(scope: BuildScope, f: Field, stage: "token" | "id" | "clock"): Expr | undefined {
  if (stage === "clock") {
    const clock = clockRule(f);
    if (clock === undefined) return undefined;
    const ahead = clock.ahead ? " + 3_600_000n" : "";
    if (scope.generators === "server") return code("this.clock()", ahead);
    if (scope.generators === "client") return code("BigInt(Date.now())", ahead);
    return undefined;
  }
  if (scope.generators !== "server") return undefined;
  if (stage === "id") return isFreshId(f) ? code(isBig(f.type) ? "BigInt(this.nextId())" : "this.nextId()") : undefined;
  const n = tokenBytes(f);
  return n === undefined ? undefined : code(`this.randomBytes(${n})`);
}

/** The expression for one target field; undefined to leave an optional field out. */
function fieldExpr(scope: BuildScope, f: Field, sample: WireValue | undefined): Expr | undefined {
  const { ctx, sym } = scope;
  const override = scope.overrides?.get(f.name);
  if (override !== undefined) return override;
  const fallback = sample === undefined ? undefined : constExpr(ctx, sym, f.type, sample);
  const token = generated(scope, f, "token");
  if (token !== undefined) return token;
  for (const src of scope.direct) {
    const sf = src.message.fields.find((x) => x.name === f.name);
    if (sf === undefined || !implies(sf, f)) continue;
    const prop = `${src.variable}.${ctx.prop(src.message.name, sf.name)}`;
    if (!sf.optional || f.optional) return code(prop);
    if (scalar(f.type) && fallback !== undefined && simple(fallback)) return code(prop, " ?? ", ...flat(fallback));
  }
  const id = generated(scope, f, "id");
  if (id !== undefined) return id;
  const recall = scope.recall;
  if (recall !== undefined && recall.fieldFilter(f)) {
    for (const m of recall.pool) {
      if (scope.direct.some((d) => d.message === m)) continue;
      const sf = m.fields.find((x) => x.name === f.name);
      if (sf === undefined || !implies(sf, f)) continue;
      const e = fromRecalled(scope, m, sf, f, fallback);
      if (e !== undefined) return e;
    }
  }
  const self = scope.identity;
  if (self !== undefined && isIdentity(f.name) && implies(self.field, f) && !scope.direct.some((d) => d.message === self.message)) {
    const e = fromRecalled(scope, self.message, self.field, f, fallback);
    if (e !== undefined) return e;
  }
  const choice = scope.enumChoices?.get(f.name);
  if (choice !== undefined && f.type.kind === "enum") return enumMember(ctx, sym, f.type.name, choice);
  const clock = generated(scope, f, "clock");
  if (clock !== undefined) return clock;
  if (f.type.kind === "struct" && sample !== undefined) {
    const decl = ctx.type(f.type.name) as StructDecl;
    return construct(sym.cls(decl.name), buildProps(scope, decl.name, decl.fields, sample as WireObject));
  }
  return fallback;
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
