// The declarations every language's model starts from, and member names
// decided per owner whatever order a printer asks for them in.
import { describe, expect, it } from "vitest";
import { EmitError } from "../../src/emit/emit-error.js";
import { memberNames, specDeclarations } from "../../src/emit/naming/spec-declarations.js";
import { example } from "../python-layer/support.js";

describe("specDeclarations", () => {
  it("lists structs then messages in spec order and finds each by name", () => {
    const spec = example("chat");
    const d = specDeclarations(spec, "java");
    expect(d.composites.map((c) => c.name)).toEqual([...d.structs, ...d.messages].map((c) => c.name));
    expect(d.messages.map((m) => m.name)).toEqual(spec.messages.map((m) => m.name));
    expect(d.composite("Login").message?.name).toBe("Login");
    expect(d.enumDecl("UserStatus").values.map((v) => v.name)).toContain("online");
  });

  it("refuses a name the spec does not declare with an EmitError naming the language, the type and the protocol", () => {
    const d = specDeclarations(example("chat"), "cpp");
    const err = (() => {
      try {
        d.composite("Nope");
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(EmitError);
    expect(err).toMatchObject({ code: "undeclared-type", message: "cpp model: struct Nope is not declared in chat (the spec was not validated)" });
    expect(() => d.enumDecl("Login")).toThrow("cpp model: enum Login is not declared in chat");
  });
});

describe("memberNames", () => {
  const owners: Record<string, readonly string[]> = { A: ["class_", "class"], B: ["value"] };
  const field = () => memberNames("python", (owner) => owners[owner] ?? [], (scope, name) => scope.field(name));

  it("gives every name of an owner at once, so the escaped one does not depend on the order asked", () => {
    const first = field();
    const second = field();
    expect(first("A", "class")).toBe(second("A", "class"));
    expect(second("A", "class_")).toBe(first("A", "class_"));
    expect(first("A", "class")).not.toBe(first("A", "class_"));
  });

  it("keeps the identifiers the language's class already uses out of the owner's names", () => {
    const prop = memberNames("javascript", () => ["NAME"], (scope, name) => scope.enumMember(name), ["NAME"]);
    expect(prop("X", "NAME")).not.toBe("NAME");
  });
});
