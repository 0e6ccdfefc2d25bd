import { describe, expect, it } from "vitest";
import {
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  ModelConfigError,
  OPENAI_API_BASE_URL,
  describeModelConfig,
  modelLabel,
  resolveModelConfig,
  type ModelConfig,
} from "../../src/llm/index.js";

const KEY = "sk-test-not-a-real-key";
const projectYaml = (text: string) => ({ path: "/work/proj/protoforge.config.yaml", text });
const projectJson = (text: string) => ({ path: "/work/proj/protoforge.config.json", text });
const userYaml = (text: string) => ({ path: "/home/u/.config/protoforge/config.yaml", text });

function configError(fn: () => unknown): ModelConfigError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ModelConfigError);
    return e as ModelConfigError;
  }
  throw new Error("expected a ModelConfigError");
}

function remote(config: ModelConfig) {
  if (config.kind === "offline") throw new Error("expected a remote model config");
  return config;
}

describe("resolveModelConfig: defaults", () => {
  it("is offline when nothing is configured", () => {
    expect(resolveModelConfig({})).toEqual({ kind: "offline", source: "default" });
    expect(resolveModelConfig({ flags: {}, env: {}, files: [] })).toEqual({ kind: "offline", source: "default" });
  });

  it("ignores OpenAI variables alone (no model asked for)", () => {
    expect(resolveModelConfig({ env: { OPENAI_API_KEY: KEY } }).kind).toBe("offline");
    expect(resolveModelConfig({ env: { OPENAI_BASE_URL: "http://127.0.0.1:1/v1" } }).kind).toBe("offline");
  });

  it("treats empty values as unset", () => {
    expect(resolveModelConfig({ flags: { model: "  " }, env: { PROTOFORGE_MODEL: "" } }).kind).toBe("offline");
  });

  it("fills defaults for openai", () => {
    const c = remote(resolveModelConfig({ flags: { model: "openai:gpt-4o-mini" }, env: { OPENAI_API_KEY: KEY } }));
    expect(c).toEqual({
      kind: "openai",
      model: "gpt-4o-mini",
      baseUrl: OPENAI_API_BASE_URL,
      apiKey: KEY,
      apiKeyVariable: "OPENAI_API_KEY",
      timeoutMs: DEFAULT_TIMEOUT_MS,
      maxRetries: DEFAULT_MAX_RETRIES,
      jsonMode: true,
      sources: { model: "flag --model", baseUrl: "default" },
    });
  });
});

describe("resolveModelConfig: precedence flags > environment > files > offline", () => {
  const files = [projectYaml("model: openai:from-project\nbaseUrl: http://127.0.0.1:9001/v1\n"), userYaml("model: openai:from-user\n")];
  const env = { PROTOFORGE_MODEL: "openai:from-env", PROTOFORGE_BASE_URL: "http://127.0.0.1:9002/v1" };

  it("a flag beats the environment and the files", () => {
    const c = remote(resolveModelConfig({ flags: { model: "openai:from-flag", baseUrl: "http://127.0.0.1:9003/v1" }, env, files }));
    expect([c.model, c.baseUrl]).toEqual(["from-flag", "http://127.0.0.1:9003/v1"]);
    expect(c.sources).toEqual({ model: "flag --model", baseUrl: "flag --base-url" });
  });

  it("the environment beats the files", () => {
    const c = remote(resolveModelConfig({ env, files }));
    expect([c.model, c.baseUrl]).toEqual(["from-env", "http://127.0.0.1:9002/v1"]);
    expect(c.sources).toEqual({ model: "env PROTOFORGE_MODEL", baseUrl: "env PROTOFORGE_BASE_URL" });
  });

  it("PROTOFORGE_BASE_URL beats OPENAI_BASE_URL, which beats the files", () => {
    const both = remote(resolveModelConfig({ env: { ...env, OPENAI_BASE_URL: "http://127.0.0.1:9004/v1" }, files }));
    expect(both.baseUrl).toBe("http://127.0.0.1:9002/v1");
    const openaiOnly = remote(resolveModelConfig({ env: { OPENAI_BASE_URL: "http://127.0.0.1:9004/v1" }, files }));
    expect(openaiOnly.baseUrl).toBe("http://127.0.0.1:9004/v1");
    expect(openaiOnly.sources.baseUrl).toBe("env OPENAI_BASE_URL");
  });

  it("the project file beats the user file", () => {
    const c = remote(resolveModelConfig({ files }));
    expect(c.model).toBe("from-project");
    expect(c.sources.model).toBe("/work/proj/protoforge.config.yaml");
  });

  it("the user file applies when nothing else says anything", () => {
    const c = resolveModelConfig({ files: [userYaml("model: offline\n")] });
    expect(c).toEqual({ kind: "offline", source: "/home/u/.config/protoforge/config.yaml" });
  });

  it("resolves each setting on its own: a flag's model with a file's base URL", () => {
    const c = remote(resolveModelConfig({ flags: { model: "openai:llama3.1:8b" }, files }));
    expect(c).toMatchObject({ kind: "openai-compatible", model: "llama3.1:8b", baseUrl: "http://127.0.0.1:9001/v1" });
    expect(c.sources).toEqual({ model: "flag --model", baseUrl: "/work/proj/protoforge.config.yaml" });
  });

  it("--model offline wins over a configured endpoint", () => {
    expect(resolveModelConfig({ flags: { model: "offline" }, env, files })).toEqual({ kind: "offline", source: "flag --model" });
  });

  it("numeric settings: flag > file > default", () => {
    const file = projectYaml("model: openai:m\nbaseUrl: http://127.0.0.1:9/v1\ntimeoutMs: 5000\nmaxRetries: 0\ntemperature: 0.2\njsonMode: true\n");
    const fromFile = remote(resolveModelConfig({ files: [file] }));
    expect(fromFile).toMatchObject({ timeoutMs: 5000, maxRetries: 0, temperature: 0.2, jsonMode: true });
    const fromFlags = remote(resolveModelConfig({ flags: { timeoutMs: 1000, maxRetries: 4, jsonMode: false }, files: [file] }));
    expect(fromFlags).toMatchObject({ timeoutMs: 1000, maxRetries: 4, jsonMode: false });
  });
});

describe("resolveModelConfig: OpenAI and compatible endpoints", () => {
  it("requires the key for OpenAI and names the variable to set", () => {
    const e = configError(() => resolveModelConfig({ flags: { model: "openai:gpt-4o" } }));
    expect(e.code).toBe("missing-api-key");
    expect(e.details.variable).toBe("OPENAI_API_KEY");
    expect(e.message).toContain("set OPENAI_API_KEY");
  });

  it("requires the key when the base URL is OpenAI's own", () => {
    const e = configError(() => resolveModelConfig({ flags: { model: "openai:gpt-4o", baseUrl: "https://api.openai.com/v1/" } }));
    expect(e.code).toBe("missing-api-key");
  });

  it("reads the key from the variable a config file names", () => {
    const file = projectYaml("apiKeyEnv: GROQ_KEY\n");
    const e = configError(() => resolveModelConfig({ flags: { model: "openai:gpt-4o" }, env: { OPENAI_API_KEY: KEY }, files: [file] }));
    expect(e.details.variable).toBe("GROQ_KEY");
    const c = remote(resolveModelConfig({ flags: { model: "openai:gpt-4o" }, env: { GROQ_KEY: "gk" }, files: [file] }));
    expect(c.apiKey).toBe("gk");
  });

  it("makes the key optional for a compatible endpoint", () => {
    const c = remote(resolveModelConfig({ flags: { model: "openai:qwen2.5-coder", baseUrl: "http://127.0.0.1:11434/v1/" } }));
    expect(c.kind).toBe("openai-compatible");
    expect(c.apiKey).toBeUndefined();
    expect(c.baseUrl).toBe("http://127.0.0.1:11434/v1");
    expect(c.jsonMode).toBe(false);
    const withKey = remote(resolveModelConfig({ flags: { model: "openai:m", baseUrl: "http://127.0.0.1:8000/v1" }, env: { OPENAI_API_KEY: KEY } }));
    expect(withKey.apiKey).toBe(KEY);
  });

  it("splits the provider at the first colon only", () => {
    const c = remote(resolveModelConfig({ flags: { model: "openai:llama3.1:70b-instruct-q4_K_M", baseUrl: "http://127.0.0.1:1/v1" } }));
    expect(c.model).toBe("llama3.1:70b-instruct-q4_K_M");
  });

  it("labels with provider and model name only: no key, no endpoint (the same model on any port is the same label)", () => {
    const openai = resolveModelConfig({ flags: { model: "openai:gpt-4o-mini" }, env: { OPENAI_API_KEY: KEY } });
    expect(modelLabel(openai)).toBe("openai:gpt-4o-mini");
    const local = resolveModelConfig({ flags: { model: "openai:llama3", baseUrl: "http://user:secret@127.0.0.1:11434/v1" } });
    expect(modelLabel(local)).toBe("openai:llama3");
    expect(modelLabel(resolveModelConfig({ flags: { model: "openai:llama3", baseUrl: "http://127.0.0.1:40123/v1" } }))).toBe("openai:llama3");
    expect(modelLabel({ kind: "offline", source: "default" })).toBe("offline");
    const described = JSON.stringify(describeModelConfig(openai));
    expect(described).not.toContain(KEY);
    expect(described).toContain('"apiKey":"set"');
  });
});

describe("resolveModelConfig: bad values", () => {
  it.each([
    ["foo", "names no provider"],
    ["openai:", "model name after `openai:` is missing"],
    ["anthropic:claude", "unknown provider `anthropic`"],
    ["OFFLINE", "names no provider"],
  ])("refuses --model %s", (value, why) => {
    const e = configError(() => resolveModelConfig({ flags: { model: value } }));
    expect(e.code).toBe("bad-model-spec");
    expect(e.message).toContain(why);
    expect(e.message).toContain("from flag --model");
    expect(e.message).toContain("openai:MODEL");
  });

  it("names the source of a bad model from the environment or a file", () => {
    expect(configError(() => resolveModelConfig({ env: { PROTOFORGE_MODEL: "gpt-4o" } })).details.source).toBe("env PROTOFORGE_MODEL");
    const e = configError(() => resolveModelConfig({ files: [projectYaml("model: gpt-4o\n")] }));
    expect(e.message).toContain("/work/proj/protoforge.config.yaml");
  });

  it("refuses a base URL that is not http(s)", () => {
    const notUrl = configError(() => resolveModelConfig({ flags: { model: "openai:m", baseUrl: "localhost:11434" } }));
    expect(notUrl.code).toBe("bad-base-url");
    const ftp = configError(() => resolveModelConfig({ flags: { model: "openai:m" }, env: { PROTOFORGE_BASE_URL: "ftp://127.0.0.1/v1" } }));
    expect(ftp.code).toBe("bad-base-url");
    expect(ftp.message).toContain("env PROTOFORGE_BASE_URL");
  });

  it("refuses numeric flags out of range", () => {
    expect(configError(() => resolveModelConfig({ flags: { model: "offline", timeoutMs: 0 } })).details.key).toBe("timeoutMs");
    expect(configError(() => resolveModelConfig({ flags: { maxRetries: 1.5 } })).code).toBe("invalid-config-value");
  });

  it("refuses a base URL without a model", () => {
    const e = configError(() => resolveModelConfig({ flags: { baseUrl: "http://127.0.0.1:11434/v1" } }));
    expect(e.code).toBe("missing-model");
    expect(e.message).toContain("--model openai:MODEL");
    expect(configError(() => resolveModelConfig({ env: { PROTOFORGE_BASE_URL: "http://127.0.0.1:1/v1" } })).code).toBe("missing-model");
    expect(configError(() => resolveModelConfig({ files: [projectYaml("baseUrl: http://127.0.0.1:1/v1\n")] })).code).toBe("missing-model");
  });
});

describe("resolveModelConfig: config files", () => {
  it("names the file and the unknown key, with a suggestion", () => {
    const e = configError(() => resolveModelConfig({ files: [projectYaml("model: offline\nbaseURL: http://x/v1\n")] }));
    expect(e.code).toBe("unknown-config-key");
    expect(e.details).toEqual({ file: "/work/proj/protoforge.config.yaml", key: "baseURL" });
    expect(e.message).toBe("/work/proj/protoforge.config.yaml: unknown key `baseURL`; did you mean `baseUrl`?");
  });

  it("lists the allowed keys for an unknown key without a near match", () => {
    const e = configError(() => resolveModelConfig({ files: [projectJson('{"model": "offline", "rounds": 3}')] }));
    expect(e.details.key).toBe("rounds");
    expect(e.message).toContain("allowed keys: model, baseUrl, apiKeyEnv, timeoutMs, maxRetries, temperature, jsonMode");
  });

  it("refuses API keys in files and says where keys go", () => {
    const e = configError(() => resolveModelConfig({ files: [userYaml("apiKey: sk-123\n")] }));
    expect(e.code).toBe("unknown-config-key");
    expect(e.message).toContain("set OPENAI_API_KEY");
  });

  it("checks unused files too: a broken user file is an error even when the project file decides", () => {
    const e = configError(() => resolveModelConfig({ files: [projectYaml("model: offline\n"), userYaml("modle: openai:x\n")] }));
    expect(e.details.file).toBe("/home/u/.config/protoforge/config.yaml");
  });

  it("names the key of a value of the wrong shape", () => {
    const e = configError(() => resolveModelConfig({ files: [projectYaml("model: openai:m\ntimeoutMs: soon\n")] }));
    expect(e.code).toBe("invalid-config-value");
    expect(e.details.key).toBe("timeoutMs");
    expect(e.message).toMatch(/^\/work\/proj\/protoforge\.config\.yaml: timeoutMs: /);
    expect(configError(() => resolveModelConfig({ files: [projectYaml("maxRetries: -1\n")] })).details.key).toBe("maxRetries");
  });

  it("refuses text that is not JSON or YAML, or not a mapping", () => {
    expect(configError(() => resolveModelConfig({ files: [projectJson("{model: ")] })).code).toBe("bad-config-file");
    expect(configError(() => resolveModelConfig({ files: [projectYaml("model: [unclosed\n")] })).code).toBe("bad-config-file");
    expect(configError(() => resolveModelConfig({ files: [projectYaml("- openai:gpt-4o\n")] })).code).toBe("bad-config-file");
    expect(configError(() => resolveModelConfig({ files: [projectYaml("model: a\nmodel: b\n")] })).code).toBe("bad-config-file");
  });

  it("accepts an empty file", () => {
    expect(resolveModelConfig({ files: [projectYaml("")] })).toEqual({ kind: "offline", source: "default" });
  });
});
