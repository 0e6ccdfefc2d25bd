// Shared state of one semantic validation pass: the input, lookup tables
// built once, and the list problems are collected into.
import type { RoleId } from "./model.js";
import type { SpecPath, SpecProblem } from "./problems.js";
import type { MessageInput, SpecInput, TypeDeclInput } from "./schema.js";
import { ERROR_CODE_TYPE } from "./model.js";

export class ValidationContext {
  readonly problems: SpecProblem[] = [];
  readonly typesByName = new Map<string, TypeDeclInput>();
  readonly messagesByName = new Map<string, MessageInput>();
  readonly roleIds = new Map<string, RoleId>();

  constructor(readonly spec: SpecInput) {
    for (const t of spec.types) if (!this.typesByName.has(t.name)) this.typesByName.set(t.name, t);
    if (spec.errors.length > 0 && !this.typesByName.has(ERROR_CODE_TYPE)) {
      this.typesByName.set(ERROR_CODE_TYPE, {
        kind: "enum",
        name: ERROR_CODE_TYPE,
        doc: "Error codes of the protocol.",
        values: spec.errors.map((e) => ({ name: e.name, value: e.code, doc: e.doc })),
      });
    }
    for (const m of spec.messages) if (!this.messagesByName.has(m.name)) this.messagesByName.set(m.name, m);
    for (const id of ["initiator", "responder"] as const) {
      this.roleIds.set(id, id);
      this.roleIds.set(spec.roles[id].name, id);
    }
  }

  error(code: string, path: SpecPath, message: string): void {
    this.problems.push({ code, severity: "error", path, message });
  }

  warning(code: string, path: SpecPath, message: string): void {
    this.problems.push({ code, severity: "warning", path, message });
  }

  /** Role of a message's `from`, or undefined when it names no role. */
  senderOf(message: MessageInput): RoleId | undefined {
    return this.roleIds.get(message.from);
  }

  /** Reports every value that occurs more than once in `items`. */
  unique<T>(items: readonly T[], key: (item: T) => string | number, path: (index: number) => SpecPath, what: string, code: string): void {
    const seen = new Map<string | number, number>();
    items.forEach((item, index) => {
      const k = key(item);
      const first = seen.get(k);
      if (first === undefined) seen.set(k, index);
      else this.error(code, path(index), `${what} \`${String(k)}\` is already used at index ${first}`);
    });
  }
}
