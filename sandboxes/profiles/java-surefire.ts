// Surefire's XML reports (target/surefire-reports/TEST-*.xml, one per test
// class) into test cases, with the shared JUnit parser; a failed case gets
// its place from the Java stack frame of its own test method.
import { readdir, realpath } from "node:fs/promises";
import { join, sep } from "node:path";
import type { SourceLocation, TestCaseResult } from "../../src/results/types.js";
import { readFileInside } from "../../src/read-inside.js";
import { parseJUnitXml } from "../results/junit.js";

export const SUREFIRE_REPORTS = "target/surefire-reports";
/** Where Maven's standard layout keeps test sources. */
const TEST_SOURCES = "src/test/java";

/** Every case of every report, reports in name order (pure). */
export function surefireCases(reports: readonly string[]): TestCaseResult[] {
  return reports.flatMap((xml) => parseJUnitXml(xml).map((c) => (c.status === "failed" || c.status === "errored") && c.location === undefined ? withStackLocation(c, xml) : c));
}

/** `at pkg.Class.method(Class.java:11)`: the frame of the test itself, else the first frame in its class. */
export function javaStackLocation(xml: string, className: string, method: string): SourceLocation | undefined {
  const cls = escape(className);
  const bare = method.replace(/\(.*$/, "");
  const own = new RegExp(`at ${cls}\\.${escape(bare)}\\((\\w+\\.java):(\\d+)\\)`).exec(xml);
  const any = own ?? new RegExp(`at ${cls}(?:\\$[\\w$]+)?\\.[\\w$<>]+\\((\\w+\\.java):(\\d+)\\)`).exec(xml);
  if (any?.[1] === undefined) return undefined;
  const pkg = className.includes(".") ? className.slice(0, className.lastIndexOf(".")).replace(/\./g, "/") : "";
  return { file: [TEST_SOURCES, pkg, any[1]].filter((p) => p !== "").join("/"), line: Number(any[2]) };
}

/** Reads the reports a sandboxed build wrote; none (no tests ran) is an empty list. */
export async function readSurefireCases(projectDir: string): Promise<TestCaseResult[]> {
  const root = await realpath(projectDir);
  let dir: string;
  let names: string[];
  try {
    dir = await realpath(join(root, SUREFIRE_REPORTS));
    if (!dir.startsWith(`${root}${sep}`)) return [];
    names = (await readdir(dir)).filter((n) => /^TEST-.+\.xml$/.test(n)).sort();
  } catch {
    return [];
  }
  const reports = await Promise.all(names.map(async (n) => (await readFileInside(projectDir, `${SUREFIRE_REPORTS}/${n}`)).toString("utf8")));
  return surefireCases(reports);
}

function withStackLocation(c: TestCaseResult, xml: string): TestCaseResult {
  const location = javaStackLocation(xml, c.suite, c.name);
  return location === undefined ? c : { ...c, location };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
