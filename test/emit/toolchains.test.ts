// Proof with the real tools: programs printed with the framework, holding every
// sample string literal, doc comment and escaped reserved word, are run or
// compiled (strictly) and must give back exactly the input. One program per
// language, so the suite stays fast.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createFile, docLines, names, stringLiteral, symbols } from "../../src/emit/index.js";
import { CPP_RESERVED } from "../../src/emit/naming/reserved-cpp.js";
import { JAVA_RESERVED } from "../../src/emit/naming/reserved-java.js";
import { JS_RESERVED } from "../../src/emit/naming/reserved-javascript.js";
import { protocol } from "./support/protocol.js";
import { DOC_SAMPLES, LITERAL_SAMPLES, LONE_SURROGATES } from "./support/samples.js";
import { inTempDir, run } from "./support/tools.js";

const utf16Hex = (s: string): string => [...Array(s.length).keys()].map((i) => s.charCodeAt(i).toString(16).padStart(4, "0")).join("");
const utf8Hex = (s: string): string => Buffer.from(s, "utf8").toString("hex");
const WITH_SURROGATES = [...LITERAL_SAMPLES, LONE_SURROGATES];

describe("emitted code read back by the real tools", () => {
  it("Python evaluates every literal and docstring to the input, with warnings as errors", () => {
    const f = createFile("check.py", "python", { protocol });
    f.print("LITERALS = [");
    f.indent(() => WITH_SURROGATES.forEach((s) => f.print(stringLiteral.python(s), ",")));
    f.print("]");
    f.print("EXPECTED_DOCS = [");
    f.indent(() => DOC_SAMPLES.forEach((s) => f.print(stringLiteral.python(docLines(s).join("\n")), ",")));
    f.print("]");
    DOC_SAMPLES.forEach((doc, i) => {
      f.print();
      f.print();
      f.block(`def doc_${i}() -> None:`, () => f.doc(doc));
    });
    f.print();
    f.print();
    f.print("DOCS = [", DOC_SAMPLES.map((_, i) => `doc_${i}`).join(", "), "]");
    f.print("print(", symbols.python.module("json"), ".dumps({");
    f.indent(() => {
      f.print('"literals": LITERALS,');
      f.print('"docs": [', symbols.python.module("inspect"), '.cleandoc(d.__doc__ or "") for d in DOCS],');
      f.print('"expected": [inspect.cleandoc(d) for d in EXPECTED_DOCS],');
    });
    f.print("}))");
    const source = f.finish().content as string;
    const out = inTempDir("py", (dir) => {
      writeFileSync(join(dir, "check.py"), source);
      return JSON.parse(run("python3", ["-W", "error", "check.py"], dir).toString()) as { literals: string[]; docs: string[]; expected: string[] };
    });
    expect(out.literals).toEqual(WITH_SURROGATES);
    expect(out.docs).toEqual(out.expected);
  });

  it("JavaScript evaluates every literal to the input and parses every JSDoc block and escaped name", () => {
    for (const s of WITH_SURROGATES) expect(new Function(`"use strict"; return ${stringLiteral.javascript(s)};`)()).toBe(s);
    const f = createFile("check.js", "javascript", { protocol });
    f.block("class Check {", () => {
      DOC_SAMPLES.forEach((doc, i) => {
        f.doc(doc);
        f.print(`doc${i} = ${i};`);
      });
      for (const word of [...JS_RESERVED].sort()) f.print(names.javascript.escape(word), " = 0;");
    });
    f.print(`return new Check().doc${DOC_SAMPLES.length - 1};`);
    expect(new Function(`"use strict";\n${f.finish().content as string}`)()).toBe(DOC_SAMPLES.length - 1);
  });

  it("javac -Xlint:all -Werror -Xdoclint compiles literals, Javadoc and escaped names; java prints the input back", () => {
    const f = createFile("Literals.java", "java", { protocol, localNames: ["Literals"] });
    f.block("public final class Literals {", () => {
      f.print("private static final String[] VALUES = {");
      f.indent(() => WITH_SURROGATES.forEach((s) => f.print(stringLiteral.java(s), ",")));
      f.print("};");
      DOC_SAMPLES.forEach((doc, i) => {
        f.print();
        f.doc(doc);
        f.print(`static final int DOC_${i} = ${i};`);
      });
      f.print();
      f.doc("Every reserved word, escaped.");
      f.block("static final class Escaped {", () => {
        for (const word of [...JAVA_RESERVED].sort()) f.print("int ", names.java.escape(word), ";");
      });
      f.print();
      f.doc("Prints each value as UTF-16 code units in hex.");
      f.block("public static void main(String[] args) {", () => {
        f.print("StringBuilder out = new StringBuilder();");
        f.block("for (String value : VALUES) {", () => {
          f.print("for (int i = 0; i < value.length(); i++) out.append(String.format(", symbols.java.type("java.util.Locale"), '.ROOT, "%04x", (int) value.charAt(i)));');
          f.print("out.append('\\n');");
        });
        f.print(symbols.java.type("java.lang.System"), ".out.print(out);");
      });
    });
    const source = f.finish().content as string;
    const out = inTempDir("java", (dir) => {
      writeFileSync(join(dir, "Literals.java"), source);
      run("javac", ["-encoding", "UTF-8", "-Xlint:all", "-Werror", "-Xdoclint:all/private,-missing", "-d", "out", "Literals.java"], dir);
      return run("java", ["-cp", "out", "Literals"], dir).toString();
    });
    expect(out.split("\n").slice(0, -1)).toEqual(WITH_SURROGATES.map(utf16Hex));
  });

  it("g++ -std=c++20 -Wall -Wextra -Werror -pedantic compiles literals, Doxygen and escaped names; the program prints the UTF-8 bytes back", () => {
    const cpp = symbols.cpp;
    const f = createFile("literals.cpp", "cpp", { protocol });
    for (const header of ["cassert", "cerrno", "csetjmp", "csignal", "cstdarg", "cstdint", "sys/types.h", "sys/sysmacros.h"]) f.addImport(cpp.system(header));
    f.print("namespace {");
    f.print();
    DOC_SAMPLES.forEach((doc, i) => {
      f.doc(doc);
      f.print(`[[maybe_unused]] constexpr int kDoc${i} = ${i};`);
    });
    f.print();
    f.doc("Every reserved word, escaped.");
    f.block("struct Escaped {", () => {
      for (const word of [...CPP_RESERVED].sort()) f.print("int ", names.cpp.escape(word), ";");
    }, "};");
    f.print();
    f.block(["void dump(const char* s, ", cpp.system("cstddef", "std::size_t"), " n) {"], () => {
      f.print("for (std::size_t i = 0; i < n; ++i) ", cpp.system("cstdio", "std::printf"), '("%02x", static_cast<unsigned char>(s[i]));');
      f.print('std::printf("\\n");');
    });
    f.print();
    f.print("}  // namespace");
    f.print();
    f.block("int main() {", () => {
      for (const s of LITERAL_SAMPLES) f.print(`dump(${stringLiteral.cpp(s)}, sizeof(${stringLiteral.cpp(s)}) - 1);`);
      f.print("return sizeof(Escaped) > 0 ? 0 : 1;");
    });
    const source = f.finish().content as string;
    const out = inTempDir("cpp", (dir) => {
      writeFileSync(join(dir, "literals.cpp"), source);
      run("g++", ["-std=c++20", "-Wall", "-Wextra", "-Werror", "-pedantic", "-o", "literals", "literals.cpp"], dir);
      return run(join(dir, "literals"), [], dir).toString();
    });
    expect(out.split("\n").slice(0, -1)).toEqual(LITERAL_SAMPLES.map(utf8Hex));
  });
});
