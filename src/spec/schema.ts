// The zod schema of a protocol spec as written in YAML or JSON. It checks
// shape and local rules (names, ranges); cross-references and the state
// machines are checked afterwards by validate.ts, and normalise.ts turns the
// parsed input into the model the rest of protoforge works on.
import { z } from "zod";
import { behaviourInput } from "./behaviour-schema.js";
import { PROTOCOL_NAME, REQUIREMENT_ID, SNAKE_NAME, TYPE_NAME } from "./schema-names.js";

export { PROTOCOL_NAME, REQUIREMENT_ID, SNAKE_NAME, TYPE_NAME };

const typeName = z.string().regex(TYPE_NAME, "must be PascalCase (letters and digits, starting with a capital)");
const snakeName = z.string().regex(SNAKE_NAME, "must be snake_case (lower-case words of letters and digits joined by single underscores, starting with a letter)");
const doc = z.string().trim().min(1, "a doc line is required");
const positiveMs = z.number().int().positive();

export const fieldInput = z
  .object({
    name: snakeName,
    /** A type expression: a scalar (`uint8`, `string`, `timestamp`, ...), a type name, or `list<...>`. */
    type: z.string().min(1),
    doc,
    optional: z.boolean().default(false),
    /** Bounds of a number, or of each element of a list of numbers. */
    min: z.number().optional(),
    max: z.number().optional(),
    /** Bounds in bytes (UTF-8 for strings), of the value or of each element of a list. */
    minLength: z.number().int().nonnegative().optional(),
    maxLength: z.number().int().nonnegative().optional(),
    /** An ECMAScript regular expression the whole string must match (anchors are implied). */
    pattern: z.string().min(1).optional(),
    minItems: z.number().int().nonnegative().optional(),
    maxItems: z.number().int().nonnegative().optional(),
    /** Unit of a numeric value, shown in docs ("celsius", "ms", "percent"). */
    unit: z.string().min(1).optional(),
    /** The declared error (an `errors` name) that answers a request whose value of this field breaks its constraints. */
    onInvalid: snakeName.optional(),
  })
  .strict();

export const enumValueInput = z
  .object({ name: snakeName, value: z.number().int().min(0).max(65535), doc })
  .strict();

export const enumInput = z
  .object({ kind: z.literal("enum"), name: typeName, doc, values: z.array(enumValueInput).min(1) })
  .strict();

export const structInput = z
  .object({ kind: z.literal("struct"), name: typeName, doc, fields: z.array(fieldInput).min(1, "a struct needs at least one field") })
  .strict();

export const typeDeclInput = z.discriminatedUnion("kind", [enumInput, structInput]);

export const MESSAGE_KINDS = ["request", "response", "event", "oneway"] as const;

export const messageInput = z
  .object({
    name: typeName,
    /** Wire id; 0 is reserved for control frames (ack, ping, pong). */
    id: z.number().int().min(1).max(65535),
    /** The sending role: `initiator`, `responder`, or a role's display name. */
    from: z.string().min(1),
    kind: z.enum(MESSAGE_KINDS),
    /** For requests: the messages that answer it on success. */
    responses: z.array(typeName).default([]),
    /** For requests: the message that answers it on failure. */
    error: typeName.optional(),
    /** On UDP: acknowledged and retransmitted until acknowledged. */
    reliable: z.boolean().default(false),
    /** For periodic messages: how often the sender sends it. */
    intervalMs: positiveMs.optional(),
    doc,
    fields: z.array(fieldInput).default([]),
  })
  .strict();

export const transitionInput = z
  .object({ send: typeName.optional(), receive: typeName.optional(), to: snakeName, doc: z.string().optional() })
  .strict()
  .refine((t) => (t.send === undefined) !== (t.receive === undefined), {
    message: "a transition has exactly one of `send` or `receive`",
  });

export const stateInput = z
  .object({
    name: snakeName,
    doc: z.string().optional(),
    terminal: z.boolean().default(false),
    transitions: z.array(transitionInput).default([]),
  })
  .strict();

export const machineInput = z
  .object({ initial: snakeName, states: z.array(stateInput).min(1) })
  .strict();

export const roleInput = z.object({ name: snakeName, doc: z.string().optional() }).strict();

export const errorCodeInput = z
  .object({ name: snakeName, code: z.number().int().min(1).max(65535), doc })
  .strict();

export const retryInput = z
  .object({
    maxAttempts: z.number().int().min(1).max(100).default(3),
    initialBackoffMs: positiveMs.default(200),
    maxBackoffMs: positiveMs.default(5000),
    multiplier: z.number().min(1).max(10).default(2),
  })
  .strict();

export const timingInput = z
  .object({
    connectTimeoutMs: positiveMs.default(5000),
    requestTimeoutMs: positiveMs.default(5000),
    keepaliveIntervalMs: positiveMs.default(15000),
    idleTimeoutMs: positiveMs.default(60000),
    retry: retryInput.default({ maxAttempts: 3, initialBackoffMs: 200, maxBackoffMs: 5000, multiplier: 2 }),
  })
  .strict();

export const AUTH_MODES = ["none", "token", "password", "api_key"] as const;

export const securityInput = z
  .object({
    authentication: z
      .object({
        mode: z.enum(AUTH_MODES),
        /** The request that carries the credentials; required unless mode is `none`. */
        message: typeName.optional(),
      })
      .strict()
      .default({ mode: "none" }),
    rateLimit: z
      .object({ messagesPerSecond: z.number().positive(), burst: z.number().int().positive() })
      .strict()
      .optional(),
    /** Largest frame (header + payload) a peer accepts, in bytes. */
    maxFrameBytes: z.number().int().min(64).max(16 * 1024 * 1024).default(65536),
    inputValidation: z.boolean().default(true),
    /** The declared error that answers a request whose payload does not decode, or breaks a constraint of a field without its own `onInvalid`. */
    onInvalid: snakeName.optional(),
  })
  .strict();

export const performanceInput = z
  .object({
    maxLatencyMs: z.number().positive().optional(),
    throughputPerSecond: z.number().positive().optional(),
    maxConnections: z.number().int().positive().optional(),
  })
  .strict();

export const REQUIREMENT_CATEGORIES = ["functional", "performance", "security", "reliability", "usability"] as const;
export const PRIORITIES = ["must", "should", "could"] as const;

export const requirementInput = z
  .object({
    id: z.string().regex(REQUIREMENT_ID, "must look like R1 or REQ-12"),
    text: z.string().trim().min(1),
    category: z.enum(REQUIREMENT_CATEGORIES),
    priority: z.enum(PRIORITIES).default("must"),
    /** What meets it: `message:Name`, `field:Message.field`, `type:Name`, `error:name`,
     *  `state:role.state`, `timing:key`, `security:key`, `performance:key`. */
    tracedTo: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const specInput = z
  .object({
    protocol: z
      .object({
        name: z.string().regex(PROTOCOL_NAME, "must be lower-case letters, digits, - or _, starting with a letter"),
        version: z.string().regex(/^\d+\.\d+\.\d+$/, "must be MAJOR.MINOR.PATCH"),
        description: z.string().trim().min(1),
      })
      .strict(),
    roles: z.object({ initiator: roleInput, responder: roleInput }).strict(),
    types: z.array(typeDeclInput).default([]),
    messages: z.array(messageInput).min(1, "a protocol needs at least one message"),
    machines: z.object({ initiator: machineInput, responder: machineInput }).strict(),
    errors: z.array(errorCodeInput).default([]),
    timing: timingInput.default({
      connectTimeoutMs: 5000,
      requestTimeoutMs: 5000,
      keepaliveIntervalMs: 15000,
      idleTimeoutMs: 60000,
      retry: { maxAttempts: 3, initialBackoffMs: 200, maxBackoffMs: 5000, multiplier: 2 },
    }),
    security: securityInput.default({ authentication: { mode: "none" }, maxFrameBytes: 65536, inputValidation: true }),
    performance: performanceInput.default({}),
    requirements: z.array(requirementInput).default([]),
    /** Choices made where the description was silent or vague. */
    assumptions: z.array(z.string().trim().min(1)).default([]),
    /** Declared semantics: sessions, groups, guards, idempotency, sequences, progress (docs/decisions/0009). */
    behaviour: behaviourInput.optional(),
  })
  .strict();

export type SpecInput = z.output<typeof specInput>;
export type FieldInput = z.output<typeof fieldInput>;
export type MessageInput = z.output<typeof messageInput>;
export type MachineInput = z.output<typeof machineInput>;
export type TypeDeclInput = z.output<typeof typeDeclInput>;
