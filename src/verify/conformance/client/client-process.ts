// Starts the client under test: `/bin/sh -c "CMD --host H --port P"` in its
// own process group, its stdout and stderr kept (the last characters, in
// arrival order), and stops it with SIGKILL to the group when a case's time
// is up. A launcher is a parameter of the runner, so that a sandbox can start
// the client its own way.
import { type ChildProcess, spawn } from "node:child_process";

export interface ClientExit {
  readonly code: number | null;
  readonly signal: string | null;
}

export interface RunningClient {
  /** Resolves when the process has exited. */
  readonly exited: Promise<ClientExit>;
  /** Its stdout and stderr so far (the last characters). */
  output(): string;
  /** Kills the process group; safe to call after it exited. */
  kill(): void;
}

export type ClientLauncher = (command: string, host: string, port: number) => RunningClient;

const KEEP_CHARS = 16_000;

export const launchLocalClient: ClientLauncher = (command, host, port) => {
  const child = spawn("/bin/sh", ["-c", `${command} --host ${host} --port ${port}`], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
    env: { ...process.env, PYTHONUNBUFFERED: "1", PYTHONDONTWRITEBYTECODE: "1" },
  });
  let output = "";
  const keep = (d: string): void => {
    output = (output + d).slice(-KEEP_CHARS);
  };
  child.stdout?.setEncoding("utf8");
  child.stderr?.setEncoding("utf8");
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let done = false;
  const exited = new Promise<ClientExit>((resolve) => {
    // "close" waits for the pipes too, so the output is complete.
    child.once("close", (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
    child.once("error", (e) => {
      done = true;
      keep(`could not start /bin/sh: ${e.message}\n`);
      resolve({ code: null, signal: null });
    });
  });
  return {
    exited,
    output: () => output,
    kill: () => {
      if (!done) killGroup(child);
    },
  };
};

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}
