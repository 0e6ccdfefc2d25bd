// Checks of `onInvalid`, the declared error that answers a request whose
// payload breaks a field's constraints (on a field), or that is invalid where
// no field's mapping applies (`security.onInvalid`). A mapping must name a
// declared error and sit where a server can answer with it: on a constrained
// field of a request the server receives, whose error message carries an
// ErrorCode.
import { ERROR_CODE_TYPE } from "./model.js";
import type { SpecPath } from "./problems.js";
import type { FieldInput, MessageInput } from "./schema.js";
import type { ValidationContext } from "./validate-context.js";

const CONSTRAINT_KEYS = ["min", "max", "minLength", "maxLength", "pattern", "minItems", "maxItems"] as const;

export function validateOnInvalid(ctx: ValidationContext): void {
  const { spec } = ctx;
  const declared = new Set(spec.errors.map((e) => e.name));
  const resolves = (name: string, at: SpecPath): void => {
    if (!declared.has(name)) {
      ctx.error("unresolved-error", at, `error \`${name}\` is not declared in \`errors\`${spec.errors.length === 0 ? " (the spec declares none)" : ""}`);
    }
  };
  if (spec.security.onInvalid !== undefined) resolves(spec.security.onInvalid, ["security", "onInvalid"]);

  spec.types.forEach((t, ti) => {
    if (t.kind !== "struct") return;
    t.fields.forEach((f, fi) => {
      if (f.onInvalid === undefined) return;
      ctx.error("on-invalid-not-received", ["types", ti, "fields", fi, "onInvalid"], `onInvalid goes on the fields of requests; \`${t.name}\` is a type: put it on the request's field whose own constraints it answers`);
    });
  });

  spec.messages.forEach((m, mi) => {
    m.fields.forEach((f, fi) => {
      if (f.onInvalid === undefined) return;
      const at: SpecPath = ["messages", mi, "fields", fi, "onInvalid"];
      resolves(f.onInvalid, at);
      const placement = whyNotAnswerable(ctx, m);
      if (placement !== undefined) ctx.error(placement.code, at, placement.why);
      else if (!hasConstraints(f)) {
        ctx.error("on-invalid-unconstrained", at, `\`${m.name}.${f.name}\` has no constraints (min, max, minLength, maxLength, pattern, minItems, maxItems) for a value to break`);
      }
    });
  });
}

function hasConstraints(f: FieldInput): boolean {
  return CONSTRAINT_KEYS.some((k) => f[k] !== undefined);
}

/** Why the server cannot answer `m` with a mapped code, or undefined when it can. */
function whyNotAnswerable(ctx: ValidationContext, m: MessageInput): { code: string; why: string } | undefined {
  const sender = ctx.senderOf(m);
  if (sender === "responder") return { code: "on-invalid-not-received", why: `the server never receives \`${m.name}\`: it sends it` };
  if (m.kind !== "request") return { code: "on-invalid-unanswered", why: `\`${m.name}\` is ${m.kind === "oneway" ? "one-way" : `a ${m.kind}`}: no answer carries the error; onInvalid applies to requests` };
  if (m.error === undefined) return { code: "on-invalid-unanswered", why: `request \`${m.name}\` has no \`error\` message to answer with` };
  const reply = ctx.messagesByName.get(m.error);
  if (reply !== undefined && !reply.fields.some((f) => f.type.trim() === ERROR_CODE_TYPE)) {
    return { code: "on-invalid-unanswered", why: `\`${m.error}\`, the error message of \`${m.name}\`, has no ${ERROR_CODE_TYPE} field to carry the error` };
  }
  return undefined;
}
