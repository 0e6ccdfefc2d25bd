// Key-value operations: get, put (with optional expiry and version check),
// delete, list by prefix, and change notifications when asked for.
import { addTrace, emptyContribution, event, field, request, response, type Contribution, type FieldDraft } from "../draft.js";
import { hasAny } from "../text/tokens.js";
import { ERROR_REPLY, optional, u32, u64, type BuildContext } from "./context.js";

export function buildKv(ctx: BuildContext): Contribution {
  const c = emptyContribution();
  const maxValue = ctx.sizeOf("payload") ?? ctx.sizeOf("text") ?? 65536;
  const key: FieldDraft = field("key", "string", "The key.", { minLength: 1, maxLength: ctx.sizeOf("name") ?? 256, pattern: "[A-Za-z0-9_.:/-]+" });
  const value = field("value", "bytes", "The value, opaque to the store.", { maxLength: maxValue });
  const version = u64("version", "Increases with every change of the key.");
  const versioned = ctx.has("version");
  const expiring = ctx.has("expiry");
  c.messages.push(
    request("initiator", "Get", "Reads the value of a key.", [key], ["Value"], { error: ERROR_REPLY }),
    response("responder", "Value", "The value of a key.", [key, value, version]),
    request("initiator", "Put", "Writes the value of a key.", [key, value, ...(expiring ? [optional(u32("ttl_ms", "Remove the key after this long.", { unit: "ms", min: 1 }))] : []), ...(versioned ? [optional(u64("expected_version", "Write only if the key is still at this version (compare-and-swap)."))] : [])], ["PutOk"], { error: ERROR_REPLY }),
    response("responder", "PutOk", "The value was written.", [key, version]),
    request("initiator", "Delete", "Removes a key.", [key], ["Deleted"], { error: ERROR_REPLY }),
    response("responder", "Deleted", "The key was removed.", [key]),
  );
  addTrace(c, "pattern:kv", "message:Get", "message:Put", "message:Delete", "field:Put.value");
  if (hasAny(ctx.a.allTokens, ["list", "scan", "prefix", "enumerate", "keys"])) {
    c.messages.push(
      request("initiator", "ListKeys", "Lists keys that start with a prefix, in order.", [field("prefix", "string", "Only keys starting with this.", { maxLength: 256 }), field("limit", "uint16", "At most this many keys.", { min: 1, max: 1000 }), optional(field("after", "string", "Continue after this key.", { maxLength: 256 }))], ["KeyList"], { error: ERROR_REPLY }),
      response("responder", "KeyList", "A page of keys.", [field("keys", "list<string>", "The keys, in order.", { maxItems: 1000, maxLength: 256 }), field("has_more", "bool", "Whether more keys follow.")]),
    );
  }
  if (ctx.has("watch")) {
    c.messages.push(
      request("initiator", "Watch", "Asks to be told when keys under a prefix change.", [field("prefix", "string", "Keys to watch.", { maxLength: 256 })], ["Watching"], { error: ERROR_REPLY }),
      response("responder", "Watching", "Changes will be sent as KeyChanged.", [u32("watch_id", "Identifier of the watch.")]),
      event("responder", "KeyChanged", "A watched key changed.", [key, optional(value), version, field("deleted", "bool", "True when the key was removed.")]),
    );
    addTrace(c, "feature:watch", "message:Watch", "message:KeyChanged");
  }
  if (versioned) {
    c.errors.push("conflict");
    addTrace(c, "feature:version", "field:Put.expected_version", "error:conflict");
  }
  if (expiring) addTrace(c, "feature:expiry", "field:Put.ttl_ms");
  c.errors.push("not_found", "too_large");
  return c;
}
