// messages.js: enums (frozen objects of value names), structs and messages
// (frozen classes). The code is src/messages.js, typed by its own JSDoc (an
// enum's type is a @typedef of the same name, Message/MessageName/MessageClass
// are @typedefs), checked by tsc; types/messages.d.ts gives the hand-shaped
// types for TypeScript users, compared with the code by testing/declarations.js.
import type { FileSet } from "../../index.js";
import { jsNumber } from "../scalar-literal.js";
import { dtsRef, jsdoc, jsStr, typeText } from "./code.js";
import type { Composite, JsModel } from "./model.js";

function fieldsType(model: JsModel, c: Composite, ref: (n: string) => string): string {
  if (c.fields.length === 0) return "{}";
  const parts = c.fields.map((f) => `${model.prop(c.name, f.name)}${f.optional ? "?" : ""}: ${typeText(model, f.type, ref)}${f.optional ? " | undefined" : ""}`);
  return `{ ${parts.join("; ")} }`;
}

function classImpl(model: JsModel, c: Composite): string[] {
  const cls = model.className(c.name);
  const m = c.message;
  const out: string[] = [jsdoc(c.doc || c.name)];
  out.push(m === undefined ? `export class ${cls} {` : `export class ${cls} extends MessageBase {`);
  if (m !== undefined) {
    const statics: [string, string, string][] = [
      ["NAME", jsStr(m.name), jsStr(m.name)],
      ["ID", String(m.id), String(m.id)],
      ["KIND", jsStr(m.kind), jsStr(m.kind)],
      ["SENDER", jsStr(m.from), jsStr(m.from)],
      ["RESPONSES", "readonly string[]", `Object.freeze([${m.responses.map(jsStr).join(", ")}])`],
      ["ERROR", m.error === undefined ? "null" : jsStr(m.error), m.error === undefined ? "null" : jsStr(m.error)],
      ["RELIABLE", m.reliable ? "true" : "false", m.reliable ? "true" : "false"],
      ["INTERVAL_MS", m.intervalMs === undefined ? "null" : String(m.intervalMs), m.intervalMs === undefined ? "null" : String(m.intervalMs)],
    ];
    for (const [name, type, value] of statics) out.push(`  /** @override @type {${type}} */`, `  static ${name} = ${value};`);
  }
  const param = fieldsType(model, c, dtsRef);
  out.push("", `  /** @param {${param}} ${c.fields.length === 0 ? "[fields]" : "fields"} */`);
  out.push(`  constructor(${c.fields.length === 0 ? "fields = {}" : "fields"}) {`);
  if (m !== undefined) out.push("    super();");
  if (c.fields.length === 0) out.push("    void fields;");
  for (const f of c.fields) {
    const p = model.prop(c.name, f.name);
    out.push(`    /** @type {${typeText(model, f.type, dtsRef)}${f.optional ? " | undefined" : ""}} */`, `    this.${p} = fields.${p};`);
  }
  out.push("    Object.freeze(this);", "  }");
  if (m !== undefined) {
    out.push("", `  /** @override @returns {${jsStr(m.name)}} */`, `  get NAME() {`, `    return ${jsStr(m.name)};`, "  }");
    out.push("", `  /** @override @returns {${m.id}} */`, `  get ID() {`, `    return ${m.id};`, "  }");
  }
  out.push("}");
  return out;
}

function classDts(model: JsModel, c: Composite): string[] {
  const cls = model.className(c.name);
  const m = c.message;
  const out: string[] = [jsdoc(c.doc || c.name)];
  out.push(m === undefined ? `export declare class ${cls} {` : `export declare class ${cls} extends MessageBase {`);
  if (m !== undefined) {
    out.push(
      `  static override readonly NAME: ${jsStr(m.name)};`,
      `  static override readonly ID: ${m.id};`,
      `  static override readonly KIND: ${jsStr(m.kind)};`,
      `  static override readonly SENDER: ${jsStr(m.from)};`,
      `  static override readonly RESPONSES: readonly string[];`,
      `  static override readonly ERROR: ${m.error === undefined ? "null" : jsStr(m.error)};`,
      `  static override readonly RELIABLE: ${m.reliable ? "true" : "false"};`,
      `  static override readonly INTERVAL_MS: ${m.intervalMs === undefined ? "null" : String(m.intervalMs)};`,
      `  override get NAME(): ${jsStr(m.name)};`,
      `  override get ID(): ${m.id};`,
    );
  }
  out.push(`  constructor(fields${c.fields.length === 0 ? "?" : ""}: ${fieldsType(model, c, dtsRef)});`);
  for (const f of c.fields) {
    if (f.doc !== "") out.push(jsdoc(f.doc, "  "));
    out.push(`  readonly ${model.prop(c.name, f.name)}: ${typeText(model, f.type, dtsRef)}${f.optional ? " | undefined" : ""};`);
  }
  out.push("}");
  return out;
}

export function messagesModule(files: FileSet, model: JsModel): void {
  const classes = model.messages.map((c) => model.className(c.name));
  const impl: string[] = [
    `// The enums, structs and messages of ${model.spec.protocol.name} (declared for TypeScript users in ../types/messages.d.ts).`,
    "",
    "/** Every message class derives from it: the spec's facts about the message as statics. */",
    "export class MessageBase {",
    '  /** @type {string} */',
    '  static NAME = "";',
    "  /** @type {number} */",
    "  static ID = 0;",
    '  /** @type {"request" | "response" | "event" | "oneway"} */',
    '  static KIND = "request";',
    '  /** @type {"initiator" | "responder"} */',
    '  static SENDER = "initiator";',
    "  /** @type {readonly string[]} */",
    "  static RESPONSES = Object.freeze([]);",
    "  /** @type {string | null} */",
    "  static ERROR = null;",
    "  /** @type {boolean} */",
    "  static RELIABLE = false;",
    "  /** @type {number | null} */",
    "  static INTERVAL_MS = null;",
    "",
    "  /** The class's NAME. @returns {string} */",
    "  get NAME() {",
    "    return /** @type {typeof MessageBase} */ (this.constructor).NAME;",
    "  }",
    "",
    "  /** The class's ID. @returns {number} */",
    "  get ID() {",
    "    return /** @type {typeof MessageBase} */ (this.constructor).ID;",
    "  }",
    "}",
  ];
  for (const e of model.enums) {
    impl.push("", jsdoc(e.doc || e.name), `export const ${model.className(e.name)} = Object.freeze({`);
    for (const v of e.values) impl.push(`  ${model.member(e.name, v.name)}: ${jsStr(v.name)},`);
    impl.push("});", `/** @typedef {(typeof ${model.className(e.name)})[keyof typeof ${model.className(e.name)}]} ${model.className(e.name)} */`);
  }
  for (const c of model.composites) impl.push("", ...classImpl(model, c));
  impl.push(
    "",
    "/** The message classes by spec name. */",
    "export const MESSAGE_CLASSES = Object.freeze({",
    ...model.messages.map((c) => `  ${jsStr(c.name)}: ${model.className(c.name)},`),
    "});",
    "",
    `/** Any message of the protocol. @typedef {${classes.length === 0 ? "never" : classes.join(" | ")}} Message */`,
    '/** The spec name of a message. @typedef {Message["NAME"]} MessageName */',
    `/** Any message class. @typedef {${classes.length === 0 ? "never" : classes.map((n) => `typeof ${n}`).join(" | ")}} MessageClass */`,
    "/** The message classes by message id. @type {ReadonlyMap<number, MessageClass>} */",
    `export const MESSAGE_BY_ID = new Map(/** @type {[number, MessageClass][]} */ ([${model.messages.map((c) => `[${jsNumber(c.message?.id ?? 0)}, ${model.className(c.name)}]`).join(", ")}]));`,
  );
  files.file("javascript/src/messages.js", "javascript").print(impl.join("\n"));

  const dts: string[] = [
    `// The enums, structs and messages of ${model.spec.protocol.name}.`,
    "",
    "/** Every message class derives from it: the spec's facts about the message as statics. */",
    "export declare class MessageBase {",
    "  static readonly NAME: string;",
    "  static readonly ID: number;",
    '  static readonly KIND: "request" | "response" | "event" | "oneway";',
    '  static readonly SENDER: "initiator" | "responder";',
    "  static readonly RESPONSES: readonly string[];",
    "  static readonly ERROR: string | null;",
    "  static readonly RELIABLE: boolean;",
    "  static readonly INTERVAL_MS: number | null;",
    "  /** The class's NAME. */",
    "  get NAME(): string;",
    "  /** The class's ID. */",
    "  get ID(): number;",
    "}",
  ];
  for (const e of model.enums) {
    const cls = model.className(e.name);
    dts.push("", jsdoc(e.doc || e.name), `export declare const ${cls}: {`);
    for (const v of e.values) dts.push(`  readonly ${model.member(e.name, v.name)}: ${jsStr(v.name)};`);
    dts.push("};", `export type ${cls} = (typeof ${cls})[keyof typeof ${cls}];`);
  }
  for (const c of model.composites) dts.push("", ...classDts(model, c));
  dts.push(
    "",
    "/** Any message of the protocol. */",
    `export type Message = ${classes.length === 0 ? "never" : classes.join(" | ")};`,
    "/** The spec name of a message. */",
    'export type MessageName = Message["NAME"];',
    "/** Any message class. */",
    `export type MessageClass = ${classes.length === 0 ? "never" : classes.map((n) => `typeof ${n}`).join(" | ")};`,
    "/** The message classes by spec name. */",
    "export declare const MESSAGE_CLASSES: {",
    ...model.messages.map((c) => `  readonly ${jsStr(c.name)}: typeof ${model.className(c.name)};`),
    "};",
    "/** The message classes by message id. */",
    "export declare const MESSAGE_BY_ID: ReadonlyMap<number, MessageClass>;",
  );
  files.file("javascript/types/messages.d.ts", "javascript").print(dts.join("\n"));
}
