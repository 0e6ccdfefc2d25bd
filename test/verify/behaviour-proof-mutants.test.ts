import { describe, expect, it } from "vitest";
import { changedLines, mutantsOf, sampleMutants } from "../../src/verify/behaviour-proof/mutants.js";

const DEFAULT_PY = `"""Handlers."""
from .messages import KickOk


class ServerHandlers:
    async def on_kick(self, session, message):
        """A docstring with == and True in it."""
        return KickOk(room=message.room)
`;

const CHANGED_PY = DEFAULT_PY.replace(
  "        return KickOk(room=message.room)\n",
  `        # only moderators may kick (a comment with == is not code)
        if self.moderators.get(message.room) != session.user and not self.open:
            return ErrorReply(code=11, detail="no == here")
        self.kicks += 1
        return KickOk(room=message.room)
`,
);

describe("mutants of the behaviour code", () => {
  it("mutates only the lines that differ from the default, never comments, strings or docstrings", () => {
    const mutants = mutantsOf({ language: "python", path: "python/src/x/handlers.py", text: CHANGED_PY, defaultText: DEFAULT_PY });
    expect(mutants.map((m) => `${m.line} ${m.operator}: ${m.after}`)).toEqual([
      "9 negate-comparison: if self.moderators.get(message.room) == session.user and not self.open:",
      "9 swap-logical: if self.moderators.get(message.room) != session.user or not self.open:",
      "9 drop-not: if self.moderators.get(message.room) != session.user and self.open:",
      '10 shift-constant: return ErrorReply(code=12, detail="no == here")',
      "10 return-nothing: return None",
      "11 shift-constant: self.kicks += 2",
      "11 drop-statement: pass",
    ]);
    // Each mutant is the whole file with that one line changed.
    const first = mutants[0];
    expect(first?.text.split("\n").filter((l, i) => l !== CHANGED_PY.split("\n")[i])).toEqual(["        if self.moderators.get(message.room) == session.user and not self.open:"]);
  });

  it("treats every code line of a module the coder added as the coder's", () => {
    const js = `import { x } from "./y.js";\n// note: a < b\nexport function allowed(a, b) {\n  return a < b && !blocked;\n}\n`;
    expect(mutantsOf({ language: "javascript", path: "javascript/src/behaviour-rules.js", text: js, defaultText: undefined }).map((m) => `${m.line} ${m.operator}: ${m.after}`)).toEqual([
      "4 negate-comparison: return a >= b && !blocked;",
      "4 swap-logical: return a < b || !blocked;",
      "4 drop-not: return a < b && blocked;",
      "4 return-nothing: return undefined;",
    ]);
  });

  it("leaves arrows, annotations and shifts alone", () => {
    const py = "def f(x: int) -> int:\n    return x << 2\n";
    expect(mutantsOf({ language: "python", path: "p.py", text: py, defaultText: undefined }).map((m) => m.operator)).toEqual(["shift-constant", "return-nothing"]);
    const js = "const f = (a) => a;\n";
    // A declaration is not dropped (the names it declares would be missing, not wrong).
    expect(mutantsOf({ language: "javascript", path: "j.js", text: js, defaultText: undefined })).toEqual([]);
  });

  it("counts changed lines as a multiset, so a duplicated default line is a change", () => {
    expect([...changedLines("a\nb\n", ["a", "a", "b", ""])]).toEqual([1]);
  });

  it("samples evenly and keeps order", () => {
    expect(sampleMutants([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4)).toEqual([0, 2, 5, 7]);
    expect(sampleMutants([1, 2], 4)).toEqual([1, 2]);
  });

  it("mutates Java: operators with spaces, not generics or lambdas; literal suffixes kept; null returned; annotations and Javadoc left", () => {
    const java = `package dev.protoforge.chat;

import java.util.List;

/** Kicks: only a moderator == the room's owner. */
final class KickRule {
  @Override
  public boolean allowed(List<String> moderators, String user, long count) {
    if (!moderators.contains(user) || count > 10L) return false;
    this.kicks += 1;
    return count -> 0 == 0;
  }
}
`;
    expect(mutantsOf({ language: "java", path: "java/src/main/java/KickRule.java", text: java, defaultText: undefined }).map((m) => `${m.line} ${m.operator}: ${m.after}`)).toEqual([
      "9 negate-comparison: if (!moderators.contains(user) || count <= 10L) return false;",
      "9 flip-boolean: if (!moderators.contains(user) || count > 10L) return true;",
      "9 swap-logical: if (!moderators.contains(user) && count > 10L) return false;",
      "9 drop-not: if (moderators.contains(user) || count > 10L) return false;",
      "9 shift-constant: if (!moderators.contains(user) || count > 11L) return false;",
      "10 shift-constant: this.kicks += 2;",
      "10 drop-statement: ;",
      "11 negate-comparison: return count -> 0 != 0;",
      "11 shift-constant: return count -> 1 == 0;",
      "11 shift-constant: return count -> 0 == 1;",
      "11 return-nothing: return null;",
    ]);
  });

  it("mutates C++: preprocessor lines and namespaces left, `->` kept, a value-initialised return", () => {
    const cpp = `#include <vector>
namespace chat {
int next(Session* self, int n) {
  self->count += 1;
  return n >= 3 ? 0 : n + 1;
}
}
`;
    expect(mutantsOf({ language: "cpp", path: "cpp/src/rules.cpp", text: cpp, defaultText: undefined }).map((m) => `${m.line} ${m.operator}: ${m.after}`)).toEqual([
      "4 shift-constant: self->count += 2;",
      "4 drop-statement: ;",
      "5 negate-comparison: return n < 3 ? 0 : n + 1;",
      "5 swap-arithmetic: return n >= 3 ? 0 : n - 1;",
      "5 shift-constant: return n >= 4 ? 0 : n + 1;",
      "5 shift-constant: return n >= 3 ? 1 : n + 1;",
      "5 shift-constant: return n >= 3 ? 0 : n + 2;",
      "5 return-nothing: return {};",
    ]);
  });
});
