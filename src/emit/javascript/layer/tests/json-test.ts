// test/json.test.js: the JSON mapping (wire format section 9): each
// message's sample round-trips; per top-level field, JSON values of wrong
// types, null and missing keys, unknown keys, with the reference codec's
// outcome; and the fixed rules (parseJson, dumpJson, envelopes).
import { symbols, type FileSet } from "../../../index.js";
import { jsStr } from "../code.js";
import type { JsModel } from "../model.js";
import { jsonPlan } from "../../../test-plans/json-plan.js";
import { referenceSamples } from "../../../test-plans/samples.js";
import { jsonLiteral, outcomeLiteral } from "./cases.js";

export function jsonTest(files: FileSet, model: JsModel): void {
  const s = referenceSamples(model.spec);
  const lines = [
    'test("parseJson refuses what is not JSON and keeps -0", () => {',
    '  throwsWire(() => parseJson("NaN"), "invalid_value");',
    '  throwsWire(() => parseJson("{\\"a\\": Infinity}"), "invalid_value");',
    '  throwsWire(() => parseJson("{"), "invalid_value");',
    '  assert.ok(Object.is(parseJson("-0"), -0));',
    '  assert.equal(dumpJson({ a: -0, b: [1, "x", null, true] }), \'{"a":-0,"b":[1,"x",null,true]}\');',
    "});",
    "",
    'test("unknown message names and non-object payloads", () => {',
    '  throwsWire(() => fromJson("NoSuchMessage", {}), "unknown_message");',
    '  throwsWire(() => fromEnvelope([]), "invalid_value");',
    '  throwsWire(() => fromEnvelope({ type: "NoSuchMessage", seq: 1, payload: {} }), "unknown_message");',
    "});",
  ];
  const first = model.spec.messages[0];
  if (first !== undefined) {
    const payload = jsonLiteral(s.json(first));
    lines.push(
      "",
      'test("envelopes", () => {',
      `  const { message, seq } = fromEnvelope({ type: ${jsStr(first.name)}, seq: 7, payload: ${payload} });`,
      "  assert.equal(seq, 7);",
      `  assert.ok(message instanceof MESSAGE_CLASSES[${jsStr(first.name)}]);`,
      `  assert.ok(sameJson(toEnvelope(message, 7), { type: ${jsStr(first.name)}, seq: 7, payload: ${payload} }));`,
      `  throwsWire(() => fromEnvelope({ type: ${jsStr(first.name)}, seq: -1, payload: ${payload} }), "invalid_value", "seq");`,
      `  throwsWire(() => fromEnvelope({ type: ${jsStr(first.name)}, seq: 1, payload: ${payload}, extra: 1 }), "invalid_value", "extra");`,
      `  throwsWire(() => fromJson(${jsStr(first.name)}, []), "invalid_value", ${jsStr(first.name)});`,
      "});",
    );
  }
  for (const { message: m, payload, cases: planned } of jsonPlan(model.spec, s)) {
    const cases = planned.map((c) => `    [${jsonLiteral(c.payload)}, ${outcomeLiteral(c.expected)}],`);
    lines.push(
      "",
      `test(${jsStr(`${m.name}: the sample round-trips`)}, () => {`,
      `  const payload = ${jsonLiteral(payload)};`,
      `  const message = fromJson(${jsStr(m.name)}, payload);`,
      `  assert.equal(message.NAME, ${jsStr(m.name)});`,
      "  assert.ok(sameJson(toJson(message), payload));",
      "  assert.ok(sameJson(parseJson(dumpJson(toJson(message))), payload));",
      "});",
      "",
      `test(${jsStr(`${m.name}: JSON values of every sort`)}, async (t) => {`,
      "  /** @type {[unknown, { ok: true } | { ok: false, code: string, path: string | undefined }][]} */",
      "  const cases = [",
      ...cases,
      "  ];",
      "  for (const [i, [payload, expected]] of cases.entries()) {",
      `    await t.test(\`case \${i}\`, () => assert.deepEqual(outcome(() => fromJson(${jsStr(m.name)}, payload)), expected));`,
      "  }",
      "});",
    );
  }
  const f = files.file("javascript/test/json.test.js", "javascript");
  f.preamble("// The JSON mapping against the reference codec's outcomes, and its fixed rules.");
  const js = symbols.javascript;
  for (const symbol of [js.defaultFrom("node:assert/strict", "assert"), js.from("node:test", "test"), js.from("../src/codec.js", "dumpJson"), js.from("../src/codec.js", "fromEnvelope"), js.from("../src/codec.js", "fromJson"), js.from("../src/codec.js", "parseJson"), js.from("../src/codec.js", "toEnvelope"), js.from("../src/codec.js", "toJson"), js.from("../src/messages.js", "MESSAGE_CLASSES"), js.from("../testing/errors.js", "outcome"), js.from("../testing/errors.js", "throwsWire"), js.from("../testing/vectors.js", "sameJson")]) f.addImport(symbol);
  f.print(lines.join("\n"));
}
