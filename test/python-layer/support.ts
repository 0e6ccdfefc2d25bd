// Helpers of the Python layer tests: the example specs, a spec full of names
// Python reserves, and running the system python3.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Spec } from "../../src/spec/model.js";
import { allKindsSpec, specFromText } from "../wire/support/specs.js";

export const PYTHON = "/usr/bin/python3";

export function example(name: "chat" | "sensor-telemetry" | "file-transfer"): Spec {
  const file = fileURLToPath(new URL(`../../examples/${name}.yaml`, import.meta.url));
  return specFromText(readFileSync(file, "utf8"), file);
}

export const EVERY_SPEC = (): [string, Spec][] => [
  ["chat", example("chat")],
  ["sensor-telemetry", example("sensor-telemetry")],
  ["file-transfer", example("file-transfer")],
  ["all-kinds", allKindsSpec()],
  ["reserved", reservedSpec()],
];

/** Names that Python, the generated modules or the generated function bodies already use. */
export const RESERVED_YAML = `
protocol: { name: json, version: 3.0.1, description: "Names that collide with Python keywords, builtins and generated code." }
roles:
  initiator: { name: client }
  responder: { name: server }
types:
  - kind: enum
    name: Type
    doc: An enum named like a builtin.
    values:
      - { name: none, value: 0, doc: None. }
      - { name: "true", value: 1, doc: True. }
  - kind: struct
    name: Frame
    doc: A struct named like the codec's Frame.
    fields:
      - { name: class, type: int32, doc: A keyword. }
      - { name: pos, type: string, doc: A local of the decoders., optional: true }
      - { name: buf, type: list<Type>, doc: Another local. }
messages:
  - name: Message
    id: 1
    from: client
    kind: request
    responses: [WireError]
    doc: A message named like the union.
    fields:
      - { name: id, type: uint16, doc: A builtin. }
      - { name: type, type: Type, doc: A soft keyword., optional: true }
      - { name: self, type: Frame, doc: self. }
      - { name: put_str, type: string, doc: A helper of the runtime., maxLength: 8, pattern: "[a-z]*" }
      - { name: encode_frame, type: list<list<uint8>>, doc: A codec function., maxItems: 2 }
      - { name: out, type: bytes, doc: The encoder's buffer. }
      - { name: e, type: float64, doc: The exception variable., min: 0 }
  - name: WireError
    id: 2
    from: server
    kind: response
    doc: A message named like the error class.
    fields:
      - { name: raw, type: bool, doc: A temporary. }
      - { name: presence, type: uint8, doc: Another temporary., optional: true }
      - { name: count, type: int64, doc: Yet another., min: -5, max: 5 }
machines:
  initiator:
    initial: start
    states:
      - name: start
        transitions:
          - { send: Message, to: waiting }
      - name: waiting
        transitions:
          - { receive: WireError, to: start }
  responder:
    initial: start
    states:
      - name: start
        transitions:
          - { receive: Message, to: answering }
      - name: answering
        transitions:
          - { send: WireError, to: start }
`;

export const reservedSpec = (): Spec => specFromText(RESERVED_YAML, "reserved.yaml");

/** Runs python3 with `args`, feeding `input`; returns stdout, or throws with stderr. */
export function python(args: readonly string[], input?: string, cwd?: string): string {
  try {
    return execFileSync(PYTHON, args, { input, cwd, stdio: ["pipe", "pipe", "pipe"], timeout: 120_000 }).toString();
  } catch (error) {
    const e = error as { stderr?: Buffer; stdout?: Buffer };
    throw new Error(`${PYTHON} ${args.join(" ")} failed:\n${e.stdout?.toString() ?? ""}\n${e.stderr?.toString() ?? ""}`);
  }
}
