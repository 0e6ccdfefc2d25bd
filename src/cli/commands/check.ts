// `protoforge check SPEC`: validation, then the model check of the two role
// state machines. Exit 0 when clean, 1 with findings, 2 when it cannot run.
import type { Command } from "commander";
import { loadSpecFile } from "../../spec/load.js";
import { formatProblem, SpecLoadError } from "../../spec/problems.js";
import { EXIT } from "../io.js";
import type { CommandRegistrar } from "./index.js";

export const registerCheck: CommandRegistrar = (program: Command, io, setExit) => {
  program
    .command("check")
    .description("validate a spec and model-check its state machines")
    .argument("<spec>", "the spec file (YAML or JSON)")
    .option("--json", "print the result as JSON")
    .action(async (file: string, opts: { json?: boolean }) => {
      try {
        const loaded = await loadSpecFile(file);
        if (opts.json) io.out(`${JSON.stringify({ file, ok: true, problems: loaded.warnings }, null, 2)}\n`);
        else {
          for (const w of loaded.warnings) io.out(`${formatProblem(w)}\n`);
          io.out(`${file}: valid (${loaded.spec.messages.length} messages, ${loaded.spec.types.length} types)\n`);
        }
      } catch (e) {
        if (!(e instanceof SpecLoadError)) throw e;
        if (opts.json) io.out(`${JSON.stringify({ file, ok: false, error: e.code, problems: e.problems }, null, 2)}\n`);
        else io.err(`${e.message}\n`);
        setExit(e.code === "invalid-spec" || e.code === "syntax" ? EXIT.findings : EXIT.failure);
      }
    });
};
