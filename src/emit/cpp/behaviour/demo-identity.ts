// The demo's sample of the identity message when the behaviour keeps one live
// session per identity (session.unique): each call names a new identity
// (`alice1`, `alice2`, ...), as Python's and JavaScript's demos do, so that
// several logins of one demo, and the demos of other languages, are not
// refused as a name in use.
import { splitFieldRef } from "../../../spec/behaviour-model.js";
import type { Message } from "../../../spec/model.js";
import type { FileBuilder } from "../../printer.js";
import { code, type Expr } from "../../transport-common/expr.js";
import { sampleOf } from "../../transport-common/samples.js";
import type { CppView } from "../app/view.js";
import { cppStr } from "../literals.js";

const FN = "fresh_identity";

/** The identity field of `m` when each sample of it needs a fresh identity, with its string sample. */
function freshField(view: CppView, m: Message): { readonly field: string; readonly sample: string } | undefined {
  const session = view.spec.behaviour?.session;
  if (session?.unique === undefined) return undefined;
  const { owner, field } = splitFieldRef(session.identity);
  if (owner !== m.name) return undefined;
  const sample = sampleOf(view, m.name, { optionals: true, self: true })[field];
  return typeof sample === "string" ? { field, sample } : undefined;
}

/** Whether some sample needs `fresh_identity` (and samples.hpp <atomic>). */
export const needsFreshIdentity = (view: CppView): boolean => view.initiated("initiator").some((m) => freshField(view, m) !== undefined);

/** Prints `fresh_identity(base)` when some sample needs it. */
export function printFreshIdentity(f: FileBuilder, view: CppView): void {
  if (!needsFreshIdentity(view)) return;
  f.print();
  f.doc("`base` numbered 1, 2, 3, ... across the process: the server refuses an identity a live session has.");
  f.block(`inline std::string ${FN}(const std::string& base) {`, () => {
    f.print("static std::atomic<unsigned> numbers{0};");
    f.print("return base + std::to_string(numbers.fetch_add(1) + 1);");
  });
}

/** The override of `m`'s identity field: its sample, numbered. */
export function identityOverrides(view: CppView, m: Message): ReadonlyMap<string, Expr> {
  const fresh = freshField(view, m);
  return fresh === undefined ? new Map() : new Map([[fresh.field, code(`${FN}(${cppStr(fresh.sample)})`)]]);
}
