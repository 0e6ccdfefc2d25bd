import { describe, expect, it } from "vitest";
import { createFile, importResolvers, symbols } from "../../src/emit/index.js";
import { resolvePythonModule } from "../../src/emit/imports/index.js";

const py = symbols.python;
const resolve = importResolvers.python;
const context = { path: "python/src/chat/codec.py", module: "chat.codec", localNames: new Set<string>() };

describe("Python imports", () => {
  it("groups __future__, stdlib, third party and local; `import` before `from`; ordinal order", () => {
    const used = [
      py.from(".messages", "Login"),
      py.from("typing", "Final"),
      py.from("aiohttp", "web"),
      py.module("struct"),
      py.from("chat.errors", "ProtocolError"),
      py.from("__future__", "annotations"),
      py.from("dataclasses", "field"),
      py.from("dataclasses", "dataclass"),
      py.module("asyncio"),
      py.from("aiohttp", "ClientSession"),
    ];
    expect(resolve(used, context).lines).toEqual([
      "from __future__ import annotations",
      "",
      "import asyncio",
      "import struct",
      "from dataclasses import dataclass, field",
      "from typing import Final",
      "",
      "from aiohttp import ClientSession, web",
      "",
      "from .messages import Login",
      "from chat.errors import ProtocolError",
    ]);
  });

  it("imports a symbol once however often it is printed", () => {
    const f = createFile("a.py", "python", { header: "none" });
    const dataclass = py.from("dataclasses", "dataclass");
    f.print("@", dataclass);
    f.print("@", py.from("dataclasses", "dataclass"));
    expect(f.finish().content).toBe("from dataclasses import dataclass\n\n\n@dataclass\n@dataclass\n");
  });

  it("aliases the later of two names from different modules, and names declared in the file", () => {
    const first = py.from("chat.messages", "Error");
    const second = py.from("aiohttp.web", "Error");
    const third = py.from("json", "Error");
    const declared = py.from("asyncio", "Codec");
    const resolved = resolve([first, second, third, declared], { ...context, localNames: new Set(["Codec"]) });
    expect([first, second, third, declared].map((s) => resolved.text(s))).toEqual(["Error", "Error_2", "Error_3", "Codec_2"]);
    expect(resolved.lines).toEqual([
      "from asyncio import Codec as Codec_2",
      "from json import Error as Error_3",
      "",
      "from aiohttp.web import Error as Error_2",
      "",
      "from chat.messages import Error",
    ]);
  });

  it("aliases a module import whose name is taken", () => {
    const fromJson = py.from("mylib", "json");
    const json = py.module("json");
    const resolved = resolve([fromJson, json], context);
    expect(resolved.text(json)).toBe("json_2");
    expect(resolved.lines).toEqual(["import json as json_2", "", "from mylib import json"]);
  });

  it("prints dotted module imports in full and lets them share their root", () => {
    const path = py.module("os.path");
    const os = py.module("os");
    const resolved = resolve([path, os], context);
    expect([resolved.text(path), resolved.text(os)]).toEqual(["os.path", "os"]);
    expect(resolved.lines).toEqual(["import os", "import os.path"]);
  });

  it("does not import from the file's own module, absolute or relative", () => {
    const own = py.from("chat.codec", "encode");
    const ownRelative = py.from(".codec", "decode");
    const resolved = resolve([own, ownRelative], context);
    expect(resolved.lines).toEqual([]);
    expect([resolved.text(own), resolved.text(ownRelative)]).toEqual(["encode", "decode"]);
  });

  it("resolves relative modules against the file's package", () => {
    expect(resolvePythonModule(".codec", context)).toBe("chat.codec");
    expect(resolvePythonModule("..shared", { ...context, module: "chat.sub.codec" })).toBe("chat.shared");
    expect(resolvePythonModule(".codec", { ...context, path: "python/src/chat/__init__.py", module: "chat" })).toBe("chat.codec");
    expect(resolvePythonModule("typing", context)).toBe("typing");
  });

  it("wraps a `from` line longer than 88 characters", () => {
    const names = ["alpha_value", "bravo_value", "charlie_value", "delta_value", "echo_value", "foxtrot_value", "golf_value"];
    expect(resolve(names.map((n) => py.from("chat.constants", n)), context).lines).toEqual([
      "from chat.constants import (",
      ...names.map((n) => `    ${n},`),
      ")",
    ]);
  });

  it("gives the same lines whatever order the symbols were first printed in, aliases aside", () => {
    const a = [py.from("typing", "Final"), py.module("struct"), py.from("aiohttp", "web")];
    expect(resolve(a, context).lines).toEqual(resolve([...a].reverse(), context).lines);
  });
});
