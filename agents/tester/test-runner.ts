// The tester's port to the sandbox: build and test every requested language
// of the output folder, then (two languages or more) the interop matrix. The
// real one is sandboxes/tester.ts; tests inject a scripted one.
import { testOutputFolder } from "../../sandboxes/tester.js";
import type { Spec } from "../../src/spec/model.js";
import type { TestRunResults } from "../../src/results/types.js";

export interface TestRunOptions {
  readonly outDir: string;
  readonly languages: readonly string[];
  /** The run's transport (tcp, udp, http). */
  readonly transport: string;
  /** The run's spec, for the conformance cases of each language's server. */
  readonly spec?: Spec;
  /** Progress: `language`, `step` — for interop, `interop`, `python → javascript`. */
  readonly onStep?: (language: string, step: string) => void;
}

export type TestRunner = (options: TestRunOptions) => Promise<TestRunResults>;

export const sandboxTestRunner: TestRunner = (options) =>
  testOutputFolder({
    outDir: options.outDir,
    languages: options.languages,
    transport: options.transport,
    ...(options.spec ? { spec: options.spec } : {}),
    ...(options.onStep ? { onStep: options.onStep, onPair: (server: string, client: string) => options.onStep?.("interop", `${server} server, ${client} client`) } : {}),
  });
