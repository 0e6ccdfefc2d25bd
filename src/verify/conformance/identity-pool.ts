// Distinct valid values of a field (an identity, a group key), and the pool
// of identities one kit hands out: every case that logs in gets a name no
// other case used, so that no case meets another's session on a server that
// keeps sessions after a connection closes (a resume window, UDP and HTTP
// sessions that live until their idle timeout). Pure and deterministic:
// values come in derivation order.
import type { Field } from "../../spec/model.js";
import { wholeMatch } from "../../wire/constraints.js";
import type { WireObject, WireValue } from "../../wire/values.js";

/** What the pool needs of a case kit. */
interface Samples {
  message(name: string): { readonly fields: readonly Field[] };
  sample(name: string): WireObject;
}

/** `count` distinct valid values of `field` (of `message`), the first its sample: strings get a suffix, numbers count up. */
export function distinctValues(kit: Samples, message: string, field: string, count: number): WireValue[] {
  const f = kit.message(message).fields.find((x) => x.name === field);
  const base = kit.sample(message)[field];
  if (f === undefined || base === undefined) throw new Error(`distinctValues: ${message}.${field} has no sample`);
  const out: WireValue[] = [base];
  for (let i = 1; out.length < count && i < count * 4; i++) {
    const next = variant(f, base, i);
    if (next !== undefined && !out.some((v) => v === next)) out.push(next);
  }
  if (out.length < count) throw new Error(`distinctValues: ${message}.${field} has no ${count} distinct valid values`);
  return out;
}

function variant(f: Field, base: WireValue, i: number): WireValue | undefined {
  if (typeof base === "bigint") return base + BigInt(i);
  if (typeof base === "number") return f.constraints.max === undefined || base + i <= f.constraints.max ? base + i : undefined;
  if (typeof base !== "string") return undefined;
  const c = f.constraints;
  const re = c.pattern === undefined ? undefined : wholeMatch(c.pattern);
  const bytes = (s: string): number => new TextEncoder().encode(s).length;
  for (const suffix of [`${i + 1}`, `_${i + 1}`, `-${i + 1}`, ` ${i + 1}`]) {
    let head = base;
    while (head.length > 0 && c.maxLength !== undefined && bytes(head + suffix) > c.maxLength) head = head.slice(0, -1);
    const s = head + suffix;
    if ((c.minLength === undefined || bytes(s) >= c.minLength) && (c.maxLength === undefined || bytes(s) <= c.maxLength) && (re === undefined || re.test(s))) return s;
  }
  return undefined;
}

/** The identities of one kit: `next()` never gives a value twice, nor the sample. */
export class IdentityPool {
  private values: WireValue[] = [];
  private used = 0;

  constructor(
    private readonly kit: Samples,
    /** The message that carries the identity (the authentication request). */
    readonly message: string,
    readonly field: string,
  ) {}

  next(): WireValue {
    this.used++;
    // distinctValues is prefix-stable: a longer list starts with the shorter one.
    if (this.used >= this.values.length) this.values = distinctValues(this.kit, this.message, this.field, Math.max(64, this.values.length * 2));
    const value = this.values[this.used];
    if (value === undefined) throw new Error(`IdentityPool: ${this.message}.${this.field} has no ${this.used + 1} distinct valid values`);
    return value;
  }
}
