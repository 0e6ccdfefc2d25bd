// Runs the CLI in-process and captures what it prints.
import { runCli } from "../../src/cli/program.js";

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function cli(...argv: string[]): Promise<CliRun> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (s) => void (out += s), err: (s) => void (err += s), cwd: process.cwd() });
  return { code, out, err };
}
