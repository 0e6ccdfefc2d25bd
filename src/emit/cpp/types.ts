// C++ types of field values (docs/targets/cpp-contract.md, "Types"): the
// exact fixed-width integer of each wire type, float and double, std::string
// (UTF-8), Bytes (std::vector<std::uint8_t>), enum class, structs,
// std::vector for lists and std::optional for optional fields.
import { dispatchFieldType, type FieldKindTable, type FieldType } from "../../spec/model.js";
import type { LanguageTypeMap } from "../index.js";
import type { CppModel } from "./model.js";

export const intType = (bits: number, signed: boolean): string => `std::${signed ? "" : "u"}int${bits}_t`;

export function cppTypeTable(model: CppModel): FieldKindTable<string> {
  const table: FieldKindTable<string> = {
    bool: () => "bool",
    int: (t) => intType(t.bits, t.signed),
    float: (t) => (t.bits === 32 ? "float" : "double"),
    string: () => "std::string",
    bytes: () => "Bytes",
    timestamp: () => "std::int64_t",
    enum: (t) => model.typeName(t.name),
    struct: (t) => model.typeName(t.name),
    list: (t) => `std::vector<${dispatchFieldType(table, t.of)}>`,
  };
  return table;
}

export function cppType(model: CppModel, type: FieldType): string {
  return dispatchFieldType(cppTypeTable(model), type);
}

/** A field's member type: std::optional when the field is optional. */
export function memberType(model: CppModel, type: FieldType, optional: boolean): string {
  const t = cppType(model, type);
  return optional ? `std::optional<${t}>` : t;
}

/** The emitter framework's table: the C++ type per field kind. */
export function cppTypes(model: CppModel): LanguageTypeMap {
  const table = cppTypeTable(model);
  return { ...table };
}

/** The default member initializer that keeps a scalar from being left indeterminate. */
export function memberInit(type: FieldType, optional: boolean): string {
  if (optional) return "";
  switch (type.kind) {
    case "bool":
      return " = false";
    case "int":
    case "float":
    case "timestamp":
      return " = 0";
    case "enum":
      return "{}";
    default:
      return "";
  }
}
