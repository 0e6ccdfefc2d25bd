// Whether the real Python toolchain the sandboxed tester uses is here: the
// end-to-end tests run real builds and tests and are skipped without it.
import { spawnSync } from "node:child_process";

export const HAS_PYTHON = ["/usr/bin/python3", "/usr/local/bin/python3"].some(
  (python) => spawnSync(python, ["-c", "import sys, venv; sys.exit(0 if sys.version_info >= (3, 10) else 1)"], { stdio: "ignore" }).status === 0,
);

/** Real builds and tests take a while: one run is ~20-60 s. */
export const E2E_TIMEOUT_MS = 300_000;
