// Builds a message as a Java expression from what is in scope, for the
// default handlers and the demo's samples. Where each field's value comes
// from (echo, recall, clock, fresh id or token, enum choice, constant) is
// chosen in transport-common/value-source.ts, as for Python and JavaScript;
// this file prints the choice the Java way:
//   message.room()
//   Objects.requireNonNullElse(message.nickname(), "bob")      (optional source, required target)
//   login.map(Login::username).orElse("bob")                   (login = session.last(Login.class))
//   clock.millis(), nextId(), randomBytes(32)
// Records take every component in order, so a field without a source is `null`.
import type { Field, FieldType, Message, StructDecl } from "../../../spec/model.js";
import type { WireObject, WireValue } from "../../../wire/values.js";
import { createNameScope, type NameScope } from "../../naming/name-scope.js";
import { symbols, type ImportSymbol, type Printable } from "../../symbols.js";
import { createSpecView, type SpecView } from "../../transport-common/context.js";
import { call, code, flatExpr, isSimpleExpr, type Expr } from "../../transport-common/expr.js";
import { sampleExpr, type LiteralSyntax } from "../../transport-common/sample-expr.js";
import { chooseSource, type Fallback, type SourceScope, type ValueSource } from "../../transport-common/value-source.js";
import type { Transport } from "../../language.js";
import type { JavaModel } from "../model.js";
import { JAVA_EXPR, javaScalar } from "../tests/syntax.js";

/** The spec seen by the Java transports' files: the shared view and the protocol layer's names. */
export interface JavaView extends SpecView {
  readonly model: JavaModel;
  /** `dev.protoforge.chat.transport`. */
  readonly transportPkg: string;
  /** `dev.protoforge.chat.demo`. */
  readonly demoPkg: string;
}

export function javaView(model: JavaModel, transport: Transport): JavaView {
  return { ...createSpecView(model.spec, { transport }, "java"), model, transportPkg: `${model.pkg}.transport`, demoPkg: `${model.pkg}.demo` };
}

/** A class of the main package (messages, enums, handlers, ProtocolInfo) as a symbol: imported where the file lives elsewhere. */
export const mainType = (view: JavaView, cls: string): Printable => symbols.java.type(`${view.model.pkg}.${cls}`);
/** A class of the transport package. */
export const transportType = (view: JavaView, cls: string): Printable => symbols.java.type(`${view.transportPkg}.${cls}`);
/** A class of the demo package. */
export const demoType = (view: JavaView, cls: string): Printable => symbols.java.type(`${view.demoPkg}.${cls}`);

/** The class of a spec message, struct or enum, as a symbol. */
export const specType = (view: JavaView, name: string): Printable => mainType(view, view.model.className(name));

/** The handler method of a message: `on<Class>`. */
export const handlerMethod = (view: JavaView, m: Message): string => `on${view.model.className(m.name)}`;

/** The demo's sample method of a message: `make<Class>`. */
export const makeMethod = (view: JavaView, m: Message): string => `make${view.model.className(m.name)}`;

/** Java's literals with the classes as symbols (so a file in another package imports them). */
export function javaLiteralSyntax(view: JavaView): LiteralSyntax {
  return {
    scalar: javaScalar,
    enumMember: (enumName, valueName) => code(specType(view, enumName), `.${view.model.constant(enumName, valueName)}`),
    cls: (name) => specType(view, name),
    fieldName: (owner, field) => view.model.component(owner, field),
    absent: "null",
  };
}

/** A constant of `type`. */
export const constExpr = (view: JavaView, type: FieldType, value: WireValue): Expr => sampleExpr(view, javaLiteralSyntax(view), type, value);

export interface BuildScope extends SourceScope {
  readonly view: JavaView;
  /** Expressions given outright, by field (the broadcast loop's `group`). */
  readonly overrides?: ReadonlyMap<string, Expr>;
  /** Local variables the expression needs (`Optional<Login> login = session.last(Login.class);`), in order of first use. */
  readonly locals: Map<string, { readonly name: string; readonly init: Printable[] }>;
  readonly names: NameScope;
  /** How the recall of the last `cls` is written: `session.last(Login.class)`. */
  readonly lookup?: (cls: Printable) => Printable[];
}

export function newScope(base: Omit<BuildScope, "locals" | "names">, taken: readonly string[]): BuildScope {
  return { ...base, locals: new Map(), names: createNameScope("java", taken) };
}

function recallVar(scope: BuildScope, message: Message): string {
  const known = scope.locals.get(message.name);
  if (known !== undefined) return known.name;
  const name = scope.names.field(message.name);
  const cls = specType(scope.view, message.name);
  const lookup = scope.lookup ?? ((c: Printable) => ["session.last(", c, ".class)"]);
  scope.locals.set(message.name, { name, init: [symbols.java.type("java.util.Optional"), "<", cls, "> ", name, " = ", ...lookup(cls), ";"] });
  return name;
}

const flat = (e: Expr): Printable[] => flatExpr(JAVA_EXPR, e);

/** The Java expression of one chosen source. */
function sourceExpr(scope: BuildScope, f: Field, source: ValueSource, sample: WireValue | undefined, fallback: Expr | undefined): Expr | undefined {
  const { view } = scope;
  const { model } = view;
  switch (source.kind) {
    case "token":
      return code(`randomBytes(${source.bytes})`);
    case "echo": {
      const value = `${source.from.variable}.${model.component(source.from.message.name, source.field.name)}()`;
      if (!source.orFallback || fallback === undefined) return code(value);
      return code(symbols.java.type("java.util.Objects"), `.requireNonNullElse(${value}, `, ...flat(fallback), ")");
    }
    case "fresh-id":
      // int32 is an int component; uint32, int64 and uint64 are longs.
      return code(f.type.kind === "int" && f.type.bits === 32 && f.type.signed ? "Math.toIntExact(nextId())" : "nextId()");
    case "recall": {
      const v = recallVar(scope, source.message);
      const accessor = [specType(view, source.message.name), `::${model.component(source.message.name, source.field.name)}`];
      return code(`${v}.map(`, ...accessor, ").orElse(", ...(fallback === undefined ? ["null"] : flat(fallback)), ")");
    }
    case "enum":
      return code(specType(view, source.enumName), `.${model.constant(source.enumName, source.member)}`);
    case "clock":
      return code(source.by === "server" ? "clock.millis()" : "System.currentTimeMillis()", source.ahead ? " + 3_600_000L" : "");
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
  const fallback = sample === undefined ? undefined : constExpr(scope.view, f.type, sample);
  const fit: Fallback = fallback === undefined ? "none" : isSimpleExpr(JAVA_EXPR, fallback) ? "simple" : "long";
  const source = chooseSource(scope, f, sample !== undefined, fit);
  return source === undefined ? undefined : sourceExpr(scope, f, source, sample, fallback);
}

function buildArgs(scope: BuildScope, owner: string, fields: readonly Field[], sample: WireObject): [string, Expr][] {
  return fields.map((f) => [scope.view.model.component(owner, f.name), fieldExpr(scope, f, sample[f.name]) ?? code("null")]);
}

/** `new Target(component, ...)`: every component in declaration order; the sample supplies constants. */
export function buildMessage(scope: BuildScope, target: Message, sample: WireObject): Expr {
  return call(specType(scope.view, target.name), buildArgs(scope, target.name, target.fields, sample));
}

/** Whether the expression holds a list (`List.of(...)`, whose import the file needs). */
export function usesList(e: Expr): boolean {
  switch (e.kind) {
    case "code":
      return false;
    case "list":
      return true;
    case "call":
      return e.args.some(([, a]) => usesList(a));
  }
}

/** Imports java.util.List when one of the expressions needs it. */
export function listImport(exprs: readonly Expr[]): ImportSymbol[] {
  return exprs.some(usesList) ? [symbols.java.type("java.util.List")] : [];
}
