import { describe, expect, it } from "vitest";
import { createFile, docLines, doxygen, javadoc, jsDoc, pythonDocstring } from "../../src/emit/index.js";

describe("doc comments", () => {
  it("render one line compactly", () => {
    expect(pythonDocstring("A reading.")).toEqual(['"""A reading."""']);
    expect(jsDoc("A reading.")).toEqual(["/** A reading. */"]);
    expect(javadoc("A reading.")).toEqual(["/** A reading. */"]);
    expect(doxygen("A reading.")).toEqual(["/// A reading."]);
  });

  it("render several lines with blank lines kept and no trailing spaces", () => {
    const text = "First line.  \n\nSecond paragraph.\n";
    expect(pythonDocstring(text)).toEqual(['"""First line.', "", "Second paragraph.", '"""']);
    expect(jsDoc(text)).toEqual(["/**", " * First line.", " *", " * Second paragraph.", " */"]);
    expect(javadoc(text)).toEqual(["/**", " * First line.", " *", " * <p>Second paragraph.", " */"]);
    expect(doxygen(text)).toEqual(["/// First line.", "///", "/// Second paragraph."]);
  });

  it("cannot be closed early by the text", () => {
    expect(jsDoc("a */ b")).toEqual(["/** a *\\/ b */"]);
    expect(javadoc("a */ b")).toEqual(["/** a *&#47; b */"]);
    expect(pythonDocstring('say """hi"""')).toEqual([String.raw`"""say \"\"\"hi\"\"\""""`]);
    expect(pythonDocstring('ends with "')).toEqual([String.raw`"""ends with \""""`]);
    expect(pythonDocstring("back\\slash")).toEqual([String.raw`"""back\\slash"""`]);
  });

  it("escape what the doc tools read as markup", () => {
    expect(jsDoc("@param x\n{@link y}")).toEqual(["/**", " * \\@param x", " * {\\@link y}", " */"]);
    expect(javadoc("<b> & @see \\u0041")).toEqual(["/** &lt;b&gt; &amp; &#64;see &#92;u0041 */"]);
    expect(doxygen("\\brief @param <b> &")).toEqual(["/// \\\\brief \\@param \\<b\\> \\&"]);
  });

  it("keep a Doxygen line from ending in a backslash, which would splice the next line in", () => {
    expect(doxygen("C:\\")).toEqual(["/// C:\\\\ <!-- -->"]);
    expect(doxygen("what??/")).toEqual(["/// what??/ <!-- -->"]);
  });

  it("render nothing for empty text", () => {
    expect(docLines(" \n\n")).toEqual([]);
    for (const render of [pythonDocstring, jsDoc, javadoc, doxygen]) expect(render("")).toEqual([]);
  });

  it("print at the current indentation through the printer", () => {
    const f = createFile("a.js", "javascript", { header: "none" });
    f.block("class A {", () => {
      f.doc("Line one.\nLine two.");
      f.print("x = 1;");
    });
    expect(f.finish().content).toBe("class A {\n  /**\n   * Line one.\n   * Line two.\n   */\n  x = 1;\n}\n");
  });
});
