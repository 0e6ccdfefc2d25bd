// `protoforge conform --spec SPEC --client "CMD"`: plays a scripted server and
// runs the client under test once per case (`CMD --host H --port P`), judging
// what it sent and how it ended (docs/conformance.md, "Clients").
// Exit 0 when every case passed, 1 when any failed, 2 when it could not run.
import { loadSpecFile } from "../../spec/load.js";
import { SpecLoadError } from "../../spec/problems.js";
import type { ConformanceTransport } from "../../verify/conformance/case-model.js";
import { checkClientSupported, clientReportJson, deriveClientCases, formatClientFooter, runClientConformance, selectClientCases } from "../../verify/conformance/client/index.js";
import { ConformanceError } from "../../verify/conformance/errors.js";
import { formatResult } from "../../verify/conformance/report.js";
import { type CliIo, EXIT } from "../io.js";

export interface ConformClientOptions {
  readonly spec: string;
  readonly client: string;
  readonly transport: ConformanceTransport;
  readonly json?: boolean;
  readonly case?: string;
}

export async function conformClient(opts: ConformClientOptions, io: CliIo, setExit: (code: number) => void): Promise<void> {
  try {
    checkClientSupported(opts.transport);
    const { spec } = await loadSpecFile(opts.spec);
    const cases = selectClientCases(deriveClientCases(spec), opts.transport, opts.case);
    if (cases.length === 0) throw new ConformanceError("no-cases", `no client case${opts.case === undefined ? "" : ` matches ${JSON.stringify(opts.case)}`}`);
    if (!opts.json) io.out(`conformance of ${spec.protocol.name} ${spec.protocol.version} ${spec.roles.initiator.name} over ${opts.transport.toUpperCase()}: ${cases.length} case${cases.length === 1 ? "" : "s"}\n`);
    const report = await runClientConformance({
      spec,
      cases,
      command: opts.client,
      transport: opts.transport,
      ...(opts.json ? {} : { onResult: (r) => io.out(`${formatResult(r)}\n`) }),
    });
    if (opts.json) io.out(`${JSON.stringify(clientReportJson(report, opts.spec, opts.client), null, 2)}\n`);
    else io.out(formatClientFooter(report));
    setExit(report.failed === 0 ? EXIT.ok : EXIT.findings);
  } catch (e) {
    if (!(e instanceof ConformanceError) && !(e instanceof SpecLoadError)) throw e;
    if (opts.json) io.out(`${JSON.stringify({ spec: opts.spec, client: opts.client, ok: false, error: e.code, message: e.message }, null, 2)}\n`);
    else io.err(`error [${e.code}]: ${e.message}\n`);
    setExit(EXIT.failure);
  }
}
