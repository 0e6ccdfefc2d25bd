// test/tcp_robustness_test.cpp in a TCP project, as Java's RobustnessTest
// over TCP (test-robustness.ts): a client that misbehaves — garbage, an
// oversized length, a frame of message id 0, a frame split into single bytes
// or cut off by a disconnect, an invalid payload, a message before the probe,
// a flood over the rate limit — gets what docs/wire-format.md 10.4 says, and
// afterwards a fresh client still completes the probe. The server runs with
// a rate limit of 2 per second, bursts of 4.
import { ERROR_CODE_TYPE } from "../../../spec/model.js";
import type { FileSet } from "../../index.js";
import { analyse } from "../../transport-common/behaviour.js";
import { createSpecView } from "../../transport-common/context.js";
import { planTests } from "../../transport-common/test-plan.js";
import type { CppModel } from "../model.js";

export const TCP_ROBUSTNESS_TEST = "test/tcp_robustness_test.cpp";

export function tcpRobustnessTests(files: FileSet, model: CppModel): string[] {
  const view = createSpecView(model.spec, { transport: "tcp" }, "cpp");
  const behaviour = analyse(view);
  const plan = planTests(view, behaviour);
  const probe = plan.probe;
  if (probe === undefined) return [];
  const { ns } = model;
  const T = (name: string): string => model.typeName(name);
  const f = files.file(`cpp/${TCP_ROBUSTNESS_TEST}`, "cpp");
  f.print("#include <gtest/gtest.h>");
  f.print();
  for (const h of ["chrono", "cstdint", "optional", "string", "vector"]) f.print(`#include <${h}>`);
  f.print();
  f.print('#include "tcp_test_support.hpp"');
  f.print();
  f.print(`using namespace ${ns};`);
  f.print(`using namespace ${ns}::tcp_test;`);
  f.print();
  f.print("namespace {");
  f.print();
  f.doc("Messages sent at once to exceed the test server's rate limit (2 per second, bursts of 4).");
  f.print("constexpr int kFlood = 30;");
  f.print();
  f.doc("A server with the probe's handlers and a rate limit of 2 per second, bursts of 4.");
  f.block("class Robustness : public ::testing::Test {", () => {
    f.print(" protected:");
    f.block("Robustness() : server_(handlers_, limited()) {", () => f.print('port_ = server_.start("127.0.0.1", 0);'));
    f.block("static ServerOptions limited() {", () => {
      f.print("auto options = ServerOptions::defaults();");
      f.print("options.rate_limit.emplace(2.0, 4);");
      f.print("return options;");
    });
    f.print("ProbeHandlers handlers_;");
    f.print("TcpServer server_;");
    f.print("std::uint16_t port_ = 0;");
  }, "};");
  f.print();
  f.print("}  // namespace");
  const test = (name: string, body: string): void => {
    f.print();
    f.block(`TEST_F(Robustness, ${name}) {`, () => {
      for (const line of body.trim().split("\n")) f.print(line.replace(/^ {6}/, ""));
    });
  };
  test(
    "GarbageClosesThatConnectionOnly",
    `
      {
        RawStream raw(port_);
        const std::string text = "this is not a frame, not even a header";
        raw.send(Bytes(text.begin(), text.end()));
        EXPECT_TRUE(raw.closed_by_server());
      }
      assert_serves(port_);`,
  );
  test(
    "AnOversizedLengthIsRefusedBeforeTheBodyArrives",
    `
      {
        RawStream raw(port_);
        raw.send(RawStream::header(0, 1, 1, static_cast<std::uint32_t>(kMaxFrameBytes - kHeaderBytes + 1)));
        EXPECT_TRUE(raw.closed_by_server());
      }
      assert_serves(port_);`,
  );
  test(
    "AFrameWithMessageIdZeroAndNoControlFlagClosesThatConnectionOnly",
    `
      {
        RawStream raw(port_);
        raw.send(RawStream::header(0, 0, 1, 0));
        EXPECT_TRUE(raw.closed_by_server());
      }
      assert_serves(port_);`,
  );
  test(
    "FramesSplitAcrossReadsArePutBackTogether",
    `
      RawStream raw(port_);
      for (const std::uint8_t octet : encode_frame(make_probe(), 1)) raw.send(Bytes{octet});
      const auto frame = raw.frame();
      ASSERT_TRUE(frame.has_value());
      ASSERT_TRUE(frame->message.has_value());
      EXPECT_TRUE(std::holds_alternative<${T(probe.ok.name)}>(*frame->message));
      EXPECT_EQ(frame->seq, 1u);`,
  );
  test(
    "AnAbruptDisconnectMidFrameLeavesTheServerServing",
    `
      const Bytes frame = encode_frame(make_probe(), 1);
      {
        RawStream raw(port_);
        raw.send(Bytes(frame.begin(), frame.begin() + static_cast<std::ptrdiff_t>(frame.size() / 2)));
        raw.abort();
      }
      assert_serves(port_);
      {
        RawStream again(port_);
        again.send(Bytes(frame.begin(), frame.begin() + 5));
      }
      assert_serves(port_);`,
  );
  const refusal = (error: string, read = "raw.frame()"): string =>
    [
      `const auto refusal = ${read};`,
      "ASSERT_TRUE(refusal.has_value());",
      "ASSERT_TRUE(refusal->message.has_value());",
      `EXPECT_TRUE(std::holds_alternative<${T(error)}>(*refusal->message)) << describe(*refusal->message);`,
      "EXPECT_EQ(refusal->seq, 1u);",
      "EXPECT_TRUE(refusal->is_response());  // over TCP the refusal is an answer",
    ]
      .map((l) => `        ${l}`)
      .join("\n");
  test(
    "AnInvalidPayloadIsRefusedAndTheConnectionGoesOn",
    `
      {
        RawStream raw(port_);
        raw.send(RawStream::with_trailing_byte(encode_frame(make_probe(), 1)));
${probe.error !== undefined ? refusal(probe.error.name) : ""}
        raw.send(encode_frame(make_probe(), 2));
        const auto answer = raw.frame();
        ASSERT_TRUE(answer.has_value());
        ASSERT_TRUE(answer->message.has_value());
        EXPECT_TRUE(std::holds_alternative<${T(probe.ok.name)}>(*answer->message)) << describe(*answer->message);
        EXPECT_EQ(answer->seq, 2u);
      }
      assert_serves(port_);`,
  );
  if (plan.second !== undefined) {
    const second = plan.second;
    test(
      "AMessageOutOfOrderIsRefused",
      `
      // ${second.name} before ${probe.request.name}: refused by authentication or the role machine.
      {
        RawStream raw(port_);
        raw.send(encode_frame(make_second(), 1));
${second.error !== undefined ? refusal(second.error) : "        EXPECT_TRUE(raw.closed_by_server());"}
      }
      assert_serves(port_);`,
    );
  }
  if (plan.rateLimited) {
    const error = probe.error;
    const codeField = error?.fields.find((x) => x.type.kind === "enum" && x.type.name === ERROR_CODE_TYPE);
    const rate = behaviour.codes.get("rate_limited");
    const answerable = plan.rateAnswerable && error !== undefined && codeField !== undefined && rate !== undefined;
    const check =
      answerable && error !== undefined && codeField !== undefined && rate !== undefined
        ? [
            "bool limited = false;",
            "for (const auto& m : answers) {",
            `  if (const auto* e = std::get_if<${T(error.name)}>(&m)) limited = limited || e->${model.member(error.name, codeField.name)} == ${model.typeName(ERROR_CODE_TYPE)}::${model.enumerator(ERROR_CODE_TYPE, rate)};`,
            "}",
            "EXPECT_TRUE(limited) << answers.size() << \" answers, none rate_limited\";",
          ]
        : ['EXPECT_LT(answers.size(), static_cast<std::size_t>(kFlood)) << "the server closed the connection";'];
    test(
      "AFloodOverTheRateLimitIsRefused",
      `
      {
        RawStream raw(port_);
        raw.send(encode_frame(make_probe(), 1));
        const auto first = raw.frame();
        ASSERT_TRUE(first.has_value() && first->message.has_value());
        EXPECT_TRUE(std::holds_alternative<${T(probe.ok.name)}>(*first->message));
        Bytes flood;
        for (int i = 0; i < kFlood; ++i) {
          const Bytes frame = encode_frame(make_probe(), static_cast<std::uint32_t>(2 + i));
          flood.insert(flood.end(), frame.begin(), frame.end());
        }
        raw.send(flood);
        std::vector<Message> answers;
        while (answers.size() < static_cast<std::size_t>(kFlood)) {
          auto frame = raw.frame();
          if (!frame || !frame->message) break;
          answers.push_back(std::move(*frame->message));
        }
${check.map((l) => `        ${l}`).join("\n")}
      }
      assert_serves(port_);`,
    );
  }
  f.finish();
  return [TCP_ROBUSTNESS_TEST];
}
