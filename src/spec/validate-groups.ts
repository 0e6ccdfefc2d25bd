// Checks the behaviour section's groups: each request, event and field they
// name exists and fits, every message of a group carries its key, members
// and history fields have the shape the generated server fills.
import type { FieldType } from "./model.js";
import type { SpecPath } from "./problems.js";
import type { GroupInput } from "./behaviour-schema.js";
import { GROUP_TRIGGERS } from "./behaviour-schema.js";
import { BehaviourRefs, CLIENT_MESSAGE, CLIENT_REQUEST, isBool, isIdentifier, isInteger, SERVER_EVENT } from "./behaviour-refs.js";
import type { MessageInput } from "./schema.js";

export function validateGroups(refs: BehaviourRefs, groups: readonly GroupInput[], identityField: string | undefined): void {
  refs.ctx.unique(groups, (g) => g.name, (i) => ["behaviour", "groups", i, "name"], "group name", "duplicate-name");
  groups.forEach((group, gi) => validateGroup(refs, group, ["behaviour", "groups", gi], identityField));
}

function validateGroup(refs: BehaviourRefs, group: GroupInput, at: SpecPath, identityField: string | undefined): void {
  const keyed = (name: string, path: SpecPath, rule = CLIENT_REQUEST): MessageInput | undefined => {
    const m = refs.message(name, path, rule);
    if (m !== undefined) requireKey(refs, group, m, path);
    return m;
  };
  const error = (name: string | undefined, path: SpecPath) => {
    if (name !== undefined) refs.error(name, path);
  };

  keyed(group.join.request, [...at, "join", "request"]);
  error(group.join.already, [...at, "join", "already"]);
  error(group.join.full, [...at, "join", "full"]);
  if ((group.join.capacity === undefined) !== (group.join.full === undefined)) {
    refs.ctx.error("behaviour-incomplete", [...at, "join"], "`capacity` and `full` go together: the most members, and the error past it");
  }
  if (group.leave !== undefined) {
    keyed(group.leave.request, [...at, "leave", "request"]);
    error(group.leave.notMember, [...at, "leave", "notMember"]);
  }
  if (group.perSession !== undefined) error(group.perSession.error, [...at, "perSession", "error"]);

  const attributes = new Set<string>();
  group.attributes.forEach((a, ai) => {
    if (attributes.has(a.name)) refs.ctx.error("duplicate-name", [...at, "attributes", ai, "name"], `attribute \`${a.name}\` is declared twice`);
    attributes.add(a.name);
    refs.expectType(refs.field(a.field, [...at, "attributes", ai, "field"]), [...at, "attributes", ai, "field"], isBool, "a bool");
  });

  if (group.members !== undefined) validateMembers(refs, group, [...at, "members"], identityField);

  if (group.history !== undefined) {
    const item = refs.ctx.typesByName.get(group.history.item);
    if (item?.kind !== "struct") refs.ctx.error("behaviour-unknown-type", [...at, "history", "item"], `\`${group.history.item}\` is not a declared struct`);
    const itemName = group.history.item;
    if (group.history.id !== undefined) {
      const id = refs.field(group.history.id, [...at, "history", "id"]);
      if (id !== undefined && id.owner !== itemName) refs.ctx.error("behaviour-wrong-message", [...at, "history", "id"], `\`${group.history.id}\` must be a field of ${itemName}, the item`);
      refs.expectType(id, [...at, "history", "id"], isInteger, "an integer");
    }
    group.history.replay.forEach((ref, ri) => {
      const path = [...at, "history", "replay", ri];
      refs.expectType(refs.field(ref, path), path, (t) => t.kind === "list" && t.of.kind === "struct" && t.of.name === itemName, `list<${itemName}>`);
    });
  }

  if (group.remove !== undefined) {
    const r = group.remove;
    keyed(r.request, [...at, "remove", "request"]);
    const member = refs.field(r.member, [...at, "remove", "member"]);
    if (member !== undefined && member.owner !== r.request) {
      refs.ctx.error("behaviour-wrong-message", [...at, "remove", "member"], `\`${r.member}\` must be a field of ${r.request}, the request that removes`);
    }
    if (r.notify !== undefined) keyed(r.notify, [...at, "remove", "notify"], SERVER_EVENT);
    error(r.notMember, [...at, "remove", "notMember"]);
  }

  group.events.forEach((e, ei) => {
    const path = [...at, "events", ei];
    const trigger = e.on as (typeof GROUP_TRIGGERS)[number];
    if (GROUP_TRIGGERS.includes(trigger)) {
      const declared = trigger === "join" ? true : trigger === "leave" ? group.leave !== undefined : group.remove !== undefined;
      if (!declared) refs.ctx.error("behaviour-incomplete", [...path, "on"], `\`on: ${trigger}\` needs the group's \`${trigger}\``);
    } else {
      keyed(e.on, [...path, "on"], CLIENT_MESSAGE);
    }
    const event = keyed(e.send, [...path, "send"], SERVER_EVENT);
    if (event === undefined) return;
    for (const name of Object.keys(e.set)) {
      if (!event.fields.some((f) => f.name === name)) refs.ctx.error("behaviour-unknown-field", [...path, "set", name], `\`${e.send}\` has no field \`${name}\``);
    }
    if (e.record && group.history === undefined) refs.ctx.error("behaviour-incomplete", [...path, "record"], "`record: true` needs the group's `history`");
  });
}

/** Every message of a group names the group in its `key` field (a string or an id). */
function requireKey(refs: BehaviourRefs, group: GroupInput, message: MessageInput, path: SpecPath): void {
  const key = message.fields.find((f) => f.name === group.key);
  if (key === undefined) {
    refs.ctx.error("behaviour-missing-key", path, `\`${message.name}\` has no field \`${group.key}\`, the key of group \`${group.name}\``);
    return;
  }
  refs.expectType(refs.field(`${message.name}.${group.key}`, path), path, isIdentifier, "a string, bytes or integer key");
}

/** `members` is a list of a struct with the identity's field and every attribute's field. */
function validateMembers(refs: BehaviourRefs, group: GroupInput, path: SpecPath, identityField: string | undefined): void {
  const resolved = refs.field(group.members ?? "", path);
  const isStructList = (t: FieldType) => t.kind === "list" && t.of.kind === "struct";
  if (!refs.expectType(resolved, path, isStructList, "a list of a struct (the members)")) return;
  const type = resolved?.type;
  const structName = type?.kind === "list" && type.of.kind === "struct" ? type.of.name : "";
  const struct = refs.ctx.typesByName.get(structName);
  if (struct?.kind !== "struct") return;
  if (identityField !== undefined && !struct.fields.some((f) => f.name === identityField)) {
    refs.ctx.error("behaviour-members-shape", path, `\`${structName}\` has no field \`${identityField}\`, the session's identity`);
  }
  for (const a of group.attributes) {
    const owner = a.field.slice(0, a.field.indexOf("."));
    if (owner !== structName) refs.ctx.error("behaviour-members-shape", path, `attribute \`${a.name}\` is shown by \`${a.field}\`, not by a field of \`${structName}\``);
  }
}
