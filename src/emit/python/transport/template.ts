// Printing fixed Python text with symbols in it: shared by every target
// language (src/emit/transport-common/template.ts).
export * from "../../transport-common/template.js";
