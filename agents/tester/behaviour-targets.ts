// What the behaviour proof works on, per language (pure): the coder's
// behaviour tests, the user-owned files the coder changed (with the
// emitter's default of each), and the behaviour modules the coder added.
import type { BehaviourFile } from "../../sandboxes/behaviour-proof/prove-behaviour.js";
import type { TargetLanguage } from "../../src/emit/target.js";
import { LANGUAGE_POLICIES } from "../coder/file-policy.js";

export interface BehaviourTargets {
  readonly language: TargetLanguage;
  readonly tests: readonly string[];
  readonly behaviour: readonly BehaviourFile[];
}

export interface BehaviourTargetsInput {
  readonly language: TargetLanguage;
  /** The project files with their text (run-folder paths). */
  readonly files: readonly { readonly path: string; readonly text: string }[];
  /** The emitter's default content of each user-owned file (run-folder paths). */
  readonly defaults: ReadonlyMap<string, string>;
  /** Paths of the generated (locked) files. */
  readonly generated: ReadonlySet<string>;
}

export function behaviourTargets(input: BehaviourTargetsInput): BehaviourTargets {
  const policy = LANGUAGE_POLICIES[input.language];
  const prefix = `${input.language}/`;
  const own = input.files.filter((f) => f.path.startsWith(prefix) && !input.generated.has(f.path));
  const inProject = (path: string) => path.slice(prefix.length);
  const tests = own.filter((f) => policy.coderTest.test(inProject(f.path))).map((f) => f.path);
  const behaviour: BehaviourFile[] = [];
  for (const f of own) {
    const defaultText = input.defaults.get(f.path);
    if (defaultText !== undefined) {
      if (defaultText !== f.text) behaviour.push({ path: f.path, text: f.text, defaultText });
    } else if (policy.behaviourModule.test(inProject(f.path))) behaviour.push({ path: f.path, text: f.text, defaultText: undefined });
  }
  return { language: input.language, tests, behaviour };
}
