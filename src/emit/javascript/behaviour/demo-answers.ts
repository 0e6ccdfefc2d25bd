// The demo's answers under the behaviour section: shared with Java (transport-common/demo-answers.ts).
export { demoAnswers, freshIdentities } from "../../transport-common/demo-answers.js";
