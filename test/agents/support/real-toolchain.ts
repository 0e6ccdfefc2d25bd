// The end-to-end tests run real builds and tests with the system Python
// (CI installs it; without it they fail, as they should).

/** Real builds and tests take a while: one run is ~20-60 s. */
export const E2E_TIMEOUT_MS = 300_000;
