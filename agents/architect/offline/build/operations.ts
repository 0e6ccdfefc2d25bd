// Operations read from "<verb> <object>" phrases that no pattern covers:
// `PlaceOrder` → `OrderPlaced`, `GetAccountBalance` → `AccountBalanceInfo`,
// `ListTasks` → `TaskList` (with a `Task` struct).
import type { Operation } from "../detect/operations.js";
import { addTrace, emptyContribution, field, request, response, type Contribution, type FieldDraft } from "../draft.js";
import { pascal, plural, snake } from "../text/naming.js";
import { findPhrase, tokenise } from "../text/tokens.js";
import { ATTRIBUTES } from "../vocabulary/attributes.js";
import { ERROR_REPLY, optional, timestamp, type BuildContext } from "./context.js";

export function buildOperations(ctx: BuildContext, ops: readonly Operation[], taken: ReadonlySet<string> = new Set()): Contribution {
  const c = emptyContribution();
  const used = new Set(taken);
  const byEntity = new Map<string, Operation[]>();
  for (const op of ops) {
    const key = op.entity.join(" ");
    byEntity.set(key, [...(byEntity.get(key) ?? []), op]);
  }
  for (const [entityText, entityOps] of byEntity) {
    const E = pascal(...entityText.split(" "));
    const e = snake(entityText);
    const idField = field(`${e}_id`, "string", `Identifier of the ${entityText}.`, { minLength: 1, maxLength: 64, pattern: "[A-Za-z0-9_-]+" });
    // Attributes said in the same sentences, or that the entity itself names ("balance").
    const reqIds = entityOps.map((o) => o.reqId);
    const mentioning = ctx.a.requirements.filter((r) => findPhrase(r.tokens, entityText.split(" ").pop() ?? entityText).length > 0).map((r) => r.id);
    const attrs = ctx.attributesIn([...reqIds, ...mentioning]).filter((h) => h.field.name !== `${e}_id`);
    const own = ATTRIBUTES.find((a) => a.cues.some((cue) => findPhrase(tokenise(entityText), cue).length > 0));
    const attrFields: FieldDraft[] = attrs.map((h) => h.field);
    if (own && !attrFields.some((f) => f.name === own.field.name)) attrFields.unshift({ ...own.field });
    c.types.push(...ctx.enumsFor(attrs));
    if (own?.values) c.types.push({ kind: "enum", name: own.field.type, doc: own.field.doc, values: own.values.map((v, i) => ({ name: snake(v), value: i, doc: `${pascal(v)}.` })) });
    // "Each playlist item has a media URL, a duration …": the entity's own
    // fields, or the items it is made of.
    const defs = ctx.a.interactions.definitions;
    const own2 = defs.get(entityText);
    if (own2 !== undefined) for (const f of own2) if (!attrFields.some((g) => g.name === f.name)) attrFields.push(f);
    const parts = [...defs.keys()].filter((k) => k.startsWith(`${entityText} `)).sort();
    for (const k of parts) {
      const P = pascal(...k.split(" "));
      c.types.push({ kind: "struct", name: P, doc: `One ${k}.`, fields: defs.get(k) ?? [] });
      const listName = plural(k.split(" ").pop() ?? "item");
      if (!attrFields.some((g) => g.name === listName)) attrFields.push(field(listName, `list<${P}>`, `The ${plural(k)}.`, { maxItems: 1000 }));
    }
    const record = attrFields.length > 0 ? attrFields : [field("details", "string", `Description of the ${entityText}.`, { maxLength: 1024 })];
    const listed = entityOps.some((o) => o.verb.kind === "list");
    let needsStruct = false;
    for (const op of entityOps) {
      const { verb } = op;
      const reqName = `${verb.verb}${verb.kind === "list" ? pascal(...plural(entityText).split(" ")) : E}`;
      // A query is answered with the thing itself (GetPlaylist → Playlist),
      // unless a list of them needs the name for its struct.
      let respName = verb.kind === "list" ? `${E}${verb.past}` : verb.kind === "query" ? (listed || used.has(E) || parts.length > 0 && parts.some((k) => pascal(...k.split(" ")) === E) ? `${E}Info` : E) : `${E}${verb.past}`;
      if (respName === reqName) respName = `${reqName}Result`;
      let reqFields: FieldDraft[];
      let respFields: FieldDraft[];
      switch (verb.kind) {
        case "create":
          reqFields = record;
          respFields = [idField, timestamp("created_at", "When it was created.")];
          break;
        case "update":
          reqFields = [idField, ...record.map(optional)];
          respFields = [idField, timestamp("updated_at", "When it changed.")];
          break;
        case "delete":
          reqFields = [idField];
          respFields = [idField];
          break;
        case "query":
          reqFields = own && attrFields.length <= 1 ? [] : [idField];
          respFields = own && attrFields.length <= 1 ? [...record, timestamp("as_of", "When the value was read.")] : [idField, ...record];
          if (reqFields.length === 0 && ctx.a.attributes.some((h) => h.field.name === "account_id")) reqFields = [field("account_id", "string", "The account.", { minLength: 1, maxLength: 34, pattern: "[A-Za-z0-9]+" })];
          break;
        case "list":
          needsStruct = true;
          reqFields = [field("limit", "uint16", "At most this many.", { min: 1, max: 100 }), optional(field("cursor", "string", "Where the previous page ended.", { maxLength: 128 }))];
          respFields = [field("items", `list<${E}>`, `The ${plural(entityText)}.`, { maxItems: 100 }), optional(field("next_cursor", "string", "Pass to get the next page.", { maxLength: 128 }))];
          break;
        case "action":
          reqFields = [idField, ...(verb.verb === "Cancel" ? [optional(field("reason", "string", "Why.", { maxLength: 256 }))] : attrFields.length > 0 && !entityOps.some((o) => o.verb.kind === "create") ? record : [])];
          respFields = [idField, timestamp(`${snake(verb.past)}_at`, `When it was ${verb.past.toLowerCase()}.`)];
          break;
      }
      // What the sentence itself says: "by barcode", "by sending …", "get its …", "the server confirms …".
      if (op.key !== undefined) reqFields = [op.key, ...reqFields.filter((f) => f.name !== idField.name && f.name !== op.key?.name)];
      if (op.requestFields !== undefined && op.requestFields.length > 0) reqFields = [...op.requestFields];
      const said = [...(op.responseFields ?? []), ...(ctx.a.interactions.replyFields.get(op.reqId) ?? [])];
      if (said.length > 0) respFields = [...(op.key !== undefined && !said.some((f) => f.name === op.key?.name) ? [op.key] : []), ...said, ...respFields.filter((f) => f.type === "timestamp")];
      if (reqFields.length === 0) reqFields = [idField];
      reqFields = reqFields.filter((f, k) => reqFields.findIndex((g) => g.name === f.name) === k);
      respFields = respFields.filter((f, k) => respFields.findIndex((g) => g.name === f.name) === k);
      if (used.has(reqName) || used.has(respName)) continue;
      used.add(reqName);
      used.add(respName);
      const from = op.side ?? "initiator";
      const to = from === "initiator" ? "responder" : "initiator";
      c.messages.push(request(from, reqName, `${verb.verb === "Get" ? "Reads" : `${verb.verb}s`} ${verb.kind === "list" ? plural(entityText) : `${/^[aeiou]/.test(entityText) ? "an" : "a"} ${entityText}`}.`, reqFields, [respName], from === "initiator" ? { error: ERROR_REPLY } : {}));
      c.messages.push(response(to, respName, `Answers ${reqName}.`, respFields));
      addTrace(c, `req:${op.reqId}`, `message:${reqName}`, `message:${respName}`);
      for (const h of attrs) if (h.reqId === op.reqId) addTrace(c, `req:${h.reqId}`, `field:${reqName}.${h.field.name}`);
    }
    if (needsStruct) c.types.push({ kind: "struct", name: E, doc: `One ${entityText}.`, fields: [idField, ...record] });
  }
  if (ops.length > 0) c.errors.push("not_found", "invalid_request");
  return c;
}
