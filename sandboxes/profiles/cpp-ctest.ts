// ctest's JUnit report (ctest --output-junit, CMake 3.21+) into test cases,
// with the shared JUnit parser. gtest_discover_tests makes one ctest test per
// GoogleTest test, named "Suite.Name": that becomes suite and name. ctest
// puts each test's output in <system-out> and leaves the failure's message
// empty, so a failed case gets its message and place from that output: the
// first GoogleTest failure ("file:line: Failure") or sanitizer report.
import { XMLParser } from "fast-xml-parser";
import type { TestCaseResult } from "../../src/results/types.js";
import { readFileInside } from "../../src/read-inside.js";
import { parseJUnitXml } from "../results/junit.js";
import { parseSanitizerReports, projectSource } from "./cpp-sanitizer.js";

const parser = new XMLParser({ ignoreAttributes: true, isArray: (name) => ["testsuite", "testcase"].includes(name) });
const MESSAGE_CHARS = 300;

//   /p/test/crc8_test.cpp:11: Failure
const GTEST_FAILURE = /^(?<file>[^\s:][^:]*):(?<line>\d+): Failure$/;

/** Each testcase's <system-out>, in document order (pure). */
function systemOuts(xml: string): string[] {
  const doc = parser.parse(xml) as Record<string, unknown>;
  const outs: string[] = [];
  const visit = (node: Record<string, unknown>): void => {
    for (const tc of (node["testcase"] as Record<string, unknown>[] | undefined) ?? []) {
      const text = tc["system-out"];
      outs.push(typeof text === "string" ? text : "");
    }
    for (const inner of (node["testsuite"] as Record<string, unknown>[] | undefined) ?? []) visit(inner);
  };
  visit((doc["testsuites"] as Record<string, unknown> | undefined) ?? doc);
  return outs;
}

/** The cases of ctest's JUnit report (pure). */
export function ctestCases(xml: string, projectDir: string): TestCaseResult[] {
  const outs = systemOuts(xml);
  return parseJUnitXml(xml).map((c, i) => {
    const dot = c.name.indexOf(".");
    const named = dot > 0 ? { ...c, suite: c.name.slice(0, dot), name: c.name.slice(dot + 1) } : c;
    if (named.status !== "failed" && named.status !== "errored") return named;
    const why = failureOf(outs[i] ?? "", projectDir);
    return why === undefined ? named : { ...named, ...why };
  });
}

/** The first GoogleTest failure or sanitizer report of a test's output, as message and place (pure). */
export function failureOf(output: string, projectDir: string): Pick<TestCaseResult, "message" | "location"> | undefined {
  const [report] = parseSanitizerReports(output, projectDir);
  if (report !== undefined) {
    return { message: `${report.sanitizer}: ${report.kind}`, ...(report.file === undefined ? {} : { location: { file: report.file, ...(report.line === undefined ? {} : { line: report.line }) } }) };
  }
  const lines = output.split("\n");
  const at = lines.findIndex((l) => GTEST_FAILURE.test(l.trimEnd()));
  if (at < 0) return undefined;
  const g = GTEST_FAILURE.exec((lines[at] ?? "").trimEnd())?.groups ?? {};
  const body: string[] = [];
  for (let j = at + 1; j < lines.length && !/^\[ {2}(FAILED|  OK  |\s*RUN)/.test(lines[j] ?? "") && !GTEST_FAILURE.test((lines[j] ?? "").trimEnd()); j++) body.push((lines[j] ?? "").trim());
  const message = body.filter((l) => l !== "").join(" ").replace(/\s+/g, " ").slice(0, MESSAGE_CHARS);
  const file = projectSource(g["file"] ?? "", projectDir) ?? g["file"] ?? "";
  return { message, location: { file, line: Number(g["line"]) } };
}

/** The cases of the report a sandboxed ctest wrote; none (nothing ran) is an empty list. */
export async function readCtestCases(projectDir: string, report: string): Promise<TestCaseResult[]> {
  try {
    return ctestCases((await readFileInside(projectDir, report)).toString("utf8"), projectDir);
  } catch {
    return [];
  }
}
