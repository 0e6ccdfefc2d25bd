// What a target language is made of: every piece the generator, the sandbox
// and the agents need, each living in its own layer (src/, sandboxes/,
// agents/) and collected here. A language is a target language (accepted by
// `--lang`) exactly when it has all of them; docs/adding-a-language.md says
// where each is written.
import type { DemoCommand } from "../sandboxes/interop/demo-commands.js";
import type { ToolchainProfile } from "../sandboxes/profiles/profile.js";
import type { LanguagePolicy } from "../agents/coder/file-policy.js";
import type { TestAuditPatterns } from "../agents/reviewer/test-audit.js";
import type { LanguageEmitter } from "../src/emit/language.js";
import type { MutationSyntax } from "../src/verify/behaviour-proof/mutants.js";
import type { TargetLanguage } from "../src/emit/target.js";

export interface TargetDescriptor<L extends string = TargetLanguage> {
  readonly language: L;
  /** spec → the generated project under OUT/<language> (src/emit/<language>/). */
  readonly emitter: LanguageEmitter;
  /** Toolchain detection, dependency prefetch, the sandboxed build and test
   *  steps with their output parsers (JUnit XML, compiler diagnostics), and
   *  the behaviour proof's test command (sandboxes/profiles/<language>.ts). */
  readonly profile: ToolchainProfile;
  /** What to install when `protoforge doctor` finds the toolchain missing. */
  readonly install: string;
  /** How the interop matrix and the conformance relay start the demo server
   *  and client (sandboxes/interop/demo-commands.ts). */
  readonly demo: DemoCommand;
  /** What the coder may write and how its tests are named (agents/coder/file-policy.ts). */
  readonly filePolicy: LanguagePolicy;
  /** How the reviewer counts tests, assertions and skips (agents/reviewer/test-audit.ts). */
  readonly testAudit: TestAuditPatterns;
  /** The behaviour proof's mutation operators for the language (src/verify/behaviour-proof/mutants.ts). */
  readonly mutation: MutationSyntax;
  /** The generated project's contract, from the package root. */
  readonly contract: `docs/targets/${L}-contract.md`;
}

/** The table of every target language's descriptor: a language of `L`
 *  without a complete descriptor does not compile. */
export type TargetTable<L extends string = TargetLanguage> = { readonly [K in L]: TargetDescriptor<K> };
