// messages.py: the spec's enums (IntEnum), structs and messages (frozen
// dataclasses with slots), MessageBase with each message's spec metadata,
// and the Message union.
import type { Field, Message } from "../../../spec/model.js";
import { dispatchFieldType, type FieldType } from "../../../spec/model.js";
import { symbols, type FileBuilder, type FileSet, type LanguageTypeMap } from "../../index.js";
import { code, moduleDocstring, pyNumber, pyStr } from "./code.js";
import { MESSAGES_OWN_NAMES, type Composite, type PyModel } from "./model.js";
import { packageModules } from "./modules.js";
import { pythonTypes } from "./type-map.js";

const py = symbols.python;

/** What a field's docstring says besides the spec's doc: unit, type notes, constraints. */
export function fieldNotes(field: Field): string {
  const notes: string[] = [];
  const element = (t: FieldType): FieldType => (t.kind === "list" ? element(t.of) : t);
  const el = element(field.type);
  const c = field.constraints;
  if (field.unit !== undefined) notes.push(`Unit: ${field.unit}.`);
  if (el.kind === "timestamp") notes.push("Milliseconds since 1970-01-01T00:00:00Z (UTC).");
  const each = field.type.kind === "list" ? " (each item)" : "";
  if (c.min !== undefined && c.max !== undefined) notes.push(`Range${each}: ${pyNumber(c.min)}..${pyNumber(c.max)}.`);
  else if (c.min !== undefined) notes.push(`At least ${pyNumber(c.min)}${each}.`);
  else if (c.max !== undefined) notes.push(`At most ${pyNumber(c.max)}${each}.`);
  if (c.minLength !== undefined || c.maxLength !== undefined) {
    const unit = el.kind === "string" ? "UTF-8 bytes" : "bytes";
    notes.push(`Length${each}: ${c.minLength ?? 0}..${c.maxLength ?? ""} ${unit}.`);
  }
  if (c.pattern !== undefined) notes.push(`Pattern${each}: ${c.pattern}`);
  if (c.minItems !== undefined || c.maxItems !== undefined) notes.push(`Items: ${c.minItems ?? 0}..${c.maxItems ?? ""}.`);
  return notes.join(" ");
}

function messageNotes(m: Message, spec: PyModel["spec"]): string {
  const role = spec.roles[m.from].name;
  const parts = [`${m.kind.charAt(0).toUpperCase()}${m.kind.slice(1)} from the ${role} (${m.from}), id ${m.id}.`];
  if (m.responses.length > 0) parts.push(`Answered by ${m.responses.join(" or ")}${m.error === undefined ? "" : `, or ${m.error} on error`}.`);
  if (m.reliable) parts.push("Reliable.");
  if (m.intervalMs !== undefined) parts.push(`Sent every ${m.intervalMs} ms.`);
  return parts.join("\n");
}

function printFields(f: FileBuilder, model: PyModel, types: LanguageTypeMap, c: Composite): void {
  // An optional field followed by a required one: from there on, fields are
  // keyword-only (dataclasses.KW_ONLY), so every optional field can default to None.
  const lastRequired = c.fields.map((x) => x.optional).lastIndexOf(false);
  const kwOnlyFrom = c.fields.findIndex((x, i) => x.optional && i < lastRequired);
  c.fields.forEach((field, i) => {
    if (i === kwOnlyFrom) f.print("_: ", py.from("dataclasses", "KW_ONLY"));
    const annotation = dispatchFieldType(types, field.type);
    f.print(model.attr(c.name, field.name), ": ", annotation, field.optional ? " | None = None" : "");
    const notes = fieldNotes(field);
    f.doc(notes === "" ? field.doc : `${field.doc} ${notes}`);
  });
}

export function messagesModule(files: FileSet, model: PyModel): void {
  const { pkg, spec } = model;
  const f = files.file(`python/src/${pkg}/messages.py`, "python", { module: `${pkg}.messages` });
  f.preamble(
    moduleDocstring(`The messages of ${spec.protocol.name} ${spec.protocol.version} and the types they use.

Enums are IntEnums of the spec's values; structs and messages are frozen
dataclasses whose fields are in wire order. Integers of every width are int
(timestamps: milliseconds since the Unix epoch, UTC), bytes are bytes, lists
are list, and an optional field is None when absent. codec.py encodes,
decodes and validates them.`),
  );
  f.addImport(py.from("__future__", "annotations"));
  for (const name of MESSAGES_OWN_NAMES) f.declare(name);
  for (const t of spec.types) f.declare(model.className(t.name));
  for (const m of spec.messages) f.declare(model.className(m.name));
  const types = pythonTypes(model, packageModules(pkg, true));
  const dataclass = py.from("dataclasses", "dataclass");
  const ClassVar = py.from("typing", "ClassVar");

  for (const t of spec.types) {
    f.print();
    f.print();
    if (t.kind === "enum") {
      f.block(["class ", model.className(t.name), "(", py.from("enum", "IntEnum"), "):"], () => {
        f.doc(t.doc);
        f.print();
        for (const v of t.values) {
          f.print(model.member(t.name, v.name), " = ", String(v.value));
          f.doc(v.doc);
        }
      });
      continue;
    }
    f.print("@", dataclass, "(frozen=True, slots=True)");
    f.block(["class ", model.className(t.name), ":"], () => {
      f.doc(t.doc);
      f.print();
      printFields(f, model, types, model.composite(t.name));
    });
  }

  f.print();
  f.print();
  f.print(code`
    class MessageBase:
        """What every message class carries besides its fields: the spec's facts about it."""

        __slots__ = ()

        NAME: ${ClassVar}[str]
        """The message's name in the spec (and in JSON envelopes)."""
        ID: ${ClassVar}[int]
        """The message id of its frames."""
        KIND: ${ClassVar}[str]
        """One of "request", "response", "event", "oneway"."""
        SENDER: ${ClassVar}[str]
        """The role that sends it: "initiator" or "responder"."""
        RESPONSES: ${ClassVar}[tuple[str, ...]]
        """For a request: the names of the messages that answer it."""
        ERROR: ${ClassVar}[str | None]
        """For a request: the message that answers it on error, if any."""
        RELIABLE: ${ClassVar}[bool]
        """Whether datagram transports send it with RELIABLE (acknowledged, retransmitted)."""
        INTERVAL_MS: ${ClassVar}[int | None]
        """For a periodic message: how often it is sent."""`);

  for (const m of spec.messages) {
    const c = model.composite(m.name);
    f.print();
    f.print();
    f.print("@", dataclass, "(frozen=True, slots=True)");
    f.block(["class ", model.className(m.name), "(MessageBase):"], () => {
      f.doc(`${m.doc}\n\n${messageNotes(m, spec)}`);
      f.print();
      const responses = m.responses.map(pyStr);
      f.print("NAME: ", ClassVar, "[str] = ", pyStr(m.name));
      f.print("ID: ", ClassVar, "[int] = ", String(m.id));
      f.print("KIND: ", ClassVar, "[str] = ", pyStr(m.kind));
      f.print("SENDER: ", ClassVar, "[str] = ", pyStr(m.from));
      f.print("RESPONSES: ", ClassVar, "[tuple[str, ...]] = (", responses.join(", "), responses.length === 1 ? ",)" : ")");
      f.print("ERROR: ", ClassVar, "[str | None] = ", m.error === undefined ? "None" : pyStr(m.error));
      f.print("RELIABLE: ", ClassVar, "[bool] = ", m.reliable ? "True" : "False");
      f.print("INTERVAL_MS: ", ClassVar, "[int | None] = ", m.intervalMs === undefined ? "None" : String(m.intervalMs));
      if (c.fields.length > 0) f.print();
      printFields(f, model, types, c);
    });
  }

  f.print();
  f.print();
  const classes = spec.messages.map((m) => model.className(m.name));
  const union = ["Message = ", py.from("typing", "Union"), "[", classes.join(", "), "]"];
  if (union.join("").length <= 80) f.print(...union);
  else {
    f.print("Message = ", py.from("typing", "Union"), "[");
    f.indent(() => classes.forEach((cls) => f.print(cls, ",")));
    f.print("]");
  }
  f.doc("Any message of the protocol.");
}
