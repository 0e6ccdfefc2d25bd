// The life of one conformance relay (relay-source.ts for servers,
// client-relay-source.ts for clients): a scratch folder of its own, the relay
// run in the sandbox with the language's project read-only, its status file
// awaited, its stop file written, the folder removed. What the relay does in
// between is its caller's.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SandboxResult, SandboxRunner } from "../isolation/index.js";
import { NODE_SANDBOX_ENV } from "../profiles/node-binary.js";

export interface RelayStart {
  readonly runner: SandboxRunner;
  /** A Node.js the sandbox user can run. */
  readonly node: string;
  /** The language's project, mounted read-only. */
  readonly projectDir: string;
  /** The scratch folder's name prefix, under the system temp folder. */
  readonly scratchPrefix: string;
  /** The relay's own config, given the scratch folder; it reads it as JSON from its argv. */
  readonly config: (dir: string) => unknown;
  /** The names of the relay's status and stop files in the scratch folder. */
  readonly files: { readonly status: string; readonly stop: string };
  readonly wallClockMs: number;
  /** How often the status file is looked for. */
  readonly pollMs: number;
}

export interface Relay {
  /** The scratch folder: the relay's sockets and files, writable to the sandbox. */
  readonly dir: string;
  /** Whether the relay's sandbox has ended (for whatever reason). */
  ended(): boolean;
  /** The status file's JSON once the relay wrote it; undefined when the relay ended first or `withinMs` passed. */
  status<T>(withinMs: number): Promise<T | undefined>;
  /** Writes the stop file and waits for the relay's sandbox to end. */
  stop(): Promise<SandboxResult>;
  /** Removes the scratch folder. */
  remove(): Promise<void>;
}

/** Starts `source` (a plain ES module) in the sandbox; the caller removes the relay when done. */
export async function startRelay(source: string, config: RelayStart): Promise<Relay> {
  const dir = await mkdtemp(join(tmpdir(), config.scratchPrefix));
  let run: Promise<SandboxResult>;
  try {
    run = config.runner.run({
      argv: [config.node, "--input-type=module", "-e", source, "--", JSON.stringify(config.config(dir))],
      cwd: dir,
      writableDir: dir,
      readOnlyMounts: [{ source: config.projectDir }],
      env: { PYTHONUNBUFFERED: "1", PYTHONDONTWRITEBYTECODE: "1", ...NODE_SANDBOX_ENV },
      limits: { wallClockMs: config.wallClockMs },
    });
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  let done = false;
  void run.then(
    () => (done = true),
    () => (done = true),
  );
  return {
    dir,
    ended: () => done,
    status: async <T>(withinMs: number): Promise<T | undefined> => {
      const until = Date.now() + withinMs;
      while (Date.now() < until) {
        const text = await readFile(join(dir, config.files.status), "utf8").catch(() => undefined);
        if (text !== undefined) return JSON.parse(text) as T;
        if (done) return undefined;
        await new Promise((r) => setTimeout(r, config.pollMs));
      }
      return undefined;
    },
    stop: async () => {
      await writeFile(join(dir, config.files.stop), "");
      return run;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
