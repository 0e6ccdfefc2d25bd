// How a default handler broadcasts one event (a BroadcastRule): to each group
// of the session (the event's group field set to the loop variable `group`),
// to the group the trigger's field names, or to everyone; and from which
// sources the event is built. Each language prints the plan as its own loop
// and call.
import type { Field } from "../../spec/model.js";
import type { Behaviour, BroadcastRule } from "./behaviour.js";
import { code, type Expr } from "./expr.js";
import type { DirectSource, SourceScope } from "./value-source.js";

/** A builder scope that can take overrides (expressions given outright, by field). */
export interface OverridableScope extends SourceScope {
  readonly overrides?: ReadonlyMap<string, Expr>;
}

/** `scope` with other direct sources, and the overrides and enum choices given. */
export function withDirect<S extends OverridableScope>(scope: S, direct: readonly DirectSource[], overrides?: ReadonlyMap<string, Expr>, enumChoices?: ReadonlyMap<string, string>): S {
  return { ...scope, direct, ...(overrides === undefined ? {} : { overrides }), ...(enumChoices === undefined ? {} : { enumChoices }) };
}

export type BroadcastPlan<S> =
  /** `for group in session.groups: broadcast(event, group=group)`. */
  | { readonly kind: "each-session-group"; readonly scope: S }
  /** `broadcast(event, group=message.<field>)` with `groupField` set, else to everyone. */
  | { readonly kind: "once"; readonly scope: S; readonly groupField?: { readonly message: string; readonly field: Field } };

/** The plan for `rule`, triggered by `direct[0]` (the request); `scope` is the handler's. */
export function broadcastPlan<S extends OverridableScope>(behaviour: Behaviour, scope: S, direct: readonly DirectSource[], rule: BroadcastRule): BroadcastPlan<S> {
  const key = behaviour.groupKey;
  if (rule.group === "session-groups" && key !== undefined) {
    return { kind: "each-session-group", scope: withDirect(scope, direct, new Map([[key.name, code("group")]]), rule.enumChoices) };
  }
  const once = withDirect(scope, direct, undefined, rule.enumChoices);
  const trigger = direct[0]?.message.name ?? "";
  return rule.group === "field" && key !== undefined ? { kind: "once", scope: once, groupField: { message: trigger, field: key } } : { kind: "once", scope: once };
}
