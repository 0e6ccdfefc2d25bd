// The minimal emitter of docs/emitters.md, compiled here, must print exactly
// what the page shows.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createFileSet, createNameScope, defineEmitter, names, stringLiteral, symbols, type LanguageTypeMap, type Printable } from "../../src/emit/index.js";
import { loadSpecFile } from "../../src/spec/load.js";
import { dispatchFieldType } from "../../src/spec/model.js";

const py = symbols.python;

const pythonTypes: LanguageTypeMap = {
  bool: () => "bool",
  int: () => "int",
  float: () => "float",
  string: () => "str",
  bytes: () => "bytes",
  timestamp: () => py.from("datetime", "datetime"),
  enum: (t) => names.python.type(t.name),
  struct: (t) => names.python.type(t.name),
  list: (t): Printable => ["list[", dispatchFieldType(pythonTypes, t.of), "]"],
};

const pythonEmitter = defineEmitter({
  language: "python",
  generate(spec) {
    const files = createFileSet(spec.protocol);
    const pkg = names.python.package(spec.protocol.name);
    const f = files.file(`python/src/${pkg}/messages.py`, "python", { module: `${pkg}.messages` });
    f.preamble(`"""Messages of ${spec.protocol.name}."""`);
    f.addImport(py.from("__future__", "annotations"));
    for (const message of spec.messages) {
      const cls = names.python.type(message.name);
      f.declare(cls);
      f.print("@", py.from("dataclasses", "dataclass"), "(frozen=True)");
      f.block(`class ${cls}:`, () => {
        f.doc(message.doc);
        const scope = createNameScope("python", ["encode", "decode"]);
        for (const field of message.fields) f.print(scope.field(field.name), ": ", dispatchFieldType(pythonTypes, field.type));
        f.print();
        f.print("KIND: ", py.from("typing", "ClassVar"), "[str] = ", stringLiteral.python(message.name));
      });
    }
    return files.finish();
  },
});

describe("docs/emitters.md", () => {
  it("shows the real output of its example emitter", async () => {
    const { spec } = await loadSpecFile(fileURLToPath(new URL("../../examples/sensor-telemetry.yaml", import.meta.url)));
    const first = { ...spec, messages: spec.messages.slice(0, 1) };
    const [file] = pythonEmitter.generate(first, { transport: "tcp" });
    const page = readFileSync(fileURLToPath(new URL("../../docs/emitters.md", import.meta.url)), "utf8");
    const shown = /```python\n([\s\S]*?)```/.exec(page)?.[1];
    expect(file?.content).toBe(shown);
  });
});
