// A small valid spec to mutate in tests, and a helper that parses a mutation.
import { stringify } from "yaml";
import { parseSpecText, type ParseResult } from "../../src/spec/parse.js";

export type Json = Record<string, unknown>;

export function baseSpec(): Json {
  return {
    protocol: { name: "ping", version: "1.0.0", description: "A client asks, the server answers." },
    roles: { initiator: { name: "client" }, responder: { name: "server" } },
    types: [
      { kind: "enum", name: "Mood", doc: "How it feels.", values: [{ name: "good", value: 0, doc: "Good." }, { name: "bad", value: 1, doc: "Bad." }] },
      { kind: "struct", name: "Point", doc: "A point.", fields: [{ name: "x", type: "int32", doc: "X." }, { name: "y", type: "int32", doc: "Y." }] },
    ],
    messages: [
      {
        name: "Ask",
        id: 1,
        from: "client",
        kind: "request",
        responses: ["Answer"],
        error: "Fail",
        doc: "A question.",
        fields: [
          { name: "text", type: "string", doc: "The question.", maxLength: 100 },
          { name: "where", type: "list<Point>", doc: "Places.", maxItems: 4 },
        ],
      },
      { name: "Answer", id: 2, from: "server", kind: "response", doc: "The answer.", fields: [{ name: "mood", type: "Mood", doc: "Mood." }] },
      { name: "Fail", id: 3, from: "server", kind: "response", doc: "Refusal.", fields: [{ name: "code", type: "ErrorCode", doc: "Why." }] },
    ],
    machines: {
      initiator: {
        initial: "idle",
        states: [
          { name: "idle", transitions: [{ send: "Ask", to: "waiting" }] },
          { name: "waiting", transitions: [{ receive: "Answer", to: "done" }, { receive: "Fail", to: "done" }] },
          { name: "done", terminal: true },
        ],
      },
      responder: {
        initial: "idle",
        states: [
          { name: "idle", transitions: [{ receive: "Ask", to: "answering" }] },
          { name: "answering", transitions: [{ send: "Answer", to: "done" }, { send: "Fail", to: "done" }] },
          { name: "done", terminal: true },
        ],
      },
    },
    errors: [{ name: "confused", code: 1, doc: "Could not understand." }],
    requirements: [{ id: "R1", text: "Questions are answered.", category: "functional", tracedTo: ["message:Answer"] }],
  };
}

/** Parses `spec` written out as YAML, as a file named spec.yaml. */
export function parse(spec: Json): ParseResult {
  return parseSpecText(stringify(spec), "spec.yaml");
}

/** Deep-clones the base spec and lets `edit` change it. */
export function mutate(edit: (spec: any) => void): ParseResult {
  const spec = structuredClone(baseSpec());
  edit(spec);
  return parse(spec);
}

export function codes(result: ParseResult): string[] {
  return result.ok ? [] : result.problems.map((p) => p.code);
}
