// Checks of types and fields: unique names, type expressions that resolve,
// constraints that fit their type, no recursive structs.
import type { FieldType } from "./model.js";
import { ERROR_CODE_TYPE } from "./model.js";
import type { SpecPath } from "./problems.js";
import type { FieldInput } from "./schema.js";
import { elementType, parseTypeExpr, resolveNamed } from "./type-expr.js";
import type { ValidationContext } from "./validate-context.js";

const INT_RANGE = (bits: number, signed: boolean): [number, number] =>
  bits === 64
    ? signed
      ? [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]
      : [0, Number.MAX_SAFE_INTEGER]
    : signed
      ? [-(2 ** (bits - 1)), 2 ** (bits - 1) - 1]
      : [0, 2 ** bits - 1];

export function validateTypes(ctx: ValidationContext): void {
  const { spec } = ctx;
  const declared = [...spec.types.map((t) => t.name), ...spec.messages.map((m) => m.name)];
  const names = spec.types.map((t, i) => ({ name: t.name, path: ["types", i, "name"] as SpecPath }));
  names.push(...spec.messages.map((m, i) => ({ name: m.name, path: ["messages", i, "name"] as SpecPath })));
  ctx.unique(names, (n) => n.name, (i) => names[i]?.path ?? [], "type or message name", "duplicate-name");
  if (spec.errors.length > 0 && declared.includes(ERROR_CODE_TYPE)) {
    const i = spec.types.findIndex((t) => t.name === ERROR_CODE_TYPE);
    ctx.error("reserved-name", i >= 0 ? ["types", i, "name"] : ["errors"], `\`${ERROR_CODE_TYPE}\` is derived from \`errors\`; choose another name`);
  }

  spec.types.forEach((t, ti) => {
    if (t.kind === "enum") {
      ctx.unique(t.values, (v) => v.name, (i) => ["types", ti, "values", i, "name"], "enum value name", "duplicate-name");
      ctx.unique(t.values, (v) => v.value, (i) => ["types", ti, "values", i, "value"], "enum value", "duplicate-value");
    } else {
      validateFields(ctx, t.fields, ["types", ti, "fields"]);
    }
  });
  spec.messages.forEach((m, mi) => validateFields(ctx, m.fields, ["messages", mi, "fields"]));
  ctx.unique(spec.errors, (e) => e.name, (i) => ["errors", i, "name"], "error name", "duplicate-name");
  ctx.unique(spec.errors, (e) => e.code, (i) => ["errors", i, "code"], "error code", "duplicate-value");
  findRecursiveStructs(ctx);
}

/** Resolves a field's type, or undefined (with a problem reported) when it does not resolve. */
export function resolveFieldType(ctx: ValidationContext, field: FieldInput, path: SpecPath): FieldType | undefined {
  const parsed = parseTypeExpr(field.type);
  if (!parsed.ok) {
    ctx.error("unknown-type", [...path, "type"], parsed.reason);
    return undefined;
  }
  let ok = true;
  for (const name of parsed.named) {
    if (ctx.typesByName.has(name)) continue;
    ok = false;
    const isMessage = ctx.messagesByName.has(name);
    ctx.error(
      "unresolved-type",
      [...path, "type"],
      isMessage ? `\`${name}\` is a message; a field can refer to types only` : `type \`${name}\` is not declared in \`types\``,
    );
  }
  return ok ? resolveNamed(parsed.type, (n) => ctx.typesByName.get(n)?.kind ?? "struct") : undefined;
}

function validateFields(ctx: ValidationContext, fields: readonly FieldInput[], path: SpecPath): void {
  ctx.unique(fields, (f) => f.name, (i) => [...path, i, "name"], "field name", "duplicate-name");
  const distinct = fields.filter((f, i) => fields.findIndex((g) => g.name === f.name) === i);
  ctx.unique(distinct, (f) => camelCase(f.name), (i) => [...path, fields.indexOf(distinct[i] as FieldInput), "name"], "field name in camelCase", "name-collision");
  fields.forEach((field, i) => {
    const type = resolveFieldType(ctx, field, [...path, i]);
    if (type) validateConstraints(ctx, field, type, [...path, i]);
  });
}

/** `battery_percent` → `batteryPercent`: the form most targets print, so two fields must differ in it. */
function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Regular-expression features that ECMAScript has but Python's re, java.util.regex or std::regex (ECMAScript grammar) do not all share. */
const NON_PORTABLE_PATTERN: readonly [RegExp, string][] = [
  [/\(\?<[=!]/, "lookbehind"],
  [/\(\?<[A-Za-z]/, "named groups"],
  [/\\k</, "named back-references"],
  [/\\[pP]\{/, "Unicode property escapes"],
  [/\\[1-9]/, "back-references"],
];

function validateConstraints(ctx: ValidationContext, f: FieldInput, type: FieldType, path: SpecPath): void {
  const el = elementType(type);
  const bad = (key: string, why: string) => ctx.error("constraint-mismatch", [...path, key], why);
  if (f.min !== undefined || f.max !== undefined) {
    if (el.kind !== "int" && el.kind !== "float" && el.kind !== "timestamp") {
      bad(f.min !== undefined ? "min" : "max", `min/max apply to numbers, not ${f.type}`);
    } else if (el.kind === "int") {
      const [lo, hi] = INT_RANGE(el.bits, el.signed);
      for (const key of ["min", "max"] as const) {
        const v = f[key];
        if (v === undefined) continue;
        if (!Number.isInteger(v)) bad(key, `${key} of an integer field must be an integer`);
        else if (v < lo || v > hi) bad(key, `${key} ${v} is outside the range of ${f.type} (${lo}..${hi})`);
      }
    }
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) bad("min", `min ${f.min} is greater than max ${f.max}`);
  }
  if (f.minLength !== undefined || f.maxLength !== undefined || f.pattern !== undefined) {
    if (el.kind !== "string" && el.kind !== "bytes") {
      bad(f.pattern !== undefined ? "pattern" : f.maxLength !== undefined ? "maxLength" : "minLength", `length and pattern constraints apply to string and bytes, not ${f.type}`);
    }
    if (f.pattern !== undefined && el.kind === "bytes") bad("pattern", "a pattern applies to strings only");
    if (f.minLength !== undefined && f.maxLength !== undefined && f.minLength > f.maxLength) {
      bad("minLength", `minLength ${f.minLength} is greater than maxLength ${f.maxLength}`);
    }
  }
  if (f.pattern !== undefined) {
    try {
      new RegExp(f.pattern, "u");
      const feature = NON_PORTABLE_PATTERN.find(([re]) => re.test(f.pattern ?? ""));
      if (feature) ctx.error("pattern-not-portable", [...path, "pattern"], `${feature[1]} are not supported by every target language's regular expressions`);
    } catch (e) {
      bad("pattern", `not a valid regular expression: ${(e as Error).message}`);
    }
  }
  if (f.unit !== undefined && el.kind !== "int" && el.kind !== "float") bad("unit", `a unit applies to numbers, not ${f.type}`);
  if (f.minItems !== undefined || f.maxItems !== undefined) {
    if (type.kind !== "list") bad(f.maxItems !== undefined ? "maxItems" : "minItems", `item counts apply to lists, not ${f.type}`);
    if (f.minItems !== undefined && f.maxItems !== undefined && f.minItems > f.maxItems) {
      bad("minItems", `minItems ${f.minItems} is greater than maxItems ${f.maxItems}`);
    }
  }
}

function findRecursiveStructs(ctx: ValidationContext): void {
  const refs = new Map<string, string[]>();
  for (const t of ctx.spec.types) {
    if (t.kind !== "struct") continue;
    const out: string[] = [];
    for (const f of t.fields) {
      const parsed = parseTypeExpr(f.type);
      if (parsed.ok) out.push(...parsed.named.filter((n) => ctx.typesByName.get(n)?.kind === "struct"));
    }
    refs.set(t.name, out);
  }
  const reported = new Set<string>();
  const visit = (name: string, stack: string[]): void => {
    if (stack.includes(name)) {
      const cycle = [...stack.slice(stack.indexOf(name)), name];
      const head = cycle[0] ?? name;
      if (!reported.has(head)) {
        for (const n of cycle) reported.add(n);
        const index = ctx.spec.types.findIndex((t) => t.name === head);
        ctx.error("recursive-type", ["types", index], `struct refers to itself: ${cycle.join(" -> ")}; recursive types have no finite encoding`);
      }
      return;
    }
    for (const next of refs.get(name) ?? []) visit(next, [...stack, name]);
  };
  for (const name of refs.keys()) visit(name, []);
}
