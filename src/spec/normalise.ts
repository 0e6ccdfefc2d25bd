// Turns a validated spec input into the model: roles resolved to ids, type
// expressions parsed, the ErrorCode enum derived, transitions tagged.
// Only call it on input that `validateSpec` found no errors in.
import type { Behaviour } from "./behaviour-model.js";
import type { BehaviourInput } from "./behaviour-schema.js";
import type { Constraints, EnumDecl, Field, Machine, RoleId, Spec, TypeDecl } from "./model.js";
import { ERROR_CODE_TYPE } from "./model.js";
import type { FieldInput, MachineInput, SpecInput } from "./schema.js";
import { parseTypeExpr, resolveNamed } from "./type-expr.js";

export function normaliseSpec(input: SpecInput): Spec {
  const roleOf = (from: string): RoleId =>
    from === "initiator" || from === input.roles.initiator.name ? "initiator" : "responder";
  const types: TypeDecl[] = input.types.map((t) =>
    t.kind === "enum"
      ? { kind: "enum", name: t.name, doc: t.doc, values: t.values.map((v) => ({ ...v })) }
      : { kind: "struct", name: t.name, doc: t.doc, fields: [] },
  );
  if (input.errors.length > 0) {
    const errorEnum: EnumDecl = {
      kind: "enum",
      name: ERROR_CODE_TYPE,
      doc: "Error codes of the protocol.",
      values: input.errors.map((e) => ({ name: e.name, value: e.code, doc: e.doc })),
    };
    types.push(errorEnum);
  }
  const kinds = new Map(types.map((t) => [t.name, t.kind]));
  const field = (f: FieldInput): Field => normaliseField(f, (n) => kinds.get(n) ?? "struct");
  const resolvedTypes: TypeDecl[] = types.map((t, i) => {
    const src = input.types[i];
    return t.kind === "struct" && src?.kind === "struct" ? { ...t, fields: src.fields.map(field) } : t;
  });

  const spec: Spec = {
    protocol: {
      name: input.protocol.name,
      version: input.protocol.version,
      wireVersion: Number(input.protocol.version.split(".")[0]),
      description: input.protocol.description,
    },
    roles: {
      initiator: withOptional({ name: input.roles.initiator.name }, "doc", input.roles.initiator.doc),
      responder: withOptional({ name: input.roles.responder.name }, "doc", input.roles.responder.doc),
    },
    types: resolvedTypes,
    messages: input.messages.map((m) => {
      const base = {
        name: m.name,
        id: m.id,
        from: roleOf(m.from),
        kind: m.kind,
        responses: [...m.responses],
        reliable: m.reliable,
        doc: m.doc,
        fields: m.fields.map(field),
      };
      return withOptional(withOptional(base, "error", m.error), "intervalMs", m.intervalMs);
    }),
    machines: { initiator: normaliseMachine(input.machines.initiator), responder: normaliseMachine(input.machines.responder) },
    errors: input.errors.map((e) => ({ ...e })),
    timing: { ...input.timing, retry: { ...input.timing.retry } },
    security: withOptional(
      withOptional(
        {
          authentication: withOptional({ mode: input.security.authentication.mode }, "message", input.security.authentication.message),
          maxFrameBytes: input.security.maxFrameBytes,
          inputValidation: input.security.inputValidation,
        },
        "rateLimit",
        input.security.rateLimit,
      ),
      "onInvalid",
      input.security.onInvalid,
    ),
    performance: compact(input.performance),
    requirements: input.requirements.map((r) => ({ ...r, tracedTo: [...r.tracedTo] })),
    assumptions: [...input.assumptions],
  };
  return withOptional(spec, "behaviour", input.behaviour === undefined ? undefined : normaliseBehaviour(input.behaviour));
}

/** The behaviour section without the keys zod left undefined; a fresh copy. */
function normaliseBehaviour(input: BehaviourInput): Behaviour {
  return deepCompact(input) as Behaviour;
}

function deepCompact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deepCompact);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, deepCompact(v)]));
}

function normaliseField(f: FieldInput, kindOf: (name: string) => "enum" | "struct"): Field {
  const parsed = parseTypeExpr(f.type);
  if (!parsed.ok) throw new Error(`normaliseSpec called on an invalid spec: ${parsed.reason}`);
  const constraints: { -readonly [K in keyof Constraints]: Constraints[K] } = {};
  for (const key of ["min", "max", "minLength", "maxLength", "pattern", "minItems", "maxItems"] as const) {
    const value = f[key];
    if (value !== undefined) (constraints as Record<string, unknown>)[key] = value;
  }
  return withOptional(
    withOptional(
      { name: f.name, type: resolveNamed(parsed.type, kindOf), typeText: f.type.trim(), doc: f.doc, optional: f.optional, constraints },
      "unit",
      f.unit,
    ),
    "onInvalid",
    f.onInvalid,
  );
}

function normaliseMachine(m: MachineInput): Machine {
  return {
    initial: m.initial,
    states: m.states.map((s) =>
      withOptional(
        {
          name: s.name,
          terminal: s.terminal,
          transitions: s.transitions.map((t) =>
            withOptional(
              { action: t.send !== undefined ? ("send" as const) : ("receive" as const), message: t.send ?? t.receive ?? "", to: t.to },
              "doc",
              t.doc,
            ),
          ),
        },
        "doc",
        s.doc,
      ),
    ),
  };
}

/** Adds `key` only when `value` is defined (exactOptionalPropertyTypes). */
function withOptional<T extends object, K extends string, V>(obj: T, key: K, value: V | undefined): T & { [P in K]?: V } {
  return value === undefined ? obj : { ...obj, [key]: value };
}

/** Drops keys whose value is undefined (zod output carries them explicitly). */
function compact<T extends object>(obj: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
