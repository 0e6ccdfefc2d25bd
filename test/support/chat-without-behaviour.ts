// The chat example without its behaviour section: the spec the coder's
// moderation rule (R7) is written against. With the section, the generated
// server moderates by itself (its behaviour engine), so a test that the rule
// fails with the default handlers would have nothing to fail on; without it,
// the default handlers leave R7 to the coder, as the workflow tests need.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Spec } from "../../src/spec/model.js";
import { specFromText } from "../wire/support/specs.js";

const CHAT_FILE = fileURLToPath(new URL("../../examples/chat.yaml", import.meta.url));
const SECTION_START = "# What the generated server does by itself";
const SECTION_END = "\nrequirements:\n";

/** examples/chat.yaml with the text from `from` up to `to` cut out (both must be there, in that order), and the
 *  first `skip` characters of `to` too. */
function chatCut(from: string, to: string, what: string, skip = 0): string {
  const text = readFileSync(CHAT_FILE, "utf8");
  const start = text.indexOf(from);
  const end = text.indexOf(to, start);
  if (start < 0 || end < 0) throw new Error(`examples/chat.yaml no longer has ${what} where chat-without-behaviour.ts cuts it`);
  return text.slice(0, start) + text.slice(end + skip);
}

/** examples/chat.yaml with the comment and the `behaviour:` section before `requirements:` cut out. */
export function chatWithoutBehaviourYaml(): string {
  return chatCut(SECTION_START, SECTION_END, "its behaviour section (before requirements:)", 1);
}

/** The chat spec without session.resume: a lost connection ends its session at once. */
export function chatWithoutResume(): Spec {
  return specFromText(chatCut("    resume:\n", "  groups:\n", "session.resume before groups"), "chat-without-resume.yaml");
}

/** The parsed chat spec without its behaviour section. */
export function chatWithoutBehaviour(): Spec {
  const spec = specFromText(chatWithoutBehaviourYaml(), "chat-without-behaviour.yaml");
  if (spec.behaviour !== undefined) throw new Error("the cut chat spec still has a behaviour section");
  return spec;
}

/** The smoke suite's chat spec (evals/suites/smoke/chat.yaml), written by its record.ts. */
export function smokeChatYaml(): string {
  return (
    "# Written by evals/suites/smoke/record.ts: examples/chat.yaml without its behaviour section,\n" +
    "# so that the moderation rule (R7) is left to the coder. Do not edit; record again.\n" +
    chatWithoutBehaviourYaml()
  );
}
