// `protoforge diff` in-process on the chat example and edited copies of it:
// exit codes, file and line of each change, the JSON form, the version check.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkVersion } from "../../src/diff/semver.js";
import type { SpecChange } from "../../src/diff/change-model.js";
import { cli } from "../cli/run-cli.js";
import { chatWithoutBehaviourYaml } from "../support/chat-without-behaviour.js";

const CHAT = "examples/chat.yaml";
const chat = readFileSync(CHAT, "utf8");
const dir = mkdtempSync(join(tmpdir(), "pf-diff-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** chat.yaml with each [from, to] replaced once (each must occur). */
function edited(name: string, edits: readonly (readonly [string, string])[]): string {
  let text = chat;
  for (const [from, to] of edits) {
    expect(text).toContain(from);
    text = text.replace(from, to);
  }
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const lineOf = (file: string, needle: string) => readFileSync(file, "utf8").split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("protoforge diff", () => {
  it("a tightened constraint is breaking: exit 1, its file and line, and the major it calls for", async () => {
    const file = edited("tight.yaml", [["maxLength: 1000, onInvalid: message_too_long", "maxLength: 500, onInvalid: message_too_long"]]);
    const run = await cli("diff", CHAT, file);
    expect(run.code).toBe(1);
    const line = lineOf(file, "maxLength: 500");
    expect(run.out).toContain(`${file}:${line}:`);
    expect(run.out).toContain("breaking (wire, json) [constraint-tightened] messages.SendMessage.fields.text.maxLength: text.maxLength 1000 became 500");
    expect(run.out).toContain("error [version-mismatch]: 1.0.0 does not match: the changes call for a new major, so protocol.version must be at least 2.0.0");
  });

  it("--json gives every change with its spec path and position; a new major is accepted but the change still breaks", async () => {
    const file = edited("tight-2.yaml", [
      ["maxLength: 1000, onInvalid: message_too_long", "maxLength: 500, onInvalid: message_too_long"],
      ["version: 1.0.0", "version: 2.0.0"],
    ]);
    const run = await cli("diff", CHAT, file, "--json");
    expect(run.code).toBe(1);
    const body = JSON.parse(run.out) as { breaking: boolean; version: { ok: boolean; required: string }; changes: { kind: string; path: string; position: { line: number } | null }[] };
    expect(body.breaking).toBe(true);
    expect(body.version).toMatchObject({ ok: true, required: "major" });
    const change = body.changes.find((c) => c.path === "messages.SendMessage.fields.text.maxLength");
    expect(change?.kind).toBe("constraint-tightened");
    expect(change?.position?.line).toBe(lineOf(file, "maxLength: 500"));
  });

  it("an added error with a new minor is compatible: exit 0", async () => {
    const file = edited("minor.yaml", [
      ["errors:\n", "errors:\n  - { name: maintenance, code: 250, doc: The server is down for maintenance. }\n"],
      ["version: 1.0.0", "version: 1.1.0"],
    ]);
    const run = await cli("diff", CHAT, file);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toContain("compatible (minor) [error-added] errors.maintenance");
    expect(run.out).toContain("version: 1.0.0 -> 1.1.0: the changes call for a new minor");
  });

  it("the behaviour section: each entry dropped, declared or changed is breaking in behaviour", async () => {
    const bare = join(dir, "bare.yaml");
    writeFileSync(bare, chatWithoutBehaviourYaml());
    const dropped = JSON.parse((await cli("diff", CHAT, bare, "--json")).out) as { changes: { kind: string; path: string; breaks: string[] }[] };
    expect(dropped.changes.map((c) => `${c.kind} ${c.breaks.join("+")} ${c.path}`)).toEqual([
      "behaviour-dropped behaviour behaviour.session",
      "behaviour-dropped behaviour behaviour.groups.room",
      "behaviour-dropped behaviour behaviour.guards.SendMessage+Typing:not_in_room",
      "behaviour-dropped behaviour behaviour.guards.KickUser:not_a_moderator",
      "behaviour-dropped behaviour behaviour.idempotent.SendMessage",
    ]);
    const declared = await cli("diff", bare, CHAT);
    expect(declared.out.match(/\[behaviour-declared\]/g)).toHaveLength(5);
    const capacity = edited("capacity.yaml", [["capacity: 100, full: room_full", "capacity: 10, full: room_full"]]);
    const changed = await cli("diff", CHAT, capacity);
    expect(changed.code).toBe(1);
    expect(changed.out).toContain("breaking (behaviour) [behaviour-changed] behaviour.groups.room: groups entry room changed");
    const reworded = edited("reworded.yaml", [["doc: A chat room, opened by its first member, who moderates it.", "doc: A room."]]);
    expect((await cli("diff", CHAT, reworded)).out).toContain("no changes\n");
  });

  it("the same spec: no changes, exit 0", async () => {
    const run = await cli("diff", CHAT, CHAT);
    expect(run.code).toBe(0);
    expect(run.out).toContain("no changes\n");
  });

  it("a spec that cannot be read: exit 2, which file and why", async () => {
    const run = await cli("diff", CHAT, join(dir, "missing.yaml"));
    expect(run.code).toBe(2);
    expect(run.err).toContain(`error [file-not-found]: cannot compare, ${join(dir, "missing.yaml")} is not a valid spec`);
  });
});

describe("the version a change calls for", () => {
  const of = (level: SpecChange["level"], breaks: SpecChange["breaks"] = []): SpecChange => ({ kind: "timing-changed", breaks, level, at: { side: "new", path: [], label: "" }, message: "" });
  it.each([
    ["1.2.3", "2.0.0", [of("major", ["wire"])], true, "2.0.0"],
    ["1.2.3", "1.3.0", [of("major", ["wire"])], false, "2.0.0"],
    ["1.2.3", "1.3.0", [of("minor")], true, "1.3.0"],
    ["1.2.3", "1.2.4", [of("minor")], false, "1.3.0"],
    ["1.2.3", "1.2.4", [of("patch")], true, "1.2.4"],
    ["1.2.3", "1.2.3", [of("patch")], false, "1.2.4"],
    ["1.2.3", "1.2.3", [], true, "1.2.3"],
    ["1.2.3", "1.1.9", [], false, "1.2.3"],
  ] as const)("%s -> %s", (before, after, changes, ok, lowest) => {
    expect(checkVersion(before, after, changes)).toMatchObject({ ok, lowest });
  });
});
