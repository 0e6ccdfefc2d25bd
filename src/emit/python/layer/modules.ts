// Symbols of the generated package's own modules: relative inside the
// package (`from .messages import Hello`), absolute from the tests
// (`from sensor_telemetry.messages import Hello`).
import { symbols, type ImportSymbol } from "../../index.js";

export type PackageModule =
  | "messages"
  | "codec"
  | "errors"
  | "machine"
  | "protocol_info"
  | "_wire"
  | "_buffers"
  | "_json_values"
  | "_frames"
  | "_binary"
  | "_json"
  | "_patterns"
  | "_machine";

export interface Modules {
  /** A name a module of the package defines. */
  from(module: PackageModule, name: string): ImportSymbol;
  /** The module itself (`from . import _binary`, printed `_binary`). */
  module(module: PackageModule): ImportSymbol;
}

export function packageModules(pkg: string, inside: boolean): Modules {
  const py = symbols.python;
  return {
    from: (module, name) => py.from(inside ? `.${module}` : `${pkg}.${module}`, name),
    module: (module) => py.from(inside ? "." : pkg, module),
  };
}
