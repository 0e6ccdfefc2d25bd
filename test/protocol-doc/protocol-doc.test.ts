import { describe, expect, it } from "vitest";
import { renderProtocolDoc } from "../../src/emit/protocol-doc/render.js";
import { loadSpecFile } from "../../src/spec/load.js";
import { deriveSessionFlow } from "../../src/spec/flows.js";
import { mutate } from "../spec/base-spec.js";

describe("session flow", () => {
  it("walks the sensor example from hello to goodbye, preferring success", async () => {
    const { spec } = await loadSpecFile("examples/sensor-telemetry.yaml");
    expect(deriveSessionFlow(spec).map((s) => `${s.from}:${s.message}`)).toEqual([
      "initiator:Hello",
      "responder:HelloAck",
      "initiator:Report",
      "responder:ReportAck",
      "initiator:Goodbye",
    ]);
  });

  it("uses every request of the file-transfer example and ends in the terminal states", async () => {
    const { spec } = await loadSpecFile("examples/file-transfer.yaml");
    const sent = new Set(deriveSessionFlow(spec).map((s) => s.message));
    for (const m of spec.messages.filter((x) => x.kind === "request")) expect(sent, m.name).toContain(m.name);
  });

  it("takes the error answer only when the machine leaves no other way", () => {
    const result = mutate((s) => {
      s.machines.responder.states[1].transitions = [{ send: "Fail", to: "done" }, { send: "Answer", to: "done" }];
    });
    if (!result.ok) throw new Error("spec must be valid");
    expect(deriveSessionFlow(result.spec).map((s) => s.message)).toEqual(["Ask", "Answer"]);
  });
});

describe("PROTOCOL.md", () => {
  it("lists every message, field, error and state transition of the chat example", async () => {
    const { spec } = await loadSpecFile("examples/chat.yaml");
    const doc = renderProtocolDoc(spec).content as string;
    for (const m of spec.messages) {
      expect(doc).toContain(`| ${m.id} | \`${m.name}\` |`);
      for (const f of m.fields) expect(doc).toContain(`| \`${f.name}\` |`);
    }
    for (const e of spec.errors) expect(doc).toContain(`| ${e.code} | \`${e.name}\` |`);
    const transitions = spec.machines.initiator.states.flatMap((s) => s.transitions.map((t) => `    ${s.name} --> ${t.to} : ${t.action} ${t.message}`));
    for (const t of transitions) expect(doc).toContain(t);
    expect(doc).toContain("sequenceDiagram");
    expect(doc.endsWith("\n") && !doc.endsWith("\n\n")).toBe(true);
  });

  it("is the same bytes every time", async () => {
    const { spec } = await loadSpecFile("examples/file-transfer.yaml");
    expect(renderProtocolDoc(spec).content).toEqual(renderProtocolDoc(spec).content);
  });

  it("renames states that Mermaid reserves", () => {
    const result = mutate((s) => {
      s.machines.initiator.states[2].name = "end";
      s.machines.initiator.states[1].transitions = [{ receive: "Answer", to: "end" }, { receive: "Fail", to: "end" }];
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const doc = renderProtocolDoc(result.spec).content as string;
    expect(doc).toContain("waiting --> end_state : receive Answer");
    expect(doc).toContain("end_state --> [*]");
  });
});
