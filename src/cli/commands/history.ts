// `protoforge history DIR [--json]`: the agent steps of a run, read from its
// git history alone. Exit 0 with the table (or the JSON array), 2 when DIR
// is not a protoforge run.
import { resolve } from "node:path";
import type { Command } from "commander";
import type { HistoryEntry } from "../../run/history/agent-step.js";
import { HistoryError } from "../../run/history/history-error.js";
import { formatHistoryTable } from "../../run/history/history-table.js";
import { readHistory } from "../../run/history/read-history.js";
import { EXIT } from "../io.js";
import type { CommandRegistrar } from "./index.js";

interface HistoryOptions {
  readonly json?: boolean;
}

export const registerHistory: CommandRegistrar = (program: Command, io, setExit) => {
  program
    .command("history")
    .description("show a run's rounds from its git history: who did what, tests, tokens")
    .argument("<dir>", "the run's output folder")
    .option("--json", "print the steps as a JSON array")
    .action(async (dir: string, opts: HistoryOptions) => {
      let entries: HistoryEntry[];
      try {
        entries = await readHistory(resolve(io.cwd, dir));
      } catch (e) {
        if (!(e instanceof HistoryError)) throw e;
        io.err(`${e.message}\n`);
        setExit(EXIT.failure);
        return;
      }
      io.out(opts.json ? `${JSON.stringify(entries, null, 2)}\n` : formatHistoryTable(entries));
    });
};
