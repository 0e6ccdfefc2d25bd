// Every subcommand registers itself here; one file per command.
import type { Command } from "commander";
import type { CliIo } from "../io.js";
import { registerBatch } from "./batch.js";
import { registerCheck } from "./check.js";
import { registerConform } from "./conform.js";
import { registerDesign } from "./design.js";
import { registerDiff } from "./diff.js";
import { registerDoctor } from "./doctor.js";
import { registerEval } from "./eval.js";
import { registerGenerate } from "./generate.js";
import { registerHistory } from "./history.js";
import { registerResume } from "./resume.js";
import { registerVectors } from "./vectors.js";

/** `setExit` raises the process exit code; commands never call process.exit. */
export type CommandRegistrar = (program: Command, io: CliIo, setExit: (code: number) => void) => void;

const REGISTRARS: readonly CommandRegistrar[] = [registerBatch, registerCheck, registerConform, registerDesign, registerDiff, registerDoctor, registerEval, registerGenerate, registerHistory, registerResume, registerVectors];

export function registerCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  for (const register of REGISTRARS) register(program, io, setExit);
}
