// Resolving the behaviour section's references (messages, `Message.field`,
// errors) against the rest of the spec, each failure reported at its spec
// path. Shared by validate-behaviour.ts and validate-groups.ts.
import type { FieldType, RoleId } from "./model.js";
import type { SpecPath } from "./problems.js";
import type { FieldInput, MessageInput } from "./schema.js";
import { parseTypeExpr, resolveNamed } from "./type-expr.js";
import type { ValidationContext } from "./validate-context.js";

type MessageKind = MessageInput["kind"];

/** Which messages a reference may name: a sender and kinds. */
export interface MessageRule {
  readonly from: RoleId;
  readonly kinds: readonly MessageKind[];
  /** What the place needs, for the message: "a client request or one-way". */
  readonly what: string;
}

export const CLIENT_REQUEST: MessageRule = { from: "initiator", kinds: ["request"], what: "a request from the initiator" };
export const CLIENT_MESSAGE: MessageRule = { from: "initiator", kinds: ["request", "oneway"], what: "a request or one-way from the initiator" };
export const SERVER_EVENT: MessageRule = { from: "responder", kinds: ["event"], what: "an event from the responder" };
export const SERVER_ANSWER: MessageRule = { from: "responder", kinds: ["response"], what: "a response from the responder" };

export class BehaviourRefs {
  constructor(readonly ctx: ValidationContext) {}

  /** The message `name` when it exists and fits `rule`; else undefined, reported. */
  message(name: string, path: SpecPath, rule?: MessageRule): MessageInput | undefined {
    const m = this.ctx.messagesByName.get(name);
    if (m === undefined) {
      this.ctx.error("behaviour-unknown-message", path, `message \`${name}\` does not exist`);
      return undefined;
    }
    if (rule !== undefined && (this.ctx.senderOf(m) !== rule.from || !rule.kinds.includes(m.kind))) {
      this.ctx.error("behaviour-wrong-message", path, `\`${name}\` is a ${m.kind} from ${m.from}; this place needs ${rule.what}`);
      return undefined;
    }
    return m;
  }

  /** The field of `Owner.field` (a message's or a struct's); else undefined, reported. */
  field(ref: string, path: SpecPath, rule?: MessageRule): ResolvedField | undefined {
    const dot = ref.indexOf(".");
    const owner = ref.slice(0, dot);
    const name = ref.slice(dot + 1);
    const message = this.ctx.messagesByName.get(owner);
    const struct = this.ctx.typesByName.get(owner);
    if (message === undefined && struct?.kind !== "struct") {
      this.ctx.error("behaviour-unknown-field", path, `\`${ref}\`: \`${owner}\` is neither a message nor a struct`);
      return undefined;
    }
    if (message !== undefined && rule !== undefined && this.message(owner, path, rule) === undefined) return undefined;
    if (message === undefined && rule !== undefined) {
      this.ctx.error("behaviour-wrong-message", path, `\`${ref}\`: this place needs a field of ${rule.what}, not of the struct \`${owner}\``);
      return undefined;
    }
    const fields = message?.fields ?? (struct?.kind === "struct" ? struct.fields : []);
    const field = fields.find((f) => f.name === name);
    if (field === undefined) {
      this.ctx.error("behaviour-unknown-field", path, `\`${ref}\`: \`${owner}\` has no field \`${name}\``);
      return undefined;
    }
    return { owner, field, type: this.typeOf(field) };
  }

  /** Reports `name` unless it is a declared error. */
  error(name: string, path: SpecPath): void {
    if (!this.ctx.spec.errors.some((e) => e.name === name)) this.ctx.error("behaviour-unknown-error", path, `error \`${name}\` is not declared in errors`);
  }

  /** Reports a field whose type is not what the place needs. */
  expectType(resolved: ResolvedField | undefined, path: SpecPath, accepts: (t: FieldType) => boolean, what: string): boolean {
    if (resolved === undefined || resolved.type === undefined) return false;
    if (accepts(resolved.type)) return true;
    this.ctx.error("behaviour-wrong-type", path, `\`${resolved.owner}.${resolved.field.name}\` is ${resolved.field.type}; this place needs ${what}`);
    return false;
  }

  private typeOf(field: FieldInput): FieldType | undefined {
    const parsed = parseTypeExpr(field.type);
    if (!parsed.ok) return undefined;
    return resolveNamed(parsed.type, (n) => (this.ctx.typesByName.get(n)?.kind === "enum" ? "enum" : "struct"));
  }
}

export interface ResolvedField {
  readonly owner: string;
  readonly field: FieldInput;
  /** Undefined when the type expression is broken (reported by the type checks). */
  readonly type: FieldType | undefined;
}

export const isInteger = (t: FieldType): boolean => t.kind === "int";
export const isIdentifier = (t: FieldType): boolean => t.kind === "int" || t.kind === "string" || t.kind === "bytes";
export const isBool = (t: FieldType): boolean => t.kind === "bool";
