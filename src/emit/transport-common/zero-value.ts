// The zero value of a field type: false, 0, empty, the first enum value, a
// struct of zeros. What a built message holds where nothing else binds a
// field (a member's status in a member list). Pure.
import type { FieldType, TypeDecl } from "../../spec/model.js";
import type { WireValue } from "../../wire/values.js";

/** Looks up a declared type by name (undefined when the spec has none). */
export type TypeByName = (name: string) => TypeDecl | undefined;

export function zeroValue(types: TypeByName, t: FieldType): WireValue {
  switch (t.kind) {
    case "bool":
      return false;
    case "int":
      return t.bits === 64 ? 0n : 0;
    case "float":
      return 0;
    case "timestamp":
      return 0n;
    case "string":
      return "";
    case "bytes":
      return new Uint8Array();
    case "list":
      return [];
    case "enum": {
      const decl = types(t.name);
      return decl?.kind === "enum" ? (decl.values[0]?.name ?? "") : "";
    }
    case "struct": {
      const decl = types(t.name);
      const out: Record<string, WireValue> = {};
      if (decl?.kind === "struct") for (const f of decl.fields) out[f.name] = zeroValue(types, f.type);
      return out;
    }
  }
}
