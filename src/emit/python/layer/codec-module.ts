// codec.py: the public codec API of the generated package (the contract in
// docs/targets/python-contract.md) over the generated per-message functions
// and the runtime's frame codec.
import { symbols, type FileSet } from "../../index.js";
import { decoderName } from "./binary-decode.js";
import { encoderName } from "./binary-encode.js";
import { code, moduleDocstring, pyStr } from "./code.js";
import { fromJsonName } from "./json-decode.js";
import { toJsonName } from "./json-encode.js";
import type { PyModel } from "./model.js";
import { packageModules } from "./modules.js";

const py = symbols.python;

/** Names codec.py exports (its __all__). */
export const CODEC_EXPORTS = [
  "FLAG_ACK",
  "FLAG_PING",
  "FLAG_PONG",
  "FLAG_RELIABLE",
  "FLAG_RESPONSE",
  "MESSAGE_BY_ID",
  "MESSAGE_CLASSES",
  "Deframer",
  "Frame",
  "decode_frame",
  "dump_json",
  "encode_control",
  "encode_frame",
  "from_envelope",
  "from_json",
  "parse_json",
  "to_envelope",
  "to_json",
  "validate",
] as const;

/** Exports codec.py imports from the runtime rather than defines. */
const RE_EXPORTS: ReadonlySet<string> = new Set(["parse_json", "dump_json"]);

export function codecModule(files: FileSet, model: PyModel): void {
  const { pkg, spec } = model;
  const f = files.file(`python/src/${pkg}/codec.py`, "python", { module: `${pkg}.codec` });
  f.preamble(
    moduleDocstring(`The codec of ${spec.protocol.name}: binary frames, the JSON mapping and JSON envelopes.

Implements wire format ${spec.protocol.wireVersion} of protoforge (docs/wire-format.md): a
14-byte header, the payload's fields in declaration order, every check in the
reference's order, so that every implementation reports the same error code
and path for the same bytes. Errors are WireError (errors.py).`),
  );
  f.addImport(py.from("__future__", "annotations"));
  for (const name of [...CODEC_EXPORTS, "_FRAMES"]) if (!RE_EXPORTS.has(name)) f.declare(name);
  const mods = packageModules(pkg, true);
  const cls = (name: string) => mods.from("messages", model.className(name));
  const binary = mods.module("_binary");
  const json = mods.module("_json");
  const frames = mods.module("_frames");
  const Any = py.from("typing", "Any");
  const Message = mods.from("messages", "Message");
  const MessageBase = mods.from("messages", "MessageBase");
  const MAX_FRAME_BYTES = mods.from("protocol_info", "MAX_FRAME_BYTES");
  const WIRE_VERSION = mods.from("protocol_info", "WIRE_VERSION");
  const dataclass = py.from("dataclasses", "dataclass");
  // Re-exported from the runtime: listed in __all__, so that mypy --strict lets other modules import them from here.
  f.addImport(mods.from("_json_values", "parse_json"));
  f.addImport(mods.from("_json_values", "dump_json"));

  f.print("__all__ = [");
  f.indent(() => CODEC_EXPORTS.forEach((name) => f.print(pyStr(name), ",")));
  f.print("]");
  f.print();
  f.print(code`
    FLAG_RELIABLE = 0x01
    """The sender asks for an ACK (datagram transports only)."""
    FLAG_ACK = 0x02
    """Control frame: acknowledges the frame with the same sequence number."""
    FLAG_RESPONSE = 0x04
    """The frame answers the request with the same sequence number."""
    FLAG_PING = 0x08
    """Control frame: keepalive probe."""
    FLAG_PONG = 0x10
    """Control frame: keepalive answer."""`);
  f.print();
  f.print("MESSAGE_CLASSES: dict[str, type[", MessageBase, "]] = {");
  f.indent(() => spec.messages.forEach((m) => f.print(pyStr(m.name), ": ", cls(m.name), ",")));
  f.print("}");
  f.doc("Every message class, by the message's name in the spec.");
  f.print("MESSAGE_BY_ID: dict[int, type[", MessageBase, "]] = {cls.ID: cls for cls in MESSAGE_CLASSES.values()}");
  f.doc("Every message class, by message id.");
  f.print();
  f.print("_FRAMES = ", frames, ".FrameCodec(");
  f.indent(() => {
    f.print(WIRE_VERSION, ",");
    f.print(MAX_FRAME_BYTES, ",");
    f.print("(");
    f.indent(() =>
      spec.messages.forEach((m) => {
        f.print(frames, ".MessageCodec(");
        f.indent(() => {
          f.print(cls(m.name), ", ", pyStr(m.name), `, ${m.id}, ${m.kind === "response" ? "True" : "False"},`);
          f.print(binary, ".", encoderName({ model }, m.name), ", ", binary, ".", decoderName({ model }, m.name), ",");
          f.print(json, ".", toJsonName({ model }, m.name), ", ", json, ".", fromJsonName({ model }, m.name), ",");
        });
        f.print("),");
      }),
    );
    f.print("),");
  });
  f.print(")");
  f.print();
  f.print();
  f.print(code`
    @${dataclass}(frozen=True, slots=True)
    class Frame:
        """One decoded frame: a message, or a control frame (ack, ping, pong)."""

        flags: int
        message_id: int
        """The message's id; 0 for control frames."""
        seq: int
        message: ${Message} | None
        """The message; None for control frames."""
        control: str | None
        """For control frames "ack", "ping" or "pong", else None."""

        @property
        def response(self) -> bool:
            """The RESPONSE flag: the frame answers the request with the same sequence number."""
            return bool(self.flags & FLAG_RESPONSE)

        @property
        def reliable(self) -> bool:
            """The RELIABLE flag: the sender asks for an ACK."""
            return bool(self.flags & FLAG_RELIABLE)


    def encode_frame(message: ${Message}, seq: int, flags: int = 0) -> bytes:
        """The frame of a message: validates it, sets RESPONSE for responses (flags may add RELIABLE).

        Raises WireError: invalid_value, invalid_utf8 or constraint_violated for a
        value (with its path), frame_too_large, invalid_flags.
        """
        return _FRAMES.encode_frame(message, seq, flags)


    def encode_control(kind: str, seq: int, response: bool = False) -> bytes:
        """A control frame: "ack" (response=True acknowledges a response frame), "ping" or "pong"."""
        return _FRAMES.encode_control(kind, seq, response)


    def decode_frame(data: bytes | bytearray | memoryview) -> Frame:
        """Decodes exactly one frame (all of data); raises WireError."""
        flags, message_id, seq, message, control = _FRAMES.decode_frame(data)
        return Frame(flags, message_id, seq, message, control)


    def validate(message: ${Message}) -> None:
        """Checks every field's type, range and constraints; raises WireError (with the value's path).

        Does not check the frame size: encode_frame also refuses frame_too_large.
        """
        _FRAMES.to_json(message)


    def to_json(message: ${Message}) -> dict[str, ${Any}]:
        """The payload as a JSON object (validated): 64-bit integers and timestamps as decimal
        strings, bytes as base64, enums as names, absent optionals left out."""
        return _FRAMES.to_json(message)


    def from_json(name: str, data: ${Any}) -> ${Message}:
        """The message named name from its JSON payload object; raises WireError."""
        message: ${Message} = _FRAMES.from_json(name, data)
        return message


    def to_envelope(message: ${Message}, seq: int) -> dict[str, ${Any}]:
        """One frame as JSON: {"type": name, "seq": seq, "payload": {...}}."""
        return _FRAMES.to_envelope(message, seq)


    def from_envelope(data: ${Any}) -> tuple[${Message}, int]:
        """The message and sequence number of an envelope; raises WireError."""
        decoded, seq = _FRAMES.from_envelope(data)
        message: ${Message} = decoded
        return message, seq


    class Deframer(${frames}.Deframer):
        """Splits a byte stream into frames: push(data) returns the frames completed so far.

        Each header is checked as soon as its 14 bytes arrived (before the payload
        is waited for); a header error raises WireError and the stream must close.
        """

        def __init__(self, max_frame_bytes: int = ${MAX_FRAME_BYTES}) -> None:
            super().__init__(${WIRE_VERSION}, max_frame_bytes)`);
}
