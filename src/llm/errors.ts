// Errors of the model layer, as data: a stable code and the fields a caller
// needs to explain what went wrong (which file and key, which variable to
// set, which agent asked, what the model answered).

export type ModelConfigErrorCode =
  | "bad-model-spec" // --model foo: neither `offline` nor `openai:MODEL`
  | "missing-api-key" // openai without OPENAI_API_KEY (or the variable named by apiKeyEnv)
  | "missing-model" // a base URL was configured but no model to ask for
  | "bad-base-url" // not an http(s) URL
  | "bad-config-file" // a config file that is not valid JSON/YAML or not an object
  | "unknown-config-key" // a key a config file may not hold
  | "invalid-config-value" // a known key with a value of the wrong shape
  | "ambiguous-config"; // protoforge.config.json and protoforge.config.yaml side by side

export class ModelConfigError extends Error {
  override readonly name = "ModelConfigError";
  constructor(
    readonly code: ModelConfigErrorCode,
    message: string,
    readonly details: {
      /** The config file concerned. */
      readonly file?: string;
      /** The key (dotted path) in that file. */
      readonly key?: string;
      /** The environment variable the user should set. */
      readonly variable?: string;
      /** Where the offending value came from: `flag --model`, `env PROTOFORGE_MODEL`, a file path. */
      readonly source?: string;
    } = {},
  ) {
    super(message);
  }
}

export type ModelCallErrorCode = "model-call-failed" | "model-timeout";

/** The endpoint could not be reached or answered with an error, after the client's own retries. */
export class ModelCallError extends Error {
  override readonly name = "ModelCallError";
  constructor(
    readonly code: ModelCallErrorCode,
    message: string,
    readonly agent: string,
    readonly round: number,
    /** The HTTP status, when the endpoint answered. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Every attempt of askStructured produced an answer that did not validate. */
export class StructuredOutputError extends Error {
  override readonly name = "StructuredOutputError";
  readonly code = "invalid-structured-output";
  constructor(
    message: string,
    readonly agent: string,
    readonly round: number,
    readonly attempts: number,
    /** The problem with the last answer, as it was shown to the model. */
    readonly lastError: string,
    /** The last answer, verbatim. */
    readonly raw: string,
  ) {
    super(message);
  }
}

/** The token budget was spent before a call could be made. */
export class TokenBudgetError extends Error {
  override readonly name = "TokenBudgetError";
  readonly code = "token-budget-exhausted";
  constructor(
    message: string,
    readonly agent: string,
    readonly round: number,
    readonly used: number,
    readonly budget: number,
  ) {
    super(message);
  }
}

export type PromptErrorCode = "missing-placeholder" | "unknown-prompt" | "prompts-not-found" | "empty-prompt";

export class PromptError extends Error {
  override readonly name = "PromptError";
  constructor(
    readonly code: PromptErrorCode,
    message: string,
    readonly details: {
      /** The prompt concerned, when known. */
      readonly prompt?: string;
      /** For `missing-placeholder`: every placeholder without a value, sorted. */
      readonly placeholders?: readonly string[];
      readonly dir?: string;
    } = {},
  ) {
    super(message);
  }
}
