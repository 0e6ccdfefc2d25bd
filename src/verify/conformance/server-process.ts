// Starts the server under test: `/bin/sh -c "CMD --host 127.0.0.1 --port 0"`
// in its own process group, reads its first stdout line for the port (the
// demo contract of docs/interop.md), and stops it: SIGTERM to the group, then
// SIGKILL after the stop timeout.
import { type ChildProcess, spawn } from "node:child_process";
import { type Listening, parseListeningLine } from "../../../sandboxes/interop/index.js";
import { ConformanceError } from "./errors.js";

export interface ServerTimeouts {
  /** Wait for the listening line. */
  readonly startMs: number;
  /** Wait after SIGTERM before SIGKILL. */
  readonly stopMs: number;
}

export const DEFAULT_SERVER_TIMEOUTS: ServerTimeouts = { startMs: 30_000, stopMs: 5_000 };

export interface ServerExit {
  readonly code: number | null;
  readonly signal: string | null;
}

export interface RunningServer {
  readonly listening: Listening;
  readonly firstLine: string;
  /** How it ended, if it exited on its own. */
  exitedEarly(): ServerExit | undefined;
  /** The last characters of its stderr. */
  stderrTail(): string;
  stop(): Promise<ServerExit & { readonly killed: boolean }>;
}

const KEEP_CHARS = 4000;

export async function startServer(command: string, host: string, timeouts: ServerTimeouts = DEFAULT_SERVER_TIMEOUTS): Promise<RunningServer> {
  const child = spawn("/bin/sh", ["-c", `${command} --host ${host} --port 0`], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
    env: { ...process.env, PYTHONUNBUFFERED: "1", PYTHONDONTWRITEBYTECODE: "1" },
  });
  let stdout = "";
  let stderr = "";
  let exit: ServerExit | undefined;
  let stopping = false;
  const exited = new Promise<ServerExit>((resolve) => {
    child.once("exit", (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    });
    child.once("error", () => resolve({ code: null, signal: null }));
  });
  child.stdout?.setEncoding("utf8");
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (d: string) => {
    stderr = (stderr + d).slice(-KEEP_CHARS);
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    const fail = (why: string): void => {
      clearTimeout(timer);
      killGroup(child, "SIGKILL");
      reject(new ConformanceError("server-start", `${why}${stderr.trim() === "" ? "" : `; its stderr ends: ${stderr.trim().split("\n").slice(-3).join(" | ")}`}`));
    };
    const timer = setTimeout(() => fail(`the server printed no first line within ${timeouts.startMs} ms`), timeouts.startMs);
    child.stdout?.on("data", (d: string) => {
      if (stdout.includes("\n")) return;
      stdout = (stdout + d).slice(0, KEEP_CHARS);
      const nl = stdout.indexOf("\n");
      if (nl < 0) return;
      clearTimeout(timer);
      resolve(stdout.slice(0, nl));
    });
    child.once("error", (e) => fail(`could not start /bin/sh: ${e.message}`));
    void exited.then((e) => {
      if (!stdout.includes("\n")) fail(`the server exited (code ${e.code}, signal ${e.signal}) before printing its listening line`);
    });
  });
  // Keep reading so that a chatty server never blocks on a full pipe.
  child.stdout?.resume();
  const listening = parseListeningLine(firstLine);
  if (listening === undefined) {
    killGroup(child, "SIGKILL");
    throw new ConformanceError("server-start", `the server's first line is not "<name> <version> <role> listening on <host>:<port> over <TCP|UDP|HTTP>": ${JSON.stringify(firstLine.slice(0, 200))}`);
  }
  return {
    listening,
    firstLine,
    exitedEarly: () => (stopping ? undefined : exit),
    stderrTail: () => stderr,
    async stop() {
      stopping = true;
      if (exit !== undefined) return { ...exit, killed: false };
      killGroup(child, "SIGTERM");
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), timeouts.stopMs);
      });
      const ended = await Promise.race([exited, late]);
      clearTimeout(timer);
      if (ended !== undefined) return { ...ended, killed: false };
      killGroup(child, "SIGKILL");
      return { ...(await exited), killed: true };
    },
  };
}

/** Signals the child's process group (the shell and what it started). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
