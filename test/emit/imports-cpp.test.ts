import { describe, expect, it } from "vitest";
import { createFile, importResolvers, symbols } from "../../src/emit/index.js";

const cpp = symbols.cpp;
const resolve = importResolvers.cpp;
const context = { path: "cpp/include/chat/codec.hpp", module: "chat/codec.hpp", localNames: new Set<string>() };

describe("C++ includes", () => {
  it("puts system headers first, then local headers, each in ordinal order, without duplicates", () => {
    const used = [
      cpp.local("chat/messages.hpp", "chat::Hello"),
      cpp.system("vector", "std::vector"),
      cpp.system("cstdint", "std::uint8_t"),
      cpp.system("cstdint", "std::uint32_t"),
      cpp.local("chat/errors.hpp", "chat::ProtocolError"),
      cpp.system("string", "std::string"),
    ];
    expect(resolve(used, context).lines).toEqual([
      "#include <cstdint>",
      "#include <string>",
      "#include <vector>",
      "",
      '#include "chat/errors.hpp"',
      '#include "chat/messages.hpp"',
    ]);
  });

  it("prints names as given and does not include the file's own header", () => {
    const own = cpp.local("chat/codec.hpp", "chat::encode");
    const resolved = resolve([own], context);
    expect(resolved.lines).toEqual([]);
    expect(resolved.text(own)).toBe("chat::encode");
  });

  it("adds an include without printing a name", () => {
    const f = createFile("cpp/src/codec.cpp", "cpp", { header: "none", module: "chat/codec.cpp" });
    f.addImport(cpp.local("chat/codec.hpp"));
    f.print("std::size_t n = ", cpp.system("cstddef", "std::size_t"), "{};");
    expect(f.finish().content).toBe('#include <cstddef>\n\n#include "chat/codec.hpp"\n\nstd::size_t n = std::size_t{};\n');
  });
});
