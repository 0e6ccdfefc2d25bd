// The tester's port to the sandbox: build and test every requested language
// of the output folder. The real one is sandboxes/tester.ts; tests inject a
// scripted one.
import { testGeneratedProject } from "../../sandboxes/tester.js";
import type { LanguageResult } from "../../sandboxes/results/types.js";

export interface TestRunOptions {
  readonly outDir: string;
  readonly languages: readonly string[];
  readonly onStep?: (language: string, step: string) => void;
}

export type TestRunner = (options: TestRunOptions) => Promise<LanguageResult[]>;

export const sandboxTestRunner: TestRunner = (options) =>
  testGeneratedProject({ outDir: options.outDir, languages: options.languages, ...(options.onStep ? { onStep: options.onStep } : {}) });
