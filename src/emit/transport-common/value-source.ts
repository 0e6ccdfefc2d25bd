// Where a built message's field gets its value: echoed from the message being
// answered, recalled from an earlier message of the session, made up (fresh
// token, fresh id, the clock), an enum member the trigger's doc names, a
// nested struct, or the sample constant. The choosing is the same in every
// language, so it lives here; each language's builder only prints the answer.
import type { Field, Message } from "../../spec/model.js";
import type { Printable } from "../symbols.js";
import { implies } from "./behaviour.js";
import { isIdentity } from "./samples.js";
import { clockRule, isFreshId, scalar, tokenBytes } from "./value-rules.js";

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

/** What a builder has in scope, as far as choosing a source goes. */
export interface SourceScope {
  readonly direct: readonly DirectSource[];
  readonly recall?: RecallPolicy;
  /** The authentication message's identity field: copied into identity fields (sender, moderator). */
  readonly identity?: { readonly message: Message; readonly field: Field };
  /** "server": clock, fresh ids and tokens of the handler; "client": the wall clock. */
  readonly generators: "server" | "client" | "none";
  readonly enumChoices?: ReadonlyMap<string, string>;
}

/** The sample constant for a field: none, short enough to follow a copied value on one line, or longer. */
export type Fallback = "none" | "simple" | "long";

export type ValueSource =
  | { readonly kind: "token"; readonly bytes: number }
  /** `from.field`, with the fallback after it when the source is optional and the target is not. */
  | { readonly kind: "echo"; readonly from: DirectSource; readonly field: Field; readonly orFallback: boolean }
  | { readonly kind: "fresh-id" }
  /** The field of the session's last `message`, or the fallback when there is none. */
  | { readonly kind: "recall"; readonly message: Message; readonly field: Field }
  | { readonly kind: "enum"; readonly enumName: string; readonly member: string }
  | { readonly kind: "clock"; readonly by: "server" | "client"; readonly ahead: boolean }
  /** A nested struct, built field by field from the sample. */
  | { readonly kind: "struct"; readonly name: string }
  | { readonly kind: "sample" };

/** Recalling needs a scalar target and a fallback that fits on the same line. */
const recallable = (target: Field, fallback: Fallback): boolean => scalar(target.type) && fallback !== "long";

/**
 * The source of field `f` (in order of preference), or undefined to leave the
 * field out. `hasSample`: the sample has a value for the field.
 */
export function chooseSource(scope: SourceScope, f: Field, hasSample: boolean, fallback: Fallback): ValueSource | undefined {
  const server = scope.generators === "server";
  const bytes = server ? tokenBytes(f) : undefined;
  // A token is never copied: each answer gets a fresh one.
  if (bytes !== undefined) return { kind: "token", bytes };
  for (const from of scope.direct) {
    const field = from.message.fields.find((x) => x.name === f.name);
    if (field === undefined || !implies(field, f)) continue;
    if (!field.optional || f.optional) return { kind: "echo", from, field, orFallback: false };
    if (scalar(f.type) && fallback === "simple") return { kind: "echo", from, field, orFallback: true };
  }
  if (server && isFreshId(f)) return { kind: "fresh-id" };
  const recall = scope.recall;
  if (recall !== undefined && recall.fieldFilter(f)) {
    for (const m of recall.pool) {
      if (scope.direct.some((d) => d.message === m)) continue;
      const field = m.fields.find((x) => x.name === f.name);
      if (field === undefined || !implies(field, f)) continue;
      if (recallable(f, fallback)) return { kind: "recall", message: m, field };
    }
  }
  const self = scope.identity;
  if (self !== undefined && isIdentity(f.name) && implies(self.field, f) && !scope.direct.some((d) => d.message === self.message)) {
    if (recallable(f, fallback)) return { kind: "recall", message: self.message, field: self.field };
  }
  const choice = scope.enumChoices?.get(f.name);
  if (choice !== undefined && f.type.kind === "enum") return { kind: "enum", enumName: f.type.name, member: choice };
  const clock = clockRule(f);
  if (clock !== undefined && scope.generators !== "none") return { kind: "clock", by: scope.generators, ahead: clock.ahead };
  if (f.type.kind === "struct" && hasSample) return { kind: "struct", name: f.type.name };
  return fallback === "none" ? undefined : { kind: "sample" };
}
