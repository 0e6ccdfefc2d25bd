// tests/test_validation.py: per constrained value of every message (fields,
// struct fields, list items), a value just inside and just outside each bound
// — min/max, minLength/maxLength, pattern, minItems/maxItems — and values of
// the wrong type per field; the expected outcome of each is the reference
// codec's (validate and encode_frame, with the error's code and path).
import type { Constraints, Field, FieldType, Message } from "../../../../spec/model.js";
import type { WireObject, WireValue } from "../../../../wire/index.js";
import { FLOAT32_MAX, floatAtLeast, stepFloat } from "../../../../wire/vectors/float-steps.js";
import { mismatchPattern, samplePattern } from "../../../../wire/vectors/pattern-sample.js";
import { formatSegments, replaceAt, type PathSegment } from "../../../../wire/vectors/payload-layout.js";
import { symbols, type FileSet, type Printable } from "../../../index.js";
import { code, pyStr } from "../code.js";
import { intRange } from "../fixed.js";
import type { PyModel } from "../model.js";
import { outcome, outcomeArgs, samples, type Samples } from "./samples.js";
import { pyValue, testModule, type TestModule } from "./support.js";

const py = symbols.python;

/** A constrained value inside a message sample. */
interface Site {
  readonly segments: readonly PathSegment[];
  /** Python attribute names and list indices down to it. */
  readonly attrs: readonly (string | number)[];
  readonly type: FieldType;
  readonly c: Constraints;
  /** The field's own list: minItems/maxItems apply. */
  readonly outer: boolean;
  readonly value: WireValue;
}

interface Case {
  readonly what: string;
  readonly leaf: WireValue;
}

function sitesOf(model: PyModel, owner: string, value: WireObject, segments: readonly PathSegment[], attrs: readonly (string | number)[]): Site[] {
  const out: Site[] = [];
  const composite = model.composite(owner);
  const visit = (type: FieldType, v: WireValue, c: Constraints, outer: boolean, segs: readonly PathSegment[], at: readonly (string | number)[]): void => {
    out.push({ segments: segs, attrs: at, type, c, outer, value: v });
    if (type.kind === "struct") out.push(...sitesOf(model, type.name, v as WireObject, segs, at));
    if (type.kind === "list") {
      const first = (v as readonly WireValue[])[0];
      if (first !== undefined) visit(type.of, first, c, false, [...segs, 0], [...at, 0]);
    }
  };
  for (const field of composite.fields) {
    const v = value[field.name];
    if (v !== undefined) visit(field.type, v, field.constraints, true, [...segments, field.name], [...attrs, model.attr(owner, field.name)]);
  }
  return out;
}

/** Numbers just inside and just outside min and max that the type can carry. */
function numberCases(type: FieldType, c: Constraints): Case[] {
  const cases: Case[] = [];
  const bound = (value: number, dir: 1 | -1, name: string): void => {
    if (type.kind === "float") {
      const limit = type.bits === 32 ? FLOAT32_MAX : Number.MAX_VALUE;
      const inside = floatAtLeast(Math.max(-limit, Math.min(limit, value)), type.bits, dir === -1 ? 1 : -1);
      const outside = stepFloat(inside, type.bits, dir);
      cases.push({ what: `${name} ${value}`, leaf: inside });
      if (Number.isFinite(outside) && Math.abs(outside) <= limit) cases.push({ what: `beyond ${name} ${value}`, leaf: outside });
      return;
    }
    const [lo, hi] = intRange(type);
    const inside = BigInt(dir === -1 ? Math.ceil(value) : Math.floor(value));
    const outside = inside + BigInt(dir);
    const wide = type.kind === "timestamp" || (type.kind === "int" && type.bits === 64);
    const wrap = (n: bigint): WireValue => (wide ? n : Number(n));
    if (inside >= lo && inside <= hi) cases.push({ what: `${name} ${value}`, leaf: wrap(inside) });
    if (outside >= lo && outside <= hi) cases.push({ what: `beyond ${name} ${value}`, leaf: wrap(outside) });
  };
  if (c.min !== undefined) bound(c.min, -1, "min");
  if (c.max !== undefined) bound(c.max, 1, "max");
  return cases;
}

/** A string of exactly `n` UTF-8 bytes (matching the pattern, if any), or bytes of length n. */
function sized(type: FieldType, c: Constraints, n: number): WireValue | undefined {
  if (n < 0) return undefined;
  if (type.kind === "bytes") return new Uint8Array(n);
  if (c.pattern === undefined) return "a".repeat(n);
  return samplePattern(c.pattern, { minBytes: n, maxBytes: n }, n);
}

function lengthCases(type: FieldType, c: Constraints): Case[] {
  const cases: Case[] = [];
  const add = (what: string, n: number): void => {
    const leaf = sized(type, c, n);
    if (leaf !== undefined) cases.push({ what, leaf });
  };
  if (c.minLength !== undefined) {
    add(`minLength ${c.minLength}`, c.minLength);
    if (c.minLength > 0) add(`below minLength ${c.minLength}`, c.minLength - 1);
  }
  if (c.maxLength !== undefined) {
    add(`maxLength ${c.maxLength}`, c.maxLength);
    add(`beyond maxLength ${c.maxLength}`, c.maxLength + 1);
  }
  if (c.pattern !== undefined && type.kind === "string") {
    const bounds = { minBytes: c.minLength ?? 0, maxBytes: c.maxLength ?? Number.POSITIVE_INFINITY };
    const mismatch = mismatchPattern(c.pattern, bounds);
    if (mismatch !== undefined) cases.push({ what: "pattern mismatch", leaf: mismatch });
  }
  return cases;
}

function itemCases(site: Site): Case[] {
  const first = (site.value as readonly WireValue[])[0];
  if (first === undefined) return [];
  const cases: Case[] = [];
  const add = (what: string, n: number): void => {
    if (n >= 0) cases.push({ what, leaf: Array.from({ length: n }, () => first) });
  };
  const { minItems, maxItems } = site.c;
  if (minItems !== undefined) {
    add(`minItems ${minItems}`, minItems);
    if (minItems > 0) add(`below minItems ${minItems}`, minItems - 1);
  }
  if (maxItems !== undefined) {
    add(`maxItems ${maxItems}`, maxItems);
    add(`beyond maxItems ${maxItems}`, maxItems + 1);
  }
  return cases;
}

function casesOf(site: Site): Case[] {
  const k = site.type.kind;
  if (k === "int" || k === "float" || k === "timestamp") return numberCases(site.type, site.c);
  if (k === "string" || k === "bytes") return lengthCases(site.type, site.c);
  if (k === "list" && site.outer) return itemCases(site);
  return [];
}

/** Python values of the wrong type (or out of the type's range) for a field, each with the error code. */
function wrongValues(field: Field): [string, string][] {
  const t = field.type;
  switch (t.kind) {
    case "bool":
      return [["1", "invalid_value"]];
    case "int": {
      const [, hi] = intRange(t);
      return [["True", "invalid_value"], [(hi + 1n).toString(), "invalid_value"]];
    }
    case "timestamp":
      return [["1.5", "invalid_value"], [(2n ** 63n).toString(), "invalid_value"]];
    case "float":
      return [['"1.0"', "invalid_value"], ['float("nan")', "invalid_value"], ...(t.bits === 32 ? ([["1e39", "invalid_value"]] as [string, string][]) : [])];
    case "string":
      return [['b"x"', "invalid_value"], [pyStr("\ud800"), "invalid_utf8"]];
    case "bytes":
      return [['"x"', "invalid_value"]];
    case "enum":
      return [["0", "invalid_value"]];
    case "struct":
      return [["{}", "invalid_value"]];
    case "list":
      return [['"x"', "invalid_value"]];
  }
}

export function validationTest(files: FileSet, model: PyModel): void {
  const { spec } = model;
  const t = testModule(
    files,
    model,
    "test_validation",
    `Validation of ${spec.protocol.name}'s values: each constrained value just inside and just outside its bounds, and values of the wrong type.

The expected outcome of every case is what the reference codec (protoforge's
TypeScript) does with the same value: validate() and encode_frame() accept it,
or refuse it with the same error code and path.`,
  );
  const { f, mods } = t;
  const s = samples(model);
  const codec = (name: string) => mods.from("codec", name);
  const WireError = mods.from("errors", "WireError");
  const Message = mods.from("messages", "Message");
  const [Any, Callable, TypeVar, cast] = ["Any", "Callable", "TypeVar", "cast"].map((n) => py.from("typing", n)) as [Printable, Printable, Printable, Printable];
  s.print(t);
  f.print();
  f.print(code`
    T = ${TypeVar}("T")

    _replace: ${Callable}[..., ${Any}] = ${py.module("dataclasses")}.replace


    def with_value(value: T, path: tuple[str | int, ...], new: object) -> T:
        """A copy of value with the value at path (attribute names and list indices) replaced."""
        if not path:
            return ${cast}(T, new)
        head, rest = path[0], path[1:]
        if isinstance(head, int):
            items = list(${cast}("list[Any]", value))
            items[head] = with_value(items[head], rest, new)
            return ${cast}(T, items)
        return ${cast}(T, _replace(value, **{head: with_value(getattr(value, head), rest, new)}))


    class ValidationTest(${py.module("unittest")}.TestCase):
        def assert_accepted(self, message: ${Message}, fits: bool = True) -> None:
            """validate() passes, JSON round-trips, and the frame round-trips (or is too large, when fits is False)."""
            ${codec("validate")}(message)
            self.assertEqual(${codec("from_json")}(message.NAME, ${codec("to_json")}(message)), message)
            if fits:
                self.assertEqual(${codec("decode_frame")}(${codec("encode_frame")}(message, 1)).message, message)
            else:
                with self.assertRaises(${WireError}) as caught:
                    ${codec("encode_frame")}(message, 1)
                self.assertEqual(caught.exception.code, "frame_too_large")

        def assert_refused(self, message: ${Message}, code: str, path: str | None, encode: tuple[str, str | None] | None = None) -> None:
            """validate() fails with code at path, and so does encode_frame() (or as encode says).

            For frame_too_large only the code is compared: where a frame overflows is the encoder's business.
            """
            with self.assertRaises(${WireError}) as caught:
                ${codec("validate")}(message)
            self.assertEqual((caught.exception.code, caught.exception.path), (code, path), str(caught.exception))
            expected = encode or (code, path)
            with self.assertRaises(${WireError}) as caught:
                ${codec("encode_frame")}(message, 1)
            actual = (caught.exception.code, caught.exception.path)
            if expected[0] == "frame_too_large":
                self.assertEqual(actual[0], expected[0], str(caught.exception))
            else:
                self.assertEqual(actual, expected, str(caught.exception))`);

  const methodNames = new Set<string>();
  const methodName = (base: string): string => {
    let name = base;
    for (let n = 2; methodNames.has(name); n++) name = `${base}_${n}`;
    methodNames.add(name);
    return name;
  };

  f.indent(() => {
    for (const m of spec.messages) {
      const base = s.value(m);
      for (const site of sitesOf(model, m.name, base, [], [])) {
        const cases = casesOf(site);
        if (cases.length === 0) continue;
        const label = site.segments.map((x) => (typeof x === "number" ? "item" : x)).join("_");
        f.print();
        f.block(`def ${methodName(`test_${model.base(m.name)}_${label}`)}(self) -> None:`, () => {
          f.doc(`${formatSegments(m.name, site.segments)}: ${describe(site)}.`);
          for (const c of cases) printCase(t, s, m, site, c);
        });
      }
      printWrongTypes(t, s, m, methodName(`test_${model.base(m.name)}_wrong_types`));
    }
  });
}

function describe(site: Site): string {
  const { c } = site;
  const parts: string[] = [];
  if (site.type.kind === "list") return `${c.minItems ?? 0}..${c.maxItems ?? ""} items`;
  if (c.min !== undefined) parts.push(`min ${c.min}`);
  if (c.max !== undefined) parts.push(`max ${c.max}`);
  if (site.type.kind === "string" || site.type.kind === "bytes") {
    if (c.minLength !== undefined || c.maxLength !== undefined) parts.push(`length ${c.minLength ?? 0}..${c.maxLength ?? ""} bytes`);
    if (c.pattern !== undefined) parts.push("a pattern");
  }
  return parts.join(", ");
}

function printCase(t: TestModule, s: Samples, m: Message, site: Site, c: Case): void {
  const value = replaceAt(s.value(m), site.segments, c.leaf) as WireObject;
  const validate = outcome(() => s.codec.toJson(m.name, value));
  const encode = outcome(() => s.codec.encodeFrame(m.name, value, { seq: 1 }));
  const attrs = site.attrs.map((a) => (typeof a === "number" ? String(a) : pyStr(a)));
  const path = `(${attrs.join(", ")}${attrs.length === 1 ? "," : ""})`;
  const expr: Printable = ["with_value(", s.constant(m), ", ", path, ", ", pyValue(t, site.type, c.leaf), ")"];
  t.f.print("# ", c.what);
  if (validate.ok) {
    t.f.print("self.assert_accepted(", expr, encode.ok ? "" : ", fits=False", ")");
    return;
  }
  const same = !encode.ok && encode.code === validate.code && encode.path === validate.path;
  const encodeArg: Printable = same || encode.ok ? "" : [", encode=(", outcomeArgs(encode), ")"];
  if (encode.ok) throw new Error(`python tests: the reference encodes what it does not validate (${m.name}, ${c.what})`);
  t.f.print("self.assert_refused(", expr, ", ", outcomeArgs(validate), encodeArg, ")");
}

function printWrongTypes(t: TestModule, s: Samples, m: Message, name: string): void {
  if (m.fields.length === 0) return;
  t.f.print();
  t.f.block(`def ${name}(self) -> None:`, () => {
    t.f.doc(`Values of the wrong type, or out of their type's range, are refused in every field of ${m.name}.`);
    for (const field of m.fields) {
      for (const [value, code] of wrongValues(field)) {
        const attr = t.model.attr(m.name, field.name);
        t.f.print("self.assert_refused(with_value(", s.constant(m), ", (", pyStr(attr), ",), ", value, "), ", pyStr(code), ", ", pyStr(`${m.name}.${field.name}`), ")");
      }
    }
  });
}
