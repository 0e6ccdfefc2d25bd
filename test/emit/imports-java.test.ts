import { describe, expect, it } from "vitest";
import { createFile, importResolvers, symbols } from "../../src/emit/index.js";

const java = symbols.java;
const resolve = importResolvers.java;
const context = { path: "java/src/main/java/chat/Codec.java", module: "chat", localNames: new Set(["Codec"]) };

describe("Java imports", () => {
  it("puts static imports first, then type imports, each in ordinal order, without duplicates", () => {
    const used = [
      java.type("java.util.Map"),
      java.staticMember("org.junit.jupiter.api.Assertions.assertEquals"),
      java.type("java.nio.ByteBuffer"),
      java.type("java.util.List"),
      java.type("java.util.Map"),
      java.staticMember("org.junit.jupiter.api.Assertions.assertArrayEquals"),
      java.type("java.util.Map.Entry"),
    ];
    expect(resolve(used, context).lines).toEqual([
      "import static org.junit.jupiter.api.Assertions.assertArrayEquals;",
      "import static org.junit.jupiter.api.Assertions.assertEquals;",
      "",
      "import java.nio.ByteBuffer;",
      "import java.util.List;",
      "import java.util.Map;",
      "import java.util.Map.Entry;",
    ]);
  });

  it("never imports java.lang or the file's own package", () => {
    const string = java.type("java.lang.String");
    const hello = java.type("chat.Hello");
    const resolved = resolve([string, hello], context);
    expect(resolved.lines).toEqual([]);
    expect([resolved.text(string), resolved.text(hello)]).toEqual(["String", "Hello"]);
  });

  it("fully qualifies a second type of the same simple name", () => {
    const list = java.type("java.util.List");
    const awtList = java.type("java.awt.List");
    const resolved = resolve([list, awtList], context);
    expect(resolved.lines).toEqual(["import java.util.List;"]);
    expect([resolved.text(list), resolved.text(awtList)]).toEqual(["List", "java.awt.List"]);
  });

  it("qualifies a type named like a java.lang type, a type of the file, or a same-package type already shadowed", () => {
    const string = java.type("com.example.String");
    const codec = java.type("com.example.Codec");
    const hello = java.type("com.example.Hello");
    const ownHello = java.type("chat.Hello");
    const resolved = resolve([string, codec, hello, ownHello], context);
    expect([string, codec, hello, ownHello].map((s) => resolved.text(s))).toEqual(["com.example.String", "com.example.Codec", "Hello", "chat.Hello"]);
    expect(resolved.lines).toEqual(["import com.example.Hello;"]);
  });

  it("qualifies a second static member of the same name", () => {
    const a = java.staticMember("org.junit.jupiter.api.Assertions.assertEquals");
    const b = java.staticMember("org.example.Checks.assertEquals");
    const resolved = resolve([a, b], context);
    expect(resolved.text(b)).toBe("org.example.Checks.assertEquals");
    expect(resolved.lines).toEqual(["import static org.junit.jupiter.api.Assertions.assertEquals;"]);
  });

  it("prints the package line, then imports, then the body", () => {
    const f = createFile("java/src/main/java/chat/Codec.java", "java", { header: "none", module: "chat" });
    f.block(["public final class Codec implements ", java.type("java.io.Serializable"), " {"], () => {});
    expect(f.finish().content).toBe("package chat;\n\nimport java.io.Serializable;\n\npublic final class Codec implements Serializable {\n}\n");
  });
});
