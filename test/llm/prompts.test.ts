import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  PromptError,
  USER_MARKER,
  getPrompt,
  loadPromptSet,
  packageRoot,
  placeholdersOf,
  promptSetHash,
  renderPrompt,
  renderPromptMessages,
  shortPromptSetHash,
  splitPrompt,
} from "../../src/llm/index.js";

/** The placeholders each prompt of prompts/ takes: the contract with the agents that fill them. */
const EXPECTED_PLACEHOLDERS: Record<string, readonly string[]> = {
  "architect-design": ["description", "draft_spec", "example_spec", "findings", "languages", "spec_reference", "transport"],
  "coder-behaviour": ["editable_files", "language", "project_tree", "protocol_api", "requirements", "spec_yaml", "test_command", "transport"],
  "coder-repair": [
    "editable_files",
    "failures",
    "language",
    "previous_repairs",
    "project_tree",
    "protocol_api",
    "requirements",
    "review_findings",
    "round",
    "spec_yaml",
    "test_command",
    "transport",
  ],
  "reviewer-review": ["automatic_checks", "behaviour_files", "changes", "language", "requirements", "round", "spec_yaml", "test_results", "transport"],
};

function promptError(fn: () => unknown): PromptError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PromptError);
    return e as PromptError;
  }
  throw new Error("expected a PromptError");
}

describe("the prompt set in prompts/", () => {
  it("loads from the package root by default", async () => {
    const set = await loadPromptSet();
    expect(set.dir).toBe(join(packageRoot(), "prompts"));
    expect(Object.keys(set.prompts).sort()).toEqual(Object.keys(EXPECTED_PLACEHOLDERS));
    expect(set.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(shortPromptSetHash(set)).toBe(set.hash.slice(0, 12));
    expect((await loadPromptSet()).hash).toBe(set.hash);
    expect((await loadPromptSet(join(packageRoot(), "prompts"))).hash).toBe(set.hash);
  });

  it.each(Object.entries(EXPECTED_PLACEHOLDERS))("%s takes the documented placeholders and renders into two messages", async (name, expected) => {
    const set = await loadPromptSet();
    const template = getPrompt(set, name);
    expect(placeholdersOf(template)).toEqual(expected);
    const vars = Object.fromEntries(expected.map((p) => [p, `<${p} value>`]));
    const { system, user } = renderPromptMessages(set, name, vars);
    expect(system.length).toBeGreaterThan(500);
    expect(user.length).toBeGreaterThan(20);
    expect(`${system}\n${user}`).not.toMatch(/\{\{|\}\}/);
    for (const p of expected) expect(`${system}\n${user}`).toContain(`<${p} value>`);
  });

  it("names every missing placeholder of a real prompt", async () => {
    const set = await loadPromptSet();
    const e = promptError(() => renderPromptMessages(set, "coder-repair", { language: "python", round: 2 }));
    expect(e.code).toBe("missing-placeholder");
    expect(e.details.prompt).toBe("coder-repair");
    expect(e.details.placeholders).toEqual(EXPECTED_PLACEHOLDERS["coder-repair"]?.filter((p) => p !== "language" && p !== "round"));
    expect(e.message).toContain("prompt coder-repair: no value for {{editable_files}}, {{failures}}");
  });

  it("refuses an unknown prompt name, listing the known ones", async () => {
    const set = await loadPromptSet();
    const e = promptError(() => getPrompt(set, "tester-run"));
    expect(e.code).toBe("unknown-prompt");
    expect(e.message).toContain("architect-design, coder-behaviour, coder-repair, reviewer-review");
  });
});

describe("prompt set hash", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "protoforge-prompts-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function writeSet(files: Record<string, string>, into = dir): Promise<string> {
    await mkdir(into, { recursive: true });
    for (const [name, content] of Object.entries(files)) await writeFile(join(into, name), content);
    return into;
  }

  it("is sha256 over the sorted (name, content) pairs", async () => {
    await writeSet({ "b-task.md": "Second {{x}}\n", "a-task.md": "First\n" });
    const set = await loadPromptSet(dir);
    const expected = createHash("sha256")
      .update(JSON.stringify([["a-task", "First\n"], ["b-task", "Second {{x}}\n"]]))
      .digest("hex");
    expect(set.hash).toBe(expected);
    expect(promptSetHash({ "b-task": "Second {{x}}\n", "a-task": "First\n" })).toBe(expected);
  });

  it("does not depend on the order files were written in, nor on line endings", async () => {
    const one = await writeSet({ "a.md": "A\nline\n", "b.md": "B\n" }, join(dir, "one"));
    const two = await writeSet({ "b.md": "B\r\n", "a.md": "A\r\nline\r\n" }, join(dir, "two"));
    expect((await loadPromptSet(one)).hash).toBe((await loadPromptSet(two)).hash);
  });

  it("changes with any edit or rename", async () => {
    const base = (await loadPromptSet(await writeSet({ "a.md": "A\n", "b.md": "B\n" }, join(dir, "base")))).hash;
    const edited = (await loadPromptSet(await writeSet({ "a.md": "A!\n", "b.md": "B\n" }, join(dir, "edited")))).hash;
    const renamed = (await loadPromptSet(await writeSet({ "a.md": "A\n", "c.md": "B\n" }, join(dir, "renamed")))).hash;
    const added = (await loadPromptSet(await writeSet({ "a.md": "A\n", "b.md": "B\n", "c.md": "C\n" }, join(dir, "added")))).hash;
    expect(new Set([base, edited, renamed, added]).size).toBe(4);
  });

  it("ignores README.md and files that are not .md", async () => {
    await writeSet({ "a.md": "A\n", "README.md": "About the prompts.\n", "notes.txt": "x" });
    expect(Object.keys((await loadPromptSet(dir)).prompts)).toEqual(["a"]);
  });

  it("refuses a missing folder, a folder without prompts, and an empty prompt", async () => {
    await expect(loadPromptSet(join(dir, "nope"))).rejects.toMatchObject({ name: "PromptError", code: "prompts-not-found" });
    await expect(loadPromptSet(dir)).rejects.toMatchObject({ code: "prompts-not-found" });
    await writeSet({ "a.md": "  \n" });
    await expect(loadPromptSet(dir)).rejects.toMatchObject({ code: "empty-prompt", details: { prompt: "a" } });
  });
});

describe("renderPrompt", () => {
  it("fills placeholders, with or without spaces inside the braces", () => {
    expect(renderPrompt("Round {{round}} of {{ language }}.", { round: 3, language: "python" })).toBe("Round 3 of python.");
  });

  it("fills in one pass: values are not expanded again", () => {
    expect(renderPrompt("{{a}} {{b}}", { a: "{{b}}", b: "x" })).toBe("{{b}} x");
  });

  it("fills with empty strings, but never silently with undefined", () => {
    expect(renderPrompt("[{{a}}]", { a: "" })).toBe("[]");
    const e = promptError(() => renderPrompt("{{b}} {{a}} {{b}}", { a: undefined }));
    expect(e.details.placeholders).toEqual(["a", "b"]);
    expect(e.message).toBe("prompt: no value for {{a}}, {{b}}");
  });

  it("ignores extra values", () => {
    expect(renderPrompt("plain", { unused: "x" })).toBe("plain");
  });
});

describe("splitPrompt", () => {
  it("splits at the user marker", () => {
    expect(splitPrompt(`System part.\n\n${USER_MARKER}\nUser part.\n`)).toEqual({ system: "System part.", user: "User part." });
  });

  it("treats a prompt without the marker as a user message", () => {
    expect(splitPrompt("Only this.\n")).toEqual({ system: "", user: "Only this." });
  });

  it("is not moved by a value that contains the marker", async () => {
    const dir = await mkdtemp(join(tmpdir(), "protoforge-prompts-"));
    try {
      await writeFile(join(dir, "t.md"), `Rules: {{rules}}\n${USER_MARKER}\nTask: {{task}}\n`);
      const set = await loadPromptSet(dir);
      const parts = renderPromptMessages(set, "t", { rules: `a\n${USER_MARKER}\nb`, task: "do it" });
      expect(parts.user).toBe("Task: do it");
      expect(parts.system).toContain("b");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
