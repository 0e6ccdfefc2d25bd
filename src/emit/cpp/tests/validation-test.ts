// test/validation_test.cpp: the shared validation plan
// (test-plans/validation-plan.ts) printed for C++. Per message its sample (a
// function returning the reference's sample as designated initializers),
// then per constrained value — fields, struct fields, list items — a value
// just inside and just outside each bound, assigned at its place in a copy
// of the sample and expected to be accepted or refused as the reference's
// validation and encoding are (code and path; frame_too_large by code only).
// C++'s own wrong values (NaN and infinities, bytes that are not UTF-8, an
// enum value no enumerator has) come last, with the reference's outcome for
// the nearest value it has (a lone surrogate, an unknown enum name).
import type { Field, Message } from "../../../spec/model.js";
import type { WireObject, WireValue } from "../../../wire/index.js";
import type { FileBuilder, FileSet } from "../../index.js";
import { outcome } from "../../test-plans/outcome.js";
import { referenceSamples, type Samples } from "../../test-plans/samples.js";
import { validationPlan } from "../../test-plans/validation-plan.js";
import { cppStr } from "../literals.js";
import type { CppModel } from "../model.js";
import { identifier, openTest, outcomeCall, outcomeRow, printCppExpr, sampleExpr, siteLvalue, structExpr, testFile, uniqueNames } from "./syntax.js";

/** Values a C++ caller can put in the field that the wire type cannot carry: [what, C++ expression, the reference's nearest value]. */
function cppWrongValues(model: CppModel, field: Field): [string, string, WireValue][] {
  const t = field.type;
  if (t.kind === "float") {
    const type = t.bits === 32 ? "float" : "double";
    return [
      ["NaN", `std::numeric_limits<${type}>::quiet_NaN()`, Number.NaN],
      ["infinity", `std::numeric_limits<${type}>::infinity()`, Number.POSITIVE_INFINITY],
    ];
  }
  if (t.kind === "string") return [["bytes that are not UTF-8", cppStr("a\u00ff").replace("\\303\\277", "\\377"), "a\ud800"]];
  if (t.kind === "enum") {
    const values = new Set(model.enumDecl(t.name).values.map((v) => v.value));
    let n = 0;
    while (values.has(n)) n++;
    return [[`the undeclared value ${n}`, `static_cast<${model.typeName(t.name)}>(${n})`, "no such value"]];
  }
  return [];
}

/** Per message: the sample function `sample_<Message>()`. */
export const sampleFunction = (model: CppModel, name: string): string => `sample_${model.typeName(name)}`;

export function printSamples(f: FileBuilder, model: CppModel, samples: Samples, messages: readonly Message[]): void {
  for (const m of messages) {
    const cls = model.typeName(m.name);
    f.print();
    f.block(`${cls} ${sampleFunction(model, m.name)}() {`, () => printCppExpr(f, 1, ["return "], structExpr(model, m.name, samples.value(m)), ";"));
  }
}

export function validationTest(files: FileSet, model: CppModel, samples?: Samples): void {
  const { spec } = model;
  const s = samples ?? referenceSamples(spec);
  const f = testFile(files, "validation_test.cpp");
  const plans = validationPlan(spec, s);
  f.doc(
    [
      `Validation of ${spec.protocol.name}'s values: each constrained value just inside and just outside its bounds, and values C++ can hold that the wire type cannot carry.`,
      "",
      "Every expected outcome is what the reference codec (protoforge's TypeScript) does with the same value: its validation",
      "and its encoding accept it, or refuse it with the same error code and path. A message that validate() accepts is",
      "then encoded and decoded back, and read back from its JSON.",
    ].join("\n"),
  );
  openTest(f, model);
  f.print(`namespace ${model.ns} {`);
  f.print("namespace {");
  f.print();
  f.print("using testing_support::ok;");
  f.print("using testing_support::Outcome;");
  f.print("using testing_support::outcome_of;");
  f.print("using testing_support::OutcomeRow;");
  f.print("using testing_support::refused;");
  printSamples(f, model, s, plans.map((p) => p.message));
  f.print();
  f.doc("One value at one place of a message's sample, and what the reference says of the changed message.");
  f.print(
    [
      "struct Case {",
      "  const char* name;",
      "  Message (*build)();",
      "  OutcomeRow validate;",
      "  OutcomeRow encode;",
      "};",
      "",
      "void PrintTo(const Case& c, std::ostream* out) { *out << c.name; }",
      "",
    ].join("\n"),
  );
  f.print("constexpr Case kCases[] = {");
  f.indent(() => printCases(f, model, s, plans));
  f.print("};");
  f.print();
  f.print(
    [
      "class ValidationCase : public ::testing::TestWithParam<Case> {};",
      "",
      "TEST_P(ValidationCase, MatchesTheReference) {",
      "  const Case& c = GetParam();",
      "  Message m = c.build();",
      "  Outcome validated = outcome_of([&] { validate(m); });",
      "  EXPECT_EQ(c.validate.outcome(), validated);",
      "  if (!validated.ok) return;",
      "  Outcome encoded = outcome_of([&] { encode_frame(m, 1); });",
      '  if (c.encode.outcome().code == "frame_too_large") {',
      '    EXPECT_EQ("frame_too_large", encoded.code);',
      "  } else {",
      "    EXPECT_EQ(c.encode.outcome(), encoded);",
      "  }",
      "  if (encoded.ok) {",
      "    Frame back = decode_frame(encode_frame(m, 1));",
      "    ASSERT_TRUE(back.message.has_value());",
      '    EXPECT_TRUE(*back.message == m) << "the frame decodes back equal";',
      "  }",
      '  EXPECT_TRUE(from_json(message_name(m), to_json(m)) == m) << "the JSON payload reads back equal";',
      '  EXPECT_TRUE(from_json_text(message_name(m), to_json_text(m)) == m) << "the JSON text reads back equal";',
      "}",
      "",
      "INSTANTIATE_TEST_SUITE_P(Validation, ValidationCase, ::testing::ValuesIn(kCases),",
      "                         [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });",
    ].join("\n"),
  );
  const testName = uniqueNames();
  for (const plan of plans) {
    const m = plan.message;
    f.print();
    f.print(`TEST(ValidationSamples, ${testName(identifier([m.name, "IsAccepted"]))}) {`);
    f.print(`  Message m = ${sampleFunction(model, m.name)}();`);
    f.print("  EXPECT_EQ(ok(), outcome_of([&] { validate(m); }));");
    f.print(`  EXPECT_EQ(${outcomeCall(outcome(() => s.codec.encodeFrame(m.name, plan.sample, { seq: 1 })))}, outcome_of([&] { encode_frame(m, 1); }));`);
    f.print("}");
  }
  f.print();
  f.print("}  // namespace");
  f.print(`}  // namespace ${model.ns}`);
  f.finish();
}

function printCases(f: FileBuilder, model: CppModel, s: Samples, plans: ReturnType<typeof validationPlan>): void {
  const name = uniqueNames();
  const open = (label: string, sample: string): void => {
    f.print(`{${cppStr(name(label))}, []() -> Message {`);
    f.print(`   auto m = ${sample}();`);
  };
  const close = (validate: string, encode: string): void => {
    f.print("   return Message(std::move(m));");
    f.print(` }, ${validate}, ${encode}},`);
  };
  let index = 0;
  for (const plan of plans) {
    const m = plan.message;
    const sample = sampleFunction(model, m.name);
    for (const site of plan.sites) {
      f.print(`// ${site.title}`);
      for (const c of site.cases) {
        const lvalue = siteLvalue(model, "m", site.site.steps);
        open(`${index++}_${identifier([m.name, site.label, c.what])}`, sample);
        f.indent(() => printCppExpr(f, 2, [` ${lvalue} = `], sampleExpr(model, site.site.type, c.leaf), ";"));
        close(outcomeRow(c.validate), outcomeRow(c.encode));
      }
    }
    const wrong = wrongCases(model, s, m, plan.sample);
    if (wrong.length > 0) f.print(`// ${m.name}: values C++ can hold that the wire types cannot carry`);
    for (const w of wrong) {
      open(`${index++}_${identifier([m.name, w.field, w.what])}`, sample);
      f.print(`   ${siteLvalue(model, "m", [{ owner: m.name, field: w.field }])} = ${w.expr};`);
      close(outcomeRow(w.validate), outcomeRow(w.encode));
    }
  }
}

interface WrongCase {
  readonly field: string;
  readonly what: string;
  readonly expr: string;
  readonly validate: ReturnType<typeof outcome>;
  readonly encode: ReturnType<typeof outcome>;
}

function wrongCases(model: CppModel, s: Samples, m: Message, sample: WireObject): WrongCase[] {
  const out: WrongCase[] = [];
  for (const field of m.fields) {
    for (const [what, expr, value] of cppWrongValues(model, field)) {
      const changed: Record<string, WireValue> = { ...(sample as Record<string, WireValue>), [field.name]: value };
      out.push({
        field: field.name,
        what,
        expr,
        validate: outcome(() => s.codec.toJson(m.name, changed)),
        encode: outcome(() => s.codec.encodeFrame(m.name, changed, { seq: 1 })),
      });
    }
  }
  return out;
}
