// Where the CLI writes. Commands take this instead of touching process.stdout,
// so tests can run them in-process and read what they printed.
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readonly cwd: string;
  /** stderr is a terminal: a live line may be redrawn in place (tests: absent, false). */
  readonly errIsTerminal?: boolean;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  errIsTerminal: process.stderr.isTTY === true,
};

/** Exit codes: 0 clean, 1 the input has findings, 2 the command could not run. */
export const EXIT = { ok: 0, findings: 1, failure: 2 } as const;
