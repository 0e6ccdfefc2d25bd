import { describe, expect, it } from "vitest";
import { cppString, EmitError, javaString, javascriptString, pythonString, stringLiteral } from "../../src/emit/index.js";
import { LITERAL_SAMPLES } from "./support/samples.js";

describe("string literals", () => {
  it("escape quotes, backslashes and controls", () => {
    const s = 'a"b\\c\nd\te\0f';
    expect(pythonString(s)).toBe(String.raw`"a\"b\\c\nd\te\x00f"`);
    expect(javascriptString(s)).toBe(String.raw`"a\"b\\c\nd\te\x00f"`);
    expect(javaString(s)).toBe(String.raw`"a\"b\\c\nd\te\u0000f"`);
    expect(cppString(s)).toBe(String.raw`"a\"b\\c\nd\te\000f"`);
  });

  it("escape non-ASCII the way each language reads it", () => {
    const s = "é€😀";
    expect(pythonString(s)).toBe(String.raw`"\xe9\u20ac\U0001f600"`);
    expect(javascriptString(s)).toBe(String.raw`"\u00e9\u20ac\ud83d\ude00"`);
    expect(javaString(s)).toBe(String.raw`"\u00e9\u20ac\ud83d\ude00"`);
    expect(cppString(s)).toBe(String.raw`"\303\251\342\202\254\360\237\230\200"`);
  });

  it("keep octal escapes in C++ from swallowing the digits after them, and break trigraphs", () => {
    expect(cppString("\x01" + "23")).toBe(String.raw`"\00123"`);
    expect(cppString("??=")).toBe(String.raw`"?\?="`);
    expect(cppString("???")).toBe(String.raw`"?\?\?"`);
  });

  it("write a backslash before `u` in Java so it cannot become a Unicode escape", () => {
    expect(javaString("\\u0022")).toBe(String.raw`"\\u0022"`);
  });

  it("are printable ASCII for every sample in every language", () => {
    for (const literal of Object.values(stringLiteral)) {
      for (const sample of LITERAL_SAMPLES) expect(literal(sample)).toMatch(/^"[\x20-\x7e]*"$/);
    }
  });

  it("refuse an unpaired surrogate in C++, which UTF-8 cannot hold", () => {
    expect(() => cppString("a\ud800")).toThrow(EmitError);
    expect(pythonString("\ud800")).toBe(String.raw`"\ud800"`);
  });
});
