// The model settings a config file may hold (protoforge.config.json or .yaml
// in the working directory, ~/.config/protoforge/config.yaml), checked with
// zod. Pure: the caller reads the text; this parses and validates it.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { ModelConfigError } from "./errors.js";

export const configFileSchema = z.strictObject({
  /** `offline` or `openai:MODEL`. */
  model: z.string().min(1).optional(),
  /** An OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1 (Ollama). */
  baseUrl: z.string().min(1).optional(),
  /** The environment variable holding the API key (default OPENAI_API_KEY). Keys never live in files. */
  apiKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name").optional(),
  /** Per request, in milliseconds. */
  timeoutMs: z.int().positive().optional(),
  /** Retries of a failed request (network error, 429, 5xx) by the client, with backoff. */
  maxRetries: z.int().min(0).max(10).optional(),
  temperature: z.number().min(0).max(2).optional(),
  /** Ask the endpoint for JSON mode (`response_format: json_object`) on structured questions. */
  jsonMode: z.boolean().optional(),
});

export type ConfigFileValues = z.infer<typeof configFileSchema>;

/** A config file as read from disk. */
export interface RawConfigFile {
  readonly path: string;
  readonly text: string;
}

export interface ConfigFile {
  readonly path: string;
  readonly values: ConfigFileValues;
}

const ALLOWED_KEYS = Object.keys(configFileSchema.shape);

export function parseConfigFile(file: RawConfigFile): ConfigFile {
  let data: unknown;
  try {
    data = file.path.endsWith(".json") ? JSON.parse(file.text) : parseYaml(file.text);
  } catch (e) {
    throw new ModelConfigError("bad-config-file", `${file.path}: not valid ${file.path.endsWith(".json") ? "JSON" : "YAML"}: ${(e as Error).message}`, {
      file: file.path,
    });
  }
  if (data === null || data === undefined) return { path: file.path, values: {} };
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new ModelConfigError("bad-config-file", `${file.path}: expected a mapping of settings at the top level`, { file: file.path });
  }
  const result = configFileSchema.safeParse(data);
  if (result.success) return { path: file.path, values: result.data };
  throw issueError(file.path, result.error.issues[0]);
}

function issueError(path: string, issue: z.core.$ZodIssue | undefined): ModelConfigError {
  if (issue?.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "?";
    return new ModelConfigError("unknown-config-key", `${path}: ${unknownKeyMessage(key)}`, { file: path, key });
  }
  const key = issue?.path.map(String).join(".") ?? "";
  return new ModelConfigError("invalid-config-value", `${path}: ${key === "" ? "" : `${key}: `}${issue?.message ?? "invalid"}`, { file: path, key });
}

function unknownKeyMessage(key: string): string {
  if (/^(api_?key|openai_?api_?key)$/i.test(key)) {
    return `unknown key \`${key}\`: API keys are not read from config files; set OPENAI_API_KEY, or name another variable with \`apiKeyEnv\``;
  }
  const squash = (s: string) => s.toLowerCase().replace(/[-_]/g, "");
  const near = ALLOWED_KEYS.find((k) => squash(k) === squash(key));
  const hint = near === undefined ? `allowed keys: ${ALLOWED_KEYS.join(", ")}` : `did you mean \`${near}\`?`;
  return `unknown key \`${key}\`; ${hint}`;
}
