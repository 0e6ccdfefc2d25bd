// Rule: every requirement is traced to spec elements, code and a test. Pure.
//
// - Spec elements: the requirement's `tracedTo` (the spec validated that they exist).
// - Code: the project's source files (tests excluded) that name an element:
//   messages and types by their exact name, other elements in any spelling
//   (`report_interval_ms`, `reportIntervalMs`, `REPORT_INTERVAL_MS`).
// - Tests: test files that ran this round and mention an element, and the
//   golden-vector tests for elements the vectors carry (vectors/ names every
//   message and field; the vector tests of each language run over all of them).
//
// A `must` requirement without elements or without code is an error. Without a
// test it is an error when it is traced to messages, fields, types or errors
// (the generated tests exercise those); a requirement traced only to timing,
// security, performance or states gets a warning, since those need behaviour
// tests that only the coder (with a model) writes. Other priorities: warnings.
import type { Requirement, Spec } from "../../../src/spec/model.js";
import type { ReportFinding, RequirementTrace } from "../../../src/run/report/report-types.js";
import type { TestCaseResult } from "../../../sandboxes/results/types.js";
import type { TargetLanguage } from "../../../src/emit/target.js";
import { isCodeFile, isTestFile } from "../../coder/file-policy.js";

export interface TraceInput {
  readonly spec: Spec;
  readonly languages: readonly TargetLanguage[];
  /** Project files with their text (run-folder paths). */
  readonly files: readonly { readonly path: string; readonly text: string }[];
  /** The test cases that ran this round, per language. */
  readonly casesByLanguage: ReadonlyMap<string, readonly TestCaseResult[]>;
}

export interface TraceResult {
  readonly trace: RequirementTrace[];
  readonly findings: ReportFinding[];
}

const STRUCTURAL = new Set(["message", "field", "type", "error"]);
const MAX_LISTED = 8;

export function traceRequirements(input: TraceInput): TraceResult {
  const indexed = input.files.map((f) => ({ path: f.path, names: identifiersOf(f.text), mentionsVectors: /vectors/i.test(f.text) }));
  const vectorFiles = indexed.filter((f) => f.path.startsWith("vectors/"));
  const ranTests = new Set(
    input.languages.flatMap((language) =>
      input.files.filter((f) => isTestFile(language, f.path) && ran(f.path, language, input.casesByLanguage.get(language) ?? [])).map((f) => f.path),
    ),
  );
  const codeFiles = indexed.filter((f) => input.languages.some((l) => isCodeFile(l, f.path)));
  const testFiles = indexed.filter((f) => ranTests.has(f.path));
  const vectorTests = testFiles.filter((f) => f.mentionsVectors);

  const trace: RequirementTrace[] = [];
  const findings: ReportFinding[] = [];
  for (const requirement of input.spec.requirements) {
    const names = requirement.tracedTo.map(elementName).filter((n) => n.key.length > 0);
    const mentions = (file: IndexedFile) => names.some((n) => (n.exact ? file.names.exact.has(n.key) : file.names.squashed.has(n.key)));
    const files = codeFiles.filter(mentions).map((f) => f.path);
    const byVectors = vectorFiles.some(mentions) ? vectorTests.map((f) => f.path) : [];
    const tests = [...new Set([...testFiles.filter(mentions).map((f) => f.path), ...byVectors])].sort();
    trace.push({ requirementId: requirement.id, text: requirement.text, specElements: requirement.tracedTo, files: files.slice(0, MAX_LISTED), tests: tests.slice(0, MAX_LISTED) });
    findings.push(...traceFindings(requirement, files.length, tests.length));
  }
  return { trace, findings };
}

interface Identifiers {
  /** As written. */
  readonly exact: ReadonlySet<string>;
  /** Lower case without underscores: `report_interval_ms`, `reportIntervalMs` and `REPORT_INTERVAL_MS` are one. */
  readonly squashed: ReadonlySet<string>;
}

interface IndexedFile {
  readonly path: string;
  readonly names: Identifiers;
  readonly mentionsVectors: boolean;
}

function identifiersOf(text: string): Identifiers {
  const exact = new Set(text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
  return { exact, squashed: new Set([...exact].map(squash)) };
}

function traceFindings(requirement: Requirement, code: number, tests: number): ReportFinding[] {
  const must = requirement.priority === "must";
  const base = { requirementId: requirement.id };
  if (requirement.tracedTo.length === 0) {
    return [{ ...base, severity: must ? "error" : "warning", code: "requirement-untraced", message: `${requirement.id} is traced to nothing in the spec: add tracedTo references to what meets it.` }];
  }
  const out: ReportFinding[] = [];
  if (code === 0) {
    out.push({ ...base, severity: must ? "error" : "warning", code: "requirement-no-code", message: `${requirement.id}: no code file mentions ${requirement.tracedTo.join(", ")}; nothing implements "${requirement.text}".` });
  }
  if (tests === 0) {
    const structural = requirement.tracedTo.some((e) => STRUCTURAL.has(e.split(":")[0] ?? ""));
    out.push({
      ...base,
      severity: must && structural ? "error" : "warning",
      code: "requirement-untested",
      message: `${requirement.id}: no test that ran mentions ${requirement.tracedTo.join(", ")}; "${requirement.text}" is not covered by a test.`,
    });
  }
  return out;
}

/**
 * The name an element goes by in code: `message:Report` → `Report` (messages
 * and types are PascalCase in every target language, so they match exactly);
 * `field:Welcome.report_interval_ms` → `reportintervalms`, matched in any case
 * and with or without underscores (fields, errors, states and settings are
 * spelled per language).
 */
export function elementName(element: string): { readonly key: string; readonly exact: boolean } {
  const colon = element.indexOf(":");
  const kind = colon < 0 ? "" : element.slice(0, colon);
  const path = colon < 0 ? element : element.slice(colon + 1);
  const last = path.split(".").at(-1) ?? path;
  return kind === "message" || kind === "type" ? { key: last, exact: true } : { key: squash(last), exact: false };
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Did a case of this test file run? Cases name their file (location) or their module (suite). */
function ran(path: string, language: string, cases: readonly TestCaseResult[]): boolean {
  const inProject = path.slice(language.length + 1);
  const stem = inProject.replace(/\.[^./]+$/, "");
  const module = stem.replace(/\//g, ".");
  const base = stem.split("/").at(-1) ?? stem;
  return cases.some((c) => {
    if (c.status === "skipped") return false;
    const file = c.location?.file.replace(/\\/g, "/");
    if (file !== undefined && (file === inProject || file.endsWith(`/${inProject}`) || file === path)) return true;
    const suite = c.suite;
    return suite === module || suite.startsWith(`${module}.`) || suite.split(".").includes(base);
  });
}
