// Maven's output (batch mode, no colour) into diagnostics: javac's findings
// with their place relative to the project, and the failures a user can hit
// as one diagnostic each carrying its error's code and advice
// (java-errors.ts). Pure.
import { isAbsolute, relative } from "node:path";
import type { Diagnostic } from "../../src/results/types.js";
import { JavaCompileError, JavaTestsFailedError, MavenOfflineBuildError } from "./java-errors.js";

export interface MavenOutputContext {
  /** The project folder, as the build saw it: absolute paths inside it become relative. */
  readonly projectDir: string;
  /** The pom, as named to a person. */
  readonly pom: string;
  /** The read-only local repository. */
  readonly repository: string;
  /** The surefire reports folder, as named to a person. */
  readonly reports: string;
}

//   [WARNING] /p/src/main/java/x/Raw.java:[10,9] found raw type: java.util.List
//   [ERROR] /p/src/main/java/x/X.java:[1,18] illegal start of type
const JAVAC = /^\[(?<sev>ERROR|WARNING)\] (?<file>\/[^:]+\.java):\[(?<line>\d+),(?<col>\d+)\] (?<msg>.*)$/;
//   [ERROR] /p/src/main/java/x/Raw.java: warnings found and -Werror specified
const WERROR = /^\[ERROR\] (?<file>\/[^:]+\.java): warnings found and -Werror specified$/;
//   ... in offline mode and the artifact org.codehaus.plexus:plexus-utils:jar:1.1 has not been downloaded from it before.
const OFFLINE_MISS = /the artifact (?<artifact>\S+) has not been downloaded from it before/;
//   [ERROR]   Crc8Test.matchesTheCheckValue:11 expected: <244> but was: <0>
const FAILED_TEST = /^\[ERROR\]\s{2,}(?<test>[\w$]+\.[\w$]+(?:\[[^\]]*\])?)(?::\d+)?\s/;

const ANSI = /\u001b\[[0-9;]*m/g;

export function parseMavenOutput(output: string, ctx: MavenOutputContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const push = (d: Diagnostic): void => {
    const key = `${d.severity}|${d.location?.file ?? ""}|${d.location?.line ?? ""}|${d.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(d);
  };
  const failedTests: string[] = [];
  let inFailures = false;
  for (const raw of output.split("\n")) {
    const line = raw.replace(ANSI, "").trimEnd();
    const javac = JAVAC.exec(line)?.groups;
    if (javac?.["file"] !== undefined && javac["msg"] !== undefined) {
      push({
        severity: javac["sev"] === "WARNING" ? "warning" : "error",
        message: javac["msg"],
        location: { file: projectPath(javac["file"], ctx.projectDir), line: Number(javac["line"]) },
      });
      continue;
    }
    const werror = WERROR.exec(line)?.groups;
    if (werror?.["file"] !== undefined) {
      const file = projectPath(werror["file"], ctx.projectDir);
      const error = new JavaCompileError(file, undefined, "warnings found and -Werror specified");
      push({ severity: "error", message: error.message, location: { file }, code: error.code });
      continue;
    }
    const miss = OFFLINE_MISS.exec(line)?.groups;
    if (miss?.["artifact"] !== undefined) {
      const error = new MavenOfflineBuildError(ctx.pom, miss["artifact"], ctx.repository);
      push({ severity: "error", message: error.message, location: { file: ctx.pom }, code: error.code });
      continue;
    }
    // surefire's summary: "[ERROR] Failures:" / "[ERROR] Errors:" then one indented line per test.
    if (/^\[ERROR\] (Failures|Errors):\s*$/.test(line)) {
      inFailures = true;
      continue;
    }
    if (inFailures) {
      const test = FAILED_TEST.exec(line)?.groups?.["test"];
      if (test !== undefined) {
        if (!failedTests.includes(test)) failedTests.push(test);
      } else if (!/^\[ERROR\]\s{3,}|^\s/.test(line)) {
        inFailures = false;
      }
    }
  }
  if (failedTests.length > 0) {
    const error = new JavaTestsFailedError(ctx.reports, failedTests);
    push({ severity: "error", message: error.message, code: error.code });
  }
  return out;
}

/** A path inside the project, relative to it; any other stays as it is. */
function projectPath(file: string, projectDir: string): string {
  const rel = relative(projectDir, file);
  return rel.startsWith("..") || isAbsolute(rel) ? file : rel;
}
