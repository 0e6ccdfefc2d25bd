// The demo's sample of the identity message when the behaviour keeps one live
// session per identity (session.unique): each call names a new identity
// (`alice1`, `alice2`, ...), so that several demo clients, and the tests that
// run many, are not refused as a name in use.
import { splitFieldRef } from "../../../spec/behaviour-model.js";
import type { Message } from "../../../spec/model.js";
import type { FileBuilder } from "../../printer.js";
import { pythonString } from "../../literals/string-literal.js";
import { sampleOf } from "../../transport-common/samples.js";
import { pyStd, type TransportContext } from "../transport/context.js";
import { code, type Expr } from "../transport/expr.js";

const COUNTER = "_IDENTITY_NUMBERS";

/** The identity field of `m` when each sample of it needs a fresh identity, with its sample value. */
function freshField(ctx: TransportContext, m: Message): { readonly field: string; readonly sample: string | number | bigint } | undefined {
  const session = ctx.spec.behaviour?.session;
  if (session?.unique === undefined) return undefined;
  const { owner, field } = splitFieldRef(session.identity);
  if (owner !== m.name) return undefined;
  const sample = sampleOf(ctx, m.name, { optionals: true, self: true })[field];
  return typeof sample === "string" || typeof sample === "number" || typeof sample === "bigint" ? { field, sample } : undefined;
}

/** Prints the counter the fresh identities are numbered by, when some sample needs one. */
export function printIdentityCounter(f: FileBuilder, ctx: TransportContext): void {
  const m = ctx.initiated("initiator").find((x) => freshField(ctx, x) !== undefined);
  if (m === undefined) return;
  f.print(COUNTER, " = ", pyStd.module("itertools"), ".count(1)");
  f.doc(`Numbers the identities of the sample ${m.name}s: the server refuses an identity a live session has.`);
  f.print();
  f.print();
}

/** The override of `m`'s identity field: its sample, numbered. */
export function identityOverrides(ctx: TransportContext, m: Message): ReadonlyMap<string, Expr> {
  const fresh = freshField(ctx, m);
  if (fresh === undefined) return new Map();
  const value = typeof fresh.sample === "string" ? code(`f${pythonString(`${fresh.sample}{next(${COUNTER})}`)}`) : code(`${String(fresh.sample)} + next(${COUNTER})`);
  return new Map([[fresh.field, value]]);
}
