// tests/test_validation.py: per constrained value of every message (fields,
// struct fields, list items), a value just inside and just outside each bound
// — min/max, minLength/maxLength, pattern, minItems/maxItems — and values of
// the wrong type per field; the expected outcome of each is the reference
// codec's (validate and encode_frame, with the error's code and path).
import type { Field, Message } from "../../../../spec/model.js";
import { integerRange } from "../../../../wire/scalar-rules.js";
import { symbols, type FileSet, type Printable } from "../../../index.js";
import { validationPlan, type SitePlan, type ValidationCase } from "../../../test-plans/validation-plan.js";
import { code, pyStr } from "../code.js";
import type { PyModel } from "../model.js";
import { outcomeArgs, samples, type Samples } from "./samples.js";
import { pyValue, testModule, type TestModule } from "./support.js";

const py = symbols.python;

/** Python values of the wrong type (or out of the type's range) for a field, each with the error code. */
function wrongValues(field: Field): [string, string][] {
  const t = field.type;
  switch (t.kind) {
    case "bool":
      return [["1", "invalid_value"]];
    case "int": {
      const [, hi] = integerRange(t);
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
    for (const plan of validationPlan(spec, s)) {
      const m = plan.message;
      for (const site of plan.sites) {
        f.print();
        f.block(`def ${methodName(`test_${model.base(m.name)}_${site.label}`)}(self) -> None:`, () => {
          f.doc(`${site.title}.`);
          for (const c of site.cases) printCase(t, s, m, site, c);
        });
      }
      printWrongTypes(t, s, m, methodName(`test_${model.base(m.name)}_wrong_types`));
    }
  });
}

function printCase(t: TestModule, s: Samples, m: Message, plan: SitePlan, c: ValidationCase): void {
  const { validate, encode } = c;
  const attrs = plan.site.steps.map((step) => (typeof step === "number" ? String(step) : pyStr(t.model.attr(step.owner, step.field))));
  const path = `(${attrs.join(", ")}${attrs.length === 1 ? "," : ""})`;
  const expr: Printable = ["with_value(", s.constant(m), ", ", path, ", ", pyValue(t, plan.site.type, c.leaf), ")"];
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
