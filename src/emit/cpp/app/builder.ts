// Builds a message as a C++ expression from what is in scope, for the default
// handlers and the demo's samples. Where each field's value comes from (echo,
// recall, clock, fresh id or token, enum choice, constant) is chosen in
// transport-common/value-source.ts, as for every language; this file prints
// the choice the C++ way, as a designated initializer naming every member
// (-Wmissing-field-initializers) in declaration order:
//   message.room
//   message.nickname.value_or("bob")                        (optional source, required target)
//   login ? login->username : std::string("bob")            (login = session.last<Login>())
//   clock_(), static_cast<std::uint32_t>(next_id()), random_bytes(32)
// A field without a source is std::nullopt (an optional left out).
import type { Field, Message, StructDecl } from "../../../spec/model.js";
import type { WireObject, WireValue } from "../../../wire/values.js";
import { createNameScope, type NameScope } from "../../naming/name-scope.js";
import type { Printable } from "../../symbols.js";
import { call, code, flatExpr, isSimpleExpr, type Expr } from "../../transport-common/expr.js";
import { chooseSource, type Fallback, type SourceScope, type ValueSource } from "../../transport-common/value-source.js";
import { CPP_EXPR, sampleExpr } from "../tests/syntax.js";
import { cppType } from "../types.js";
import { sessionLast, specType, type CppView } from "./view.js";

export interface BuildScope extends SourceScope {
  readonly view: CppView;
  /** Expressions given outright, by field (the broadcast loop's `group`). */
  readonly overrides?: ReadonlyMap<string, Expr>;
  /** Local variables the expression needs (`const auto login = session.last<Login>();`), in order of first use. */
  readonly locals: Map<string, { readonly name: string; readonly init: Printable[] }>;
  readonly names: NameScope;
  /** How the recall of the last `cls` is written: `session.last<Login>()`. */
  readonly lookup?: (cls: Printable) => Printable[];
  /** What the server's clock is called in scope (`clock_()` in the handlers). */
  readonly clock?: string;
}

export function newScope(base: Omit<BuildScope, "locals" | "names">, taken: readonly string[]): BuildScope {
  return { ...base, locals: new Map(), names: createNameScope("cpp", taken) };
}

/** A constant of `type` (the sample's value). */
export const constExpr = (view: CppView, f: Field, value: WireValue): Expr => sampleExpr(view.model, f.type, value);

function recallVar(scope: BuildScope, message: Message): string {
  const known = scope.locals.get(message.name);
  if (known !== undefined) return known.name;
  const name = scope.names.field(message.name);
  const lookup = scope.lookup ?? sessionLast;
  scope.locals.set(message.name, { name, init: ["const auto ", name, " = ", ...lookup(specType(scope.view, message.name)), ";"] });
  return name;
}

const flat = (e: Expr): Printable[] => flatExpr(CPP_EXPR, e);

/** Integers narrower than int are promoted in ?: — cast back so the braced member init does not narrow. */
function narrow(view: CppView, f: Field, parts: Printable[]): Printable[] {
  const t = f.type;
  return t.kind === "int" && t.bits < 32 ? [`static_cast<${cppType(view.model, t)}>(`, ...parts, ")"] : parts;
}

/** The C++ expression of one chosen source. */
function sourceExpr(scope: BuildScope, f: Field, source: ValueSource, sample: WireValue | undefined, fallback: Expr | undefined): Expr | undefined {
  const { view } = scope;
  const { model } = view;
  const type = cppType(model, f.type);
  switch (source.kind) {
    case "token":
      return code(`random_bytes(${source.bytes})`);
    case "echo": {
      const value = `${source.from.variable}.${model.member(source.from.message.name, source.field.name)}`;
      if (!source.orFallback || fallback === undefined) return code(value);
      return code(`${value}.value_or(`, ...flat(fallback), ")");
    }
    case "fresh-id":
      return code(type === "std::uint64_t" ? "next_id()" : `static_cast<${type}>(next_id())`);
    case "recall": {
      const v = recallVar(scope, source.message);
      const member = `${v}->${model.member(source.message.name, source.field.name)}`;
      if (fallback === undefined) {
        // Only an optional target is left without a constant: std::nullopt when there is nothing to recall.
        return code(source.field.optional ? `${v} ? ${member} : std::nullopt` : `${v} ? std::optional<${type}>(${member}) : std::nullopt`);
      }
      const has = source.field.optional ? `${v} && ${member}` : v;
      const got = source.field.optional ? `*${member}` : member;
      const fb = f.type.kind === "string" ? [`std::string(`, ...flat(fallback), ")"] : flat(fallback);
      return code(...narrow(view, f, [`${has} ? ${got} : `, ...fb]));
    }
    case "enum":
      return code(`${specType(view, source.enumName)}::${model.enumerator(source.enumName, source.member)}`);
    case "clock": {
      const now = source.by === "server" ? `${scope.clock ?? "clock_"}()` : "epoch_millis()";
      return code(now, source.ahead ? " + 3'600'000" : "");
    }
    case "struct": {
      const decl = view.type(source.name) as StructDecl;
      return call(specType(view, decl.name), buildArgs(scope, decl.name, decl.fields, sample as WireObject));
    }
    case "sample":
      return fallback;
  }
}

/** The expression of one target field; undefined when the field has no source (an optional left out). */
function fieldExpr(scope: BuildScope, f: Field, sample: WireValue | undefined): Expr | undefined {
  const override = scope.overrides?.get(f.name);
  if (override !== undefined) return override;
  const fallback = sample === undefined ? undefined : constExpr(scope.view, f, sample);
  const fit: Fallback = fallback === undefined ? "none" : isSimpleExpr(CPP_EXPR, fallback) ? "simple" : "long";
  const source = chooseSource(scope, f, sample !== undefined, fit);
  return source === undefined ? undefined : sourceExpr(scope, f, source, sample, fallback);
}

function buildArgs(scope: BuildScope, owner: string, fields: readonly Field[], sample: WireObject): [string, Expr][] {
  return fields.map((f) => [scope.view.model.member(owner, f.name), fieldExpr(scope, f, sample[f.name]) ?? code("std::nullopt")]);
}

/** `Target{.member = ..., ...}`: every member in declaration order; the sample supplies constants. */
export function buildMessage(scope: BuildScope, target: Message, sample: WireObject): Expr {
  return call(specType(scope.view, target.name), buildArgs(scope, target.name, target.fields, sample));
}
