// test/json_test.cpp: the JSON mapping against the shared JSON plan
// (test-plans/json-plan.ts, the cases the other languages test too): each
// message's sample payload round-trips; per top-level field, JSON values of
// every sort, null and a missing key, and an unknown key, each with the
// reference's fromJson outcome; and the fixed rules (what is not JSON,
// envelopes, unknown names).
import { formatJson } from "../../../wire/index.js";
import type { FileSet } from "../../index.js";
import { jsonPlan } from "../../test-plans/json-plan.js";
import { referenceSamples, type Samples } from "../../test-plans/samples.js";
import { cppStr } from "../literals.js";
import type { CppModel } from "../model.js";
import { identifier, openTest, outcomeRow, testFile, uniqueNames } from "./syntax.js";

export function jsonTest(files: FileSet, model: CppModel, samples?: Samples): void {
  const { spec } = model;
  const s = samples ?? referenceSamples(spec);
  const f = testFile(files, "json_test.cpp");
  const text = (v: Parameters<typeof formatJson>[0]): string => cppStr(formatJson(v));
  f.doc(
    [
      `The JSON mapping of ${spec.protocol.name} (docs/wire-format.md section 9) against the reference codec's outcomes,`,
      "and its fixed rules: what is not JSON, envelopes, unknown names.",
    ].join("\n"),
  );
  openTest(f, model);
  f.print(`namespace ${model.ns} {`);
  f.print("namespace {");
  f.print();
  f.print("using testing_support::outcome_of;");
  f.print("using testing_support::OutcomeRow;");
  f.print("using testing_support::refused;");
  f.print();
  f.print(
    [
      "TEST(JsonRules, ParseRefusesWhatIsNotJsonAndKeepsNegativeZero) {",
      '  EXPECT_EQ(refused("invalid_value", ""), outcome_of([] { parse_json("NaN"); }));',
      '  EXPECT_EQ(refused("invalid_value", ""), outcome_of([] { parse_json("{\\"a\\": Infinity}"); }));',
      '  EXPECT_EQ(refused("invalid_value", ""), outcome_of([] { parse_json("{"); }));',
      '  EXPECT_EQ(refused("invalid_value", ""), outcome_of([] { parse_json("[1] 2"); }));',
      '  EXPECT_TRUE(same_json(parse_json("{\\"b\\": [1, \\"x\\", null, true], \\"a\\": 1e21}"), parse_json("{\\"a\\": 1E+21, \\"b\\": [1.0, \\"x\\", null, true]}")));',
      '  EXPECT_FALSE(same_json(parse_json("-0.0"), parse_json("0.0")));',
      '  EXPECT_TRUE(std::signbit(parse_json("-0").get<double>())) << "-0 keeps its sign";',
      '  EXPECT_TRUE(std::signbit(parse_json("[\\"-0\\", -0]")[1].get<double>()));',
      '  EXPECT_EQ("-0", parse_json("[\\"-0\\", -0]")[0].get<std::string>()) << "a string -0 stays a string";',
      '  EXPECT_EQ(1.0, parse_json("1e-0").get<double>());',
      '  EXPECT_EQ(refused("invalid_value", ""), outcome_of([] { parse_json("-01"); }));',
      "}",
      "",
      "TEST(JsonRules, UnknownMessageNamesAndNonObjectEnvelopes) {",
      '  EXPECT_EQ(refused("unknown_message", ""), outcome_of([] { from_json_text("NoSuchMessage", "{}"); }));',
      '  EXPECT_EQ(refused("invalid_value", ""), outcome_of([] { from_envelope_text("[]"); }));',
      '  EXPECT_EQ(refused("unknown_message", ""), outcome_of([] { from_envelope_text("{\\"type\\": \\"NoSuchMessage\\", \\"seq\\": 1, \\"payload\\": {}}"); }));',
      "}",
    ].join("\n"),
  );
  const first = spec.messages[0];
  if (first !== undefined) {
    const payload = s.json(first);
    const envelope = (seq: number, extra = false): string => text(extra ? { type: first.name, seq, payload, extra: 1 } : { type: first.name, seq, payload });
    f.print();
    f.print(
      [
        "TEST(JsonRules, Envelopes) {",
        `  Envelope read = from_envelope_text(${envelope(7)});`,
        "  EXPECT_EQ(7U, read.seq);",
        `  EXPECT_EQ(${cppStr(first.name)}, read.type());`,
        `  EXPECT_TRUE(std::holds_alternative<${model.typeName(first.name)}>(read.message));`,
        `  EXPECT_TRUE(same_json(parse_json(${envelope(7)}), to_envelope(read.message, 7)));`,
        `  EXPECT_EQ(refused("invalid_value", "seq"), outcome_of([] { from_envelope_text(${envelope(-1)}); }));`,
        `  EXPECT_EQ(refused("invalid_value", "extra"), outcome_of([] { from_envelope_text(${envelope(1, true)}); }));`,
        `  EXPECT_EQ(refused("invalid_value", ${cppStr(first.name)}), outcome_of([] { from_json_text(${cppStr(first.name)}, "[]"); }));`,
        "}",
      ].join("\n"),
    );
  }
  const plans = jsonPlan(spec, s);
  const names = uniqueNames();
  for (const plan of plans) {
    const m = plan.message;
    f.print();
    f.print(`TEST(JsonSamples, ${names(identifier([m.name, "RoundTrips"]))}) {`);
    f.print(`  std::string payload = ${text(plan.payload)};`);
    f.print(`  Message m = from_json_text(${cppStr(m.name)}, payload);`);
    f.print(`  EXPECT_TRUE(std::holds_alternative<${model.typeName(m.name)}>(m));`);
    f.print("  EXPECT_TRUE(same_json(parse_json(payload), to_json(m)));");
    f.print("  EXPECT_TRUE(same_json(parse_json(payload), parse_json(to_json_text(m))));");
    f.print("}");
  }
  f.print();
  f.print(
    [
      "/** One row of the plan: plain constants, so that hundreds of them compile fast. */",
      "struct JsonRow {",
      "  const char* name;",
      "  const char* message;",
      "  const char* payload;",
      "  OutcomeRow expected;",
      "};",
      "",
      "constexpr JsonRow kJsonRows[] = {",
    ].join("\n"),
  );
  let index = 0;
  for (const plan of plans) {
    plan.cases.forEach((c, i) => {
      f.print(`    {${cppStr(`n${index++}_${identifier([plan.message.name, "case", String(i)])}`)}, ${cppStr(plan.message.name)}, ${text(c.payload)}, ${outcomeRow(c.expected)}},`);
    });
  }
  f.print(
    [
      "};",
      "",
      "void PrintTo(const JsonRow& row, std::ostream* out) { *out << row.name; }",
      "",
      "class JsonPlan : public ::testing::TestWithParam<JsonRow> {};",
      "",
      "TEST_P(JsonPlan, FromJsonMatchesTheReference) {",
      "  const JsonRow& c = GetParam();",
      "  EXPECT_EQ(c.expected.outcome(), outcome_of([&] { from_json_text(c.message, c.payload); })) << c.payload;",
      "}",
      "",
      "INSTANTIATE_TEST_SUITE_P(Json, JsonPlan, ::testing::ValuesIn(kJsonRows),",
      "                         [](const ::testing::TestParamInfo<JsonRow>& info) { return std::string(info.param.name); });",
      "",
      "}  // namespace",
      `}  // namespace ${model.ns}`,
    ].join("\n"),
  );
  f.finish();
}
