// The binary decoder of each struct and message (wire format section 6,
// "Values"): reads the fields in declaration order with every check in the
// reference's order, so that any implementation reports the same first error.
import { dispatchFieldType, type Field, type FieldKindTable, type FieldType } from "../../../spec/model.js";
import { boundsArgs, commaList, fieldPlace, itemPlace, pathOf, relocating, type Body, type FileContext, type Place } from "./body.js";
import { patternCheck, rangeCheck } from "./checks.js";
import { pyStr } from "./code.js";
import { decodeSegments, fixedFormat, type FixedFormat } from "./fixed.js";
import type { Composite } from "./model.js";
import { Locals } from "./wire.js";

type Decode = (b: Body, target: string, p: Place) => void;

/** Whether a fixed-width read goes through a raw local first (bool and enum are converted). */
const needsRaw = (type: FieldType): boolean => type.kind === "bool" || type.kind === "enum";

/** Prints the checks and conversion after a fixed-width value was read into `raw` (== `target` unless needsRaw). */
function afterRead(type: FieldType, b: Body, raw: string, target: string, p: Place): void {
  const { f, w } = b;
  const raise = (...parts: Parameters<typeof f.print>): void => f.indent(() => f.print("raise ", ...parts));
  switch (type.kind) {
    case "bool":
      f.print("if ", raw, " > 1:");
      raise(w.fn.bad_bool, "(", pathOf(p), ", ", raw, ")");
      f.print(target, " = ", raw, " == 1");
      return;
    case "enum":
      f.print(target, " = ", b.table("by_value", type.name), ".get(", raw, ")");
      f.print("if ", target, " is None:");
      raise(w.fn.bad_enum_value, "(", pathOf(p), ", ", raw, ", ", pyStr(type.name), ")");
      return;
    case "float":
      f.print("if not ", w.isfinite, "(", target, "):");
      raise(w.fn.not_finite, "(", pathOf(p), ", ", target, ")");
      rangeCheck(b, type, target, p);
      return;
    case "int":
    case "timestamp":
      rangeCheck(b, type, target, p);
      return;
    default:
      throw new Error(`afterRead: ${type.kind} is not fixed-width`);
  }
}

/** Prints the bounds check before `size` bytes are read; `fields` names them for `truncated`. */
function needBytes(b: FileContext, size: number, fields: readonly (readonly [string, number])[]): void {
  const { f, w } = b;
  if (fields.length === 1) {
    const [path] = fields[0] as readonly [string, number];
    f.print(size === 1 ? "if pos >= end:" : `if end - pos < ${size}:`);
    f.indent(() => f.print("raise ", w.fn.truncated, "(", pyStr(path), `, ${size}, end - pos)`));
    return;
  }
  f.print(`if end - pos < ${size}:`);
  const table = fields.map(([path, n]) => `(${pyStr(path)}, ${n})`).join(", ");
  f.indent(() => f.print("raise ", w.fn.truncated_run, `(end - pos, (${table}))`));
}

/** One fixed-width value. */
const fixed =
  (type: FieldType): Decode =>
  (b, target, p) => {
    const format = fixedFormat(type) as FixedFormat;
    const raw = needsRaw(type) ? b.locals.shared("raw") : target;
    needBytes(b, format.size, [[p.path, format.size]]);
    if (format.code === "B") b.f.print(raw, " = buf[pos]");
    else b.f.print(raw, " = ", b.w.struct[format.single], ".unpack_from(buf, pos)[0]");
    b.f.print(`pos += ${format.size}`);
    afterRead(type, b, raw, target, p);
  };

/** Element types a list reads in one struct.unpack_from (integers that no check can refuse). */
const bulkInt = (type: FieldType, p: Place): FixedFormat | undefined =>
  (type.kind === "int" || type.kind === "timestamp") && p.c.min === undefined && p.c.max === undefined ? fixedFormat(type) : undefined;

const DECODE: FieldKindTable<Decode> = {
  bool: fixed,
  int: fixed,
  float: fixed,
  timestamp: fixed,
  enum: fixed,
  string: () => (b, target, p) => {
    b.f.print(target, ", pos = ", b.w.fn.read_str, "(buf, pos, end, ", pathOf(p), boundsArgs(p.c.minLength, p.c.maxLength), ")");
    patternCheck(b, target, p);
  },
  bytes: () => (b, target, p) => {
    b.f.print(target, ", pos = ", b.w.fn.read_bytes, "(buf, pos, end, ", pathOf(p), boundsArgs(p.c.minLength, p.c.maxLength), ")");
  },
  struct: (t) => (b, target, p) => {
    relocating(b, p.path, undefined, () => b.f.print(target, ", pos = ", decoderName(b, t.name), "(buf, pos, end)"));
  },
  list: (t) => (b, target, p) => {
    const count = b.locals.fresh("count");
    const items = p.outer ? boundsArgs(p.c.minItems, p.c.maxItems) : "";
    b.f.print(count, ", pos = ", b.w.fn.read_count, "(buf, pos, end, ", pathOf(p), items, ")");
    const bulk = bulkInt(t.of, p);
    if (bulk !== undefined) {
      b.f.print(target, ", pos = ", b.w.fn.read_ints, "(buf, pos, end, ", count, `, "${bulk.code}", ${bulk.size}, `, pathOf(p), ")");
      return;
    }
    if (p.declared) b.f.print(target, " = []");
    else b.f.print(target, ": ", dispatchFieldType(b.types, t), " = []");
    const i = b.locals.fresh("i");
    const item = b.locals.fresh("item");
    relocating(b, p.path, i, () =>
      b.f.block(`for ${i} in range(${count}):`, () => {
        decodeValue(t.of, b, item, itemPlace(p.c));
        b.f.print(target, ".append(", item, ")");
      }),
    );
  },
};

export const decodeValue = (type: FieldType, b: Body, target: string, p: Place): void => dispatchFieldType(DECODE, type)(b, target, p);

export const decoderName = (b: { readonly model: { base(name: string): string } }, name: string): string => `decode_${b.model.base(name)}`;

function printRun(b: Body, fields: readonly Field[], format: string, size: number): void {
  const { f, locals } = b;
  const targets = fields.map((field) => locals.field(field.name));
  const raws = fields.map((field, i) => (needsRaw(field.type) ? locals.shared("raw") : (targets[i] as string)));
  needBytes(
    b,
    size,
    fields.map((field) => [field.name, (fixedFormat(field.type) as FixedFormat).size] as const),
  );
  f.print(raws.join(", "), " = ", b.runStruct(format), ".unpack_from(buf, pos)");
  f.print(`pos += ${size}`);
  fields.forEach((field, i) => afterRead(field.type, b, raws[i] as string, targets[i] as string, fieldPlace(field.name, field.constraints)));
}

function printOptional(b: Body, field: Field, target: string): void {
  const { f, w, locals } = b;
  const presence = locals.shared("presence");
  f.print(target, ": ", dispatchFieldType(b.types, field.type), " | None = None");
  needBytes(b, 1, [[field.name, 1]]);
  f.print(presence, " = buf[pos]");
  f.print("pos += 1");
  f.block(`if ${presence} == 1:`, () => decodeValue(field.type, b, target, { ...fieldPlace(field.name, field.constraints), declared: true }));
  f.block(`elif ${presence} != 0:`, () => f.print("raise ", w.fn.bad_presence, "(", pyStr(field.name), ", ", presence, ")"));
}

/** `Cls(a=a, b=b)`, on several lines when long. */
export function printConstruction(b: FileContext, prefix: string, c: Composite, locals: Locals, suffix: string): void {
  const cls = b.mods.from("messages", b.model.className(c.name));
  const args = c.fields.map((field) => `${b.model.attr(c.name, field.name)}=${locals.field(field.name)}`);
  const oneLine = `${prefix}${b.model.className(c.name)}(${args.join(", ")})${suffix}`;
  if (oneLine.length <= 80) {
    b.f.print(prefix, cls, "(", commaList(args), ")", suffix);
    return;
  }
  b.f.print(prefix, cls, "(");
  b.f.indent(() => args.forEach((a) => b.f.print(a, ",")));
  b.f.print(")", suffix);
}

/** `def decode_<name>(buf, pos, end)`: a struct returns itself and the position after it; a message
 *  must end exactly at `end` and returns the message. */
export function printDecoder(b: Omit<Body, "locals">, c: Composite, moduleNames: readonly string[]): void {
  const { f, model } = b;
  const cls = b.mods.from("messages", model.className(c.name));
  const locals = new Locals(moduleNames);
  const body: Body = { ...b, locals };
  const returns = c.message === undefined ? ["tuple[", cls, ", int]"] : [cls];
  f.block(["def ", decoderName(b, c.name), "(buf: bytes, pos: int, end: int) -> ", returns, ":"], () => {
    for (const field of c.fields) locals.field(field.name);
    for (const seg of decodeSegments(c.fields)) {
      if (seg.kind === "run") {
        if (seg.fields.length > 1) printRun(body, seg.fields, seg.format, seg.size);
        else {
          const field = seg.fields[0] as Field;
          decodeValue(field.type, body, locals.field(field.name), fieldPlace(field.name, field.constraints));
        }
        continue;
      }
      const field = seg.field;
      if (field.optional) printOptional(body, field, locals.field(field.name));
      else decodeValue(field.type, body, locals.field(field.name), fieldPlace(field.name, field.constraints));
    }
    if (c.message !== undefined) {
      f.print("if pos != end:");
      f.indent(() => f.print("raise ", b.w.fn.trailing, "(end - pos)"));
      printConstruction(b, "return ", c, locals, "");
    } else {
      printConstruction(b, "return ", c, locals, ", pos");
    }
  });
}
