// Codec.java: the public frame API (docs/wire-format.md sections 1, 2, 6 and
// 10.1) bound to the spec: wire version, frame limit, the message table, and
// the generated payload methods (Payloads.java). The header logic is the
// runtime's (Frames.java, Deframer.java).
import { symbols, type FileBuilder, type FileSet } from "../index.js";
import { javaStr } from "./literals.js";
import type { JavaModel } from "./model.js";

export function codecFile(files: FileSet, model: JavaModel): void {
  const { spec } = model;
  const f = files.file(`java/src/main/java/${model.pkgDir}/Codec.java`, "java", { module: model.pkg, localNames: ["Codec"] });
  f.addImport(symbols.java.type("com.fasterxml.jackson.databind.JsonNode"));
  f.addImport(symbols.java.type("com.fasterxml.jackson.databind.node.ObjectNode"));
  f.doc(
    [
      `Frames of ${spec.protocol.name} ${spec.protocol.version} (wire version ${spec.protocol.wireVersion}): encoding, decoding, control frames and the stream deframer.`,
      "",
      "Every failure is a WireError with the wire format's code and, inside a payload, the path of the value (Login.username).",
      "Sequence numbers are uint32 values held in a long (0..4294967295).",
      "The JSON mapping (section 9) works on Jackson's tree: toJson, fromJson, the envelopes of section 9.1.",
    ].join("\n"),
  );
  f.block("public final class Codec {", () => {
    f.doc("The wire version every frame carries (the major of the protocol version).");
    f.print(`public static final int WIRE_VERSION = ${spec.protocol.wireVersion};`);
    f.doc("The largest frame, header included (security.maxFrameBytes).");
    f.print(`public static final int MAX_FRAME_BYTES = ${spec.security.maxFrameBytes};`);
    f.doc("The size of the frame header.");
    f.print("public static final int HEADER_BYTES = Frames.HEADER_BYTES;");
    f.print("public static final int FLAG_RELIABLE = Frames.FLAG_RELIABLE;");
    f.print("public static final int FLAG_ACK = Frames.FLAG_ACK;");
    f.print("public static final int FLAG_RESPONSE = Frames.FLAG_RESPONSE;");
    f.print("public static final int FLAG_PING = Frames.FLAG_PING;");
    f.print("public static final int FLAG_PONG = Frames.FLAG_PONG;");
    f.print();
    f.block("private Codec() {", () => {});
    f.print();
    f.doc("The spec name of the message with id `id`, or null when no message has it.");
    f.block("public static String messageName(int id) {", () => {
      f.block("return switch (id) {", () => {
        for (const m of spec.messages) f.print(`case ${m.id} -> ${javaStr(m.name)};`);
        f.print("default -> null;");
      }, "};");
    });
    f.print();
    f.doc("The id of the message named `name`, or -1 when no message has that name.");
    f.block("public static int messageId(String name) {", () => {
      f.block("return switch (name == null ? \"\" : name) {", () => {
        for (const m of spec.messages) f.print(`case ${javaStr(m.name)} -> ${m.id};`);
        f.print("default -> -1;");
      }, "};");
    });
    f.print();
    f.doc("Whether the message with id `id` is a response (its frames carry RESPONSE).");
    f.block("public static boolean isResponse(int id) {", () => {
      const ids = spec.messages.filter((m) => m.kind === "response").map((m) => m.id);
      if (ids.length === 0) f.print("return false;");
      else f.print(`return ${ids.map((id) => `id == ${id}`).join(" || ")};`);
    });
    f.print();
    f.doc("Encodes `message` as one frame with flags 0 (RESPONSE added for responses).");
    f.block("public static byte[] encodeFrame(Message message, long seq) {", () => f.print("return encodeFrame(message, seq, 0);"));
    f.print();
    f.doc("Encodes `message` as one frame; RESPONSE is added for responses, other flags must suit the message (RELIABLE).");
    f.block("public static byte[] encodeFrame(Message message, long seq, int flags) {", () => {
      f.print(
        [
          'if (message == null) throw new WireError(WireError.Code.UNKNOWN_MESSAGE, "null is not a message");',
          "String name = message.messageName();",
          "int id = message.messageId();",
          "Frames.checkSeq(seq);",
          'if (flags < 0 || flags > 0xFF) throw new WireError(WireError.Code.INVALID_FLAGS, "flags must be a byte, got " + flags, null, name);',
          "boolean response = isResponse(id);",
          "int f = response ? flags | FLAG_RESPONSE : flags;",
          "String problem = Frames.messageFlagsProblem(f, name, response);",
          "if (problem != null) throw new WireError(WireError.Code.INVALID_FLAGS, problem, null, name);",
          "ByteWriter w = new ByteWriter(256, MAX_FRAME_BYTES);",
          "w.skip(HEADER_BYTES);",
          "try {",
          "    Payloads.encode(w, message);",
          "} catch (WireError e) {",
          "    throw e.inMessage(name);",
          "}",
          "byte[] frame = w.finish();",
          "Frames.writeHeader(frame, WIRE_VERSION, f, id, seq, frame.length - HEADER_BYTES);",
          "return frame;",
        ].join("\n"),
      );
    });
    f.print();
    f.doc("A control frame: ACK (`response` copies the acknowledged frame's RESPONSE bit), PING or PONG.");
    f.block("public static byte[] encodeControl(ControlKind kind, long seq, boolean response) {", () => {
      f.print(
        [
          'if (kind == null) throw new WireError(WireError.Code.INVALID_VALUE, "control frames are ack, ping and pong, not null");',
          "Frames.checkSeq(seq);",
          "if (response && kind != ControlKind.ACK) {",
          '    throw new WireError(WireError.Code.INVALID_FLAGS, "a " + kind + " frame cannot carry RESPONSE");',
          "}",
          "byte[] frame = new byte[HEADER_BYTES];",
          "Frames.writeHeader(frame, WIRE_VERSION, kind.flag() | (response ? FLAG_RESPONSE : 0), 0, seq, 0);",
          "return frame;",
        ].join("\n"),
      );
    });
    f.print();
    f.doc("Decodes exactly one frame, checking in the order of docs/wire-format.md section 6.");
    f.block("public static Frame decodeFrame(byte[] bytes) {", () => {
      f.print(
        [
          'if (bytes == null) throw new WireError(WireError.Code.INVALID_VALUE, "expected bytes, got null");',
          "Frames.Header h = Frames.readHeader(bytes, 0, bytes.length, WIRE_VERSION, MAX_FRAME_BYTES);",
          "int end = HEADER_BYTES + h.length();",
          'if (bytes.length < end) throw new WireError(WireError.Code.TRUNCATED, "frame needs " + end + " bytes, got " + bytes.length);',
          'if (bytes.length > end) throw new WireError(WireError.Code.TRAILING_BYTES, (bytes.length - end) + " bytes after the end of the frame");',
          "ControlKind control = Frames.controlKind(h.flags());",
          "if (control != null) {",
          "    if (h.messageId() != 0) {",
          '        throw new WireError(WireError.Code.INVALID_FLAGS, "a " + control + " frame must have message id 0, not " + h.messageId());',
          "    }",
          "    if (h.length() != 0) {",
          '        throw new WireError(WireError.Code.TRAILING_BYTES, "a " + control + " frame has no payload, got " + h.length() + " bytes");',
          "    }",
          "    return new Frame(h.flags(), 0, h.seq(), null, control);",
          "}",
          "String name = messageName(h.messageId());",
          'if (name == null) throw new WireError(WireError.Code.UNKNOWN_MESSAGE, "no message has id " + h.messageId());',
          "String problem = Frames.messageFlagsProblem(h.flags(), name, isResponse(h.messageId()));",
          "if (problem != null) throw new WireError(WireError.Code.INVALID_FLAGS, problem, null, name);",
          "ByteReader r = new ByteReader(bytes, HEADER_BYTES, end);",
          "Message message;",
          "try {",
          "    message = Payloads.decode(h.messageId(), r);",
          "} catch (WireError e) {",
          "    throw e.inMessage(name);",
          "}",
          "if (r.position() != end) {",
          '    throw new WireError(WireError.Code.TRAILING_BYTES, (end - r.position()) + " bytes after the last field", name, name);',
          "}",
          "return new Frame(h.flags(), h.messageId(), h.seq(), message, null);",
        ].join("\n"),
      );
    });
    jsonApi(f);
    f.print();
    f.doc("A deframer for one stream (a TCP connection) of this protocol's frames.");
    f.block("public static Deframer newDeframer() {", () => f.print("return new Deframer(WIRE_VERSION, MAX_FRAME_BYTES);"));
  });
  f.finish();
}

/** The JSON mapping's public methods (docs/wire-format.md section 9), over JsonPayloads.java. */
function jsonApi(f: FileBuilder): void {
  const method = (doc: string, head: string, body: readonly string[]): void => {
    f.print();
    f.doc(doc);
    f.block(`${head} {`, () => f.print(body.join("\n")));
  };
  method("The payload of `message` as a JSON object: keys in declaration order, int64/uint64/timestamps as decimal strings, bytes as base64, enums by name, absent optionals left out.", "public static ObjectNode toJson(Message message)", [
    'if (message == null) throw new WireError(WireError.Code.UNKNOWN_MESSAGE, "null is not a message");',
    "return JsonPayloads.write(message);",
  ]);
  method(
    "The message named `name` from its JSON payload, checked as the reference does (WireError with its code and path, e.g. Login.username); unknown_message for an unknown name.\nA tree from a default ObjectMapper reads `-0` as the integer 0: use parseJson or fromJson(String, String) to keep a float's negative zero.",
    "public static Message fromJson(String name, JsonNode json)",
    [
      'if (name == null) throw new WireError(WireError.Code.UNKNOWN_MESSAGE, "a message name is needed, not null");',
      "try {",
      "    return JsonPayloads.read(name, json);",
      "} catch (WireError e) {",
      "    if (e.code() == WireError.Code.UNKNOWN_MESSAGE) throw e;",
      "    throw e.inMessage(name);",
      "}",
    ],
  );
  method("The message named `name` from JSON text.", "public static Message fromJson(String name, String text)", ["if (messageId(name) < 0) return fromJson(name, (JsonNode) null);", "return fromJson(name, parseJson(text));"]);
  method("The payload of `message` as compact JSON text (Jackson's number spelling, equal by value to the reference's).", "public static String toJsonText(Message message)", ["return Json.text(toJson(message));"]);
  method("JSON text as a tree: `-0` stays a negative zero, NaN, Infinity and text after the value are invalid_value.", "public static JsonNode parseJson(String text)", ["return Json.parse(text);"]);
  method("Whether two JSON trees are the same value (section 9: key order and number spelling do not matter).", "public static boolean sameJson(JsonNode a, JsonNode b)", ["return Json.same(a, b);"]);
  method("One frame as JSON (section 9.1): {\"type\": name, \"seq\": seq, \"payload\": {...}}.", "public static ObjectNode toEnvelope(Message message, long seq)", [
    "Frames.checkSeq(seq);",
    "ObjectNode payload = toJson(message);",
    "ObjectNode o = Json.object();",
    'o.set("type", Json.string(message.messageName()));',
    'o.set("seq", Json.number(seq));',
    'o.set("payload", payload);',
    "return o;",
  ]);
  method("An envelope read back: its keys are type, seq and payload, nothing else.", "public static Envelope fromEnvelope(JsonNode json)", [
    'ObjectNode o = Json.object(json, "envelope", null);',
    'Json.onlyKeys(o, "envelope", "type", "seq", "payload");',
    'JsonNode type = o.get("type");',
    'if (type == null || !type.isTextual()) throw new WireError(WireError.Code.INVALID_VALUE, "envelope type must be a message name", "type", null);',
    'JsonNode seqNode = o.get("seq");',
    'if (seqNode == null) throw new WireError(WireError.Code.INVALID_VALUE, "envelope seq must be an integer in 0..4294967295", "seq", null);',
    'long seq = Json.readInteger(seqNode, 0L, 4294967295L, "seq", "seq");',
    'return new Envelope(seq, fromJson(type.textValue(), o.get("payload")));',
  ]);
  method("An envelope from JSON text.", "public static Envelope fromEnvelope(String text)", ["return fromEnvelope(parseJson(text));"]);
}
