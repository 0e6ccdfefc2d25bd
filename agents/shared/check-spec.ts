// The architect's check of a spec text: validation (syntax, schema, semantic
// rules) and the model check of the two role machines, as findings with a
// code and a place. Pure.
import { createHash } from "node:crypto";
import type { Spec } from "../../src/spec/model.js";
import { parseSpecText } from "../../src/spec/parse.js";
import { formatProblem } from "../../src/spec/problems.js";
import { formatFinding, modelCheck } from "../../src/verify/model-check.js";

export interface SpecCheckFinding {
  readonly code: string;
  readonly severity: "error" | "warning";
  /** `file:line:column: severity [code] path: message`, or the model check's summary with its trace. */
  readonly text: string;
}

export type SpecCheck =
  | { readonly ok: true; readonly spec: Spec; readonly specYaml: string; readonly findings: readonly SpecCheckFinding[] }
  | { readonly ok: false; readonly findings: readonly SpecCheckFinding[] };

/**
 * `ok` when the spec validates; its findings are then the validation warnings
 * and the model-check findings (`clean` tells whether there are none).
 */
export function checkSpecText(text: string, file = "protocol.yaml"): SpecCheck {
  const parsed = parseSpecText(text, file);
  if (!parsed.ok) return { ok: false, findings: parsed.problems.map((p) => ({ code: p.code, severity: p.severity, text: formatProblem(p) })) };
  const report = modelCheck(parsed.spec);
  const findings: SpecCheckFinding[] = [
    ...parsed.warnings.map((p) => ({ code: p.code, severity: p.severity, text: formatProblem(p) })),
    ...report.findings.map((f) => {
      const at = parsed.positionOf(f.path);
      return {
        code: f.kind,
        severity: "error" as const,
        text: `${at ? `${at.file}:${at.line}:${at.column}: ` : ""}model check: ${formatFinding(f, parsed.spec)}`,
      };
    }),
  ];
  return { ok: true, spec: parsed.spec, specYaml: text, findings };
}

/** Valid and without a single error-severity finding (model-check findings are errors). */
export function isClean(check: SpecCheck): boolean {
  return check.ok && check.findings.every((f) => f.severity !== "error");
}

export function specHash(specYaml: string): string {
  return createHash("sha256").update(specYaml).digest("hex");
}

export function formatSpecFindings(findings: readonly SpecCheckFinding[]): string {
  return findings.length === 0 ? "none" : findings.map((f) => `- ${f.text.replace(/\n/g, "\n  ")}`).join("\n");
}
