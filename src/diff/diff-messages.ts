// Messages, old against new: matched by name, then a message gone and one
// new under the same id are a rename (the same payload) or a reused id.
import type { Message, Spec } from "../spec/model.js";
import type { SpecChange } from "./change-model.js";
import { change, where, type Where } from "./changes.js";
import { diffFields } from "./diff-fields.js";
import { typeCompat } from "./type-compat.js";

export function diffMessages(oldSpec: Spec, newSpec: Spec): SpecChange[] {
  const changes: SpecChange[] = [];
  const before = oldSpec.messages;
  const after = newSpec.messages;
  const at = (o: Message | undefined, n: Message | undefined): Where =>
    where(`messages.${(n ?? o)?.name ?? ""}`, ["messages", o === undefined ? -1 : before.indexOf(o)], ["messages", n === undefined ? -1 : after.indexOf(n)]);
  const inNew = (name: string) => after.find((m) => m.name === name);
  const inOld = (name: string) => before.find((m) => m.name === name);
  const pairs: [Message, Message][] = [];
  for (const o of before) {
    const n = inNew(o.name);
    if (n !== undefined) {
      pairs.push([o, n]);
      continue;
    }
    const sameId = after.find((m) => m.id === o.id && inOld(m.name) === undefined);
    if (sameId === undefined) {
      changes.push(change("message-removed", ["wire", "json", "behaviour"], at(o, undefined).old, `${o.name} (id ${o.id}) removed: an old peer still sends it`));
    } else if (samePayload(o, sameId, oldSpec, newSpec) && o.kind === sameId.kind && o.from === sameId.from) {
      changes.push(change("message-renamed", ["json"], at(o, sameId).new, `${o.name} renamed ${sameId.name}: the same id and payload on the wire, another type in JSON and another path over HTTP`));
      pairs.push([o, sameId]);
    } else {
      changes.push(change("message-id-reused", ["wire", "json", "behaviour"], at(o, sameId).new, `id ${o.id} was ${o.name}, now ${sameId.name} with another payload: an old peer's ${o.name} is read as ${sameId.name}`));
    }
  }
  for (const n of after) {
    if (inOld(n.name) !== undefined || before.some((o) => o.id === n.id && inNew(o.name) === undefined)) continue;
    changes.push(change("message-added", [], at(undefined, n).new, `${n.name} (id ${n.id}, ${n.kind} from the ${roleName(newSpec, n)}) added: an old peer refuses it (unknown_message)`));
  }
  for (const [o, n] of pairs) changes.push(...diffMessage(o, n, at(o, n), oldSpec, newSpec));
  return changes;
}

const roleName = (spec: Spec, m: Message) => spec.roles[m.from].name;

function samePayload(o: Message, n: Message, oldSpec: Spec, newSpec: Spec): boolean {
  return o.fields.length === n.fields.length && o.fields.every((f, i) => {
    const g = n.fields[i];
    return g !== undefined && g.name === f.name && g.optional === f.optional && typeCompat(f.type, g.type, oldSpec, newSpec).wire;
  });
}

function diffMessage(o: Message, n: Message, at: Where, oldSpec: Spec, newSpec: Spec): SpecChange[] {
  const changes: SpecChange[] = [];
  const field = (key: string) => ({ side: "new" as const, path: [...at.new.path, key], label: `${at.new.label}.${key}` });
  if (o.name === n.name && o.id !== n.id) {
    changes.push(change("message-renumbered", ["wire"], field("id"), `${n.name} renumbered from ${o.id} to ${n.id}: an old peer's frames carry ${o.id}`));
  }
  if (o.kind !== n.kind) {
    // The RESPONSE flag is set on responses only (wire-format §2, rule 5).
    const flag = (o.kind === "response") !== (n.kind === "response");
    const breaks = flag ? (["wire", "behaviour"] as const) : (["behaviour"] as const);
    changes.push(change("message-kind-changed", breaks, field("kind"), `${n.name} is a ${n.kind}, was a ${o.kind}: ${flag ? "the RESPONSE flag changes, and " : ""}what a peer expects of it changes`));
  }
  if (o.from !== n.from) {
    changes.push(change("message-direction-changed", ["behaviour"], field("from"), `${n.name} is sent by the ${roleName(newSpec, n)}, was by the ${roleName(oldSpec, o)}`));
  }
  for (const r of o.responses) {
    if (!n.responses.includes(r)) changes.push(change("response-removed", ["behaviour"], field("responses"), `${n.name} is no longer answered with ${r}: an old peer still answers with it`));
  }
  for (const r of n.responses) {
    if (!o.responses.includes(r)) changes.push(change("response-added", [], field("responses"), `${n.name} may be answered with ${r}: an old client does not expect it, so upgrade clients first`));
  }
  if (o.error !== n.error) {
    changes.push(change("error-answer-changed", ["behaviour"], field("error"), `${n.name}'s error answer is ${n.error ?? "(none)"}, was ${o.error ?? "(none)"}`));
  }
  const fields = where(`${at.new.label}.fields`, [...at.old.path, "fields"], [...at.new.path, "fields"]);
  changes.push(...diffFields({ old: o.fields, new: n.fields, at: fields, oldSpec, newSpec }));
  return changes;
}
