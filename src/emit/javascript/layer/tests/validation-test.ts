// test/validation.test.js: per constrained value of every message (fields,
// struct fields, list items; test-plans/validation-plan.ts), a value just
// inside and just outside each bound, and per field values of the wrong
// type; each case expects what the reference codec does with the same value:
// validate() (the JSON mapping's checks) and encodeFrame() accept it, or
// refuse it with the same error code and path.
import type { Message } from "../../../../spec/model.js";
import type { WireObject, WireValue } from "../../../../wire/index.js";
import { symbols, type FileSet, type FileBuilder } from "../../../index.js";
import { code, list, type Expr } from "../../../transport-common/expr.js";
import { sampleExpr, type LiteralSyntax } from "../../../transport-common/sample-expr.js";
import { TransportSpecError } from "../../../transport-common/errors.js";
import { outcome } from "../../../test-plans/outcome.js";
import { referenceSamples, type Samples } from "../../../test-plans/samples.js";
import { validationPlan, type PathStep, type ValidationCase } from "../../../test-plans/validation-plan.js";
import { printExpr } from "../../transport/expr.js";
import { jsScalar } from "../../scalar-literal.js";
import { jsStr } from "../code.js";
import type { JsModel } from "../model.js";
import { jsonLiteral, outcomeLiteral, valueLiteral, wrongTypeVariants } from "./cases.js";

const js = symbols.javascript;

/** The generated classes' literals: `new Member({ ... })`, `UserStatus.ONLINE`. */
function literals(model: JsModel): LiteralSyntax {
  return {
    scalar: jsScalar,
    enumMember: (enumName, valueName) => code(js.from("../src/messages.js", model.className(enumName)), ".", model.member(enumName, valueName)),
    cls: (name) => js.from("../src/messages.js", model.className(name)),
    fieldName: (owner, field) => model.prop(owner, field),
  };
}

/** `[what, path, value, validated, encoded]`, one row of a test's table. */
const row = (what: string, path: readonly string[], value: Expr, c: Pick<ValidationCase, "validate" | "encode">): Expr =>
  list([code(jsStr(what)), code(`[${path.join(", ")}]`), value, code(outcomeLiteral(c.validate)), code(outcomeLiteral(c.encode))]);

function table(f: FileBuilder, title: string, base: string, rows: readonly Expr[]): void {
  f.print();
  f.print(`test(${jsStr(title)}, async (t) => {`);
  f.print(`  await checkCases(t, ${base}, [`);
  f.indent(() => f.indent(() => rows.forEach((r) => printExpr(f, 2, [], r, ","))));
  f.print("  ]);");
  f.print("});");
}

export function validationTest(files: FileSet, model: JsModel): void {
  const { spec } = model;
  const s = referenceSamples(spec);
  const syntax = literals(model);
  const types = { type: (name: string) => model.spec.types.find((t) => t.name === name) ?? missing(name) };
  const f = files.file("javascript/test/validation.test.js", "javascript");
  f.preamble("// Validation of every constrained value, and of values of the wrong type,\n// against the reference codec's outcomes (validate and encodeFrame).");
  for (const symbol of [
    js.from("node:test", "test"),
    js.from("../src/codec.js", "encodeFrame"),
    js.from("../src/codec.js", "fromJson"),
    js.from("../src/codec.js", "validate"),
    js.from("../testing/errors.js", "checkCases"),
  ]) {
    f.addImport(symbol);
  }
  const sampleOf = (m: Message): string => `fromJson(${jsStr(m.name)}, ${jsonLiteral(s.json(m))})`;
  validationPlan(spec, s).forEach((plan, i) => {
    const m = plan.message;
    if (i > 0) f.print();
    f.print(`test(${jsStr(`${m.name}: the sample validates and encodes`)}, () => {`);
    f.print(`  const message = ${sampleOf(m)};`);
    f.print("  validate(message);");
    f.print("  encodeFrame(message, 1);");
    f.print("});");
    for (const site of plan.sites) {
      const path = site.site.steps.map((step: PathStep) => (typeof step === "number" ? String(step) : jsStr(model.prop(step.owner, step.field))));
      const rows = site.cases.map((c) => row(c.what, path, sampleExpr(types, syntax, site.site.type, c.leaf), c));
      table(f, site.title, sampleOf(m), rows);
    }
    const wrong = wrongTypeRows(model, s, m, plan.sample);
    if (wrong.length > 0) table(f, `${m.name}: values of the wrong type`, sampleOf(m), wrong);
  });
}

function wrongTypeRows(model: JsModel, s: Samples, m: Message, sample: WireObject): Expr[] {
  return m.fields.flatMap((field) =>
    wrongTypeVariants(field).flatMap((v) => {
      const literal = valueLiteral(field.type, v);
      if (literal === undefined) return [];
      const changed: WireObject = { ...sample, [field.name]: v as WireValue };
      const c = {
        validate: outcome(() => s.codec.toJson(m.name, changed)),
        encode: outcome(() => s.codec.encodeFrame(m.name, changed, { seq: 1 })),
      };
      return [row(`${field.name} = ${literal}`, [jsStr(model.prop(m.name, field.name))], code(literal), c)];
    }),
  );
}

function missing(name: string): never {
  throw new TransportSpecError("no-type", `javascript tests: the spec declares no type ${name}`);
}
