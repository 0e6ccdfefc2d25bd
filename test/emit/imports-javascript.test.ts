import { describe, expect, it } from "vitest";
import { createFile, importResolvers, symbols } from "../../src/emit/index.js";

const js = symbols.javascript;
const resolve = importResolvers.javascript;
const context = { path: "javascript/src/codec.js", localNames: new Set<string>() };

describe("JavaScript imports", () => {
  it("groups node built-ins, packages and relative modules; merges default and named; ordinal order", () => {
    const used = [
      js.from("./messages.js", "Login"),
      js.from("node:net", "createServer"),
      js.defaultFrom("ws", "WebSocket"),
      js.from("ws", "WebSocketServer"),
      js.from("./messages.js", "Hello"),
      js.namespace("node:crypto", "crypto"),
      js.from("../shared/frame.js", "Frame"),
      js.from("events", "once"),
    ];
    expect(resolve(used, context).lines).toEqual([
      'import { once } from "events";',
      'import * as crypto from "node:crypto";',
      'import { createServer } from "node:net";',
      "",
      'import WebSocket, { WebSocketServer } from "ws";',
      "",
      'import { Frame } from "../shared/frame.js";',
      'import { Hello, Login } from "./messages.js";',
    ]);
  });

  it("aliases the later of two names from different modules, and declared names", () => {
    const a = js.from("./messages.js", "Error");
    const b = js.from("./errors.js", "Error");
    const c = js.defaultFrom("ws", "Codec");
    const resolved = resolve([a, b, c], { ...context, localNames: new Set(["Codec"]) });
    expect([resolved.text(a), resolved.text(b), resolved.text(c)]).toEqual(["Error", "Error_2", "Codec_2"]);
    expect(resolved.lines).toEqual(['import Codec_2 from "ws";', "", 'import { Error as Error_2 } from "./errors.js";', 'import { Error } from "./messages.js";']);
  });

  it("imports type-only names with a JSDoc @import in .js files", () => {
    const used = [js.typeFrom("./messages.js", "Hello"), js.from("./messages.js", "decode"), js.typeFrom("./types.js", "Reading")];
    expect(resolve(used, context).lines).toEqual([
      'import { decode } from "./messages.js";',
      '/** @import { Hello } from "./messages.js" */',
      '/** @import { Reading } from "./types.js" */',
    ]);
  });

  it("uses `import type` and inline `type` specifiers in .d.ts files", () => {
    const used = [js.typeFrom("./messages.js", "Hello"), js.from("./codec.js", "encode"), js.typeFrom("./codec.js", "Options")];
    expect(resolve(used, { ...context, path: "javascript/src/index.d.ts" }).lines).toEqual([
      'import { type Options, encode } from "./codec.js";',
      'import type { Hello } from "./messages.js";',
    ]);
  });

  it("imports a name used both as a value and as a type once, as a value", () => {
    const used = [js.typeFrom("./messages.js", "Hello"), js.from("./messages.js", "Hello")];
    expect(resolve(used, context).lines).toEqual(['import { Hello } from "./messages.js";']);
  });

  it("does not import from the file itself, also from its .d.ts", () => {
    const own = js.from("./codec.js", "encode");
    expect(resolve([own], context).lines).toEqual([]);
    expect(resolve([own, js.from("../src/codec.js", "decode")], { ...context, path: "javascript/src/codec.d.ts" }).lines).toEqual([]);
    expect(resolve([js.from("./codec.js", "encode")], { ...context, path: "javascript/test/codec.test.js" }).lines).toEqual([
      'import { encode } from "./codec.js";',
    ]);
  });

  it("wraps an import longer than 80 characters, one specifier per line", () => {
    const names = ["encodeHello", "decodeHello", "encodeReport", "decodeReport", "encodeGoodbye"];
    expect(resolve(names.map((n) => js.from("./codec-functions.js", n)), { ...context, path: "javascript/src/index.js" }).lines).toEqual([
      "import {",
      ...[...names].sort().map((n) => `  ${n},`),
      '} from "./codec-functions.js";',
    ]);
  });

  it("prints the aliased name where the symbol is printed", () => {
    const f = createFile("javascript/src/a.js", "javascript", { header: "none", localNames: ["Hello"] });
    f.print("export const x = new ", js.from("./messages.js", "Hello"), "();");
    expect(f.finish().content).toBe('import { Hello as Hello_2 } from "./messages.js";\n\nexport const x = new Hello_2();\n');
  });
});
