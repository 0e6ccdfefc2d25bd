// The offline architect: a request in, a validated spec out. Pure: no
// model, no network, no file system; the same request gives the same bytes.
import type { Spec } from "../../../src/spec/model.js";
import { parseSpecText } from "../../../src/spec/parse.js";
import { formatProblem } from "../../../src/spec/problems.js";
import type { DesignRequest, Transport } from "../request.js";
import { analyse, type Analysis } from "./analyse.js";
import { composeSpec } from "./compose.js";
import { DesignError } from "./errors.js";
import { summarise } from "./summary.js";
import { writeSpecYaml } from "./write-yaml.js";

export interface DesignOptions {
  /** Overrides the request's network_protocol (the CLI's --transport). */
  readonly transport?: Transport;
}

export interface DesignResult {
  readonly specYaml: string;
  readonly spec: Spec;
  readonly summary: string;
  readonly assumptions: readonly string[];
  readonly transport: Transport;
  readonly analysis: Analysis;
}

export function designSpec(request: DesignRequest, options: DesignOptions = {}): DesignResult {
  if (request.description.trim() === "") {
    throw new DesignError("no-protocol", "the description is empty; describe the protocol: who talks to whom, what they exchange and how often.");
  }
  const analysis = analyse(request, options.transport);
  const { input, assumptions } = composeSpec(analysis);
  const header = [
    `${input.protocol.name}: designed offline by protoforge from a plain-language description.`,
    `Transport: ${analysis.transport}. Review the assumptions at the end before generating code.`,
  ];
  const specYaml = writeSpecYaml(input, header);
  const parsed = parseSpecText(specYaml, "protocol.yaml");
  if (!parsed.ok) {
    throw new DesignError("internal-invalid-spec", `the designed spec does not validate (a bug in the offline architect):\n${parsed.problems.map(formatProblem).join("\n")}`, [], parsed.problems);
  }
  return { specYaml, spec: parsed.spec, summary: summarise(parsed.spec, analysis.transport), assumptions, transport: analysis.transport, analysis };
}
