// Starts a planned command as the leader of its own session and process
// group, feeds its stdin, collects capped output, and on the wall clock kills
// the whole group. Under bubblewrap the group holds bwrap itself; killing it
// ends the sandbox's pid namespace and with it every process inside.
import { spawn } from "node:child_process";
import { CappedOutput } from "./capped-output.js";
import { SandboxError } from "./errors.js";

export interface SpawnRequest {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly stdin?: string;
  readonly wallClockMs: number;
  readonly outputBytes: number;
}

export interface SpawnOutcome {
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

/** How long to wait for the output pipes to close once the group is dead: a
 *  process that left the group (possible only without bubblewrap) may hold them. */
const PIPE_GRACE_MS = 2_000;

export function spawnGroup(request: SpawnRequest): Promise<SpawnOutcome> {
  const [file, ...args] = request.argv;
  if (file === undefined) return Promise.reject(new SandboxError("invalid-command", "argv is empty: nothing to run"));
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, args, {
      cwd: request.cwd,
      env: { ...request.env },
      detached: true, // setsid(): its own session and process group
      stdio: ["pipe", "pipe", "pipe"],
    });
    const stdout = new CappedOutput(request.outputBytes);
    const stderr = new CappedOutput(request.outputBytes);
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.stdin.on("error", () => undefined); // the command may exit without reading
    child.stdin.end(request.stdin ?? "");

    let timedOut = false;
    let exited: { code: number | null; signal: string | null; at: number } | undefined;
    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // the group is already gone
      }
    };
    const wallClock = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, request.wallClockMs);
    let grace: NodeJS.Timeout | undefined;

    child.on("error", (error) => {
      clearTimeout(wallClock);
      reject(new SandboxError("spawn-failed", `could not start ${file}: ${error.message}`, file));
    });
    child.on("exit", (code, signal) => {
      exited = { code, signal, at: performance.now() };
      clearTimeout(wallClock);
      // Nothing of the command outlives it: background children in its group die too.
      killGroup();
      grace = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, PIPE_GRACE_MS);
    });
    child.on("close", () => {
      clearTimeout(wallClock);
      if (grace) clearTimeout(grace);
      if (exited === undefined) return; // spawn failed; "error" has rejected
      resolve({
        exitCode: exited.code,
        signal: exited.signal,
        timedOut,
        stdout: stdout.text(),
        stderr: stderr.text(),
        durationMs: Math.round(exited.at - started),
      });
    });
  });
}
