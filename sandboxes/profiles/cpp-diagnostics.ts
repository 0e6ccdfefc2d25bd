// The output of CMake, g++ (through Ninja or make), ld and ctest into
// diagnostics: the compiler's findings with their place relative to the
// project, and one diagnostic with an error code and advice for each failure a
// user can hit (cpp-errors.ts). Pure.
import type { Diagnostic } from "../../src/results/types.js";
import { CppBuildError, CppConfigureError, CppSanitizerError, CppTestsFailedError } from "./cpp-errors.js";
import { parseSanitizerReports, projectSource } from "./cpp-sanitizer.js";

export interface CppOutputContext {
  /** The project folder, as the build saw it: paths inside it become relative. */
  readonly projectDir: string;
  /** The JUnit report of the test step, as named to a person. */
  readonly report: string;
}

//   /p/src/crc8.cpp:7:7: error: unused variable 'unused' [-Werror=unused-variable]
const GCC = /^(?<file>[^\s:][^:]*):(?<line>\d+):(?:(?<col>\d+):)? (?<sev>error|warning|fatal error): (?<msg>.*)$/;
//   /usr/bin/ld: /p/src/x.cpp:12: undefined reference to `foo()'
const LD = /^\/usr\/bin\/ld: (?:(?<file>[^\s:][^:]*):(?<line>\d+): )?(?<msg>.*)$/;
//   CMake Error at CMakeLists.txt:20 (find_package):
const CMAKE_AT = /^CMake Error at (?<file>[^:]+):(?<line>\d+) \((?<cmd>\w+)\):$/;
//   CMake Error: The source directory "/p" does not appear to contain CMakeLists.txt.
const CMAKE_PLAIN = /^CMake Error: (?<msg>.+)$/;
//   	  5 - Crc8.MatchesTheCheckValue (Failed)
const CTEST_FAILED = /^\s+\d+ - (?<test>\S+) \((?<why>[^)]+)\)$/;

export function parseCppOutput(output: string, ctx: CppOutputContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const push = (d: Diagnostic): void => {
    const key = `${d.severity}|${d.location?.file ?? ""}|${d.location?.line ?? ""}|${d.code ?? ""}|${d.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(d);
  };
  const place = (file: string): string => projectSource(file, ctx.projectDir) ?? file;
  const lines = output.split("\n").map((l) => l.trimEnd());
  let firstError: { file: string; line?: number; message: string } | undefined;
  const failedTests: string[] = [];
  let inFailedList = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const gcc = GCC.exec(line)?.groups;
    if (gcc?.["file"] !== undefined && gcc["msg"] !== undefined && !gcc["msg"].startsWith("runtime error")) {
      const file = place(gcc["file"]);
      const severity = gcc["sev"] === "warning" ? "warning" : "error";
      push({ severity, message: gcc["msg"], location: { file, line: Number(gcc["line"]) } });
      if (severity === "error") firstError ??= { file, line: Number(gcc["line"]), message: gcc["msg"] };
      continue;
    }
    const ld = LD.exec(line)?.groups;
    if (ld?.["msg"] !== undefined) {
      const file = ld["file"] === undefined ? undefined : place(ld["file"]);
      push({ severity: "error", message: `ld: ${ld["msg"]}`, ...(file === undefined ? {} : { location: { file, line: Number(ld["line"]) } }) });
      if (file !== undefined) firstError ??= { file, line: Number(ld["line"]), message: `ld: ${ld["msg"]}` };
      continue;
    }
    const at = CMAKE_AT.exec(line)?.groups;
    if (at?.["file"] !== undefined) {
      // The message is the indented paragraph that follows, up to a blank line.
      const body: string[] = [];
      for (let j = i + 1; j < lines.length && (lines[j] ?? "") !== ""; j++) body.push((lines[j] ?? "").trim());
      const file = place(at["file"]);
      const error = new CppConfigureError(file, Number(at["line"]), `${at["cmd"] ?? ""}: ${body.join(" ")}`);
      push({ severity: "error", message: error.message, location: { file, line: Number(at["line"]) }, code: error.code });
      continue;
    }
    const plain = CMAKE_PLAIN.exec(line)?.groups;
    if (plain?.["msg"] !== undefined) {
      const error = new CppConfigureError("CMakeLists.txt", undefined, plain["msg"]);
      push({ severity: "error", message: error.message, location: { file: "CMakeLists.txt" }, code: error.code });
      continue;
    }
    if (/^The following tests FAILED:$/.test(line)) {
      inFailedList = true;
      continue;
    }
    if (inFailedList) {
      const test = CTEST_FAILED.exec(line)?.groups?.["test"];
      if (test !== undefined) failedTests.push(test);
      else inFailedList = false;
    }
  }
  if (firstError !== undefined) {
    const error = new CppBuildError(firstError.file, firstError.line, firstError.message);
    push({ severity: "error", message: error.message, location: { file: firstError.file, ...(firstError.line === undefined ? {} : { line: firstError.line }) }, code: error.code });
  }
  for (const report of sanitizerReportsByTest(lines, ctx.projectDir)) {
    const error = new CppSanitizerError(report.sanitizer, report.kind, report.file, report.line, report.test);
    push({ severity: "error", message: error.message, ...(report.file === undefined ? {} : { location: { file: report.file, ...(report.line === undefined ? {} : { line: report.line }) } }), code: error.code });
  }
  if (failedTests.length > 0) {
    const error = new CppTestsFailedError(ctx.report, failedTests);
    push({ severity: "error", message: error.message, code: error.code });
  }
  return out;
}

/**
 * Sanitizer reports in ctest's --output-on-failure output, each with the test
 * whose output held it (ctest prints a test's status line, then its output),
 * ordered by test name.
 */
function sanitizerReportsByTest(lines: readonly string[], projectDir: string): { sanitizer: string; kind: string; file?: string; line?: number; test?: string }[] {
  const found: { sanitizer: string; kind: string; file?: string; line?: number; test?: string }[] = [];
  let test: string | undefined;
  let block: string[] = [];
  const flush = (): void => {
    for (const r of parseSanitizerReports(block.join("\n"), projectDir)) found.push({ ...r, ...(test === undefined ? {} : { test }) });
    block = [];
  };
  for (const line of lines) {
    //   5/8 Test #5: Planted.HeapOverflow ..............***Failed    0.12 sec
    const status = /^\s*\d+\/\d+ Test\s+#\d+: (\S+) /.exec(line);
    if (status !== null) {
      flush();
      test = status[1];
      continue;
    }
    block.push(line);
  }
  flush();
  // ctest -j2 interleaves the tests: ordered by test name, the same run gives the same diagnostics.
  return found.sort((a, b) => (a.test ?? "\uffff").localeCompare(b.test ?? "\uffff"));
}
