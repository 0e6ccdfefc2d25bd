// The model layer: configuration, chat models, structured questions, token
// accounting and prompts. See docs/models.md.
export * from "./answer-schemas.js";
export * from "./ask-structured.js";
export * from "./ask-text.js";
export * from "./cassette-errors.js";
export * from "./cassette-file.js";
export * from "./cassette-format.js";
export * from "./cassette-key.js";
export * from "./cassette-record.js";
export * from "./cassette-replay.js";
export * from "./chat-model.js";
export * from "./config-file.js";
export * from "./errors.js";
export * from "./invoke-model.js";
export * from "./json-extract.js";
export * from "./load-model-config.js";
export * from "./message-usage.js";
export * from "./model-config.js";
export * from "./model-spec.js";
export { packageRoot } from "../package-root.js";
export * from "./prompt-messages.js";
export * from "./prompt-set.js";
export * from "./render-prompt.js";
export * from "./structured-prompt.js";
export * from "./usage-ledger.js";
