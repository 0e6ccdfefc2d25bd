// Where each field of a message the behaviour builds gets its value
// (docs/decisions/0009, "answer fields are bound"): declared values first
// (a `set` constant, a token, the resume window), then what the group gives
// (its key, members, history, the sender's attribute, the recorded item),
// then the request's field of the same name, then the session's identity.
// Fields left out keep the default handlers' sources (clock, ids, samples).
import type { Group } from "../spec/behaviour-model.js";
import { splitFieldRef } from "../spec/behaviour-model.js";
import { implies } from "../spec/field-compat.js";
import type { Field, Message, Spec, StructDecl } from "../spec/model.js";
import type { Built, FieldSource, Source } from "./plan-model.js";

/** What a message is built in the middle of. */
export interface BindContext {
  readonly spec: Spec;
  /** The client message being handled. */
  readonly trigger: Message;
  /** The group the trigger names, if any. */
  readonly group?: Group;
  /** The trigger recorded an item into `group`'s history. */
  readonly recorded: boolean;
  /** Fixed event fields. */
  readonly set?: Readonly<Record<string, string | number | boolean>>;
}

export function bindMessage(ctx: BindContext, name: string): Built {
  const fields = fieldsOf(ctx.spec, name);
  return { message: name, fields: bindFields(ctx, name, fields, new Set()) };
}

function bindFields(ctx: BindContext, owner: string, fields: readonly Field[], seen: ReadonlySet<string>): FieldSource[] {
  const out: FieldSource[] = [];
  for (const f of fields) {
    const source = sourceOf(ctx, owner, f, seen);
    if (source !== undefined) out.push({ field: f.name, source });
  }
  return out;
}

function sourceOf(ctx: BindContext, owner: string, f: Field, seen: ReadonlySet<string>): Source | undefined {
  const { spec, group } = ctx;
  const ref = `${owner}.${f.name}`;
  const set = ctx.set?.[f.name];
  if (set !== undefined) return { kind: "constant", value: set };
  const resume = spec.behaviour?.session?.resume;
  if (resume?.token.includes(ref) === true) return { kind: "token" };
  if (resume?.window.field === ref) return { kind: "window", ms: resume.window.ms };
  if (resume?.replay?.count === ref) return { kind: "replayed-count" };
  for (const p of spec.behaviour?.progress ?? []) {
    if (p.id === ref) return { kind: "transfer-id", progress: p.name };
    if (p.acknowledged.includes(ref)) return { kind: "acknowledged", progress: p.name };
  }
  if (spec.behaviour?.sequence.some((q) => q.gaps === ref) === true) return { kind: "gaps" };
  if (group !== undefined) {
    if (group.members === ref) return membersSource(ctx, group);
    if (group.history?.replay.includes(ref) === true) return { kind: "history", group: group.name };
    if (f.name === group.key) return { kind: "key", group: group.name };
    const history = group.history;
    if (ctx.recorded && history !== undefined) {
      if (f.type.kind === "struct" && f.type.name === history.item) return { kind: "item", group: group.name };
      if (owner === history.item && history.id === ref) return { kind: "item-id", group: group.name };
      const itemField = owner === history.item ? undefined : fieldsOf(spec, history.item).find((x) => x.name === f.name && implies(x, f));
      if (itemField !== undefined) return { kind: "item-field", group: group.name, field: itemField.name };
    }
    const attribute = group.attributes.find((a) => splitFieldRef(a.field).field === f.name && f.type.kind === "bool");
    if (attribute !== undefined) return { kind: "attribute", group: group.name, attribute: attribute.name };
  }
  const restored = restoredGroup(ctx, f);
  if (restored !== undefined) return restored;
  const echoed = owner === ctx.trigger.name ? undefined : ctx.trigger.fields.find((x) => x.name === f.name && implies(x, f));
  if (echoed !== undefined) return { kind: "request", field: echoed.name };
  const identity = identityField(spec);
  if (identity !== undefined && implies(identity, f)) return { kind: "identity", who: f.name === identity.name ? "subject" : "actor" };
  if (f.type.kind === "struct" && !seen.has(f.type.name)) {
    const inner = bindFields(ctx, f.type.name, fieldsOf(spec, f.type.name), new Set([...seen, f.type.name]));
    if (inner.length > 0) return { kind: "struct", type: f.type.name, fields: inner };
  }
  return undefined;
}

/** The group's members as the list's struct: its identity field and its attribute flags. */
function membersSource(ctx: BindContext, group: Group): Source {
  const list = fieldOf(ctx.spec, group.members ?? "");
  const struct = list?.type.kind === "list" && list.type.of.kind === "struct" ? list.type.of.name : "";
  const identity = identityField(ctx.spec)?.name ?? "";
  return {
    kind: "members",
    group: group.name,
    struct,
    identity,
    attributes: group.attributes.map((a) => ({ field: splitFieldRef(a.field).field, attribute: a.name })),
  };
}

/** A list of a struct that carries a restored group's key: each restored group, bound like a join's answer. */
function restoredGroup(ctx: BindContext, f: Field): Source | undefined {
  const resume = ctx.spec.behaviour?.session?.resume;
  if (resume === undefined || ctx.trigger.name !== splitFieldRef(resume.present).owner) return undefined;
  if (f.type.kind !== "list" || f.type.of.kind !== "struct") return undefined;
  const struct = f.type.of.name;
  const structFields = fieldsOf(ctx.spec, struct);
  for (const name of resume.restores) {
    const group = ctx.spec.behaviour?.groups.find((g) => g.name === name);
    if (group === undefined || !structFields.some((x) => x.name === group.key)) continue;
    const inner = bindFields({ ...ctx, group, recorded: false }, struct, structFields, new Set([struct]));
    return { kind: "restored-groups", group: name, struct, fields: inner };
  }
  return undefined;
}

function identityField(spec: Spec): Field | undefined {
  const ref = spec.behaviour?.session?.identity;
  return ref === undefined ? undefined : fieldOf(spec, ref);
}

function fieldOf(spec: Spec, ref: string): Field | undefined {
  const { owner, field } = splitFieldRef(ref);
  return fieldsOf(spec, owner).find((f) => f.name === field);
}

function fieldsOf(spec: Spec, owner: string): readonly Field[] {
  const message = spec.messages.find((m) => m.name === owner);
  if (message !== undefined) return message.fields;
  const type = spec.types.find((t): t is StructDecl => t.kind === "struct" && t.name === owner);
  return type?.fields ?? [];
}
