// Builds a message as a Python expression from what is in scope: fields of
// the message being answered (echoed when the names, types and constraints
// agree), fields remembered from earlier messages of the session
// (`session.last(Login)`), the clock, fresh ids and random tokens, enum
// values the trigger's doc names, and otherwise a realistic constant.
import type { Field, Message, StructDecl } from "../../../spec/model.js";
import { createNameScope, type NameScope } from "../../naming/name-scope.js";
import type { Printable } from "../../symbols.js";
import type { WireObject, WireValue } from "../../../wire/values.js";
import { implies } from "./behaviour.js";
import { constExpr, enumMember } from "./constants.js";
import type { ProjectSymbols, TransportContext } from "./context.js";
import { call, code, flat, type Expr } from "./expr.js";
import { isIdentity } from "./samples.js";
import { clockRule, isFreshId, scalar, tokenBytes } from "../../transport-common/value-rules.js";

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
  readonly ctx: TransportContext;
  readonly sym: ProjectSymbols;
  readonly direct: readonly DirectSource[];
  readonly recall?: RecallPolicy;
  /** The authentication message's identity field: copied into identity fields (sender, moderator). */
  readonly identity?: { readonly message: Message; readonly field: Field };
  /** "server": clock, fresh ids and tokens of the handler (`self.clock()`); "client": the wall clock. */
  readonly generators: "server" | "client" | "none";
  readonly enumChoices?: ReadonlyMap<string, string>;
  readonly overrides?: ReadonlyMap<string, Expr>;
  /** Local variables the expression needs, in order of first use. */
  readonly locals: Map<string, { readonly name: string; readonly init: Printable[] }>;
  readonly names: NameScope;
}

export function newScope(base: Omit<BuildScope, "locals" | "names">, taken: readonly string[]): BuildScope {
  return { ...base, locals: new Map(), names: createNameScope("python", taken) };
}

const oneLine = (e: Expr): boolean => e.kind === "code" || flat(e).length < 12;

function recallVar(scope: BuildScope, message: Message): string {
  const known = scope.locals.get(message.name);
  if (known !== undefined) return known.name;
  const name = scope.names.field(message.name);
  scope.locals.set(message.name, { name, init: [name, " = ", ...(scope.recall?.lookup(scope.sym.cls(message.name)) ?? [])] });
  return name;
}

function fromRecalled(scope: BuildScope, message: Message, src: Field, tgt: Field, fallback: Expr | undefined): Expr | undefined {
  if (!scalar(tgt.type)) return undefined;
  if (fallback !== undefined && !oneLine(fallback)) return undefined;
  const v = recallVar(scope, message);
  const attr = `${v}.${scope.ctx.attr(message.name, src.name)}`;
  const orElse = fallback === undefined ? ["None"] : flat(fallback);
  if (src.optional && !tgt.optional) return code(attr, " if ", v, " is not None and ", attr, " is not None else ", ...orElse);
  return code(attr, " if ", v, " is not None else ", ...orElse);
}

/** Values the server makes up: fresh tokens (always), fresh ids, the clock (rules in transport-common/value-rules.ts). */
function generated(scope: BuildScope, f: Field, stage: "token" | "id" | "clock"): Expr | undefined {
  if (stage === "clock") {
    const clock = clockRule(f);
    if (clock === undefined) return undefined;
    if (scope.generators === "server") return code("self.clock()", clock.ahead ? " + 3_600_000" : "");
    if (scope.generators === "client") return code(scope.sym.from("transport.policy", "now_ms"), "()", clock.ahead ? " + 3_600_000" : "");
    return undefined;
  }
  if (scope.generators !== "server") return undefined;
  if (stage === "id") return isFreshId(f) ? code("self.next_id()") : undefined;
  const n = tokenBytes(f);
  return n === undefined ? undefined : code(`self.random_bytes(${n})`);
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
    const attr = `${src.variable}.${ctx.attr(src.message.name, sf.name)}`;
    if (!sf.optional || f.optional) return code(attr);
    if (scalar(f.type) && fallback !== undefined && oneLine(fallback)) return code(attr, " if ", attr, " is not None else ", ...flat(fallback));
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
    return call(sym.cls(decl.name), buildArgs(scope, decl.name, decl.fields, sample as WireObject));
  }
  return fallback;
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
