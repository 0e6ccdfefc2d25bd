// JUnit XML (pytest --junitxml, Maven Surefire, ctest --output-junit,
// node --test --test-reporter=junit, ...) into test cases. Tolerates the
// xunit1 flavour (file and line on each testcase), xunit2, and node's dialect:
// nested <testsuite>s for describe blocks, test cases directly under
// <testsuites> for top-level tests, classname always "test", no file
// attribute (the place comes from the failure's stack), and a failure `type`
// (node's failureType). Pure.
import { XMLParser } from "fast-xml-parser";
import { isAbsolute, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { CaseStatus, SourceLocation, TestCaseResult } from "../../src/results/types.js";

const parser = new XMLParser({
  ignoreAttributes: false,
  // node puts a `failure` attribute on a failed testcase next to its <failure>
  // child: a prefix keeps attributes and children apart.
  attributeNamePrefix: "@_",
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && ["testsuite", "testcase", "failure", "error", "skipped"].includes(name),
});

type Node = Record<string, unknown>;

export interface JUnitOptions {
  /** The project folder: stack frames inside it become relative locations (node's dialect). */
  readonly root?: string;
}

/** node:test's classname for every case; the describe path names the suite instead. */
const NODE_CLASSNAME = "test";
/** The suite of a node test outside any describe block. */
export const TOP_LEVEL_SUITE = "(top level)";
/** node failure types that mean the test could not run properly, rather than an assertion failing. */
const ERRORED_FAILURE_TYPES = new Set(["hookFailure", "cancelledByParent", "testTimeoutFailure", "parentAlreadyFinished"]);

export function parseJUnitXml(xml: string, options: JUnitOptions = {}): TestCaseResult[] {
  const doc = parser.parse(xml) as Node;
  const root = (doc["testsuites"] as Node | undefined) ?? doc;
  const cases: TestCaseResult[] = [];
  const visit = (suite: Node, path: readonly string[]): void => {
    for (const tc of (suite["testcase"] as Node[] | undefined) ?? []) cases.push(toCase(path, tc, options));
    for (const inner of (suite["testsuite"] as Node[] | undefined) ?? []) visit(inner, [...path, str(inner["@_name"])]);
  };
  visit(root, []);
  return cases;
}

function toCase(suitePath: readonly string[], tc: Node, options: JUnitOptions): TestCaseResult {
  const failure = first(tc["failure"]);
  const error = first(tc["error"]);
  const skipped = first(tc["skipped"]);
  const status: CaseStatus = failure
    ? ERRORED_FAILURE_TYPES.has(str(failure["@_type"])) ? "errored" : "failed"
    : error ? "errored" : skipped ? "skipped" : "passed";
  const problem = failure ?? error;
  const message = problem ? (str(problem["@_message"]) || firstLine(str(problem["#text"]))) : undefined;
  const location = attributeLocation(tc) ?? (problem ? stackLocation(str(problem["#text"]), options.root) : undefined);
  return {
    suite: suiteName(str(tc["@_classname"]), suitePath),
    name: str(tc["@_name"]),
    status,
    durationMs: Math.round(Number(str(tc["@_time"]) || "0") * 1000),
    ...(message === undefined ? {} : { message }),
    ...(location === undefined ? {} : { location }),
  };
}

/** The classname when it names something; else (node) the describe path, innermost last. */
function suiteName(classname: string, suitePath: readonly string[]): string {
  if (classname !== "" && classname !== NODE_CLASSNAME) return classname;
  const path = suitePath.filter((s) => s !== "");
  return path.length > 0 ? path.join(" > ") : TOP_LEVEL_SUITE;
}

/** xunit1: file and 0-based line attributes. */
function attributeLocation(tc: Node): SourceLocation | undefined {
  const file = str(tc["@_file"]);
  if (!file) return undefined;
  const line = Number(str(tc["@_line"]));
  return str(tc["@_line"]) !== "" && Number.isFinite(line) ? { file, line: line + 1 } : { file };
}

/** The first `file://…:LINE:COL` frame of a failure's stack that is not a dependency's. */
export function stackLocation(text: string, root: string | undefined): SourceLocation | undefined {
  for (const m of text.matchAll(/(file:\/\/\/[^\s):]+):(\d+):\d+/g)) {
    const url = m[1];
    if (url === undefined || url.includes("/node_modules/")) continue;
    let file: string;
    try {
      file = fileURLToPath(url);
    } catch {
      continue;
    }
    if (root !== undefined) {
      const rel = relative(root, file);
      if (rel.startsWith("..") || isAbsolute(rel)) continue;
      file = rel;
    }
    return { file, line: Number(m[2]) };
  }
  return undefined;
}

/** The first element of a repeated child; text-only elements come back as `{ "#text": ... }`. */
function first(value: unknown): Node | undefined {
  if (!Array.isArray(value)) return undefined;
  const head: unknown = value[0];
  return typeof head === "string" ? { "#text": head } : ((head as Node | undefined) ?? {});
}

function str(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0] ?? "";
}
