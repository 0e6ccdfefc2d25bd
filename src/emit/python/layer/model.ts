// The Python names of one spec, decided once so that every generated file
// agrees: class names (messages.py's module scope), attribute names per
// struct, enum members, and the snake_case and UPPER_SNAKE bases of the
// generated functions and constants.
import type { Spec } from "../../../spec/model.js";
import { createNameScope, names } from "../../index.js";
import { memberNames, specDeclarations, type SpecDeclarations } from "../../naming/spec-declarations.js";

export type { Composite } from "../../naming/spec-declarations.js";

/** Names messages.py defines itself besides the spec's types and messages. */
export const MESSAGES_OWN_NAMES = ["MessageBase", "Message"] as const;

export interface PyModel extends SpecDeclarations {
  readonly spec: Spec;
  /** The import package: `sensor_telemetry`. */
  readonly pkg: string;
  className(name: string): string;
  /** The dataclass attribute of a field (`class` → `class_`). */
  attr(owner: string, field: string): string;
  member(enumName: string, valueName: string): string;
  /** snake_case base of generated functions: `hello_ack`. */
  base(name: string): string;
  /** UPPER_SNAKE base of generated constants: `HELLO_ACK`. */
  constant(name: string): string;
}

export function buildModel(spec: Spec): PyModel {
  const classes = createNameScope("python", MESSAGES_OWN_NAMES);
  const bases = createNameScope("python");
  const constants = createNameScope("python");
  const declared = specDeclarations(spec, "python");
  for (const t of spec.types) classes.type(t.name);
  for (const m of spec.messages) classes.type(m.name);
  for (const c of declared.composites) bases.method(c.name);
  for (const t of spec.types) constants.constant(t.name);
  for (const m of spec.messages) constants.constant(m.name);

  const attr = memberNames("python", (owner) => declared.composite(owner).fields.map((f) => f.name), (scope, name) => scope.field(name));
  const member = memberNames("python", (owner) => declared.enumDecl(owner).values.map((v) => v.name), (scope, name) => scope.enumMember(name));

  return {
    spec,
    pkg: names.python.package(spec.protocol.name),
    ...declared,
    className: (name) => classes.type(name),
    attr,
    member,
    base: (name) => bases.method(name),
    constant: (name) => constants.constant(name),
  };
}
