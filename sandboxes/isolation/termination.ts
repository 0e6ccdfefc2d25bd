// How a sandboxed command ended, the same whichever layers ran it. bubblewrap
// (like a shell) reports a command killed by signal N as exit code 128 + N; we
// report that as the signal, so a CPU or file-size limit reads the same with
// and without bubblewrap.
import { constants } from "node:os";

// The first name wins where two share a number (SIGABRT before SIGIOT).
const SIGNAL_NAMES = new Map<number, string>();
for (const [name, number] of Object.entries(constants.signals)) {
  if (!SIGNAL_NAMES.has(number)) SIGNAL_NAMES.set(number, name);
}

export interface Termination {
  readonly exitCode: number | null;
  readonly signal: string | null;
}

export function decodeTermination(exitCode: number | null, signal: string | null): Termination {
  if (signal !== null) return { exitCode: null, signal };
  if (exitCode !== null && exitCode > 128 && exitCode < 160) {
    const name = SIGNAL_NAMES.get(exitCode - 128);
    if (name !== undefined) return { exitCode: null, signal: name };
  }
  return { exitCode, signal: null };
}
