// The transport tests of the generated project: tests/test_<transport>.py
// (loopback) and tests/test_robustness.py (abuse, after which the server
// still serves).
import type { FileSet } from "../../file-set.js";
import type { Behaviour } from "../../transport-common/behaviour.js";
import type { TransportContext } from "./context.js";
import { emitLoopbackTest } from "./test-loopback.js";
import { planTests } from "../../transport-common/test-plan.js";
import { emitRobustnessTest } from "./test-robustness.js";

export function emitTransportTests(files: FileSet, ctx: TransportContext, behaviour: Behaviour): void {
  const plan = planTests(ctx, behaviour);
  emitLoopbackTest(files, ctx, plan);
  emitRobustnessTest(files, ctx, plan);
}
