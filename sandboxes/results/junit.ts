// JUnit XML (pytest --junitxml, Maven Surefire, ctest --output-junit, ...)
// into test cases. Tolerates both the xunit1 flavour (file and line on each
// testcase) and xunit2.
import { XMLParser } from "fast-xml-parser";
import type { CaseStatus, TestCaseResult } from "./types.js";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  isArray: (name) => ["testsuite", "testcase", "failure", "error", "skipped"].includes(name),
});

type Node = Record<string, unknown>;

export function parseJUnitXml(xml: string): TestCaseResult[] {
  const doc = parser.parse(xml) as Node;
  const root = (doc["testsuites"] as Node | undefined) ?? doc;
  const suites = (root["testsuite"] as Node[] | undefined) ?? [];
  const cases: TestCaseResult[] = [];
  const visit = (suite: Node): void => {
    for (const tc of (suite["testcase"] as Node[] | undefined) ?? []) cases.push(toCase(suite, tc));
    for (const inner of (suite["testsuite"] as Node[] | undefined) ?? []) visit(inner);
  };
  for (const s of suites) visit(s);
  return cases;
}

function toCase(suite: Node, tc: Node): TestCaseResult {
  const failure = first(tc["failure"]);
  const error = first(tc["error"]);
  const skipped = first(tc["skipped"]);
  const status: CaseStatus = failure ? "failed" : error ? "errored" : skipped ? "skipped" : "passed";
  const problem = failure ?? error;
  const file = str(tc["file"]);
  const line = Number(str(tc["line"]));
  const message = problem ? (str(problem["message"]) || firstLine(str(problem["#text"]))) : undefined;
  return {
    suite: str(tc["classname"]) || str(suite["name"]),
    name: str(tc["name"]),
    status,
    durationMs: Math.round(Number(str(tc["time"]) || "0") * 1000),
    ...(message === undefined ? {} : { message }),
    ...(file ? { location: Number.isFinite(line) && str(tc["line"]) !== "" ? { file, line: line + 1 } : { file } } : {}),
  };
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
