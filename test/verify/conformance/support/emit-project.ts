// Shared by the conformance tests of generated code: the spec's project for
// one transport, as the emitters write it today, in a folder of the test's.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type TargetLanguage, type Transport } from "../../../../src/emit/language.js";
import { createEmitterRegistry } from "../../../../src/emit/emitter-registry.js";
import type { Spec } from "../../../../src/spec/model.js";

/** Writes each language's generated project for `transport` to OUT/<language>. */
export function emitProject(spec: Spec, transport: Transport, out: string, languages: readonly TargetLanguage[]): void {
  const registry = createEmitterRegistry();
  for (const language of languages) {
    for (const file of registry.get(language).generate(spec, { transport })) {
      const path = join(out, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
  }
}
