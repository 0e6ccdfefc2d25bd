// Family "constraint": for every request with an error message, every
// constrained field and every constraint of it the reference codec can break
// while the frame stays well formed, the request is sent with that one value
// broken (in a state that allows the request). The server answers with the
// request's error message carrying the error the spec maps the field to
// (`onInvalid`), else the spec's default (`security.onInvalid`), else any
// code but those that mean something else; then the connection still answers
// (wire-format §5, §10.4). Pure.
import type { Constraints, Field, FieldType, Message } from "../../spec/model.js";
import { elementType } from "../../spec/type-expr.js";
import { utf8Length } from "../../wire/utf8.js";
import type { WireObject, WireValue } from "../../wire/values.js";
import { numberPast } from "../../wire/vectors/invalid-value-cases.js";
import { mismatchPattern, samplePattern } from "../../wire/vectors/pattern-sample.js";
import { FILL_TEXT } from "../../wire/vectors/sample-values.js";
import { WireError } from "../../wire/wire-error.js";
import type { CaseKit } from "./case-kit.js";
import type { Accept, ConformanceCase } from "./case-model.js";
import { routeTo } from "./session-cases.js";
import { afterReceive, refusalCode, type RestingState, restingStates } from "./server-states.js";
import { withSequence } from "./script.js";

type ConstraintKey = keyof Constraints;
const KEYS: readonly ConstraintKey[] = ["min", "max", "minLength", "maxLength", "pattern", "minItems", "maxItems"];

/** One broken value: the field's new value and how it breaks the constraint. */
interface Breach {
  readonly value: WireValue;
  readonly how: string;
}

export function constraintCases(kit: CaseKit): ConformanceCase[] {
  const resting = restingStates(kit.spec);
  const cases: ConformanceCase[] = [];
  for (const m of kit.spec.messages) {
    if (m.kind !== "request" || m.from !== "initiator" || m.error === undefined) continue;
    const where = resting.find((r) => r.state.transitions.some((t) => t.action === "receive" && t.message === m.name));
    if (where === undefined) continue;
    for (const field of m.fields) {
      for (const key of KEYS) {
        if (field.constraints[key] === undefined) continue;
        const c = caseOf(kit, where, m, field, key);
        if (c !== undefined) cases.push(c);
      }
    }
  }
  return cases;
}

function caseOf(kit: CaseKit, resting: RestingState, m: Message, field: Field, key: ConstraintKey): ConformanceCase | undefined {
  const error = m.error ?? "";
  const sample = kit.sample(m.name);
  const breach = breachOf(field, key, sample[field.name]);
  if (breach === undefined) return undefined;
  const frame = brokenFrame(kit, m, field, { ...sample, [field.name]: breach.value });
  if (frame === undefined) return undefined;

  const script = routeTo(kit, resting);
  const seq = script.nextSeq();
  script.sendRaw(withSequence(frame, seq), `${m.name} #${seq} with ${field.name} ${breach.how}`);
  const { accept, code } = expectedAnswer(kit, m, field, error);
  script.expectAnswer(m.name, seq, [accept], { purpose: `${field.name} ${breach.how}` });
  const next = afterReceive(kit.spec, resting.state, m.name);
  const after = kit.spec.machines.responder.states.find((s) => s.name === next?.transitions.find((t) => t.action === "send" && t.message === error)?.to);
  // Where the machine ends the session after the error, the answer is the end of the case.
  const ends = after?.terminal === true;
  if (!ends) script.exchange(m.name, undefined, "after a broken constraint the connection stays usable");
  return {
    name: `constraint/${m.name}.${field.name}/${key}`,
    family: "constraint",
    proves: [`field:${m.name}.${field.name}`, ...(code === undefined ? [] : [`error:${code}`])],
    summary: `${m.name} with ${field.name} ${breach.how} is refused with ${error}${code === undefined ? "" : ` ${code}`}${ends ? "" : " and the connection stays usable"}`,
    transports: ["tcp"],
    steps: script.steps,
  };
}

/** The error answer the case accepts, and the one code it requires, if the spec names one. */
function expectedAnswer(kit: CaseKit, m: Message, field: Field, error: string): { accept: Accept; code?: string } {
  const code = field.onInvalid ?? kit.spec.security.onInvalid;
  if (code !== undefined) return { accept: { message: error, codes: [code] }, code };
  // Without a mapping any code of the error message will do, except the mappings
  // of other fields and the states' refusal codes: those say something else.
  const others = new Map<string, string>();
  for (const x of kit.spec.messages) {
    for (const f of x.fields) if (f.onInvalid !== undefined && !others.has(f.onInvalid)) others.set(f.onInvalid, `${f.onInvalid} answers a broken ${x.name}.${f.name}`);
  }
  for (const r of restingStates(kit.spec)) {
    const refusal = refusalCode(kit.spec, r.state);
    if (refusal !== undefined && !others.has(refusal)) others.set(refusal, `${refusal} refuses what ${r.state.name} does not allow`);
  }
  if (others.size === 0) return { accept: { message: error } };
  return { accept: { message: error, notCodes: [...others.keys()], notCodesWhy: `${[...others.values()].join("; ")}, not a broken ${m.name}.${field.name}` } };
}

/** The frame of `value`, encoded without checks, when the reference codec rejects it for exactly this field's own constraint; undefined when it cannot be built (too large) or fails otherwise. */
function brokenFrame(kit: CaseKit, m: Message, field: Field, value: WireObject): Uint8Array | undefined {
  let frame: Uint8Array;
  try {
    frame = kit.unchecked.encodeFrame(m.name, value, { seq: 1 });
  } catch (e) {
    if (e instanceof WireError) return undefined;
    throw e;
  }
  try {
    kit.codec.decodeFrame(frame);
  } catch (e) {
    if (!(e instanceof WireError)) throw e;
    const own = new RegExp(`^${m.name}\\.${field.name}(\\[\\d+\\])*$`);
    return e.code === "constraint_violated" && own.test(e.path ?? "") ? frame : undefined;
  }
  return undefined;
}

/** A value of `field` that breaks constraint `key` and no other of the field, if one can be built. */
function breachOf(field: Field, key: ConstraintKey, current: WireValue | undefined): Breach | undefined {
  const c = field.constraints;
  const type = field.type;
  if (key === "minItems" || key === "maxItems") {
    const items = Array.isArray(current) ? (current as readonly WireValue[]) : [];
    if (key === "minItems") return c.minItems !== undefined && c.minItems > 0 && items.length >= c.minItems - 1 ? { value: items.slice(0, c.minItems - 1), how: `of ${c.minItems - 1} items (minItems ${c.minItems})` } : undefined;
    const first = items[0];
    return c.maxItems !== undefined && first !== undefined ? { value: Array.from({ length: c.maxItems + 1 }, () => first), how: `of ${c.maxItems + 1} items (maxItems ${c.maxItems})` } : undefined;
  }
  const leaf = leafBreach(elementType(type), c, key);
  if (leaf === undefined) return undefined;
  if (type.kind !== "list") return leaf;
  if (type.of.kind === "list") return undefined; // nested lists: left to the wire vectors
  // A list: its first element broken, the count kept within minItems..maxItems.
  const items = Array.isArray(current) ? [...(current as readonly WireValue[])] : [];
  if (items.length === 0) {
    if ((c.maxItems ?? 1) < 1 || (c.minItems ?? 0) > 1) return undefined;
    return { value: [leaf.value], how: `[0] ${leaf.how}` };
  }
  items[0] = leaf.value;
  return { value: items, how: `[0] ${leaf.how}` };
}

function leafBreach(type: FieldType, c: Constraints, key: ConstraintKey): Breach | undefined {
  switch (key) {
    case "min":
    case "max": {
      const bound = c[key];
      const dir = key === "max" ? 1 : -1;
      const value = bound === undefined ? undefined : numberPast(type, bound, dir);
      return value === undefined ? undefined : { value, how: `${String(value)} (${key} ${bound})` };
    }
    case "minLength":
      return c.minLength !== undefined && c.minLength > 0 ? sized(type, c, c.minLength - 1, `minLength ${c.minLength}`) : undefined;
    case "maxLength":
      return c.maxLength !== undefined ? sized(type, c, c.maxLength + 1, `maxLength ${c.maxLength}`) : undefined;
    case "pattern": {
      if (type.kind !== "string" || c.pattern === undefined) return undefined;
      const value = mismatchPattern(c.pattern, { minBytes: c.minLength ?? 0, maxBytes: c.maxLength ?? Number.POSITIVE_INFINITY });
      return value === undefined ? undefined : { value, how: `${JSON.stringify(value)} (pattern /${c.pattern}/)` };
    }
    default:
      return undefined;
  }
}

/** A string or bytes value of exactly `n` bytes (a string matching the pattern, if it has one). */
function sized(type: FieldType, c: Constraints, n: number, bound: string): Breach | undefined {
  if (type.kind === "bytes") return { value: new Uint8Array(n).fill(0x61), how: `of ${n} bytes (${bound})` };
  if (type.kind !== "string") return undefined;
  const fromPattern = c.pattern === undefined ? undefined : samplePattern(c.pattern, { minBytes: n, maxBytes: n }, n);
  const text = fromPattern ?? FILL_TEXT.repeat(Math.ceil(n / FILL_TEXT.length) + 1).slice(0, n);
  return utf8Length(text) === n ? { value: text, how: `of ${n} bytes (${bound})` } : undefined;
}
