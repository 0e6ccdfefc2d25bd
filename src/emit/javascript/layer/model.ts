// The JavaScript names of one spec, decided once so that every generated
// file agrees: class names (which must not clash with the names the public
// modules export, since index.js re-exports them all), property names per
// struct, and enum members.
import type { Spec } from "../../../spec/model.js";
import { createNameScope, names } from "../../index.js";
import { memberNames, specDeclarations, type SpecDeclarations } from "../../naming/spec-declarations.js";

/** A message or a declared struct: the things with fields. */
export type { Composite } from "../../naming/spec-declarations.js";

/** PascalCase names the public modules export besides the spec's types and messages. */
export const PUBLIC_TYPE_NAMES = [
  "MessageBase",
  "Message",
  "MessageName",
  "MessageClass",
  "Frame",
  "Deframer",
  "ControlKind",
  "Envelope",
  "ProtocolError",
  "WireError",
  "StateError",
  "WireErrorCode",
  "WireErrorPlace",
  "RoleMachine",
  "RoleName",
  "Action",
  "JsonValue",
  "JsonObject",
  "MachineTable",
] as const;

export interface JsModel extends SpecDeclarations {
  readonly spec: Spec;
  readonly pkg: string;
  className(name: string): string;
  /** The property of a field (`class` escaped). */
  prop(owner: string, field: string): string;
  member(enumName: string, valueName: string): string;
}

export function buildModel(spec: Spec): JsModel {
  const classes = createNameScope("javascript", PUBLIC_TYPE_NAMES);
  const declared = specDeclarations(spec, "javascript");
  for (const t of spec.types) classes.type(t.name);
  for (const m of spec.messages) classes.type(m.name);
  // NAME and ID are the message getters; a camelCase field never takes them.
  const prop = memberNames("javascript", (owner) => declared.composite(owner).fields.map((f) => f.name), (scope, name) => scope.field(name), ["NAME", "ID"]);
  const member = memberNames("javascript", (owner) => declared.enumDecl(owner).values.map((v) => v.name), (scope, name) => scope.enumMember(name));
  return {
    spec,
    pkg: names.javascript.package(spec.protocol.name),
    ...declared,
    className: (name) => classes.type(name),
    prop,
    member,
  };
}
