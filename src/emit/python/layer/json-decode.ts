// The JSON mapping, reader side (wire format section 9): `<name>_from_json(d)`
// reads the fields in declaration order (missing or null required fields,
// wrong JSON types, 64-bit integers as decimal strings, canonical base64,
// enum names, constraints), then refuses unknown keys.
import { dispatchFieldType, type FieldKindTable, type FieldType } from "../../../spec/model.js";
import { boundsArgs, fieldPlace, itemPlace, pathOf, relocating, type Body, type Place } from "./body.js";
import { patternCheck, rangeCheck } from "./checks.js";
import { pyStr } from "./code.js";
import { printConstruction } from "./binary-decode.js";
import { intTypeName } from "./fixed.js";
import type { Composite } from "./model.js";
import { Locals } from "./wire.js";

/** Prints the conversion of the JSON value in `j` into local `target`. */
type FromJson = (b: Body, j: string, target: string, p: Place) => void;

const FROM_JSON: FieldKindTable<FromJson> = {
  bool: () => (b, j, target, p) => b.f.print(target, " = ", b.w.fn.json_bool, "(", j, ", ", pathOf(p), ")"),
  int: (t) => (b, j, target, p) => {
    const read = t.bits === 64 ? b.w.fn.json_int64 : b.w.fn.json_int;
    b.f.print(target, " = ", read, "(", j, ", ", pathOf(p), ", ", pyStr(intTypeName(t)), ")");
    rangeCheck(b, t, target, p);
  },
  timestamp: (t) => (b, j, target, p) => {
    b.f.print(target, " = ", b.w.fn.json_int64, "(", j, ", ", pathOf(p), ', "timestamp")');
    rangeCheck(b, t, target, p);
  },
  float: (t) => (b, j, target, p) => {
    b.f.print(target, " = ", b.w.fn.json_float, "(", j, ", ", pathOf(p), `, ${t.bits})`);
    rangeCheck(b, t, target, p);
  },
  string: () => (b, j, target, p) => {
    b.f.print(target, " = ", b.w.fn.check_str, "(", j, ", ", pathOf(p), boundsArgs(p.c.minLength, p.c.maxLength), ")");
    patternCheck(b, target, p);
  },
  bytes: () => (b, j, target, p) => {
    b.f.print(target, " = ", b.w.fn.json_bytes, "(", j, ", ", pathOf(p), boundsArgs(p.c.minLength, p.c.maxLength), ")");
  },
  enum: (t) => (b, j, target, p) => {
    b.f.print(target, " = ", b.table("by_name", t.name), ".get(", j, ") if type(", j, ") is str else None");
    b.f.print("if ", target, " is None:");
    b.f.indent(() => b.f.print("raise ", b.w.fn.wrong_type, "(", pathOf(p), ", ", j, ", ", pyStr(`a name of enum ${t.name}`), ")"));
  },
  struct: (t) => (b, j, target, p) => {
    b.f.print("if not isinstance(", j, ", dict):");
    b.f.indent(() => b.f.print("raise ", b.w.fn.wrong_type, "(", pathOf(p), ", ", j, ", ", pyStr(`an object (struct ${t.name})`), ")"));
    relocating(b, p.path, undefined, () => b.f.print(target, " = ", fromJsonName(b, t.name), "(", j, ")"));
  },
  list: (t) => (b, j, target, p) => {
    b.f.print(b.w.fn.check_list, "(", j, ", ", pathOf(p), p.outer ? boundsArgs(p.c.minItems, p.c.maxItems) : "", ")");
    if (p.declared) b.f.print(target, " = []");
    else b.f.print(target, ": ", dispatchFieldType(b.types, t), " = []");
    const i = b.locals.fresh("i");
    const item = b.locals.fresh("item");
    const value = b.locals.fresh("value");
    relocating(b, p.path, i, () =>
      b.f.block(`for ${i}, ${item} in enumerate(${j}):`, () => {
        fromJsonValue(t.of, b, item, value, itemPlace(p.c));
        b.f.print(target, ".append(", value, ")");
      }),
    );
  },
};

export const fromJsonValue = (type: FieldType, b: Body, j: string, target: string, p: Place): void => dispatchFieldType(FROM_JSON, type)(b, j, target, p);

export const fromJsonName = (b: { readonly model: { base(name: string): string } }, name: string): string => `${b.model.base(name)}_from_json`;

/** `def <name>_from_json(d) -> Cls`; `keys` is the module-level frozenset of its field names. */
export function printFromJson(b: Omit<Body, "locals">, c: Composite, keys: string, moduleNames: readonly string[]): void {
  const { f, model } = b;
  const cls = b.mods.from("messages", model.className(c.name));
  const locals = new Locals(moduleNames);
  const body: Body = { ...b, locals };
  f.block(["def ", fromJsonName(b, c.name), "(d: dict[str, ", b.w.Any, "]) -> ", cls, ":"], () => {
    for (const field of c.fields) locals.field(field.name);
    for (const field of c.fields) {
      const target = locals.field(field.name);
      const key = pyStr(field.name);
      const place = fieldPlace(field.name, field.constraints);
      if (field.optional) {
        f.print(target, ": ", dispatchFieldType(b.types, field.type), " | None = None");
        f.print("j = d.get(", key, ")");
        f.block("if j is not None:", () => fromJsonValue(field.type, body, "j", target, { ...place, declared: true }));
        continue;
      }
      f.print("j = d.get(", key, ")");
      f.block("if j is None:", () => f.print("raise ", b.w.fn.missing, "(", key, ", ", key, " in d)"));
      fromJsonValue(field.type, body, "j", target, place);
    }
    f.print("if not ", keys, ".issuperset(d):");
    f.indent(() => f.print("raise ", b.w.fn.unknown_key, "(d, ", keys, ", ", pyStr(c.name), ")"));
    printConstruction(b, "return ", c, locals, "");
  });
}
