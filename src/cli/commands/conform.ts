// `protoforge conform --spec SPEC --server "CMD"`: starts the server under test
// (`CMD --host 127.0.0.1 --port 0`), drives it through the conformance cases
// derived from the spec (docs/conformance.md) and prints the failure list.
// Exit 0 when every case passed, 1 when any failed, 2 when it could not run.
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { loadSpecFile } from "../../spec/load.js";
import { SpecLoadError } from "../../spec/problems.js";
import {
  checkSupported,
  CONFORMANCE_TRANSPORTS,
  ConformanceError,
  type ConformanceTransport,
  deriveServerCases,
  formatFooter,
  formatResult,
  reportJson,
  runServerConformance,
  selectCases,
} from "../../verify/conformance/index.js";
import { EXIT } from "../io.js";
import type { CommandRegistrar } from "./index.js";

interface ConformOptions {
  readonly spec: string;
  readonly server: string;
  readonly transport: ConformanceTransport;
  readonly json?: boolean;
  readonly case?: string;
}

export const registerConform: CommandRegistrar = (program: Command, io, setExit) => {
  program
    .command("conform")
    .description("run the spec's conformance cases against a server (black box, over TCP)")
    .requiredOption("--spec <file>", "the spec file (YAML or JSON)")
    .requiredOption("--server <command>", "shell command that starts the server; --host 127.0.0.1 --port 0 is appended")
    .option("--transport <name>", `transport: ${CONFORMANCE_TRANSPORTS.join(", ")} (only tcp is supported yet)`, parseTransport, "tcp")
    .option("--json", "print the result as one JSON object")
    .option("--case <pattern>", "run only the cases whose name contains PATTERN (with *: matches the whole name)")
    .action(async (opts: ConformOptions) => {
      try {
        checkSupported(opts.transport);
        const { spec } = await loadSpecFile(opts.spec);
        const cases = selectCases(deriveServerCases(spec), opts.transport, opts.case);
        if (cases.length === 0) throw new ConformanceError("no-cases", `no case${opts.case === undefined ? "" : ` matches ${JSON.stringify(opts.case)}`}`);
        if (!opts.json) io.out(`conformance of ${spec.protocol.name} ${spec.protocol.version} server over ${opts.transport.toUpperCase()}: ${cases.length} case${cases.length === 1 ? "" : "s"}\n`);
        const report = await runServerConformance({
          spec,
          cases,
          command: opts.server,
          transport: opts.transport,
          ...(opts.json ? {} : { onResult: (r) => io.out(`${formatResult(r)}\n`) }),
        });
        if (opts.json) io.out(`${JSON.stringify(reportJson(report, opts.spec, opts.server), null, 2)}\n`);
        else io.out(formatFooter(report));
        setExit(report.failed === 0 ? EXIT.ok : EXIT.findings);
      } catch (e) {
        if (!(e instanceof ConformanceError) && !(e instanceof SpecLoadError)) throw e;
        if (opts.json) io.out(`${JSON.stringify({ spec: opts.spec, server: opts.server, ok: false, error: e.code, message: e.message }, null, 2)}\n`);
        else io.err(`error [${e.code}]: ${e.message}\n`);
        setExit(EXIT.failure);
      }
    });
};

function parseTransport(value: string): ConformanceTransport {
  if (!(CONFORMANCE_TRANSPORTS as readonly string[]).includes(value)) throw new InvalidArgumentError(`unknown transport \`${value}\`; choose from ${CONFORMANCE_TRANSPORTS.join(", ")}`);
  return value as ConformanceTransport;
}
