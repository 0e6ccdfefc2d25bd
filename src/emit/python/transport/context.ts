// What every file of the Python transports needs to know about the spec:
// the package, the chosen transport, message lookups and the symbols of the
// protocol layer's and the transport runtime's modules, resolved for the
// place of the file that prints them (the package, its transport
// subpackage, or the tests).
import type { Spec } from "../../../spec/model.js";
import type { EmitOptions } from "../../language.js";
import { createSpecView, type SpecView } from "../../transport-common/context.js";
import { names } from "../../naming/names.js";
import { buildModel, type PyModel } from "../layer/model.js";
import { symbols, type ImportSymbol } from "../../symbols.js";

const py = symbols.python;

/** Where a file lives: `pkg` = src/<pkg>/, `transport` = src/<pkg>/transport/, `tests` = tests/. */
export type Place = "pkg" | "transport" | "tests";

export interface TransportContext extends SpecView {
  /** The import package, e.g. `sensor_telemetry`. */
  readonly pkg: string;
  /** The protocol as a class-name prefix, e.g. `SensorTelemetry`. */
  readonly typePrefix: string;
  /** The protocol layer's Python names (classes, attributes, enum members), so both layers agree. */
  readonly model: PyModel;
  /** The class of a message, struct or enum in messages.py. */
  className(specName: string): string;
  /** The attribute of field `field` of message or struct `owner`. */
  attr(owner: string, field: string): string;
  /** The member of enum value `value` of enum `enumName`. */
  member(enumName: string, value: string): string;
}

export function createContext(spec: Spec, options: EmitOptions): TransportContext {
  const pkg = names.python.package(spec.protocol.name);
  const model = buildModel(spec);
  return {
    ...createSpecView(spec, options, "python"),
    model,
    className: (n) => model.className(n),
    attr: (owner, field) => model.attr(owner, field),
    member: (e, v) => model.member(e, v),
    pkg,
    typePrefix: names.python.type(spec.protocol.name),
  };
}

/** The module `target` (dotted, relative to the package: `messages`, `transport.session`) as seen from `place`. */
export function moduleFrom(ctx: TransportContext, place: Place, target: string): string {
  switch (place) {
    case "tests":
      return `${ctx.pkg}.${target}`;
    case "pkg":
      return `.${target}`;
    case "transport":
      return target.startsWith("transport.") ? `.${target.slice("transport.".length)}` : `..${target}`;
  }
}

/** The Python module of a file (for the import manager), from its place and base name. */
export function ownModule(ctx: TransportContext, place: Place, base: string): string {
  switch (place) {
    case "tests":
      return base;
    case "pkg":
      return `${ctx.pkg}.${base}`;
    case "transport":
      return `${ctx.pkg}.transport.${base}`;
  }
}

/** Symbols of the generated project, for a file at `place`. */
export interface ProjectSymbols {
  /** A message, enum or struct class of messages.py. */
  cls(specName: string): ImportSymbol;
  /** A name from a module of the package (`codec`, `transport.session`, ...). */
  from(module: string, name: string): ImportSymbol;
}

export function projectSymbols(ctx: TransportContext, place: Place): ProjectSymbols {
  const from = (module: string, name: string) => py.from(moduleFrom(ctx, place, module), name);
  return {
    cls: (specName) => from("messages", ctx.className(specName)),
    from,
  };
}

export const pyStd = py;

/** The file paths, under the output folder. */
export const paths = {
  pkg: (ctx: TransportContext, file: string) => `python/src/${ctx.pkg}/${file}`,
  transport: (ctx: TransportContext, file: string) => `python/src/${ctx.pkg}/transport/${file}`,
  tests: (file: string) => `python/tests/${file}`,
  readme: "python/README.md",
};
