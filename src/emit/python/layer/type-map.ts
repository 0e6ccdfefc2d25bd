// Python annotations of field types: the exhaustive table of the emitter
// framework, with enum and struct classes as symbols of messages.py.
import { dispatchFieldType } from "../../../spec/model.js";
import type { LanguageTypeMap } from "../../index.js";
import type { PyModel } from "./model.js";
import type { Modules } from "./modules.js";

export function pythonTypes(model: PyModel, mods: Modules): LanguageTypeMap {
  const table: LanguageTypeMap = {
    bool: () => "bool",
    int: () => "int",
    float: () => "float",
    string: () => "str",
    bytes: () => "bytes",
    timestamp: () => "int",
    enum: (t) => mods.from("messages", model.className(t.name)),
    struct: (t) => mods.from("messages", model.className(t.name)),
    list: (t) => ["list[", dispatchFieldType(table, t.of), "]"],
  };
  return table;
}
