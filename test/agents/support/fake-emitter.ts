// A small, fast stand-in for the Python emitter: a few generated (locked)
// files that name every message, a golden-vector test over every message and
// field, and a user-owned
// handlers.py. Enough for the workflow to emit, lock, trace and review.
import { defineEmitter, EmitterRegistry } from "../../../src/emit/language.js";
import type { GeneratedFile } from "../../../src/emit/generated-file.js";

export const PKG = "demo_pkg";
export const HANDLERS = `python/src/${PKG}/handlers.py`;
export const CODEC = `python/src/${PKG}/codec.py`;
export const VECTOR_TEST = "python/tests/test_vectors.py";
export const BEHAVIOUR_TEST = "python/tests/test_behaviour_reports.py";

export const DEFAULT_HANDLERS = `"""Default behaviour: answers every request."""\n\n\ndef on_report(seq: int) -> int:\n    return seq\n`;

export function fakeEmitterRegistry(): EmitterRegistry {
  return new EmitterRegistry([
    defineEmitter({
      language: "python",
      generate(spec, options): GeneratedFile[] {
        const names = spec.messages.map((m) => m.name);
        // The real vector tests run over vectors that carry every field.
        const fields = spec.messages.flatMap((m) => m.fields.map((f) => `${m.name}.${f.name}`));
        return [
          { path: "python/pyproject.toml", content: `[project]\nname = "${PKG}"\n# transport: ${options.transport}\n` },
          { path: CODEC, content: `# generated: do not edit\n${names.map((n) => `class ${n}:\n    pass\n`).join("\n")}` },
          {
            path: VECTOR_TEST,
            content: `# generated: the golden vectors\nimport unittest\n\n\nclass VectorsTest(unittest.TestCase):\n    def test_vectors_decode(self) -> None:\n        self.assertEqual(load("vectors"), ${JSON.stringify([...names, ...fields])})\n`,
          },
          { path: HANDLERS, content: DEFAULT_HANDLERS, ownership: "user" },
        ];
      },
    }),
  ]);
}
