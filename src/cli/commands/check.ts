// `protoforge check SPEC`: validation, then the model check of the two role
// state machines. Exit 0 when clean, 1 with findings, 2 when it cannot run.
import { performance } from "node:perf_hooks";
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { loadSpecFile, type LoadedSpec } from "../../spec/load.js";
import { formatProblem, SpecLoadError } from "../../spec/problems.js";
import { formatFinding, modelCheck, type ModelCheckReport } from "../../verify/model-check.js";
import { EXIT, type CliIo } from "../io.js";
import type { CommandRegistrar } from "./index.js";

interface CheckOptions {
  readonly json?: boolean;
  readonly channelBound: number;
  readonly maxConfigurations: number;
}

export const registerCheck: CommandRegistrar = (program: Command, io, setExit) => {
  program
    .command("check")
    .description("validate a spec and model-check its state machines")
    .argument("<spec>", "the spec file (YAML or JSON)")
    .option("--json", "print the result as JSON")
    .option("--channel-bound <n>", "messages each channel may hold in the model check", positiveInt, 2)
    .option("--max-configurations <n>", "stop the model check after this many configurations", positiveInt, 1_000_000)
    .action(async (file: string, opts: CheckOptions) => {
      let loaded: LoadedSpec;
      try {
        loaded = await loadSpecFile(file);
      } catch (e) {
        if (!(e instanceof SpecLoadError)) throw e;
        if (opts.json) io.out(`${JSON.stringify({ file, ok: false, error: e.code, problems: e.problems, modelCheck: null }, null, 2)}\n`);
        else io.err(`${e.message}\n`);
        setExit(e.code === "invalid-spec" || e.code === "syntax" ? EXIT.findings : EXIT.failure);
        return;
      }
      const started = performance.now();
      const report = modelCheck(loaded.spec, { channelBound: opts.channelBound, maxConfigurations: opts.maxConfigurations });
      const elapsedMs = performance.now() - started;
      if (report.findings.length > 0) setExit(EXIT.findings);
      if (opts.json) printJson(io, loaded, report, elapsedMs);
      else printText(io, loaded, report, elapsedMs);
    });
};

function printText(io: CliIo, loaded: LoadedSpec, report: ModelCheckReport, elapsedMs: number): void {
  const { spec, file } = loaded;
  for (const w of loaded.warnings) io.out(`${formatProblem(w)}\n`);
  io.out(`${file}: valid spec: ${plural(spec.messages.length, "message")}, ${plural(spec.types.length, "type")}, ${spec.machines.initiator.states.length} + ${spec.machines.responder.states.length} states\n`);
  io.out(
    `model check: ${report.configurations} configurations, ${report.moves} moves, channel bound ${report.channelBound}, ${elapsedMs.toFixed(1)} ms${report.complete ? "" : " (incomplete)"}\n`,
  );
  for (const f of report.findings) {
    const at = loaded.positionOf(f.path);
    io.out(`${at ? `${at.file}:${at.line}:${at.column}: ` : ""}${formatFinding(f, spec)}\n`);
  }
  io.out(report.findings.length === 0 ? "no findings\n" : `${plural(report.findings.length, "finding")}\n`);
}

function printJson(io: CliIo, loaded: LoadedSpec, report: ModelCheckReport, elapsedMs: number): void {
  const findings = report.findings.map((f) => ({ ...f, position: loaded.positionOf(f.path) ?? null }));
  const ok = report.findings.length === 0;
  io.out(`${JSON.stringify({ file: loaded.file, ok, problems: loaded.warnings, modelCheck: { ...report, findings, elapsedMs: Math.round(elapsedMs * 10) / 10 } }, null, 2)}\n`);
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive integer");
  return n;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
