// Golden vectors of a spec: language-neutral frames every implementation
// must decode (valid/) or reject with the recorded error (invalid/), listed
// in vectors/manifest.json. Pure and deterministic: no clock, no randomness.
import type { GeneratedFile } from "../../emit/generated-file.js";
import { sortFiles } from "../../emit/generated-file.js";
import type { Spec } from "../../spec/model.js";
import { createCodec } from "../codec.js";
import { formatJson } from "../json-text.js";
import { buildPlans } from "../plan.js";
import type { JsonObject, JsonValue } from "../values.js";
import { type InvalidContext, maxSamples } from "./invalid-context.js";
import { invalidFrameCases } from "./invalid-frame-cases.js";
import { invalidValueCases } from "./invalid-value-cases.js";
import { validCases } from "./valid-cases.js";
import { type InvalidCase, SequenceCounter, type ValidCase } from "./vector-case.js";

export const VECTORS_FORMAT = 1;
export const VECTORS_DIR = "vectors";

export function generateVectors(spec: Spec): GeneratedFile[] {
  const codec = createCodec(spec);
  const seq = new SequenceCounter();
  const valid = validCases(spec, codec, seq);
  const ctx: InvalidContext = {
    spec,
    codec,
    unchecked: createCodec(spec, { checkConstraints: false }),
    plans: buildPlans(spec, { checkConstraints: false }),
    seq,
  };
  const samples = maxSamples(ctx);
  const invalid = [...invalidFrameCases(ctx, samples), ...invalidValueCases(ctx, samples)];

  const files: GeneratedFile[] = [{ path: `${VECTORS_DIR}/manifest.json`, content: jsonFile(manifest(spec, valid, invalid)) }];
  for (const c of valid) {
    files.push({ path: `${VECTORS_DIR}/valid/${c.name}.bin`, content: c.frame });
    files.push({ path: `${VECTORS_DIR}/valid/${c.name}.json`, content: jsonFile(c.envelope) });
  }
  for (const c of invalid) files.push({ path: `${VECTORS_DIR}/invalid/${c.name}.bin`, content: c.frame });
  return sortFiles(files);
}

function manifest(spec: Spec, valid: readonly ValidCase[], invalid: readonly InvalidCase[]): JsonObject {
  return {
    format: VECTORS_FORMAT,
    protocol: spec.protocol.name,
    version: spec.protocol.version,
    wireVersion: spec.protocol.wireVersion,
    maxFrameBytes: spec.security.maxFrameBytes,
    valid: valid.map((c) => {
      const entry: Record<string, JsonValue> = { name: c.name, message: c.message };
      if (c.control !== undefined) entry["control"] = c.control;
      return { ...entry, seq: c.seq, flags: c.flags, bin: `valid/${c.name}.bin`, json: `valid/${c.name}.json` };
    }),
    invalid: invalid.map((c) => {
      const entry: Record<string, JsonValue> = { name: c.name, bin: `invalid/${c.name}.bin`, error: c.error };
      if (c.message !== undefined) entry["message"] = c.message;
      if (c.path !== undefined) entry["path"] = c.path;
      return entry;
    }),
  };
}

function jsonFile(value: JsonValue): string {
  return `${formatJson(value, 2)}\n`;
}
