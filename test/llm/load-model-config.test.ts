import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ModelConfigError, configFileCandidates, loadModelConfig, readConfigFiles } from "../../src/llm/index.js";

let root: string;
let cwd: string;
let home: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "protoforge-llm-config-"));
  cwd = join(root, "project");
  home = join(root, "home");
  await mkdir(cwd, { recursive: true });
  await mkdir(join(home, ".config", "protoforge"), { recursive: true });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("config file loader", () => {
  it("is offline with no files and an empty environment", async () => {
    expect(await loadModelConfig({ cwd, home, env: {} })).toEqual({ kind: "offline", source: "default" });
  });

  it("reads the project file before the user file", async () => {
    await writeFile(join(cwd, "protoforge.config.json"), JSON.stringify({ model: "openai:project", baseUrl: "http://127.0.0.1:1/v1" }));
    await writeFile(join(home, ".config", "protoforge", "config.yaml"), "model: openai:user\ntimeoutMs: 1234\n");
    const files = await readConfigFiles({ cwd, home });
    expect(files.map((f) => f.path)).toEqual([join(cwd, "protoforge.config.json"), join(home, ".config", "protoforge", "config.yaml")]);
    const config = await loadModelConfig({ cwd, home, env: {} });
    expect(config).toMatchObject({ kind: "openai-compatible", model: "project", timeoutMs: 1234 });
  });

  it("reads a YAML project file", async () => {
    await writeFile(join(cwd, "protoforge.config.yaml"), "model: offline\n");
    expect(await loadModelConfig({ cwd, home, env: {} })).toEqual({ kind: "offline", source: join(cwd, "protoforge.config.yaml") });
  });

  it("lets flags and the environment override the files", async () => {
    await writeFile(join(cwd, "protoforge.config.yaml"), "model: openai:file\nbaseUrl: http://127.0.0.1:1/v1\n");
    const fromEnv = await loadModelConfig({ cwd, home, env: { PROTOFORGE_MODEL: "openai:env" } });
    expect(fromEnv).toMatchObject({ model: "env" });
    const fromFlag = await loadModelConfig({ cwd, home, env: { PROTOFORGE_MODEL: "openai:env" }, flags: { model: "offline" } });
    expect(fromFlag.kind).toBe("offline");
  });

  it("refuses two project files side by side", async () => {
    await writeFile(join(cwd, "protoforge.config.json"), "{}");
    await writeFile(join(cwd, "protoforge.config.yaml"), "");
    const error = await loadModelConfig({ cwd, home, env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelConfigError);
    expect((error as ModelConfigError).code).toBe("ambiguous-config");
    expect((error as ModelConfigError).message).toContain("protoforge.config.json");
    expect((error as ModelConfigError).message).toContain("protoforge.config.yaml");
  });

  it("reports an unknown key with the real file path", async () => {
    const file = join(home, ".config", "protoforge", "config.yaml");
    await writeFile(file, "model: offline\nprovider: openai\n");
    const error = (await loadModelConfig({ cwd, home, env: {} }).catch((e: unknown) => e)) as ModelConfigError;
    expect(error.code).toBe("unknown-config-key");
    expect(error.details).toEqual({ file, key: "provider" });
  });

  it("uses $XDG_CONFIG_HOME for the user file when set", async () => {
    const xdg = join(root, "xdg");
    await mkdir(join(xdg, "protoforge"), { recursive: true });
    await writeFile(join(xdg, "protoforge", "config.yaml"), "model: offline\n");
    expect(configFileCandidates({ cwd, home, xdgConfigHome: xdg }).user).toBe(join(xdg, "protoforge", "config.yaml"));
    const config = await loadModelConfig({ cwd, home, env: { XDG_CONFIG_HOME: xdg } });
    expect(config).toEqual({ kind: "offline", source: join(xdg, "protoforge", "config.yaml") });
  });
});
