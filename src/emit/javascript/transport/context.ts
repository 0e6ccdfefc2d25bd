// What every file of the JavaScript transports needs to know about the spec:
// the chosen transport, message lookups (transport-common), the protocol
// layer's JavaScript names (classes, fields, enum members) and the symbols of
// the generated project's modules, as seen from the file that prints them.
import { posix } from "node:path";
import type { Spec } from "../../../spec/model.js";
import type { EmitOptions } from "../../language.js";
import { names } from "../../naming/names.js";
import { symbols, type ImportSymbol } from "../../symbols.js";
import { createSpecView, type SpecView } from "../../transport-common/context.js";
import { buildModel } from "../layer/model.js";

const js = symbols.javascript;

export interface JsTransportContext extends SpecView {
  /** The npm package name, e.g. `sensor-telemetry`. */
  readonly pkg: string;
  /** The protocol as a class-name prefix, e.g. `SensorTelemetry`. */
  readonly typePrefix: string;
  /** The class of a message, struct or enum in messages.js. */
  className(specName: string): string;
  /** The property of field `field` of message or struct `owner`. */
  prop(owner: string, field: string): string;
  /** The member of enum value `value` of enum `enumName`. */
  member(enumName: string, value: string): string;
}

/** The protocol layer's names (layer/model.ts), so both parts agree. */
export function createContext(spec: Spec, options: EmitOptions): JsTransportContext {
  const model = buildModel(spec);
  return {
    ...createSpecView(spec, options, "javascript"),
    pkg: model.pkg,
    typePrefix: names.javascript.type(spec.protocol.name),
    className: (n) => model.className(n),
    prop: (owner, field) => model.prop(owner, field),
    member: (e, v) => model.member(e, v),
  };
}

/** Project-relative paths of the generated project's modules (under OUT/javascript). */
export const MODULES = {
  messages: "src/messages.js",
  codec: "src/codec.js",
  errors: "src/errors.js",
  machine: "src/machine.js",
  protocolInfo: "src/protocol-info.js",
  handlers: "src/handlers.js",
  transport: (file: string) => `src/transport/${file}`,
  demo: (file: string) => `demo/${file}`,
  testing: (file: string) => `testing/${file}`,
} as const;

/** The declarations of a module: src/<m>.js → types/<m>.d.ts (code and declarations live apart, see declarations.ts). */
export const declarationPath = (module: string): string => module.replace(/^src\//, "types/").replace(/\.js$/, ".d.ts");

/** The output path of a project file. */
export const outPath = (file: string): string => `javascript/${file}`;

/** Symbols of the generated project, for a file at project-relative `file`. */
export interface ProjectSymbols {
  /** A message, enum or struct class of messages.js (a value). */
  cls(specName: string): ImportSymbol;
  /** The same class in a type position only. */
  type(specName: string): ImportSymbol;
  /** A value exported by a project module (project-relative path). */
  from(module: string, name: string): ImportSymbol;
  /** A type exported by a project module. */
  typeFrom(module: string, name: string): ImportSymbol;
  /** A Node built-in. */
  node(module: string, name: string): ImportSymbol;
}

/** The specifier of project module `target` from the file `file` (both project-relative). */
export function specifier(file: string, target: string): string {
  const rel = posix.relative(posix.dirname(file), target);
  return rel.startsWith(".") ? rel : `./${rel}`;
}

/** Symbols for `file`; a declaration file under types/ refers to the other declarations (types/<m>.js
 *  resolves to types/<m>.d.ts), so its symbols of module src/<m>.js come from types/<m>.js. */
export function projectSymbols(ctx: JsTransportContext, file: string): ProjectSymbols {
  const target = file.startsWith("types/") ? (module: string) => module.replace(/^src\//, "types/") : (module: string) => module;
  const from = (module: string, name: string): ImportSymbol => js.from(specifier(file, target(module)), name);
  const typeFrom = (module: string, name: string): ImportSymbol => js.typeFrom(specifier(file, target(module)), name);
  return {
    cls: (n) => from(MODULES.messages, ctx.className(n)),
    type: (n) => typeFrom(MODULES.messages, ctx.className(n)),
    from,
    typeFrom,
    node: (module, name) => js.from(`node:${module}`, name),
  };
}
