// test/validation.test.js: per message, its sample validates and encodes;
// per top-level field, values just inside and outside each constraint and
// values of wrong types, each with the outcome the reference codec gives
// (encodeFrame: code and path; validate agrees except on the frame size).
import type { WireObject, WireValue } from "../../../../wire/index.js";
import { symbols, type FileSet } from "../../../index.js";
import { jsStr } from "../code.js";
import type { JsModel } from "../model.js";
import { fieldVariants, jsonLiteral, outcome, outcomeLiteral, samples, valueLiteral } from "./cases.js";

export function validationTest(files: FileSet, model: JsModel): void {
  const s = samples(model.spec);
  const lines: string[] = [];
  for (const m of model.spec.messages) {
    const sample = s.value(m);
    const payload = s.json(m);
    const cases: string[] = [];
    for (const f of m.fields) {
      for (const v of fieldVariants(f, sample[f.name])) {
        const literal = valueLiteral(f.type, v);
        if (literal === undefined) continue;
        const mutated: WireObject = { ...sample, [f.name]: v as WireValue };
        const expected = outcome(() => s.codec.encodeFrame(m.name, mutated, { seq: 1 }));
        cases.push(`  [${jsStr(model.prop(m.name, f.name))}, ${literal}, ${outcomeLiteral(expected)}],`);
      }
    }
    lines.push(
      "",
      `test(${jsStr(`${m.name}: the sample validates and encodes`)}, () => {`,
      `  const message = fromJson(${jsStr(m.name)}, ${jsonLiteral(payload)});`,
      "  validate(message);",
      "  assert.ok(encodeFrame(message, 1).length >= 14);",
      "});",
    );
    if (cases.length === 0) continue;
    lines.push(
      "",
      `test(${jsStr(`${m.name}: constraints and types`)}, async (t) => {`,
      `  const base = fromJson(${jsStr(m.name)}, ${jsonLiteral(payload)});`,
      "  /** @type {[string, unknown, { ok: true } | { ok: false, code: string, path: string | undefined }][]} */",
      "  const cases = [",
      ...cases.map((c) => `  ${c}`),
      "  ];",
      "  for (const [i, [prop, value, expected]] of cases.entries()) {",
      "    await t.test(`${prop} #${i}`, () => {",
      "      const message = withField(base, prop, value);",
      "      assert.deepEqual(outcome(() => encodeFrame(message, 1)), expected);",
      '      const checked = outcome(() => validate(message));',
      '      if (expected.ok || expected.code !== "frame_too_large") assert.deepEqual(checked, expected);',
      "    });",
      "  }",
      "});",
    );
  }
  const f = files.file("javascript/test/validation.test.js", "javascript");
  f.preamble("// Validation of every constrained field against the reference codec's outcomes.");
  const js = symbols.javascript;
  for (const symbol of [
    js.defaultFrom("node:assert/strict", "assert"),
    js.from("node:test", "test"),
    js.from("../src/codec.js", "encodeFrame"),
    js.from("../src/codec.js", "fromJson"),
    js.from("../src/codec.js", "validate"),
    js.from("../testing/errors.js", "outcome"),
    js.from("../testing/errors.js", "withField"),
  ]) {
    f.addImport(symbol);
  }
  f.print(lines.join("\n"));
}
