// Which model a run uses, resolved from CLI flags > environment > config
// files > the offline default, each setting on its own (a flag --model with a
// base URL from a config file is a valid mix). Pure: the loader reads the
// files and hands over their text.
import { parseConfigFile, type ConfigFile, type RawConfigFile } from "./config-file.js";
import { ModelConfigError } from "./errors.js";
import { parseModelSpec } from "./model-spec.js";

export const OPENAI_API_BASE_URL = "https://api.openai.com/v1";
export const DEFAULT_API_KEY_VARIABLE = "OPENAI_API_KEY";
export const DEFAULT_TIMEOUT_MS = 300_000;
export const DEFAULT_MAX_RETRIES = 2;

/** The model flags of the CLI; undefined means "not given". */
export interface ModelFlags {
  readonly model?: string | undefined;
  readonly baseUrl?: string | undefined;
  readonly timeoutMs?: number | undefined;
  readonly maxRetries?: number | undefined;
  readonly jsonMode?: boolean | undefined;
  /** Sampling temperature, 0 to 2 (over the config files' `temperature`). */
  readonly temperature?: number | undefined;
}

/** The environment, e.g. process.env. Read: PROTOFORGE_MODEL, PROTOFORGE_BASE_URL, OPENAI_BASE_URL, OPENAI_API_KEY (or apiKeyEnv). */
export type ModelEnv = Readonly<Record<string, string | undefined>>;

export interface ResolveModelConfigInput {
  readonly flags?: ModelFlags;
  readonly env?: ModelEnv;
  /** Config files in precedence order, highest first (the project's file before the user's). */
  readonly files?: readonly RawConfigFile[];
}

export interface OfflineModelConfig {
  readonly kind: "offline";
  /** What chose offline: `flag --model`, `env PROTOFORGE_MODEL`, a file path, or `default`. */
  readonly source: string;
}

interface RemoteSettings {
  readonly model: string;
  /** Without a trailing slash. */
  readonly baseUrl: string;
  /** The variable the key was (or would have been) read from. */
  readonly apiKeyVariable: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly temperature?: number;
  /** Ask for `response_format: json_object` on structured questions. */
  readonly jsonMode: boolean;
  readonly sources: { readonly model: string; readonly baseUrl: string };
}

/** OpenAI itself: the key is required. */
export interface OpenAiModelConfig extends RemoteSettings {
  readonly kind: "openai";
  readonly apiKey: string;
}

/** Any other endpoint speaking the chat-completions API (Ollama, vLLM, llama.cpp server, LM Studio): the key is optional. */
export interface CompatibleModelConfig extends RemoteSettings {
  readonly kind: "openai-compatible";
  readonly apiKey?: string;
}

export type ModelConfig = OfflineModelConfig | OpenAiModelConfig | CompatibleModelConfig;
export type ModelKind = ModelConfig["kind"];

interface Sourced<T> {
  readonly value: T;
  readonly source: string;
}

export function resolveModelConfig(input: ResolveModelConfigInput): ModelConfig {
  const flags = input.flags ?? {};
  checkFlagNumbers(flags);
  const env = input.env ?? {};
  const files = (input.files ?? []).map(parseConfigFile);
  const envValue = (name: string): Sourced<string> | undefined => {
    const value = env[name]?.trim();
    return value ? { value, source: `env ${name}` } : undefined;
  };
  const fromFiles = <K extends keyof ConfigFile["values"]>(key: K) => pickFile(files, key);

  const modelText = given(flags.model, "flag --model") ?? envValue("PROTOFORGE_MODEL") ?? fromFiles("model");
  const baseUrlText =
    given(flags.baseUrl, "flag --base-url") ?? envValue("PROTOFORGE_BASE_URL") ?? envValue("OPENAI_BASE_URL") ?? fromFiles("baseUrl");

  if (modelText === undefined) {
    // OPENAI_BASE_URL alone is other tools' setting, not a request for a model: stay offline.
    if (baseUrlText !== undefined && baseUrlText.source !== "env OPENAI_BASE_URL") {
      throw new ModelConfigError(
        "missing-model",
        `a base URL was set (${baseUrlText.source}) but no model; name the endpoint's model with --model openai:MODEL or PROTOFORGE_MODEL`,
        { source: baseUrlText.source },
      );
    }
    return { kind: "offline", source: "default" };
  }
  const spec = parseModelSpec(modelText.value, modelText.source);
  if (spec.provider === "offline") return { kind: "offline", source: modelText.source };

  const baseUrl = baseUrlText === undefined ? { value: OPENAI_API_BASE_URL, source: "default" } : { value: checkBaseUrl(baseUrlText), source: baseUrlText.source };
  const apiKeyVariable = fromFiles("apiKeyEnv")?.value ?? DEFAULT_API_KEY_VARIABLE;
  const apiKey = envValue(apiKeyVariable)?.value;
  const temperature = flags.temperature ?? fromFiles("temperature")?.value;
  const common = {
    model: spec.model,
    baseUrl: baseUrl.value,
    apiKeyVariable,
    timeoutMs: flags.timeoutMs ?? fromFiles("timeoutMs")?.value ?? DEFAULT_TIMEOUT_MS,
    maxRetries: flags.maxRetries ?? fromFiles("maxRetries")?.value ?? DEFAULT_MAX_RETRIES,
    ...(temperature === undefined ? {} : { temperature }),
    sources: { model: modelText.source, baseUrl: baseUrl.source },
  };
  const jsonMode = flags.jsonMode ?? fromFiles("jsonMode")?.value;

  if (isOpenAiItself(baseUrl.value)) {
    if (apiKey === undefined) {
      throw new ModelConfigError(
        "missing-api-key",
        `model openai:${spec.model} (${modelText.source}) needs an API key: set ${apiKeyVariable}, or use --base-url for a local OpenAI-compatible endpoint, or --model offline`,
        { variable: apiKeyVariable, source: modelText.source },
      );
    }
    return { kind: "openai", ...common, apiKey, jsonMode: jsonMode ?? true };
  }
  return { kind: "openai-compatible", ...common, ...(apiKey === undefined ? {} : { apiKey }), jsonMode: jsonMode ?? false };
}

/**
 * A stable one-line name for logs, commit trailers and reports: provider and
 * model name only (`offline`, `openai:gpt-4o-mini`, `openai:llama3.1:8b`), the
 * same whatever endpoint serves it (the endpoint is in run.json). Never holds
 * the key.
 */
export function modelLabel(config: ModelConfig): string {
  switch (config.kind) {
    case "offline":
      return "offline";
    case "openai":
    case "openai-compatible":
      return `openai:${config.model}`;
  }
}

/** The config without its API key, safe for logs, checkpoints and reports. */
export function describeModelConfig(config: ModelConfig): Record<string, unknown> {
  if (config.kind === "offline") return { ...config, label: modelLabel(config) };
  const { apiKey, ...rest } = config;
  return { ...rest, apiKey: apiKey === undefined ? "unset" : "set", label: modelLabel(config) };
}

function checkFlagNumbers(flags: ModelFlags): void {
  const bad = (key: string, value: number, rule: string) =>
    new ModelConfigError("invalid-config-value", `flag ${key}: ${value} is not ${rule}`, { key, source: `flag ${key}` });
  if (flags.timeoutMs !== undefined && !(Number.isInteger(flags.timeoutMs) && flags.timeoutMs > 0)) throw bad("timeoutMs", flags.timeoutMs, "a positive integer");
  if (flags.maxRetries !== undefined && !(Number.isInteger(flags.maxRetries) && flags.maxRetries >= 0 && flags.maxRetries <= 10)) {
    throw bad("maxRetries", flags.maxRetries, "an integer from 0 to 10");
  }
  if (flags.temperature !== undefined && !(Number.isFinite(flags.temperature) && flags.temperature >= 0 && flags.temperature <= 2)) {
    throw bad("temperature", flags.temperature, "a number from 0 to 2");
  }
}

function given(value: string | undefined, source: string): Sourced<string> | undefined {
  const text = value?.trim();
  return text ? { value: text, source } : undefined;
}

function pickFile<K extends keyof ConfigFile["values"]>(files: readonly ConfigFile[], key: K): Sourced<NonNullable<ConfigFile["values"][K]>> | undefined {
  for (const file of files) {
    const value = file.values[key];
    if (value !== undefined && value !== null) return { value, source: file.path };
  }
  return undefined;
}

function checkBaseUrl(text: Sourced<string>): string {
  let url: URL;
  try {
    url = new URL(text.value);
  } catch {
    throw new ModelConfigError("bad-base-url", `bad base URL \`${text.value}\` (from ${text.source}): not a URL; expected e.g. http://127.0.0.1:11434/v1`, {
      source: text.source,
    });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ModelConfigError("bad-base-url", `bad base URL \`${text.value}\` (from ${text.source}): only http and https are supported`, { source: text.source });
  }
  return text.value.replace(/\/+$/, "");
}

/** A base URL without user and password, for logs and progress lines. */
export function withoutCredentials(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.username === "" && url.password === "") return baseUrl;
  url.username = "";
  url.password = "";
  return url.toString().replace(/\/+$/, "");
}

function isOpenAiItself(baseUrl: string): boolean {
  return new URL(baseUrl).hostname === "api.openai.com";
}
