// Checks that requirement ids are unique and that every trace reference
// (`message:Login`, `field:Login.username`, `timing:requestTimeoutMs`, ...)
// names something the spec has.
import type { ValidationContext } from "./validate-context.js";

export const TRACE_KINDS = ["message", "field", "type", "error", "state", "timing", "security", "performance"] as const;

export function validateRequirements(ctx: ValidationContext): void {
  const { spec } = ctx;
  ctx.unique(spec.requirements, (r) => r.id, (i) => ["requirements", i, "id"], "requirement id", "duplicate-name");
  spec.requirements.forEach((r, ri) => {
    r.tracedTo.forEach((ref, ti) => {
      const why = resolveTrace(ctx, ref);
      if (why !== undefined) ctx.error("unresolved-trace", ["requirements", ri, "tracedTo", ti], why);
    });
  });
}

/** Undefined when `ref` resolves, else the reason it does not. */
function resolveTrace(ctx: ValidationContext, ref: string): string | undefined {
  const colon = ref.indexOf(":");
  const kind = ref.slice(0, colon);
  const target = ref.slice(colon + 1);
  const { spec } = ctx;
  const missing = (what: string) => `\`${ref}\`: ${what} \`${target}\` does not exist`;
  switch (kind) {
    case "message":
      return ctx.messagesByName.has(target) ? undefined : missing("message");
    case "type":
      return ctx.typesByName.has(target) ? undefined : missing("type");
    case "error":
      return spec.errors.some((e) => e.name === target) ? undefined : missing("error");
    case "field": {
      const [owner = "", field = ""] = target.split(".");
      const decl = ctx.messagesByName.get(owner) ?? ctx.typesByName.get(owner);
      const fields = decl === undefined ? [] : "fields" in decl ? decl.fields : [];
      return fields.some((f) => f.name === field) ? undefined : missing("field");
    }
    case "state": {
      const [role = "", state = ""] = target.split(".");
      const id = ctx.roleIds.get(role);
      return id !== undefined && spec.machines[id].states.some((s) => s.name === state) ? undefined : missing("state");
    }
    case "timing":
    case "security":
    case "performance":
      return target in spec[kind] ? undefined : missing(kind === "timing" ? "timing setting" : `${kind} setting`);
    default:
      return `\`${ref}\` must start with one of ${TRACE_KINDS.map((k) => `${k}:`).join(", ")}`;
  }
}
