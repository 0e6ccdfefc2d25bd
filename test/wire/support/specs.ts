// Specs for the wire tests: one that covers every field kind, a builder of
// one-field specs for exact-byte tests, and the example specs.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Spec } from "../../../src/spec/model.js";
import { parseSpecText } from "../../../src/spec/parse.js";

export function specFromText(text: string, file = "inline.yaml"): Spec {
  const result = parseSpecText(text, file);
  if (!result.ok) throw new Error(`invalid test spec ${file}:\n${result.problems.map((p) => `${p.code} ${p.path.join(".")}: ${p.message}`).join("\n")}`);
  return result.spec;
}

export const EXAMPLE_FILES = ["sensor-telemetry.yaml"] as const;

export function exampleSpec(name: (typeof EXAMPLE_FILES)[number]): Spec {
  const file = fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url));
  return specFromText(readFileSync(file, "utf8"), file);
}

/** Every field kind: all int widths, floats, bytes, timestamp, an enum with a
 *  value above 255, nested structs, lists of structs and of lists, an
 *  optional struct, ids above 32767, constraints of every sort. */
export const ALL_KINDS_YAML = `
protocol: { name: all-kinds, version: 2.1.0, description: Every field kind the wire format has. }
roles:
  initiator: { name: client }
  responder: { name: server }
types:
  - kind: enum
    name: Color
    doc: A colour.
    values:
      - { name: red, value: 1, doc: Red. }
      - { name: green, value: 2, doc: Green. }
      - { name: blue, value: 300, doc: Blue. }
  - kind: struct
    name: Point
    doc: A point.
    fields:
      - { name: x, type: int32, doc: X. }
      - { name: y, type: int32, doc: Y. }
      - { name: label, type: string, doc: Label., optional: true, maxLength: 16 }
  - kind: struct
    name: Shape
    doc: A shape.
    fields:
      - { name: color, type: Color, doc: Colour. }
      - { name: points, type: list<Point>, doc: Corners., maxItems: 8 }
      - { name: origin, type: Point, doc: Origin., optional: true }
messages:
  - name: Scalars
    id: 1
    from: client
    kind: oneway
    doc: One of each scalar.
    fields:
      - { name: b, type: bool, doc: b. }
      - { name: i8, type: int8, doc: i8. }
      - { name: i16, type: int16, doc: i16. }
      - { name: i32, type: int32, doc: i32. }
      - { name: i64, type: int64, doc: i64. }
      - { name: u8, type: uint8, doc: u8. }
      - { name: u16, type: uint16, doc: u16. }
      - { name: u32, type: uint32, doc: u32. }
      - { name: u64, type: uint64, doc: u64. }
      - { name: f32, type: float32, doc: f32. }
      - { name: f64, type: float64, doc: f64. }
      - { name: s, type: string, doc: s. }
      - { name: raw, type: bytes, doc: raw. }
      - { name: at, type: timestamp, doc: at. }
      - { name: color, type: Color, doc: color. }
  - name: Nested
    id: 2
    from: client
    kind: request
    responses: [NestedReply]
    reliable: true
    doc: Structs and lists.
    fields:
      - { name: shape, type: Shape, doc: A shape. }
      - { name: shapes, type: list<Shape>, doc: Shapes., maxItems: 4 }
      - { name: grid, type: list<list<int16>>, doc: A grid., maxItems: 3 }
      - { name: maybe_point, type: Point, doc: An optional struct., optional: true }
      - { name: tags, type: list<string>, doc: Tags., maxItems: 5, maxLength: 8, pattern: "[a-z]+" }
      - { name: bits, type: list<bool>, doc: Bits. }
      - { name: blobs, type: list<bytes>, doc: Blobs., optional: true }
  - name: NestedReply
    id: 300
    from: server
    kind: response
    doc: Answers Nested.
    fields:
      - { name: ok, type: bool, doc: Whether it worked. }
      - { name: code, type: uint16, doc: A code., optional: true }
  - name: Bounded
    id: 40000
    from: server
    kind: event
    doc: Constraints of every sort.
    fields:
      - { name: level, type: uint8, doc: Level., min: 1, max: 10 }
      - { name: ratio, type: float32, doc: Ratio., min: -1.5, max: 2.5 }
      - { name: when, type: timestamp, doc: When., min: 0, max: 4102444800000 }
      - { name: name, type: string, doc: Name., minLength: 2, maxLength: 12, pattern: "[A-Z][a-z]+(-[A-Z][a-z]+)*" }
      - { name: blob, type: bytes, doc: Blob., minLength: 1, maxLength: 4 }
      - { name: samples, type: list<int64>, doc: Samples., minItems: 1, maxItems: 3, min: -1000, max: 1000 }
      - { name: temps, type: list<float64>, doc: Temperatures., optional: true, max: 100 }
      - { name: tenth, type: float32, doc: Bounded by a non-float32 number., min: 0.1, max: 0.7 }
  - name: Empty
    id: 5
    from: client
    kind: oneway
    doc: No fields at all.
machines:
  initiator:
    initial: open
    states:
      - name: open
        transitions:
          - { send: Scalars, to: open }
          - { send: Empty, to: open }
          - { receive: Bounded, to: open }
          - { send: Nested, to: waiting }
      - name: waiting
        transitions:
          - { receive: NestedReply, to: open }
  responder:
    initial: serving
    states:
      - name: serving
        transitions:
          - { receive: Scalars, to: serving }
          - { receive: Empty, to: serving }
          - { send: Bounded, to: serving }
          - { receive: Nested, to: replying }
      - name: replying
        transitions:
          - { send: NestedReply, to: serving }
security:
  maxFrameBytes: 8192
`;

export const allKindsSpec = (): Spec => specFromText(ALL_KINDS_YAML, "all-kinds.yaml");

/** A spec with one oneway message `M` (id 1) holding one field `v`. */
export function oneFieldSpec(fieldYaml: string, typesYaml = "[]", maxFrameBytes = 65536): Spec {
  return specFromText(`
protocol: { name: one-field, version: 1.0.0, description: One field. }
roles: { initiator: { name: a }, responder: { name: b } }
types: ${typesYaml}
messages:
  - { name: M, id: 1, from: a, kind: oneway, doc: One field., fields: [ { name: v, doc: The field., ${fieldYaml} } ] }
machines:
  initiator: { initial: s, states: [ { name: s, transitions: [ { send: M, to: s } ] } ] }
  responder: { initial: s, states: [ { name: s, transitions: [ { receive: M, to: s } ] } ] }
security: { maxFrameBytes: ${maxFrameBytes} }
`);
}

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");
export const unhex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text.replace(/\s+/g, ""), "hex"));
