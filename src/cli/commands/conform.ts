// `protoforge conform --spec SPEC --server "CMD"`: starts the server under test
// (`CMD --host 127.0.0.1 --port 0`), drives it through the conformance cases
// derived from the spec (docs/conformance.md) and prints the failure list.
// Exit 0 when every case passed, 1 when any failed, 2 when it could not run.
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { loadSpecFile } from "../../spec/load.js";
import { SpecLoadError } from "../../spec/problems.js";
import type { Spec } from "../../spec/model.js";
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
import { conformClient } from "./conform-client.js";
import type { CommandRegistrar } from "./index.js";

interface ConformOptions {
  readonly spec: string;
  readonly server?: string;
  readonly client?: string;
  readonly transport: ConformanceTransport;
  readonly json?: boolean;
  readonly case?: string;
  readonly behaviour?: boolean;
}

export const registerConform: CommandRegistrar = (program: Command, io, setExit) => {
  program
    .command("conform")
    .description("run the spec's conformance cases against a server or a client (black box, over TCP, UDP or HTTP)")
    .requiredOption("--spec <file>", "the spec file (YAML or JSON)")
    .option("--server <command>", "shell command that starts the server; --host 127.0.0.1 --port 0 is appended")
    .option("--client <command>", "shell command that runs the client once per case; --host H --port P of a scripted server is appended")
    .option("--transport <name>", `transport: ${CONFORMANCE_TRANSPORTS.join(", ")} (tcp, udp and http run today)`, parseTransport, "tcp")
    .option("--json", "print the result as one JSON object")
    .option("--case <pattern>", "run only the cases whose name contains PATTERN (with *: matches the whole name)")
    .option("--behaviour", "also run the cases of the spec's behaviour section (several connections at once; TCP only)")
    .action(async (opts: ConformOptions) => {
      if (opts.client !== undefined && opts.server === undefined) return conformClient({ ...opts, client: opts.client }, io, setExit);
      try {
        if (opts.server === undefined || opts.client !== undefined) throw new ConformanceError("usage", "give exactly one of --server CMD and --client CMD");
        checkSupported(opts.transport);
        const { spec } = await loadSpecFile(opts.spec);
        if (opts.behaviour === true) checkBehaviour(spec, opts.spec, opts.transport);
        const cases = selectCases(deriveServerCases(spec, opts.transport, { behaviour: opts.behaviour === true }), opts.transport, opts.case);
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

/** --behaviour needs a behaviour section, and runs over TCP only (its cases use several connections at once). */
function checkBehaviour(spec: Spec, file: string, transport: ConformanceTransport): void {
  if (spec.behaviour === undefined) throw new ConformanceError("usage", `--behaviour: ${file} has no behaviour section (docs/spec-reference.md, "behaviour")`);
  if (transport !== "tcp") throw new ConformanceError("unsupported-transport", `--behaviour runs over TCP only today, not ${transport.toUpperCase()}`);
}

function parseTransport(value: string): ConformanceTransport {
  if (!(CONFORMANCE_TRANSPORTS as readonly string[]).includes(value)) throw new InvalidArgumentError(`unknown transport \`${value}\`; choose from ${CONFORMANCE_TRANSPORTS.join(", ")}`);
  return value as ConformanceTransport;
}
