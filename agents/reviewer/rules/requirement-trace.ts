// Rule: every requirement is traced to spec elements, code, and evidence that
// each element holds. Pure.
//
// - Spec elements: the requirement's `tracedTo` (the spec validated that they exist).
// - Code: the project's source files (tests excluded) that name an element:
//   messages and types by their exact name, other elements in any spelling
//   (`report_interval_ms`, `reportIntervalMs`, `REPORT_INTERVAL_MS`).
// - Evidence, per language, per element:
//   - conformance cases that passed against the language's server and prove
//     the element (docs/conformance.md; a transition proves its state and
//     message too);
//   - behaviour tests: test files the coder wrote (not generated), that ran
//     this round and name the element, and none of whose tests the behaviour
//     proof found passing with the default handlers;
//   - for messages, fields and types only: any test that ran and names the
//     element, or the golden-vector tests when the vectors carry it (the
//     generated codec tests prove the shape of a message, not what a server
//     does with it).
//
// A requirement is covered when every element has evidence in every
// language; otherwise it is open, and the elements without evidence are
// listed. A `must` requirement without elements or without code is an error.
// An open requirement is an error when a model writes the behaviour (the
// reviewer does not approve until it is shown), and a warning offline, where
// the run ends `layer-complete` and the open requirements are left to the
// handlers. Other priorities: warnings.
import type { FieldType, Requirement, Spec } from "../../../src/spec/model.js";
import type { ReportFinding, RequirementTrace } from "../../../src/run/report/report-types.js";
import type { ConformanceResult, TestCaseResult } from "../../../src/results/types.js";
import type { TargetLanguage } from "../../../src/emit/target.js";
import { isCodeFile, isTestFile } from "../../coder/file-policy.js";

export interface TraceInput {
  readonly spec: Spec;
  readonly languages: readonly TargetLanguage[];
  /** Project files with their text (run-folder paths). */
  readonly files: readonly { readonly path: string; readonly text: string }[];
  /** The test cases that ran this round, per language. */
  readonly casesByLanguage: ReadonlyMap<string, readonly TestCaseResult[]>;
  /** The round's conformance per language (absent or empty: it did not run). */
  readonly conformance?: readonly ConformanceResult[];
  /** Paths of the generated (locked) files: their tests are not behaviour tests. */
  readonly generated?: ReadonlySet<string>;
  /** Who writes behaviour: a model (open requirements block) or nobody (offline: they are reported open). */
  readonly behaviourBy?: "model" | "offline";
  /** Behaviour test files the behaviour proof found passing with the default handlers: not evidence. */
  readonly vacuousTests?: ReadonlySet<string>;
}

export interface TraceResult {
  readonly trace: RequirementTrace[];
  readonly findings: ReportFinding[];
}

const STRUCTURAL = new Set(["message", "field", "type"]);
const MAX_LISTED = 8;

export function traceRequirements(input: TraceInput): TraceResult {
  const indexed = input.files.map((f) => ({ path: f.path, names: identifiersOf(f.text), mentionsVectors: /vectors/i.test(f.text) }));
  const textOf = new Map(input.files.map((f) => [f.path, f.text]));
  const vectorFiles = indexed.filter((f) => f.path.startsWith("vectors/"));
  const generated = input.generated ?? new Set<string>();
  const evidence = input.languages.map((language) => {
    const cases = input.casesByLanguage.get(language) ?? [];
    const tests = indexed.filter((f) => isTestFile(language, f.path) && ran(f.path, textOf.get(f.path) ?? "", language, cases));
    const conformance = input.conformance?.find((c) => c.language === language);
    return {
      language,
      tests,
      behaviourTests: tests.filter((f) => !generated.has(f.path) && !(input.vacuousTests?.has(f.path) ?? false)),
      vectorTests: tests.filter((f) => f.mentionsVectors),
      proven: provenElements(conformance?.proven ?? [], input.spec),
      conformance,
    };
  });
  const codeFiles = indexed.filter((f) => input.languages.some((l) => isCodeFile(l, f.path)));
  const behaviourBy = input.behaviourBy ?? "offline";
  const users = typeUsers(input.spec);

  const trace: RequirementTrace[] = [];
  const findings: ReportFinding[] = [];
  for (const requirement of input.spec.requirements) {
    const elements = requirement.tracedTo.filter((e) => elementName(e).key.length > 0);
    const mentionsAny = (file: IndexedFile) => elements.some((e) => mentions(file, e));
    const files = codeFiles.filter(mentionsAny).map((f) => f.path);
    const tests = new Set<string>();
    const cases = new Set<string>();
    const open: string[] = [];
    for (const element of elements) {
      const missing: string[] = [];
      for (const ev of evidence) {
        const structural = STRUCTURAL.has(kindOf(element));
        // A type is carried by the messages that use it: their evidence is its own.
        const carriers = kindOf(element) === "type" ? [element, ...(users.get(elementName(element).key) ?? []).map((m) => `message:${m}`)] : [element];
        const byTests = (structural ? ev.tests : ev.behaviourTests).filter((f) => carriers.some((e) => mentions(f, e))).map((f) => f.path);
        const byVectors = structural && vectorFiles.some((f) => carriers.some((e) => mentions(f, e))) ? ev.vectorTests.map((f) => f.path) : [];
        const byConformance = carriers.some((e) => ev.proven.has(e)) && (ev.conformance?.total ?? 0) > 0 ? [`${ev.language} conformance`] : [];
        for (const t of [...byTests, ...byVectors]) tests.add(t);
        for (const c of byConformance) cases.add(c);
        if (byTests.length + byVectors.length + byConformance.length === 0) missing.push(ev.language);
      }
      if (missing.length > 0) open.push(missing.length === evidence.length ? element : `${element} (${missing.join(", ")})`);
    }
    trace.push({
      requirementId: requirement.id,
      text: requirement.text,
      specElements: requirement.tracedTo,
      files: files.slice(0, MAX_LISTED),
      tests: [...tests].sort().slice(0, MAX_LISTED),
      conformance: [...cases].sort(),
      open,
      status: requirement.tracedTo.length > 0 && open.length === 0 ? "covered" : "open",
    });
    findings.push(...traceFindings(requirement, files.length, open, behaviourBy));
  }
  return { trace, findings };
}

/**
 * The elements a set of passing cases proves (pure). Besides what the cases
 * name: a transition proves its state and message; the frame-size case proves
 * `security:maxFrameBytes`; a refused constraint proves
 * `security:inputValidation`; the authentication request's transition with a
 * refusal in the server's first state proves `security:authentication`.
 */
export function provenElements(proves: readonly string[], spec?: Spec): Set<string> {
  const out = new Set(proves);
  for (const p of proves) {
    const m = /^transition:([^./]+)\.([^/]+)\/(.+)$/.exec(p);
    if (m === null) continue;
    out.add(`state:${m[1]}.${m[2]}`);
    out.add(`message:${m[3]}`);
  }
  if (out.has("wire:frame_too_large")) out.add("security:maxFrameBytes");
  if (out.has("wire:constraint_violated")) out.add("security:inputValidation");
  const auth = spec?.security.authentication;
  if (spec !== undefined && auth !== undefined && auth.mode !== "none" && auth.message !== undefined) {
    const first = spec.machines.responder.initial;
    if (proves.some((p) => p.startsWith(`transition:server.${first}/${auth.message}`)) && proves.some((p) => p === `state:server.${first}`)) out.add("security:authentication");
  }
  return out;
}

/** For each declared type, the messages whose fields use it (through structs and lists too). */
function typeUsers(spec: Spec): Map<string, string[]> {
  const uses = (t: FieldType, seen: Set<string>): string[] => {
    if (t.kind === "list") return uses(t.of, seen);
    if (t.kind !== "enum" && t.kind !== "struct") return [];
    if (seen.has(t.name)) return [];
    seen.add(t.name);
    const decl = spec.types.find((d) => d.name === t.name);
    return [t.name, ...(decl?.kind === "struct" ? decl.fields.flatMap((f) => uses(f.type, seen)) : [])];
  };
  const out = new Map<string, string[]>();
  for (const m of spec.messages) {
    for (const name of new Set(m.fields.flatMap((f) => uses(f.type, new Set())))) out.set(name, [...(out.get(name) ?? []), m.name]);
  }
  return out;
}

function mentions(file: IndexedFile, element: string): boolean {
  const n = elementName(element);
  return n.exact ? file.names.exact.has(n.key) : file.names.squashed.has(n.key);
}

function kindOf(element: string): string {
  const colon = element.indexOf(":");
  return colon < 0 ? "" : element.slice(0, colon);
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
  // C++ constants are spelled kKeepaliveIntervalMs: without its k it names timing:keepaliveIntervalMs.
  const unprefixed = [...exact].filter((name) => /^k[A-Z]/.test(name)).map((name) => name.slice(1));
  return { exact, squashed: new Set([...exact, ...unprefixed].map(squash)) };
}

function traceFindings(requirement: Requirement, code: number, open: readonly string[], behaviourBy: "model" | "offline"): ReportFinding[] {
  const must = requirement.priority === "must";
  const base = { requirementId: requirement.id };
  if (requirement.tracedTo.length === 0) {
    return [{ ...base, severity: must ? "error" : "warning", code: "requirement-untraced", message: `${requirement.id} is traced to nothing in the spec: add tracedTo references to what meets it.` }];
  }
  const out: ReportFinding[] = [];
  if (code === 0) {
    out.push({ ...base, severity: must ? "error" : "warning", code: "requirement-no-code", message: `${requirement.id}: no code file mentions ${requirement.tracedTo.join(", ")}; nothing implements "${requirement.text}".` });
  }
  if (open.length > 0) {
    const what = `nothing shows ${open.join(", ")} to hold: no conformance case proves ${open.length === 1 ? "it" : "them"} and no behaviour test that ran names ${open.length === 1 ? "it" : "them"}`;
    out.push(
      behaviourBy === "model"
        ? { ...base, severity: must ? "error" : "warning", code: "requirement-unproven", message: `${requirement.id}: ${what}; "${requirement.text}" is not shown to hold.` }
        : { ...base, severity: "warning", code: "requirement-open", message: `${requirement.id}: ${what}; "${requirement.text}" is left to the handlers (no model wrote behaviour).` },
    );
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

/** Did a case of this test file run? Cases name their file (location) or
 *  their module (suite); node --test's JUnit report names neither, so a case
 *  whose describe block or test title is written in the file counts too. */
function ran(path: string, text: string, language: string, cases: readonly TestCaseResult[]): boolean {
  const inProject = path.slice(language.length + 1);
  const stem = inProject.replace(/\.[^./]+$/, "");
  const module = stem.replace(/\//g, ".");
  const base = stem.split("/").at(-1) ?? stem;
  return cases.some((c) => {
    if (c.status === "skipped") return false;
    const file = c.location?.file.replace(/\\/g, "/");
    if (file !== undefined && (file === inProject || file.endsWith(`/${inProject}`) || file === path)) return true;
    const suite = c.suite;
    if (suite === module || suite.startsWith(`${module}.`) || suite.split(".").includes(base)) return true;
    return titled(text, suite) || titled(text, c.name);
  });
}

/** The title is written in the file as a string literal (a describe or test name). */
function titled(text: string, title: string): boolean {
  if (title.length < 8 || title === "(top level)") return false;
  return text.includes(`"${title}"`) || text.includes(`'${title}'`) || text.includes(`\`${title}\``);
}
