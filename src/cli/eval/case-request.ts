// A suite case as the request of a run: its description, or its request or
// spec file read relative to the suite's folder and checked like `generate`
// checks them. Problems are EvalCaseErrors naming the case and the file.
import { readFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { DesignError } from "../../../agents/architect/offline/errors.js";
import { parseDesignRequest } from "../../../agents/architect/request.js";
import type { RunInput, RunRequest } from "../../../agents/graph/run-request.js";
import { checkSpecText } from "../../../agents/shared/check-spec.js";
import type { SuiteCase } from "../../eval/suite.js";

export class EvalCaseError extends Error {
  override readonly name = "EvalCaseError";
  constructor(
    readonly code: "case-file-unreadable" | "case-spec-invalid" | "case-request-invalid",
    readonly caseName: string,
    message: string,
  ) {
    super(`case ${caseName}: ${message}`);
  }
}

export async function caseRequest(c: SuiteCase, suiteDir: string): Promise<RunRequest> {
  const input = await caseInput(c, suiteDir);
  return { input, languages: c.languages, transport: c.transport };
}

async function caseInput(c: SuiteCase, suiteDir: string): Promise<RunInput> {
  if (c.description !== undefined) return { kind: "description", description: c.description };
  const given = c.spec ?? c.request ?? "";
  const file = isAbsolute(given) ? given : join(suiteDir, given);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new EvalCaseError("case-file-unreadable", c.name, `cannot read ${given} (${(e as NodeJS.ErrnoException).code ?? String(e)}), looked for at ${file}`);
  }
  if (c.spec !== undefined) {
    const check = checkSpecText(text, c.spec);
    if (!check.ok) throw new EvalCaseError("case-spec-invalid", c.name, `the spec ${c.spec} does not validate:\n${check.findings.map((f) => f.text).join("\n")}`);
    return { kind: "spec", file: c.spec, specText: text };
  }
  try {
    return { kind: "request", file: given, request: parseDesignRequest(text, given) };
  } catch (e) {
    if (e instanceof DesignError) throw new EvalCaseError("case-request-invalid", c.name, e.message);
    throw e;
  }
}
