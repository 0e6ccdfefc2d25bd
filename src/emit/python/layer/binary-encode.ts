// The binary encoder of each struct and message (wire format section 3):
// `encode_<name>(m, out)` checks every field in declaration order and appends
// its bytes to `out`; runs of fixed-width fields go out in one struct.pack.
import { dispatchFieldType, type FieldKindTable, type FieldType } from "../../../spec/model.js";
import { boundsArgs, fieldPlace, itemPlace, pathOf, relocating, type Body, type Place } from "./body.js";
import { checkScalar, patternCheck } from "./checks.js";
import { fixedFormat, type FixedFormat } from "./fixed.js";
import { encodeSegments } from "./fixed.js";
import { Locals } from "./wire.js";
import type { Composite } from "./model.js";
import { article, pyStr } from "./code.js";

type Encode = (b: Body, v: string, p: Place) => void;

/** Appends a checked fixed-width value. */
function writeFixed(b: Body, format: FixedFormat, v: string): void {
  if (format.code === "B") b.f.print("out.append(", v, ")");
  else b.f.print("out += ", b.w.struct[format.single], ".pack(", v, ")");
}

const fixed =
  (type: FieldType): Encode =>
  (b, v, p) =>
    writeFixed(b, fixedFormat(type) as FixedFormat, checkScalar(type, b, v, p));

const ENCODE: FieldKindTable<Encode> = {
  bool: fixed,
  int: fixed,
  float: fixed,
  timestamp: fixed,
  enum: fixed,
  string: () => (b, v, p) => {
    b.f.print(b.w.fn.put_str, "(out, ", v, ", ", pathOf(p), ", ", String(p.c.minLength ?? 0), ", ", String(p.c.maxLength ?? "None"), ", ", b.limit, ")");
    patternCheck(b, v, p);
  },
  bytes: () => (b, v, p) => {
    b.f.print(b.w.fn.put_bytes, "(out, ", v, ", ", pathOf(p), ", ", String(p.c.minLength ?? 0), ", ", String(p.c.maxLength ?? "None"), ", ", b.limit, ")");
  },
  struct: (t) => (b, v, p) => {
    const cls = b.mods.from("messages", b.model.className(t.name));
    b.f.print("if not isinstance(", v, ", ", cls, "):");
    b.f.indent(() => b.f.print("raise ", b.w.fn.wrong_type, "(", pathOf(p), ", ", v, ", ", pyStr(article(t.name)), ")"));
    relocating(b, p.path, undefined, () => b.f.print(encoderName(b, t.name), "(", v, ", out)"));
  },
  list: (t) => (b, v, p) => {
    const items = p.outer ? boundsArgs(p.c.minItems, p.c.maxItems) : "";
    b.f.print(b.w.fn.put_count, "(out, ", v, ", ", pathOf(p), items === "" ? ", 0, None" : items, ", ", b.limit, ")");
    const i = b.locals.fresh("i");
    const item = b.locals.fresh("item");
    relocating(b, p.path, i, () =>
      b.f.block(`for ${i}, ${item} in enumerate(${v}):`, () => encodeValue(t.of, b, item, itemPlace(p.c))),
    );
  },
};

export const encodeValue = (type: FieldType, b: Body, v: string, p: Place): void => dispatchFieldType(ENCODE, type)(b, v, p);

export const encoderName = (b: { readonly model: { base(name: string): string } }, name: string): string => `encode_${b.model.base(name)}`;

/** `def encode_<name>(m, out)`: the payload of a message, or a struct inside one. */
export function printEncoder(b: Omit<Body, "locals">, c: Composite, moduleNames: readonly string[]): void {
  const { f, model } = b;
  const cls = b.mods.from("messages", model.className(c.name));
  const locals = new Locals(moduleNames);
  const body: Body = { ...b, locals };
  f.block(["def ", encoderName(b, c.name), "(m: ", cls, ", out: bytearray) -> None:"], () => {
    for (const seg of encodeSegments(c.fields)) {
      if (seg.kind === "run") {
        const values = seg.fields.map((field) => {
          const v = locals.field(field.name);
          return checkScalar(field.type, body, v, fieldPlace(field.name, field.constraints), `m.${model.attr(c.name, field.name)}`);
        });
        if (seg.fields.length === 1) writeFixed(body, fixedFormat((seg.fields[0] as (typeof seg.fields)[number]).type) as FixedFormat, values[0] as string);
        else f.print("out += ", b.runStruct(seg.format), ".pack(", values.join(", "), ")");
        continue;
      }
      const field = seg.field;
      const v = locals.field(field.name);
      f.print(v, " = m.", model.attr(c.name, field.name));
      const place = fieldPlace(field.name, field.constraints);
      if (!field.optional) {
        encodeValue(field.type, body, v, place);
        continue;
      }
      f.block(`if ${v} is None:`, () => f.print("out.append(0)"));
      f.block("else:", () => {
        f.print("out.append(1)");
        encodeValue(field.type, body, v, place);
      });
    }
  });
}
