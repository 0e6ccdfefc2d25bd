// Realistic sample values for demos and default handlers: shared by every
// target language (src/emit/transport-common/samples.ts).
export * from "../../transport-common/samples.js";
