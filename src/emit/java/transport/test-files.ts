// The transport tests of the generated Java project, printed from the plan
// every language shares (transport-common/test-plan.ts): <Transport>Test.java
// (loopback), RobustnessTest.java (abuse, after which the server still
// serves; TCP) and their helpers TransportTesting.java and RawStream.java.
import type { FileSet } from "../../index.js";
import type { Behaviour } from "../../transport-common/behaviour.js";
import { demoAnswers } from "../../transport-common/demo-answers.js";
import { planTests } from "../../transport-common/test-plan.js";
import type { JavaView } from "./handlers-builder.js";
import { emitLoopbackTest } from "./test-loopback.js";
import { emitRobustnessTest } from "./test-robustness.js";
import { emitTestingHelper } from "./test-support.js";

export function emitTransportTests(files: FileSet, view: JavaView, behaviour: Behaviour): void {
  const flowPlan = planTests(view, behaviour);
  const plan = { ...flowPlan, answers: demoAnswers(view, behaviour, flowPlan.answers) };
  emitTestingHelper(files, view, plan);
  emitLoopbackTest(files, view, plan);
  emitRobustnessTest(files, view, plan);
}
