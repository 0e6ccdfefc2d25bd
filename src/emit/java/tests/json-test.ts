// JsonTest.java: the JSON mapping against the shared JSON plan
// (test-plans/json-plan.ts, the cases the JavaScript layer tests too): each
// message's sample payload round-trips; per top-level field, JSON values of
// every sort, null and a missing key, and an unknown key, each with the
// reference's fromJson outcome; and the fixed rules (parsing, envelopes).
import { formatJson } from "../../../wire/index.js";
import { symbols, type FileSet } from "../../index.js";
import { jsonPlan } from "../../test-plans/json-plan.js";
import { referenceSamples, type Samples } from "../../test-plans/samples.js";
import { javaStr } from "../literals.js";
import type { JavaModel } from "../model.js";
import { methodName, methodNames, outcomeCall, testFile } from "./syntax.js";

export function jsonTest(files: FileSet, model: JavaModel, samples?: Samples): void {
  const { spec } = model;
  const s = samples ?? referenceSamples(spec);
  const f = testFile(files, model, "JsonTest");
  const j = symbols.java;
  for (const symbol of [
    j.type("com.fasterxml.jackson.databind.JsonNode"),
    j.type("java.util.List"),
    j.type("org.junit.jupiter.api.DynamicTest"),
    j.type("org.junit.jupiter.api.Test"),
    j.type("org.junit.jupiter.api.TestFactory"),
    j.staticMember("org.junit.jupiter.api.Assertions.assertEquals"),
    j.staticMember("org.junit.jupiter.api.Assertions.assertTrue"),
    j.staticMember(`${model.pkg}.Changes.json`),
    j.staticMember(`${model.pkg}.Changes.ok`),
    j.staticMember(`${model.pkg}.Changes.refused`),
    j.staticMember(`${model.pkg}.Changes.refusedWith`),
  ]) {
    f.addImport(symbol);
  }
  const name = methodNames();
  const text = (v: Parameters<typeof formatJson>[0]): string => javaStr(formatJson(v));
  f.doc(
    [
      `The JSON mapping of ${spec.protocol.name} (docs/wire-format.md section 9) against the reference codec's outcomes,`,
      "and its fixed rules: what is not JSON, negative zero, envelopes, unknown names.",
    ].join("\n"),
  );
  f.block("class JsonTest {", () => {
    f.print("@Test");
    f.block(`void ${name("parseJsonRefusesWhatIsNotJsonAndKeepsNegativeZero")}() {`, () => {
      f.print(
        [
          'refusedWith("invalid_value", null, () -> Codec.parseJson("NaN"));',
          'refusedWith("invalid_value", null, () -> Codec.parseJson("{\\"a\\": Infinity}"));',
          'refusedWith("invalid_value", null, () -> Codec.parseJson("{"));',
          'refusedWith("invalid_value", null, () -> Codec.parseJson("[1] 2"));',
          'JsonNode zero = Codec.parseJson("-0");',
          "assertEquals(0, Double.compare(-0.0, zero.doubleValue()));",
          'assertTrue(Codec.sameJson(Codec.parseJson("{\\"b\\": [1, \\"x\\", null, true], \\"a\\": 1e21}"), Codec.parseJson("{\\"a\\": 1E+21, \\"b\\": [1.0, \\"x\\", null, true]}")));',
        ].join("\n"),
      );
    });
    f.print();
    f.print("@Test");
    f.block(`void ${name("unknownMessageNamesAndNonObjectEnvelopes")}() {`, () => {
      f.print(
        [
          'refusedWith("unknown_message", null, () -> Codec.fromJson("NoSuchMessage", "{}"));',
          'refusedWith("invalid_value", null, () -> Codec.fromEnvelope("[]"));',
          'refusedWith("unknown_message", null, () -> Codec.fromEnvelope("{\\"type\\": \\"NoSuchMessage\\", \\"seq\\": 1, \\"payload\\": {}}"));',
        ].join("\n"),
      );
    });
    const first = spec.messages[0];
    if (first !== undefined) {
      const payload = s.json(first);
      const envelope = (seq: number, extra = false): string => text(extra ? { type: first.name, seq, payload, extra: 1 } : { type: first.name, seq, payload });
      f.print();
      f.print("@Test");
      f.block(`void ${name("envelopes")}() {`, () => {
        f.print(
          [
            `Envelope read = Codec.fromEnvelope(${envelope(7)});`,
            "assertEquals(7L, read.seq());",
            `assertEquals(${javaStr(first.name)}, read.type());`,
            `assertTrue(read.message() instanceof ${model.className(first.name)});`,
            `assertTrue(Codec.sameJson(Codec.parseJson(${envelope(7)}), Codec.toEnvelope(read.message(), 7)));`,
            `refusedWith("invalid_value", "seq", () -> Codec.fromEnvelope(${envelope(-1)}));`,
            `refusedWith("invalid_value", "extra", () -> Codec.fromEnvelope(${envelope(1, true)}));`,
            `refusedWith("invalid_value", ${javaStr(first.name)}, () -> Codec.fromJson(${javaStr(first.name)}, "[]"));`,
          ].join("\n"),
        );
      });
    }
    for (const plan of jsonPlan(spec, s)) {
      const m = plan.message;
      const cls = model.className(m.name);
      f.print();
      f.print("@Test");
      f.block(`void ${name(methodName([cls, "sampleRoundTrips"]))}() {`, () => {
        f.print(`String payload = ${text(plan.payload)};`);
        f.print(`Message message = Codec.fromJson(${javaStr(m.name)}, payload);`);
        f.print(`assertTrue(message instanceof ${cls});`);
        f.print("assertTrue(Codec.sameJson(Codec.parseJson(payload), Codec.toJson(message)));");
        f.print("assertTrue(Codec.sameJson(Codec.parseJson(payload), Codec.parseJson(Codec.toJsonText(message))));");
      });
      f.print();
      f.print("@TestFactory");
      f.block(`List<DynamicTest> ${name(methodName([cls, "jsonValuesOfEverySort"]))}() {`, () => {
        f.print("return List.of(");
        f.indent(() =>
          plan.cases.forEach((c, i) => {
            f.print(`json(${javaStr(`case ${i}`)}, ${javaStr(m.name)}, ${text(c.payload)}, ${outcomeCall(c.expected)})${i === plan.cases.length - 1 ? "" : ","}`);
          }),
        );
        f.print(");");
      });
    }
  });
  f.finish();
}
