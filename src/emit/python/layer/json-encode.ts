// The JSON mapping, writer side (wire format section 9): `<name>_to_json(m)`
// checks every field as the binary encoder does and returns the payload
// object, keys in declaration order, absent optionals left out.
import { dispatchFieldType, type FieldKindTable, type FieldType } from "../../../spec/model.js";
import type { Printable } from "../../index.js";
import { boundsArgs, fieldPlace, itemPlace, pathOf, relocating, type Body, type Place } from "./body.js";
import { checkScalar, patternCheck } from "./checks.js";
import { article, pyStr } from "./code.js";
import type { Composite } from "./model.js";
import { Locals } from "./wire.js";

/** Prints the checks of the value in `v`; returns the expression of its JSON form. */
type ToJson = (b: Body, v: string, p: Place) => Printable;

const scalar =
  (type: FieldType): ToJson =>
  (b, v, p) => {
    const checked = checkScalar(type, b, v, p);
    if (type.kind === "enum") return [b.table("names", type.name), "[", checked, "]"];
    if (type.kind === "timestamp" || (type.kind === "int" && type.bits === 64)) return ["str(", checked, ")"];
    return checked;
  };

const TO_JSON: FieldKindTable<ToJson> = {
  bool: scalar,
  int: scalar,
  float: scalar,
  timestamp: scalar,
  enum: scalar,
  string: () => (b, v, p) => {
    b.f.print(b.w.fn.check_str, "(", v, ", ", pathOf(p), boundsArgs(p.c.minLength, p.c.maxLength), ")");
    patternCheck(b, v, p);
    return v;
  },
  bytes: () => (b, v, p) => [b.w.fn.b64, "(", b.w.fn.check_bytes, "(", v, ", ", pathOf(p), boundsArgs(p.c.minLength, p.c.maxLength), "))"],
  struct: (t) => (b, v, p) => {
    const cls = b.mods.from("messages", b.model.className(t.name));
    b.f.print("if not isinstance(", v, ", ", cls, "):");
    b.f.indent(() => b.f.print("raise ", b.w.fn.wrong_type, "(", pathOf(p), ", ", v, ", ", pyStr(article(t.name)), ")"));
    if (p.path === "") return [toJsonName(b, t.name), "(", v, ")"];
    const out = b.locals.fresh(`${v}_json`);
    relocating(b, p.path, undefined, () => b.f.print(out, " = ", toJsonName(b, t.name), "(", v, ")"));
    return out;
  },
  list: (t) => (b, v, p) => {
    b.f.print(b.w.fn.check_list, "(", v, ", ", pathOf(p), p.outer ? boundsArgs(p.c.minItems, p.c.maxItems) : "", ")");
    const out = b.locals.fresh(p.path === "" ? "items" : `${v}_json`);
    const i = b.locals.fresh("i");
    const item = b.locals.fresh("item");
    b.f.print(out, ": list[", b.w.Any, "] = []");
    relocating(b, p.path, i, () =>
      b.f.block(`for ${i}, ${item} in enumerate(${v}):`, () => {
        const json = toJsonValue(t.of, b, item, itemPlace(p.c));
        b.f.print(out, ".append(", json, ")");
      }),
    );
    return out;
  },
};

export const toJsonValue = (type: FieldType, b: Body, v: string, p: Place): Printable => dispatchFieldType(TO_JSON, type)(b, v, p);

export const toJsonName = (b: { readonly model: { base(name: string): string } }, name: string): string => `${b.model.base(name)}_to_json`;

/** `def <name>_to_json(m) -> dict[str, Any]`. */
export function printToJson(b: Omit<Body, "locals">, c: Composite, moduleNames: readonly string[]): void {
  const { f, model } = b;
  const cls = b.mods.from("messages", model.className(c.name));
  const locals = new Locals(moduleNames);
  const body: Body = { ...b, locals };
  f.block(["def ", toJsonName(b, c.name), "(m: ", cls, ") -> dict[str, ", b.w.Any, "]:"], () => {
    for (const field of c.fields) locals.field(field.name);
    f.print("d: dict[str, ", b.w.Any, "] = {}");
    for (const field of c.fields) {
      const v = locals.field(field.name);
      const key = pyStr(field.name);
      f.print(v, " = m.", model.attr(c.name, field.name));
      const place = fieldPlace(field.name, field.constraints);
      if (field.optional) {
        f.block(`if ${v} is not None:`, () => f.print("d[", key, "] = ", toJsonValue(field.type, body, v, place)));
      } else {
        f.print("d[", key, "] = ", toJsonValue(field.type, body, v, place));
      }
    }
    f.print("return d");
  });
}
