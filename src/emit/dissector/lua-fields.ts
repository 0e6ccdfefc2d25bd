// The ProtoField of each message and struct field, filterable as
// <protocol>.<Message>.<field>: the type of its values (a list's items, with
// <field>.count for the list itself), an enum with its value names, a struct
// as a subtree.
import type { Field, FieldKindTable, Spec } from "../../spec/model.js";
import { dispatchFieldType } from "../../spec/model.js";
import { luaString } from "./lua-literal.js";

/** The Lua expression of a field's ProtoField, given its filter name and label. */
const PROTO_FIELD: FieldKindTable<(abbr: string, label: string) => string> = {
  bool: () => (abbr, label) => `ProtoField.bool(${abbr}, ${label})`,
  int: (t) => (abbr, label) => `ProtoField.${t.signed ? "int" : "uint"}${t.bits}(${abbr}, ${label})`,
  float: (t) => (abbr, label) => `ProtoField.${t.bits === 32 ? "float" : "double"}(${abbr}, ${label})`,
  string: () => (abbr, label) => `ProtoField.string(${abbr}, ${label})`,
  bytes: () => (abbr, label) => `ProtoField.bytes(${abbr}, ${label})`,
  timestamp: () => (abbr, label) => `ProtoField.int64(${abbr}, ${label} .. " (ms since the epoch)")`,
  enum: (t) => (abbr, label) => `ProtoField.uint16(${abbr}, ${label}, base.DEC, ${enumTable(t.name)})`,
  struct: () => (abbr, label) => `ProtoField.none(${abbr}, ${label})`,
  list: (t) => (abbr, label) => dispatchFieldType(PROTO_FIELD, t.of)(abbr, label),
};

export const enumTable = (name: string) => `ENUM_${name}`;

/** The key of a field in the generated F table: `Message.field`. */
export const fieldKey = (owner: string, field: Field) => `${owner}.${field.name}`;

export function protoFieldLines(spec: Spec): string[] {
  const owners: [string, readonly Field[]][] = [
    ...spec.messages.map((m): [string, readonly Field[]] => [m.name, m.fields]),
    ...spec.types.flatMap((t): [string, readonly Field[]][] => (t.kind === "struct" ? [[t.name, t.fields]] : [])),
  ];
  const abbr = (key: string) => luaString(`${spec.protocol.name}.${key}`);
  return owners.flatMap(([owner, fields]) =>
    fields.flatMap((f) => {
      const key = fieldKey(owner, f);
      const lines = [`field(${luaString(key)}, ${dispatchFieldType(PROTO_FIELD, f.type)(abbr(key), luaString(f.name))})`];
      // A list's item count, the subtree its items hang from (nested lists share it).
      if (f.type.kind === "list") lines.push(`field(${luaString(`${key}.count`)}, ProtoField.uint32(${abbr(`${key}.count`)}, ${luaString(`${f.name} (items)`)}))`);
      return lines;
    }),
  );
}
