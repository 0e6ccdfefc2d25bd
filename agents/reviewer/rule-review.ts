// The reviewer's rule-based checks against the run folder: locked files
// untouched, no test deleted or weakened, no test that cannot fail
// (tautological or unreachable assertions), the behaviour proof's verdict on
// the coder's tests, every requirement traced. They run on every review,
// with or without a model.
import type { TargetLanguage } from "../../src/emit/target.js";
import type { ReportFinding, RequirementTrace } from "../../src/run/report/report-types.js";
import type { Spec } from "../../src/spec/model.js";
import { type BehaviourProof, type ConformanceResult, interopPairName, type InteropResult, type LanguageResult } from "../../src/results/types.js";
import { isTestFile } from "../coder/file-policy.js";
import { fileSha256, listProjectFiles, readGeneratedRecord, readText, readTextFiles, type WorkspaceFile } from "../shared/workspace.js";
import { behaviourProofFindings, vacuousTestFiles } from "./rules/behaviour-proof.js";
import { checkLockedFiles } from "./rules/locked-files.js";
import { traceRequirements, type TraceResult } from "./rules/requirement-trace.js";
import { checkTestIntegrity } from "./rules/test-integrity.js";
import { findTestSmells } from "./rules/test-smells.js";
import type { TestFileAudit } from "./test-audit.js";

export interface RuleReviewInput {
  readonly dir: string;
  readonly spec: Spec;
  readonly languages: readonly TargetLanguage[];
  readonly results: readonly LanguageResult[];
  /** The round's interop pairs; a failed one is a blocking finding (the tester normally routes it to the coder first). */
  readonly interop: readonly InteropResult[];
  /** The round's conformance per language: evidence for the trace; a failed suite is a blocking finding. */
  readonly conformance: readonly ConformanceResult[];
  /** Who writes behaviour: with a model, an open must requirement blocks approval. */
  readonly behaviourBy: "model" | "offline";
  readonly testBaseline: Readonly<Record<string, TestFileAudit>>;
  /** The tester's behaviour proof of this round (empty: the coder wrote no behaviour test). */
  readonly behaviourProof: readonly BehaviourProof[];
}

export interface RuleReview {
  readonly findings: readonly ReportFinding[];
  readonly trace: readonly RequirementTrace[];
  /** The rules' findings by rule, for the model's "automatic checks" and the commit. */
  readonly counts: { readonly locked: number; readonly integrity: number; readonly trace: number };
  /** Paths of the generated (locked) files, as recorded in files.json. */
  readonly generated: ReadonlySet<string>;
}

export async function reviewByRules(input: RuleReviewInput): Promise<RuleReview> {
  // files.json and the project files are read once for every rule.
  const recorded = await readGeneratedRecord(input.dir);
  const generated = new Set(Object.keys(recorded));
  const locked = await lockedFindingsOf(input.dir, recorded);

  const contents = new Map<string, string | undefined>();
  for (const path of Object.keys(input.testBaseline)) contents.set(path, await readText(input.dir, path));
  const weakened = checkTestIntegrity(input.testBaseline, contents);
  const files = await projectFiles(input.dir, input.languages);
  const smells = files.filter((f) => !generated.has(f.path) && input.languages.some((l) => isTestFile(l, f.path))).flatMap((f) => findTestSmells(f.path, f.text));
  const proof = behaviourProofFindings(input.behaviourProof);
  const integrity = [...weakened, ...smells, ...proof];

  const { trace, findings: traceFindings } = traceOf(input, files, generated);
  return {
    findings: [...locked, ...integrity, ...traceFindings, ...conformanceFindings(input.conformance), ...interopFindings(input.interop)],
    trace,
    counts: { locked: locked.length, integrity: integrity.filter((f) => f.severity === "error").length, trace: traceFindings.filter((f) => f.severity === "error").length },
    generated,
  };
}

/** Every locked file checked against the hashes the run recorded in
 *  .protoforge/files.json, which the sandbox cannot reach. */
export async function lockedFileFindings(dir: string): Promise<ReportFinding[]> {
  return lockedFindingsOf(dir, await readGeneratedRecord(dir));
}

async function lockedFindingsOf(dir: string, recorded: Readonly<Record<string, string>>): Promise<ReportFinding[]> {
  const hashes = new Map<string, string | undefined>();
  for (const path of Object.keys(recorded)) hashes.set(path, await fileSha256(dir, path));
  return checkLockedFiles(recorded, hashes);
}

/** The text of the vectors and of every requested language's project files. */
async function projectFiles(dir: string, languages: readonly string[]): Promise<WorkspaceFile[]> {
  const paths = (await listProjectFiles(dir)).filter((p) => p.startsWith("vectors/") || languages.some((l) => p.startsWith(`${l}/`)));
  return readTextFiles(dir, paths);
}

type TraceContext = Pick<RuleReviewInput, "spec" | "languages" | "results" | "conformance" | "behaviourBy"> & { readonly behaviourProof?: readonly BehaviourProof[] };

function traceOf(input: TraceContext, files: readonly WorkspaceFile[], generated: ReadonlySet<string>): TraceResult {
  return traceRequirements({
    spec: input.spec,
    languages: input.languages,
    files,
    casesByLanguage: new Map(input.results.map((r) => [r.language, r.cases])),
    conformance: input.conformance,
    generated,
    behaviourBy: input.behaviourBy,
    vacuousTests: vacuousTestFiles(input.behaviourProof ?? []),
  });
}

/** The requirement trace of the files in the run folder and the round's test cases. */
export async function traceOnDisk(input: TraceContext & { readonly dir: string }): Promise<TraceResult> {
  return traceOf(input, await projectFiles(input.dir, input.languages), new Set(Object.keys(await readGeneratedRecord(input.dir))));
}

/** An error finding per language whose conformance failed (pure): the failed cases, by name. */
export function conformanceFindings(conformance: readonly ConformanceResult[]): ReportFinding[] {
  return conformance
    .filter((c) => !c.ok)
    .map((c) => {
      const names = c.failures.slice(0, 5).map((f) => f.name);
      const more = c.failures.length > names.length ? ` and ${c.failures.length - names.length} more` : "";
      const what = c.failures.length > 0 ? `${c.failures.length} of ${c.total} cases failed: ${names.join(", ")}${more}` : (c.reason ?? "it did not run");
      return { severity: "error" as const, code: "conformance-failed", message: `conformance of the ${c.language} ${c.side} over ${c.transport}: ${what}` };
    });
}

/** An error finding per failed interop pair (pure). */
export function interopFindings(interop: readonly InteropResult[]): ReportFinding[] {
  return interop
    .filter((p) => !p.ok)
    .map((p) => ({ severity: "error" as const, code: "interop-failed", message: `interop ${interopPairName(p)} over ${p.transport} failed: ${p.reason ?? "no reason given"}` }));
}

export function formatFindings(findings: readonly ReportFinding[]): string {
  if (findings.length === 0) return "none";
  return findings
    .map((f) => `- ${f.severity} [${f.code}]${f.requirementId ? ` ${f.requirementId}` : ""}${f.location ? ` ${f.location.file}${f.location.line !== undefined ? `:${f.location.line}` : ""}` : ""}: ${f.message}`)
    .join("\n");
}
