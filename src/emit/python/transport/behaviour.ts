// The default behaviour of a spec, read from the spec itself: shared by every
// target language (src/emit/transport-common/behaviour.ts).
export * from "../../transport-common/behaviour.js";
