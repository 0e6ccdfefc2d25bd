// The `protoforge` command line: builds the commander program and runs it
// against an injected IO, returning the exit code instead of exiting.
import { Command, CommanderError } from "commander";
import { registerCommands } from "./commands/index.js";
import { EXIT, type CliIo } from "./io.js";
import { VERSION } from "./version.js";

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command("protoforge")
    .description("Turn a plain-language protocol description into a formal spec and tested implementations.")
    .version(VERSION, "-V, --version")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();
  registerCommands(program, io, (code) => {
    exitCode = Math.max(exitCode, code);
  });
  if (argv.length === 0) {
    io.out(program.helpInformation());
    return EXIT.ok;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.ok : EXIT.failure;
    }
    throw e;
  }
  return exitCode;
}
