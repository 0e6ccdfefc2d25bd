// The transport tests of the generated project: test/<transport>.test.js
// (loopback), test/robustness.test.js (abuse, after which the server still
// serves) and their helpers in testing/ (probe.js, raw.js).
import type { FileSet } from "../../file-set.js";
import type { Behaviour } from "../../transport-common/behaviour.js";
import { planTests } from "../../transport-common/test-plan.js";
import { demoAnswers } from "../behaviour/demo-answers.js";
import type { JsTransportContext } from "./context.js";
import { emitLoopbackTest } from "./test-loopback.js";
import { emitRawHelper } from "./test-raw.js";
import { emitRobustnessTest } from "./test-robustness.js";
import { emitProbeHelper } from "./test-support.js";

export function emitTransportTests(files: FileSet, ctx: JsTransportContext, behaviour: Behaviour): void {
  const flowPlan = planTests(ctx, behaviour);
  const plan = { ...flowPlan, answers: demoAnswers(ctx, behaviour, flowPlan.answers) };
  emitProbeHelper(files, ctx, plan);
  emitRawHelper(files, ctx, plan);
  emitLoopbackTest(files, ctx, plan);
  emitRobustnessTest(files, ctx, plan);
}
