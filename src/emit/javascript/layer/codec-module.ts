// codec.js: frames (encode/decode, control frames, the deframer), the JSON
// mapping and envelopes, validation. The frame logic is the runtime's
// (internal/frames.js); src/codec.js binds it to the generated per-message
// functions (internal/binary.js, internal/json.js); types/codec.d.ts declares it.
import { symbols, type FileSet } from "../../index.js";
import { printTemplate } from "../../transport-common/template.js";
import { fn, jsStr } from "./code.js";
import type { JsModel } from "./model.js";

const CODEC_BODY = `
export const FLAG_RELIABLE = /** @type {1} */ (0x01);
export const FLAG_ACK = /** @type {2} */ (0x02);
export const FLAG_RESPONSE = /** @type {4} */ (0x04);
export const FLAG_PING = /** @type {8} */ (0x08);
export const FLAG_PONG = /** @type {16} */ (0x10);

/** One decoded frame: a message, or a control frame (ack, ping, pong). */
export class Frame {
  /**
   * @param {number} flags
   * @param {number} messageId
   * @param {number} seq
   * @param {Message | null} message
   * @param {ControlKind | null} control
   */
  constructor(flags, messageId, seq, message, control) {
    /** @type {number} */
    this.flags = flags;
    /** @type {number} */
    this.messageId = messageId;
    /** @type {number} */
    this.seq = seq;
    /** @type {Message | null} */
    this.message = message;
    /** @type {ControlKind | null} */
    this.control = control;
    Object.freeze(this);
  }

  /** The RESPONSE flag. @returns {boolean} */
  get response() {
    return (this.flags & FLAG_RESPONSE) !== 0;
  }

  /** The RELIABLE flag. @returns {boolean} */
  get reliable() {
    return (this.flags & FLAG_RELIABLE) !== 0;
  }
}

const BY_CLASS = new Map(ENTRIES.map((e) => [e.cls, e]));
const BY_ID = new Map(ENTRIES.map((e) => [e.id, e]));
const BY_NAME = new Map(ENTRIES.map((e) => [e.name, e]));
const writer = new Writer(1024);

/**
 * @param {unknown} message
 * @returns {Entry}
 */
function entryOf(message) {
  const e = typeof message === "object" && message !== null ? BY_CLASS.get(message.constructor) : undefined;
  if (e === undefined) throw new WireError("unknown_message", { detail: \`\${$.describe(message)} is not a message of this protocol\` });
  return e;
}

/**
 * Encodes \`message\` as one frame; validates it first. RESPONSE is set for responses.
 * @param {Message} message
 * @param {number} seq
 * @param {number} [flags]
 * @returns {Uint8Array}
 */
export function encodeFrame(message, seq, flags = 0) {
  const e = entryOf(message);
  checkSeq(seq);
  if (typeof flags !== "number" || !Number.isInteger(flags) || flags < 0 || flags > 0xff) {
    throw new WireError("invalid_flags", { messageName: e.name, detail: \`flags must be a byte, got \${$.describe(flags)}\` });
  }
  const f = e.response ? flags | FLAG_RESPONSE : flags;
  const problem = messageFlagsProblem(f, e.name, e.response);
  if (problem !== undefined) throw new WireError("invalid_flags", { messageName: e.name, detail: problem });
  const w = writer;
  w.reset($.HEADER_BYTES, MAX_FRAME_BYTES);
  try {
    e.encode(w, /** @type {never} */ (message));
  } catch (err) {
    throw $.inMessage(err, e.name);
  }
  writeHeader(w.view, WIRE_VERSION, f, e.id, seq, w.pos - $.HEADER_BYTES);
  return w.finish();
}

/**
 * A control frame: "ack" (RESPONSE allowed, copied from the acknowledged frame), "ping" or "pong".
 * @param {ControlKind} kind
 * @param {number} seq
 * @param {boolean} [response]
 * @returns {Uint8Array}
 */
export function encodeControl(kind, seq, response = false) {
  const flag = typeof kind === "string" && Object.hasOwn(CONTROL_FLAG, kind) ? CONTROL_FLAG[kind] : undefined;
  if (flag === undefined) throw new WireError("invalid_value", { detail: \`control frames are ack, ping and pong, not \${$.describe(kind)}\` });
  checkSeq(seq);
  if (response && kind !== "ack") throw new WireError("invalid_flags", { detail: \`a \${kind} frame cannot carry RESPONSE\` });
  const frame = new Uint8Array($.HEADER_BYTES);
  writeHeader(new DataView(frame.buffer), WIRE_VERSION, flag | (response ? FLAG_RESPONSE : 0), 0, seq, 0);
  return frame;
}

/**
 * Decodes exactly one frame (wire format section 6); throws WireError.
 * @param {Uint8Array} bytes
 * @returns {Frame}
 */
export function decodeFrame(bytes) {
  if (!(bytes instanceof Uint8Array)) throw new WireError("invalid_value", { detail: \`expected a Uint8Array, got \${$.describe(bytes)}\` });
  const h = readHeader(bytes, 0, WIRE_VERSION, MAX_FRAME_BYTES);
  const end = $.HEADER_BYTES + h.length;
  if (bytes.length < end) throw new WireError("truncated", { detail: \`frame needs \${end} bytes, got \${bytes.length}\` });
  if (bytes.length > end) throw new WireError("trailing_bytes", { detail: \`\${bytes.length - end} bytes after the end of the frame\` });
  const control = controlKind(h.flags);
  if (control !== null) {
    if (h.messageId !== 0) throw new WireError("invalid_flags", { detail: \`a \${control} frame must have message id 0, not \${h.messageId}\` });
    if (h.length !== 0) throw new WireError("trailing_bytes", { detail: \`a \${control} frame has no payload, got \${h.length} bytes\` });
    return new Frame(h.flags, 0, h.seq, null, control);
  }
  const e = BY_ID.get(h.messageId);
  if (e === undefined) throw new WireError("unknown_message", { detail: \`no message has id \${h.messageId}\` });
  const problem = messageFlagsProblem(h.flags, e.name, e.response);
  if (problem !== undefined) throw new WireError("invalid_flags", { messageName: e.name, detail: problem });
  const r = new Reader(bytes, $.HEADER_BYTES, end);
  /** @type {Message} */
  let message;
  try {
    message = e.decode(r);
  } catch (err) {
    throw $.inMessage(err, e.name);
  }
  if (r.pos !== end) throw new WireError("trailing_bytes", { path: e.name, messageName: e.name, detail: \`\${end - r.pos} bytes after the last field\` });
  return new Frame(h.flags, h.messageId, h.seq, message, null);
}

/** Splits a byte stream into frames (wire format section 10.1). */
export class Deframer extends StreamDeframer {
  /** @param {number} [maxFrameBytes] */
  constructor(maxFrameBytes = MAX_FRAME_BYTES) {
    super(WIRE_VERSION, maxFrameBytes);
  }

  /** Bytes of an incomplete frame held back. @returns {number} */
  get buffered() {
    return this.held;
  }
}

/**
 * The JSON payload object of a message (wire format section 9).
 * @param {Message} message
 * @returns {JsonObject}
 */
export function toJson(message) {
  const e = entryOf(message);
  try {
    return /** @type {JsonObject} */ (e.toJson(/** @type {never} */ (message)));
  } catch (err) {
    throw $.inMessage(err, e.name);
  }
}

/**
 * Checks types, ranges and constraints (what toJson checks); not the frame size.
 * @param {Message} message
 * @returns {void}
 */
export function validate(message) {
  toJson(message);
}

/**
 * The message \`name\` from its JSON payload object.
 * @param {string} name
 * @param {unknown} value
 * @returns {Message}
 */
export function fromJson(name, value) {
  const e = typeof name === "string" ? BY_NAME.get(name) : undefined;
  if (e === undefined) throw new WireError("unknown_message", { detail: \`no message is named \${$.describe(name)}\` });
  try {
    if (!$.isRecord(value)) throw $.wrongType("", value, "an object");
    return e.fromJson(value);
  } catch (err) {
    throw $.inMessage(err, e.name);
  }
}

/**
 * One frame as JSON: \`{ type, seq, payload }\` (wire format 9.1).
 * @param {Message} message
 * @param {number} seq
 * @returns {Envelope}
 */
export function toEnvelope(message, seq) {
  checkSeq(seq);
  const e = entryOf(message);
  return { type: /** @type {MessageName} */ (e.name), seq, payload: toJson(message) };
}

/**
 * Reads an envelope: \`{ message, seq }\`.
 * @param {unknown} value
 * @returns {{ message: Message, seq: number }}
 */
export function fromEnvelope(value) {
  if (!$.isRecord(value)) throw $.wrongType("", value, "an envelope object");
  for (const key of Object.keys(value)) {
    if (key !== "type" && key !== "seq" && key !== "payload") throw $.invalid(key, "unknown key in envelope");
  }
  const type = value["type"];
  if (typeof type !== "string") throw $.wrongType("type", type, "a message name");
  const seq = checkSeq(value["seq"], "seq");
  return { message: fromJson(type, value["payload"]), seq };
}

/**
 * JSON.parse for the mapping: text that is not JSON is WireError("invalid_value").
 * @param {string | Uint8Array} text
 * @returns {unknown}
 */
export function parseJson(text) {
  return «parseJsonValue»(text);
}

/**
 * Compact JSON text (\`-0\` kept).
 * @param {unknown} value
 * @returns {string}
 */
export function dumpJson(value) {
  return «dumpJsonValue»(value);
}
`;

const CODEC_DTS = `
import type { Message, MessageName } from "./messages.js";

export declare const FLAG_RELIABLE: 1;
export declare const FLAG_ACK: 2;
export declare const FLAG_RESPONSE: 4;
export declare const FLAG_PING: 8;
export declare const FLAG_PONG: 16;

/** The kinds of control frames. */
export type ControlKind = "ack" | "ping" | "pong";

/** A JSON value as the mapping produces it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
/** A JSON object (a payload). */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** One frame as JSON (wire format 9.1). */
export interface Envelope {
  type: MessageName;
  seq: number;
  payload: JsonObject;
}

/** One decoded frame: a message, or a control frame (ack, ping, pong). */
export declare class Frame {
  constructor(flags: number, messageId: number, seq: number, message: Message | null, control: ControlKind | null);
  readonly flags: number;
  readonly messageId: number;
  readonly seq: number;
  /** null for control frames. */
  readonly message: Message | null;
  /** null for message frames. */
  readonly control: ControlKind | null;
  /** The RESPONSE flag. */
  get response(): boolean;
  /** The RELIABLE flag. */
  get reliable(): boolean;
}

/** Encodes a message as one frame; validates it first; sets RESPONSE for responses. */
export declare function encodeFrame(message: Message, seq: number, flags?: number): Uint8Array;
/** A control frame. */
export declare function encodeControl(kind: ControlKind, seq: number, response?: boolean): Uint8Array;
/** Decodes exactly one frame; throws WireError. */
export declare function decodeFrame(bytes: Uint8Array): Frame;

/** Splits a byte stream into frames (wire format section 10.1). */
export declare class Deframer {
  constructor(maxFrameBytes?: number);
  /** Complete frames (copies); throws WireError on a bad header. */
  push(bytes: Uint8Array): Uint8Array[];
  /** Throws WireError("truncated") when the stream ended inside a frame. */
  finish(): void;
  /** Bytes waiting. */
  get buffered(): number;
}

/** Checks types, ranges and constraints; throws WireError. */
export declare function validate(message: Message): void;
/** The JSON payload object of a message. */
export declare function toJson(message: Message): JsonObject;
/** A message from its name and JSON payload object; throws WireError. */
export declare function fromJson(name: string, value: unknown): Message;
/** One frame as JSON. */
export declare function toEnvelope(message: Message, seq: number): Envelope;
/** Reads an envelope. */
export declare function fromEnvelope(value: unknown): { message: Message; seq: number };
/** JSON.parse that refuses what the mapping refuses (WireError "invalid_value"). */
export declare function parseJson(text: string | Uint8Array): unknown;
/** Compact JSON text. */
export declare function dumpJson(value: unknown): string;
`;

export function codecModule(files: FileSet, model: JsModel): void {
  const classes = model.messages.map((c) => model.className(c.name));
  const entries = model.messages.map((c) => {
    const m = c.message;
    if (m === undefined) throw new Error("javascript layer: a message without its spec entry");
    return `  { cls: ${model.className(c.name)}, name: ${jsStr(m.name)}, id: ${m.id}, response: ${m.kind === "response"}, encode: $b.${fn("encode", model, c.name)}, decode: $b.${fn("decode", model, c.name)}, toJson: $j.${fn("toJson", model, c.name)}, fromJson: $j.${fn("fromJson", model, c.name)} },`;
  });
  const f = files.file("javascript/src/codec.js", "javascript");
  f.preamble(`// Frames, JSON and validation of ${model.spec.protocol.name} (declared for TypeScript users in ../types/codec.d.ts).`);
  // The module exports its own parseJson and dumpJson: the runtime's are imported under other names.
  f.declare("parseJson");
  f.declare("dumpJson");
  const js = symbols.javascript;
  const imports = [
    js.from("./errors.js", "WireError"),
    js.namespace("./internal/wire.js", "$"),
    js.from("./internal/buffers.js", "Reader"),
    js.from("./internal/buffers.js", "Writer"),
    ...["CONTROL_FLAG", "checkSeq", "controlKind", "messageFlagsProblem", "readHeader", "StreamDeframer", "writeHeader"].map((n) => js.from("./internal/frames.js", n)),
    js.namespace("./internal/binary.js", "$b"),
    js.namespace("./internal/json.js", "$j"),
    ...classes.map((c) => js.from("./messages.js", c)),
    js.from("./protocol-info.js", "MAX_FRAME_BYTES"),
    js.from("./protocol-info.js", "WIRE_VERSION"),
    js.typeFrom("./messages.js", "Message"),
    js.typeFrom("./messages.js", "MessageName"),
    // JSDoc cannot spell a recursive type (a @typedef of JsonValue is circular for tsc): the one type the code takes from its declarations.
    js.typeFrom("../types/codec.js", "JsonObject"),
    js.typeFrom("../types/codec.js", "JsonValue"),
  ];
  for (const symbol of imports) f.addImport(symbol);
  const impl = [
    `/** The kinds of control frames. @typedef {"ack" | "ping" | "pong"} ControlKind */`,
    `/** One frame as JSON (wire format 9.1). @typedef {{ type: MessageName, seq: number, payload: JsonObject }} Envelope */`,
    "",
    "/**",
    " * One message's generated functions, as frames dispatch to them.",
    " * @typedef {object} Entry",
    " * @property {Function} cls",
    " * @property {string} name",
    " * @property {number} id",
    " * @property {boolean} response",
    " * @property {(w: Writer, m: never) => void} encode",
    " * @property {(r: Reader) => Message} decode",
    " * @property {(m: never) => Record<string, unknown>} toJson",
    " * @property {(o: Readonly<Record<string, unknown>>) => Message} fromJson",
    " */",
    "",
    "/** @type {readonly Entry[]} */",
    `const ENTRIES = [${entries.length === 0 ? "]" : ""}`,
    ...(entries.length === 0 ? [] : [...entries, "];"]),
    CODEC_BODY,
  ];
  printTemplate(f, impl.join("\n"), { parseJsonValue: js.from("./internal/json-values.js", "parseJson"), dumpJsonValue: js.from("./internal/json-values.js", "dumpJson") });
  files.file("javascript/types/codec.d.ts", "javascript").print(`// Frames, JSON and validation of ${model.spec.protocol.name}.${CODEC_DTS}`);
}
