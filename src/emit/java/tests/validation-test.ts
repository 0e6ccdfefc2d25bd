// ValidationTest.java: the shared validation plan (test-plans/validation-plan.ts)
// printed for Java. Per message its sample (the shared sample walk with
// positional record constructors), then per constrained value — fields,
// struct fields, list items — a value just inside and just outside each
// bound, put into the sample with Changes.withValue and expected to be
// accepted or refused as the reference's validation and encoding are (code
// and path; frame_too_large by code only). Java's own wrong values (null in a
// required component, an integer beyond its wire type in a wider Java type,
// NaN, a lone surrogate) come last, with the reference's outcome too.
import type { Field, Message } from "../../../spec/model.js";
import type { WireObject, WireValue } from "../../../wire/index.js";
import { integerRange } from "../../../wire/scalar-rules.js";
import { symbols, type FileSet } from "../../index.js";
import { outcome } from "../../test-plans/outcome.js";
import { referenceSamples, type Samples } from "../../test-plans/samples.js";
import { validationPlan, type PathStep } from "../../test-plans/validation-plan.js";
import { sampleCall, sampleExpr } from "../../transport-common/sample-expr.js";
import { javaStr } from "../literals.js";
import type { JavaModel } from "../model.js";
import { constantName, javaLiterals, methodName, methodNames, outcomeCall, printJavaExpr, testFile, typeLookup } from "./syntax.js";

/** A step of Changes.withValue: the component, `component=field` when the spec's name differs, or an index. */
function stepLiteral(model: JavaModel, step: PathStep): string {
  if (typeof step === "number") return String(step);
  const component = model.component(step.owner, step.field);
  return javaStr(component === step.field ? component : `${component}=${step.field}`);
}

/** Values a Java caller can pass that the field's wire type cannot carry, each as [what, Java literal, the reference's value]. */
function javaWrongValues(field: Field): [string, string, WireValue | undefined][] {
  const t = field.type;
  const out: [string, string, WireValue | undefined][] = [];
  if (!field.optional && !/^(bool|int|float|timestamp)$/.test(t.kind)) out.push(["null", "null", undefined]);
  if (t.kind === "int" && !(t.bits === 64 || (t.bits === 32 && t.signed))) {
    const [lo, hi] = integerRange(t);
    const lit = (n: bigint): string => (t.bits === 32 ? `${n}L` : String(n));
    out.push([`${hi + 1n}`, lit(hi + 1n), Number(hi + 1n)]);
    if (lo === 0n || t.bits < 32) out.push([`${lo - 1n}`, lit(lo - 1n), Number(lo - 1n)]);
  }
  if (t.kind === "float") out.push(["NaN", t.bits === 32 ? "Float.NaN" : "Double.NaN", Number.NaN], ["infinity", t.bits === 32 ? "Float.POSITIVE_INFINITY" : "Double.POSITIVE_INFINITY", Number.POSITIVE_INFINITY]);
  if (t.kind === "string") out.push(["a lone surrogate", javaStr("\ud800"), "\ud800"]);
  return out;
}

export function validationTest(files: FileSet, model: JavaModel, samples?: Samples): void {
  const { spec } = model;
  const s = samples ?? referenceSamples(spec);
  const syntax = javaLiterals(model);
  const types = typeLookup(spec);
  const f = testFile(files, model, "ValidationTest");
  const j = symbols.java;
  for (const symbol of [
    j.type("java.util.List"),
    j.type("org.junit.jupiter.api.DynamicTest"),
    j.type("org.junit.jupiter.api.Test"),
    j.type("org.junit.jupiter.api.TestFactory"),
    j.staticMember(`${model.pkg}.Changes.check`),
    j.staticMember(`${model.pkg}.Changes.accepted`),
    j.staticMember(`${model.pkg}.Changes.ok`),
    j.staticMember(`${model.pkg}.Changes.refused`),
  ]) {
    f.addImport(symbol);
  }
  const plans = validationPlan(spec, s);
  const name = methodNames();
  f.doc(
    [
      `Validation of ${spec.protocol.name}'s values: each constrained value just inside and just outside its bounds, and values Java can pass that the wire type cannot carry.`,
      "",
      "Every expected outcome is what the reference codec (protoforge's TypeScript) does with the same value: its validation",
      "and its encoding accept it, or refuse it with the same error code and path. Here validating is building the record",
      "(Changes.withValue); a message that builds is then encoded, and read back from its JSON.",
    ].join("\n"),
  );
  f.block("class ValidationTest {", () => {
    plans.forEach((plan, i) => {
      const cls = model.className(plan.message.name);
      if (i > 0) f.print();
      printJavaExpr(f, 1, [`private static final ${cls} ${constantName(cls)} = `], sampleCall(types, syntax, plan.message.name, plan.message.fields, plan.sample), ";");
    });
    for (const plan of plans) {
      const m = plan.message;
      const cls = model.className(m.name);
      const sample = constantName(cls);
      f.print();
      f.print("@Test");
      f.block(`void ${name(methodName([cls, "sampleIsAccepted"]))}() {`, () => {
        f.print(`accepted(${sample}, ${outcomeCall(outcome(() => s.codec.encodeFrame(m.name, plan.sample, { seq: 1 })))});`);
      });
      for (const site of plan.sites) {
        f.print();
        f.doc(`${site.title}.`);
        f.print("@TestFactory");
        f.block(`List<DynamicTest> ${name(methodName([cls, site.label]))}() {`, () => {
          f.print(`Object[] at = {${site.site.steps.map((step) => stepLiteral(model, step)).join(", ")}};`);
          f.print("return List.of(");
          f.indent(() =>
            site.cases.forEach((c, k) => {
              const leaf = sampleExpr(types, syntax, site.site.type, c.leaf);
              const last = k === site.cases.length - 1;
              printJavaExpr(f, 3, [`check(${javaStr(c.what)}, ${sample}, at, `], leaf, `, ${outcomeCall(c.validate)}, ${outcomeCall(c.encode)})${last ? "" : ","}`);
            }),
          );
          f.print(");");
        });
      }
      wrongValues(f, model, s, m, plan.sample, name);
    }
  });
  f.finish();
}

function wrongValues(f: ReturnType<typeof testFile>, model: JavaModel, s: Samples, m: Message, sample: WireObject, name: (base: string) => string): void {
  const cls = model.className(m.name);
  const lines: string[] = [];
  for (const field of m.fields) {
    for (const [what, literal, value] of javaWrongValues(field)) {
      const changed: Record<string, WireValue> = { ...(sample as Record<string, WireValue>) };
      if (value === undefined) delete changed[field.name];
      else changed[field.name] = value;
      const validate = outcome(() => s.codec.toJson(m.name, changed));
      const encode = outcome(() => s.codec.encodeFrame(m.name, changed, { seq: 1 }));
      const step = stepLiteral(model, { owner: m.name, field: field.name });
      lines.push(`check(${javaStr(`${field.name} = ${what}`)}, ${constantName(cls)}, new Object[] {${step}}, ${literal}, ${outcomeCall(validate)}, ${outcomeCall(encode)})`);
    }
  }
  if (lines.length === 0) return;
  f.print();
  f.doc(`Values Java can pass to ${cls} that the wire types cannot carry.`);
  f.print("@TestFactory");
  f.block(`List<DynamicTest> ${name(methodName([cls, "javaValuesOutsideTheWireTypes"]))}() {`, () => {
    f.print("return List.of(");
    f.indent(() => lines.forEach((l, i) => f.print(`${l}${i === lines.length - 1 ? "" : ","}`)));
    f.print(");");
  });
}
