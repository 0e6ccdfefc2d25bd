// tests/test_robustness.py: a client that misbehaves (garbage, an oversized
// length, an invalid payload, a frame split across reads or cut off by a
// disconnect, a message before authentication, a flood over the rate limit)
// gets what the wire format says, and afterwards a fresh client still
// completes a request. One variant per transport.
import type { FileSet } from "../../file-set.js";
import type { Printable } from "../../symbols.js";
import { ERROR_CODE_TYPE } from "../../../spec/model.js";
import type { TransportContext } from "./context.js";
import { projectSymbols } from "./context.js";
import { printTemplate } from "../../transport-common/template.js";
import type { TestPlan } from "../../transport-common/test-plan.js";
import { httpRobustness } from "./test-robustness-http.js";
import { tcpRobustness } from "./test-robustness-tcp.js";
import { udpRobustness } from "./test-robustness-udp.js";
import { bindings, testFile } from "./test-support.js";


export function emitRobustnessTest(files: FileSet, ctx: TransportContext, plan: TestPlan): void {
  const f = testFile(files, "test_robustness", `Misbehaving ${ctx.spec.roles.initiator.name}s over ${ctx.transport.toUpperCase()}: after each, the server still serves a fresh client.`);
  const b: Record<string, Printable> = { ...bindings(ctx, plan) };
  const sym = projectSymbols(ctx, "tests");
  const codeField = plan.probe?.error?.fields.find((x) => x.type.kind === "enum" && x.type.name === ERROR_CODE_TYPE);
  if (plan.rateAnswerable && plan.probe?.error !== undefined && codeField !== undefined) {
    b["ErrorCode"] = sym.cls(ERROR_CODE_TYPE);
    b["code_field"] = ctx.attr(plan.probe.error.name, codeField.name);
    b["RATE_LIMITED"] = ctx.member(ERROR_CODE_TYPE, "rate_limited");
  }
  printTemplate(
    f,
    `
    TIMEOUT = 10.0
    """Upper bound of every wait, in seconds."""
    QUIET = 0.3
    """How long to listen for an answer that must not come."""
    FLOOD = 30
    """Messages sent at once to exceed the test server's rate limit (2 per second, bursts of 4)."""
    `,
    b,
  );
  f.print();
  f.print();
  if (plan.rateAnswerable && b["ErrorCode"] !== undefined) {
    printTemplate(
      f,
      `
      def is_rate_limited(message: «Optional»[«Message»]) -> bool:
          return isinstance(message, «ProbeError») and message.«code_field» == «ErrorCode».«RATE_LIMITED»
      `,
      b,
    );
    f.print();
    f.print();
  }
  if (ctx.transport !== "http") {
    printTemplate(
      f,
      `
      def header(flags: int, message_id: int, seq: int, length: int) -> bytes:
          """A frame header as it is, checked by nobody."""
          return «struct».pack(">2sBBHII", b"PF", «WIRE_VERSION», flags, message_id, seq, length)


      def with_trailing_byte(frame: bytes) -> bytes:
          """A complete frame whose payload has one byte too many: the header is sound, the payload is not."""
          length = int.from_bytes(frame[10:14], "big") + 1
          return frame[:10] + length.to_bytes(4, "big") + frame[14:] + b"\\x00"
      `,
      b,
    );
    f.print();
    f.print();
  }
  const printers = { tcp: tcpRobustness, udp: udpRobustness, http: httpRobustness } as const;
  printers[ctx.transport](f, ctx, plan, b);
}
