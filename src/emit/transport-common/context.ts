// What the language-neutral analysis of the transports needs to know about a
// spec, whatever the target language: the spec, the chosen transport, the
// reference codec and message lookups. Each language's transport context
// extends it with its own names (classes, attributes, modules).
import type { Message, RoleId, Spec, TypeDecl } from "../../spec/model.js";
import { createCodec, type Codec } from "../../wire/index.js";
import type { EmitOptions, Transport } from "../language.js";
import { TransportSpecError } from "./errors.js";

export interface SpecView {
  readonly spec: Spec;
  readonly options: EmitOptions;
  readonly transport: Transport;
  readonly codec: Codec;
  message(name: string): Message;
  type(name: string): TypeDecl;
  /** Messages sent by `role` that are not responses (requests, oneways, events). */
  initiated(role: RoleId): Message[];
  /** The answers a request can get: its responses, then its error message. */
  answers(message: Message): string[];
}

/** The neutral view of `spec`; `target` names the language in errors. */
export function createSpecView(spec: Spec, options: EmitOptions, target: string): SpecView {
  const byName = new Map(spec.messages.map((m) => [m.name, m]));
  const types = new Map(spec.types.map((t) => [t.name, t]));
  return {
    spec,
    options,
    transport: options.transport,
    codec: createCodec(spec),
    message(name) {
      const m = byName.get(name);
      if (m === undefined) throw new TransportSpecError("no-message", `${target} transport: no message ${name}`);
      return m;
    },
    type(name) {
      const t = types.get(name);
      if (t === undefined) throw new TransportSpecError("no-type", `${target} transport: no type ${name}`);
      return t;
    },
    initiated: (role) => spec.messages.filter((m) => m.from === role && m.kind !== "response"),
    answers: (m) => [...m.responses, ...(m.error === undefined ? [] : [m.error])],
  };
}
