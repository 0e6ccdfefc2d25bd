import { describe, expect, it } from "vitest";
import { defineEmitter, EmitError, EmitterRegistry, KNOWN_LANGUAGES, PLANNED_LANGUAGES, TARGET_LANGUAGES, TRANSPORTS, createFileSet, type EmitOptions } from "../../src/emit/index.js";
import type { Spec } from "../../src/spec/model.js";
import { loadSpecFile } from "../../src/spec/load.js";
import { fileURLToPath } from "node:url";

const stub = (language: (typeof TARGET_LANGUAGES)[number]) =>
  defineEmitter({
    language,
    generate: (spec: Spec, options: EmitOptions) => {
      const files = createFileSet(spec.protocol);
      files.plainFile(`${language}/README.txt`, "text").print(options.transport);
      return files.finish();
    },
  });

describe("EmitterRegistry", () => {
  it("lists registered languages in the fixed order", () => {
    const registry = new EmitterRegistry([stub("javascript")]).register(stub("python"));
    expect(registry.languages()).toEqual(["python", "javascript"]);
    expect(new EmitterRegistry([stub("python")]).has("javascript")).toBe(false);
    expect(registry.get("python").language).toBe("python");
  });

  it("refuses a second emitter for a language and names the known ones for a missing one", () => {
    const registry = new EmitterRegistry([stub("python")]);
    expect(() => registry.register(stub("python"))).toThrow(expect.objectContaining({ code: "duplicate-emitter" }));
    expect(() => registry.get("javascript")).toThrow(/no emitter for javascript; registered: python/);
    expect(() => new EmitterRegistry().get("python")).toThrow(EmitError);
  });

  it("runs a registered emitter on a spec", async () => {
    const { spec } = await loadSpecFile(fileURLToPath(new URL("../../examples/chat.yaml", import.meta.url)));
    expect(new EmitterRegistry([stub("javascript")]).get("javascript").generate(spec, { transport: "udp" })).toEqual([{ path: "javascript/README.txt", content: "udp\n" }]);
  });

  it("names four target languages, no planned one left, and three transports", () => {
    expect(TARGET_LANGUAGES).toEqual(["python", "javascript", "java", "cpp"]);
    expect(PLANNED_LANGUAGES).toEqual([]);
    expect(KNOWN_LANGUAGES).toEqual(["python", "javascript", "java", "cpp"]);
    expect(TRANSPORTS).toEqual(["tcp", "udp", "http"]);
  });
});
