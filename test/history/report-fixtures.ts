// Tester results shared by the round-results and report tests.
import type { LanguageResult } from "../../src/results/types.js";

/** Python in round 1: ten passing, one failing, one erroring. */
export const PYTHON_ROUND_1: LanguageResult = {
  language: "python",
  toolchain: "python 3.12",
  ok: false,
  steps: [],
  summary: { suites: 2, tests: 12, passed: 10, failed: 1, errored: 1, skipped: 0 },
  cases: [{ suite: "test_server", name: "test_hello_first", status: "failed", durationMs: 3, message: "assert 0 == 1", location: { file: "python/tests/test_server.py", line: 12 } }],
};
