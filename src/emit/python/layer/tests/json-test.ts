// tests/test_json.py: the JSON mapping (wire format section 9) — every
// sample round-trips through JSON text and matches the reference's JSON;
// 64-bit integers and timestamps are decimal strings, bytes canonical base64,
// enums value names, absent optionals omitted (null accepted); unknown,
// missing and null keys, wrong JSON types, NaN and Infinity are refused.
import type { Field, Message } from "../../../../spec/model.js";
import type { JsonObject } from "../../../../wire/index.js";
import { symbols, type FileSet, type Printable } from "../../../index.js";
import { code, pyStr } from "../code.js";
import type { PyModel } from "../model.js";
import { samples, type Samples } from "./samples.js";
import { pyJson, testModule, type TestModule } from "./support.js";

const py = symbols.python;

interface Found {
  readonly message: Message;
  readonly field: Field;
}

/** The first top-level field (in spec order) that `accept` takes. */
function find(model: PyModel, accept: (f: Field) => boolean): Found | undefined {
  for (const message of model.spec.messages) {
    const field = message.fields.find(accept);
    if (field !== undefined) return { message, field };
  }
  return undefined;
}

const is64 = (f: Field): boolean => f.type.kind === "timestamp" || (f.type.kind === "int" && f.type.bits === 64);

export function jsonTest(files: FileSet, model: PyModel): void {
  const { spec } = model;
  const t = testModule(files, model, "test_json", `The JSON mapping of ${spec.protocol.name} (wire format section 9).`);
  const { f, mods } = t;
  const s = samples(model);
  const codec = (name: string) => mods.from("codec", name);
  const WireError = mods.from("errors", "WireError");
  const Any = py.from("typing", "Any");
  s.print(t);
  f.print();
  f.print("SAMPLES: list[", mods.from("messages", "Message"), "] = [", spec.messages.map((m) => s.constant(m)).join(", "), "]");
  f.print("EXPECTED_JSON: list[dict[str, ", Any, "]] = [");
  f.indent(() => spec.messages.forEach((m) => f.print(pyJson(s.codec.toJson(m.name, s.value(m))), ",")));
  f.print("]");
  f.doc("The reference codec's JSON of each sample.");
  f.print();
  f.print();
  f.print(code`
    def same_json(a: ${Any}, b: ${Any}) -> bool:
        """JSON values compared by value: numbers by value (1 == 1.0), but true is not 1."""
        if isinstance(a, bool) or isinstance(b, bool):
            return type(a) is type(b) and a == b
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            return a == b
        if isinstance(a, dict) and isinstance(b, dict):
            return a.keys() == b.keys() and all(same_json(a[k], b[k]) for k in a)
        if isinstance(a, list) and isinstance(b, list):
            return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b))
        return type(a) is type(b) and a == b


    class JsonMappingTest(${py.module("unittest")}.TestCase):
        def assert_invalid(self, name: str, data: ${Any}, path: str, code: str = "invalid_value") -> None:
            with self.assertRaises(${WireError}) as caught:
                ${codec("from_json")}(name, data)
            self.assertEqual((caught.exception.code, caught.exception.path), (code, path), str(caught.exception))

        def test_samples_match_the_reference_json(self) -> None:
            for message, expected in zip(SAMPLES, EXPECTED_JSON):
                with self.subTest(message.NAME):
                    self.assertTrue(same_json(${codec("to_json")}(message), expected))
                    self.assertEqual(${codec("from_json")}(message.NAME, expected), message)

        def test_samples_round_trip_through_json_text(self) -> None:
            for message in SAMPLES:
                with self.subTest(message.NAME):
                    text = ${codec("dump_json")}(${codec("to_envelope")}(message, 7))
                    self.assertEqual(${codec("from_envelope")}(${codec("parse_json")}(text)), (message, 7))

        def test_json_text_refuses_nan_and_infinity(self) -> None:
            for text in ("NaN", "[Infinity]", '{"a": -Infinity}', "{"):
                with self.subTest(text):
                    with self.assertRaises(${WireError}) as caught:
                        ${codec("parse_json")}(text)
                    self.assertEqual(caught.exception.code, "invalid_value")

        def test_negative_zero_keeps_its_sign(self) -> None:
            value = ${codec("parse_json")}("-0")
            self.assertIsInstance(value, float)
            self.assertEqual(${py.module("math")}.copysign(1.0, value), -1.0)

        def test_unknown_message_name(self) -> None:
            with self.assertRaises(${WireError}) as caught:
                ${codec("from_json")}("NoSuchMessage", {})
            self.assertEqual(caught.exception.code, "unknown_message")

        def test_envelope_refuses_other_keys(self) -> None:
            envelope = ${codec("to_envelope")}(SAMPLES[0], 1)
            with self.assertRaises(${WireError}) as caught:
                ${codec("from_envelope")}({**envelope, "flags": 0})
            self.assertEqual((caught.exception.code, caught.exception.path), ("invalid_value", "flags"))`);
  f.indent(() => {
    printUnknownKey(t, s);
    const required = find(model, (x) => !x.optional);
    if (required) printMissing(t, s, required);
    const wide = find(model, (x) => is64(x) && !x.optional);
    if (wide) print64(t, s, wide);
    const bytes = find(model, (x) => x.type.kind === "bytes" && !x.optional);
    if (bytes) printBytes(t, s, bytes);
    const en = find(model, (x) => x.type.kind === "enum" && !x.optional);
    if (en) printEnum(t, s, en);
    const optional = find(model, (x) => x.optional);
    if (optional) printOptional(t, s, optional);
    const int = find(model, (x) => x.type.kind === "int" && x.type.bits < 64 && !x.optional);
    if (int) printIntegralFloat(t, s, int);
    const float = find(model, (x) => x.type.kind === "float" && !x.optional && (x.constraints.min ?? 0) <= 0 && (x.constraints.max ?? 0) >= 0);
    if (float) printNegativeZero(t, s, float);
  });
}

/** `payload = to_json(SAMPLE_X)` and the sample's reference JSON. */
function payload(t: TestModule, s: Samples, found: Found): JsonObject {
  t.f.print("payload = ", t.mods.from("codec", "to_json"), "(", s.constant(found.message), ")");
  return s.codec.toJson(found.message.name, s.value(found.message));
}

const where = (found: Found): string => `${found.message.name}.${found.field.name}`;

function printUnknownKey(t: TestModule, s: Samples): void {
  const message = t.model.spec.messages[0] as Message;
  const names = new Set(message.fields.map((x) => x.name));
  let key = "no_such_field";
  while (names.has(key)) key = `${key}_`;
  t.f.print();
  t.f.block("def test_unknown_keys_are_refused(self) -> None:", () => {
    t.f.print("payload = ", t.mods.from("codec", "to_json"), "(", s.constant(message), ")");
    t.f.print("self.assert_invalid(", pyStr(message.name), ", {**payload, ", pyStr(key), ": 1}, ", pyStr(`${message.name}.${key}`), ")");
  });
}

function printMissing(t: TestModule, s: Samples, found: Found): void {
  const key = pyStr(found.field.name);
  t.f.print();
  t.f.block("def test_required_fields_must_be_present_and_not_null(self) -> None:", () => {
    t.f.doc(`${where(found)}.`);
    payload(t, s, found);
    t.f.print("self.assert_invalid(", pyStr(found.message.name), ", {k: v for k, v in payload.items() if k != ", key, "}, ", pyStr(where(found)), ")");
    t.f.print("self.assert_invalid(", pyStr(found.message.name), ", {**payload, ", key, ": None}, ", pyStr(where(found)), ")");
    t.f.print("self.assert_invalid(", pyStr(found.message.name), ", [payload], ", pyStr(found.message.name), ")");
  });
}

function print64(t: TestModule, s: Samples, found: Found): void {
  const key = pyStr(found.field.name);
  const unsigned = found.field.type.kind === "int" && !found.field.type.signed;
  t.f.print();
  t.f.block("def test_64_bit_integers_are_decimal_strings(self) -> None:", () => {
    t.f.doc(`${where(found)} (${found.field.typeText}).`);
    const json = payload(t, s, found);
    const value = json[found.field.name] as string;
    t.f.print("self.assertEqual(payload[", key, "], ", pyStr(value), ")");
    // The number itself (not a string), then strings that are not canonical decimals or out of range.
    const bad: Printable[] = [value, '"01"', '"+1"', '"-0"', '" 1"', '"1.0"', '"1e3"', '"18446744073709551616"', ...(unsigned ? ['"-1"'] : [])];
    t.f.block(["for bad in (", bad.flatMap((x, i) => (i === 0 ? [x] : [", ", x])), "):"], () =>
      t.f.block("with self.subTest(bad=bad):", () => t.f.print("self.assert_invalid(", pyStr(found.message.name), ", {**payload, ", key, ": bad}, ", pyStr(where(found)), ")")),
    );
  });
}

function printBytes(t: TestModule, s: Samples, found: Found): void {
  const key = pyStr(found.field.name);
  t.f.print();
  t.f.block("def test_bytes_are_canonical_base64(self) -> None:", () => {
    t.f.doc(`${where(found)}.`);
    const json = payload(t, s, found);
    t.f.print("self.assertEqual(payload[", key, "], ", pyStr(json[found.field.name] as string), ")");
    t.f.block('for bad in ("QR==", "QQ", "QQ=", "Q Q==", "QQ==QQ==", "QQ==\\n", "\\u00e9", 5):', () =>
      t.f.block("with self.subTest(bad=bad):", () => t.f.print("self.assert_invalid(", pyStr(found.message.name), ", {**payload, ", key, ": bad}, ", pyStr(where(found)), ")")),
    );
  });
}

function printEnum(t: TestModule, s: Samples, found: Found): void {
  const key = pyStr(found.field.name);
  const type = found.field.type;
  const decl = type.kind === "enum" ? t.model.enumDecl(type.name) : undefined;
  const names = new Set(decl?.values.map((v) => v.name) ?? []);
  let unknown = "no_such_value";
  while (names.has(unknown)) unknown = `${unknown}_`;
  const first = decl?.values[0];
  t.f.print();
  t.f.block("def test_enums_are_value_names(self) -> None:", () => {
    t.f.doc(`${where(found)}.`);
    const json = payload(t, s, found);
    t.f.print("self.assertEqual(payload[", key, "], ", pyStr(json[found.field.name] as string), ")");
    const bad = [String(first?.value ?? 0), pyStr(unknown), pyStr((first?.name ?? "x").toUpperCase()), "None"];
    t.f.block(["for bad in (", bad.join(", "), "):"], () =>
      t.f.block("with self.subTest(bad=bad):", () => t.f.print("self.assert_invalid(", pyStr(found.message.name), ", {**payload, ", key, ": bad}, ", pyStr(where(found)), ")")),
    );
  });
}

function printOptional(t: TestModule, s: Samples, found: Found): void {
  const key = pyStr(found.field.name);
  const attr = t.model.attr(found.message.name, found.field.name);
  t.f.print();
  t.f.block("def test_absent_optionals_are_omitted(self) -> None:", () => {
    t.f.doc(`${where(found)}.`);
    t.f.print("message = ", py.module("dataclasses"), ".replace(", s.constant(found.message), ", ", attr, "=None)");
    t.f.print("payload = ", t.mods.from("codec", "to_json"), "(message)");
    t.f.print("self.assertNotIn(", key, ", payload)");
    t.f.print("self.assertEqual(", t.mods.from("codec", "from_json"), "(message.NAME, payload), message)");
    t.f.print("self.assertEqual(", t.mods.from("codec", "from_json"), "(message.NAME, {**payload, ", key, ": None}), message)");
  });
}

function printIntegralFloat(t: TestModule, s: Samples, found: Found): void {
  const key = pyStr(found.field.name);
  t.f.print();
  t.f.block("def test_integers_are_json_numbers(self) -> None:", () => {
    t.f.doc(`${where(found)}: an integral number (5, 5.0) is accepted, a string or a fraction is not.`);
    payload(t, s, found);
    t.f.print("self.assertEqual(", t.mods.from("codec", "from_json"), "(", pyStr(found.message.name), ", {**payload, ", key, ": float(payload[", key, "])}), ", s.constant(found.message), ")");
    t.f.block(["for bad in (str(payload[", key, "]), payload[", key, "] + 0.5, True, None, [1]):"], () =>
      t.f.block("with self.subTest(bad=bad):", () => t.f.print("self.assert_invalid(", pyStr(found.message.name), ", {**payload, ", key, ": bad}, ", pyStr(where(found)), ")")),
    );
  });
}

function printNegativeZero(t: TestModule, s: Samples, found: Found): void {
  const attr = t.model.attr(found.message.name, found.field.name);
  const math = py.module("math");
  t.f.print();
  t.f.block("def test_float_negative_zero_round_trips(self) -> None:", () => {
    t.f.doc(`${where(found)}.`);
    t.f.print("message = ", py.module("dataclasses"), ".replace(", s.constant(found.message), ", ", attr, "=-0.0)");
    t.f.print("text = ", t.mods.from("codec", "dump_json"), "(", t.mods.from("codec", "to_json"), "(message))");
    t.f.print("decoded = ", t.mods.from("codec", "from_json"), "(message.NAME, ", t.mods.from("codec", "parse_json"), "(text))");
    t.f.print("assert isinstance(decoded, ", t.mods.from("messages", t.model.className(found.message.name)), ")");
    t.f.print("self.assertEqual(", math, ".copysign(1.0, decoded.", attr, "), -1.0)");
    t.f.block(['for bad in ("1.5", float("inf"), float("nan"), True):'], () =>
      t.f.block("with self.subTest(bad=bad):", () =>
        t.f.print("self.assert_invalid(message.NAME, {**", t.mods.from("codec", "to_json"), "(message), ", pyStr(found.field.name), ": bad}, ", pyStr(where(found)), ")"),
      ),
    );
  });
}
