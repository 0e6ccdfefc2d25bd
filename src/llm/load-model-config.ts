// Reads the config files the resolver needs and resolves the model config.
// The only file of the model configuration that touches the disk.
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import type { RawConfigFile } from "./config-file.js";
import { ModelConfigError } from "./errors.js";
import { resolveModelConfig, type ModelConfig, type ModelEnv, type ModelFlags } from "./model-config.js";

export const PROJECT_CONFIG_NAMES = ["protoforge.config.json", "protoforge.config.yaml", "protoforge.config.yml"] as const;

export interface ConfigLocations {
  /** Where the project file is looked for (the working directory). */
  readonly cwd: string;
  /** The user's home directory. */
  readonly home: string;
  /** $XDG_CONFIG_HOME when set; the user file is then $XDG_CONFIG_HOME/protoforge/config.yaml instead of ~/.config/…. */
  readonly xdgConfigHome?: string | undefined;
}

/** The candidate files, highest precedence first. */
export function configFileCandidates(locations: ConfigLocations): { readonly project: readonly string[]; readonly user: string } {
  const configHome = locations.xdgConfigHome?.trim() ? locations.xdgConfigHome : join(locations.home, ".config");
  return {
    project: PROJECT_CONFIG_NAMES.map((name) => join(locations.cwd, name)),
    user: join(configHome, "protoforge", "config.yaml"),
  };
}

/** The config files that exist, highest precedence first. Two project files side by side are refused. */
export async function readConfigFiles(locations: ConfigLocations): Promise<RawConfigFile[]> {
  const candidates = configFileCandidates(locations);
  const project = (await Promise.all(candidates.project.map(readIfExists))).filter((f): f is RawConfigFile => f !== undefined);
  if (project.length > 1) {
    throw new ModelConfigError("ambiguous-config", `more than one project config file: ${project.map((f) => f.path).join(", ")}; keep one`, {
      file: project[0]?.path ?? "",
    });
  }
  const user = await readIfExists(candidates.user);
  return user === undefined ? project : [...project, user];
}

export interface LoadModelConfigOptions {
  readonly flags?: ModelFlags;
  /** Defaults to process.env. */
  readonly env?: ModelEnv;
  readonly cwd?: string;
  readonly home?: string;
}

export async function loadModelConfig(options: LoadModelConfigOptions = {}): Promise<ModelConfig> {
  const env = options.env ?? process.env;
  const files = await readConfigFiles({
    cwd: options.cwd ?? process.cwd(),
    home: options.home ?? homedir(),
    xdgConfigHome: env["XDG_CONFIG_HOME"],
  });
  return resolveModelConfig({ flags: options.flags ?? {}, env, files });
}

async function readIfExists(path: string): Promise<RawConfigFile | undefined> {
  try {
    return { path, text: await readFile(path, "utf8") };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw new ModelConfigError("bad-config-file", `cannot read ${path}: ${(e as Error).message}`, { file: path });
  }
}
