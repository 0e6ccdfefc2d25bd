// What the generated transport tests exercise, chosen from the spec: shared
// by every target language (src/emit/transport-common/test-plan.ts).
export * from "../../transport-common/test-plan.js";
