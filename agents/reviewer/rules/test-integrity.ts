// Rule: no test deleted or weakened. Each of the coder's test files is
// compared with the strongest version of it seen so far (the baseline the
// coder records before each change): fewer tests or assertions, a loosened
// check or an added skip is a finding. Generated tests are covered by the
// locked-file rule instead (they change only when the spec does). Pure.
import type { ReportFinding } from "../../../src/run/report/report-types.js";
import { auditTestFile, compareWithBaseline, type TestFileAudit } from "../test-audit.js";

export function checkTestIntegrity(baseline: Readonly<Record<string, TestFileAudit>>, current: ReadonlyMap<string, string | undefined>): ReportFinding[] {
  return Object.keys(baseline)
    .sort()
    .flatMap((path) => {
      const content = current.get(path);
      const before = baseline[path];
      if (before === undefined) return [];
      return compareWithBaseline(path, before, content === undefined ? undefined : auditTestFile(path, content));
    });
}
