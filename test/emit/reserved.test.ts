// The reserved-word lists against the languages themselves, where a check
// is cheap: Python's keyword and builtins modules, and the JavaScript engine
// running this test. Java and C++ are compiled in toolchains.test.ts.

import { describe, expect, it } from "vitest";
import { names } from "../../src/emit/index.js";
import { JS_RESERVED_WORDS, JS_RESTRICTED_BINDINGS, JS_STRICT_RESERVED } from "../../src/emit/naming/reserved-javascript.js";
import { PYTHON_BUILTINS, PYTHON_KEYWORDS, PYTHON_RESERVED, PYTHON_SOFT_KEYWORDS } from "../../src/emit/naming/reserved-python.js";
import { hasTool, run } from "./support/tools.js";

const python = ["python3.12", "python3"].find((p) => hasTool(p));

describe("Python reserved words", () => {
  it("cover the interpreter's keywords, soft keywords and builtins, and every escape is a plain identifier", () => {
    const script = [
      "import builtins, json, keyword, sys",
      "escaped = json.load(sys.stdin)",
      "print(json.dumps({",
      "  'version': list(sys.version_info[:2]),",
      "  'kw': keyword.kwlist, 'soft': keyword.softkwlist,",
      "  'builtins': [n for n in dir(builtins) if not n.startswith('_')],",
      "  'bad': [e for e in escaped if not e.isidentifier() or keyword.iskeyword(e) or keyword.issoftkeyword(e) or hasattr(builtins, e)],",
      "}))",
    ].join("\n");
    const escaped = [...PYTHON_RESERVED].map((w) => names.python.escape(w));
    const out = JSON.parse(run(python ?? "python3", ["-c", script], ".", JSON.stringify(escaped)).toString()) as {
      kw: string[];
      soft: string[];
      builtins: string[];
      bad: string[];
    };
    expect(PYTHON_KEYWORDS).toEqual(expect.arrayContaining(out.kw));
    expect(PYTHON_SOFT_KEYWORDS).toEqual(expect.arrayContaining(out.soft));
    const siteHelpers = ["copyright", "credits", "exit", "help", "license", "quit"];
    expect(PYTHON_BUILTINS).toEqual(expect.arrayContaining(out.builtins.filter((b) => !siteHelpers.includes(b) && b !== "PythonFinalizationError")));
    expect(out.bad).toEqual([]);
  });
});

describe("JavaScript reserved words", () => {
  const binds = (name: string): boolean => {
    try {
      new Function(`"use strict"; let ${name} = 1; return ${name};`);
      return true;
    } catch {
      return false;
    }
  };

  it("lists words strict-mode code cannot bind, and their escapes bind", () => {
    const words = [...JS_RESERVED_WORDS, ...JS_STRICT_RESERVED, ...JS_RESTRICTED_BINDINGS].filter((w) => w !== "await");
    expect(words.filter(binds)).toEqual([]);
    expect(words.map((w) => names.javascript.escape(w)).filter((w) => !binds(w))).toEqual([]);
  });

  it("escapes `await`, which only module code reserves", () => {
    expect(names.javascript.field("await")).toBe("await_");
  });
});
