"""Frames (wire format sections 1, 2, 6 and 10.1): the header and its checks,
the frame codec that dispatches to the generated per-message functions by
message id and class, JSON envelopes, and the stream deframer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

from ._wire import (
    CONTROL_FLAG,
    CONTROL_FLAGS,
    FLAG_ACK,
    FLAG_PING,
    FLAG_PONG,
    FLAG_RELIABLE,
    FLAG_RESPONSE,
    HEADER,
    HEADER_BYTES,
    KNOWN_FLAGS,
    MAGIC,
    MAX_SEQUENCE,
    describe,
    invalid,
    too_large,
    wrong_type,
)
from .errors import WireError



def flags_problem(flags: int) -> str | None:
    """Why a flags byte breaks rules 1 to 3 of wire format section 2, or None."""
    if flags & ~KNOWN_FLAGS:
        return f"reserved flag bits set (0x{flags & ~KNOWN_FLAGS & 0xFF:02x})"
    control = flags & CONTROL_FLAGS
    if control == 0:
        return None
    if control & (control - 1):
        return "more than one of ACK, PING and PONG set"
    if flags & FLAG_RELIABLE:
        return "RELIABLE set on a control frame"
    if flags & FLAG_RESPONSE and control != FLAG_ACK:
        return "RESPONSE set on a PING or PONG frame"
    return None


def control_kind(flags: int) -> str | None:
    """"ack", "ping" or "pong" for a control frame's (valid) flags, else None."""
    if flags & FLAG_ACK:
        return "ack"
    if flags & FLAG_PING:
        return "ping"
    if flags & FLAG_PONG:
        return "pong"
    return None


def check_seq(seq: object, path: str | None = None) -> int:
    if type(seq) is not int or not 0 <= seq <= MAX_SEQUENCE:
        raise WireError("invalid_value", path, detail=f"sequence must be an int in 0..{MAX_SEQUENCE}, got {describe(seq)}")
    return seq


def read_header(data: bytes | bytearray, pos: int, wire_version: int, max_frame_bytes: int) -> tuple[int, int, int, int]:
    """Checks the header at `pos` (steps 1 to 5 of wire format section 6): flags, message id, sequence, payload length."""
    if len(data) - pos < HEADER_BYTES:
        raise WireError("truncated", detail=f"frame header needs {HEADER_BYTES} bytes, got {len(data) - pos}")
    magic, version, flags, message_id, seq, length = HEADER.unpack_from(data, pos)
    if magic != MAGIC:
        raise WireError("bad_magic", detail=f'frame starts with 0x{magic:04x}, not "PF" (0x5046)')
    if version != wire_version:
        raise WireError("unsupported_version", detail=f"wire version {version}, expected {wire_version}")
    if flags & (~KNOWN_FLAGS | CONTROL_FLAGS):
        problem = flags_problem(flags)
        if problem is not None:
            raise WireError("invalid_flags", detail=f"flags 0x{flags:02x}: {problem}")
    if length > max_frame_bytes - HEADER_BYTES:
        raise WireError("frame_too_large", detail=f"frame of {HEADER_BYTES + length} bytes exceeds maxFrameBytes {max_frame_bytes}")
    return flags, message_id, seq, length


@dataclass(frozen=True)
class MessageCodec:
    """One message's generated functions, as the frame codec dispatches to them."""

    cls: type
    name: str
    id: int
    response: bool
    encode: Callable[[Any, bytearray], None]
    decode: Callable[[bytes, int, int], Any]
    to_json: Callable[[Any], dict[str, Any]]
    from_json: Callable[[dict[str, Any]], Any]


class FrameCodec:
    """Frames and envelopes of one protocol: header, flags and dispatch, in the
    order of wire format section 6, around the generated per-message functions."""

    def __init__(self, wire_version: int, max_frame_bytes: int, messages: Iterable[MessageCodec]) -> None:
        self.wire_version = wire_version
        self.max_frame_bytes = max_frame_bytes
        self.messages = tuple(messages)
        self.by_class = {m.cls: m for m in self.messages}
        self.by_id = {m.id: m for m in self.messages}
        self.by_name = {m.name: m for m in self.messages}

    def _of(self, message: object) -> MessageCodec:
        codec = self.by_class.get(type(message))
        if codec is None:
            raise WireError("unknown_message", detail=f"{describe(message)} is not a message of this protocol")
        return codec

    def _named(self, name: object) -> MessageCodec:
        codec = self.by_name.get(name) if isinstance(name, str) else None
        if codec is None:
            raise WireError("unknown_message", detail=f"no message is named {describe(name)}")
        return codec

    def encode_frame(self, message: object, seq: int, flags: int) -> bytes:
        codec = self._of(message)
        check_seq(seq)
        if type(flags) is not int or not 0 <= flags <= 0xFF:
            raise WireError("invalid_flags", message_name=codec.name, detail=f"flags must be a byte, got {describe(flags)}")
        if codec.response:
            flags |= FLAG_RESPONSE
        problem = flags_problem(flags)
        if problem is None and flags & CONTROL_FLAGS:
            problem = "control flags set on a message frame"
        if problem is None and flags & FLAG_RESPONSE and not codec.response:
            problem = f"RESPONSE set on {codec.name}, which is not a response"
        if problem is not None:
            raise WireError("invalid_flags", message_name=codec.name, detail=f"flags 0x{flags:02x}: {problem}")
        out = bytearray(HEADER_BYTES)
        try:
            codec.encode(message, out)
        except WireError as error:
            raise error.in_message(codec.name)
        size = len(out)
        if size > self.max_frame_bytes:
            raise too_large("", size, self.max_frame_bytes).in_message(codec.name)
        HEADER.pack_into(out, 0, MAGIC, self.wire_version, flags, codec.id, seq, size - HEADER_BYTES)
        return bytes(out)

    def encode_control(self, kind: str, seq: int, response: bool) -> bytes:
        flag = CONTROL_FLAG.get(kind) if isinstance(kind, str) else None
        if flag is None:
            raise WireError("invalid_value", detail=f"control frames are ack, ping and pong, not {describe(kind)}")
        check_seq(seq)
        if response and kind != "ack":
            raise WireError("invalid_flags", detail=f"a {kind} frame cannot carry RESPONSE")
        return HEADER.pack(MAGIC, self.wire_version, flag | (FLAG_RESPONSE if response else 0), 0, seq, 0)

    def decode_frame(self, data: bytes | bytearray | memoryview) -> tuple[int, int, int, Any, str | None]:
        """Flags, message id, sequence, message (None for control frames) and control kind of exactly one frame."""
        buf = data if type(data) is bytes else bytes(data)
        flags, message_id, seq, length = read_header(buf, 0, self.wire_version, self.max_frame_bytes)
        end = HEADER_BYTES + length
        if len(buf) < end:
            raise WireError("truncated", detail=f"frame needs {end} bytes, got {len(buf)}")
        if len(buf) > end:
            raise WireError("trailing_bytes", detail=f"{len(buf) - end} bytes after the end of the frame")
        control = control_kind(flags)
        if control is not None:
            if message_id != 0:
                raise WireError("invalid_flags", detail=f"a {control} frame must have message id 0, not {message_id}")
            if length != 0:
                raise WireError("trailing_bytes", detail=f"a {control} frame has no payload, got {length} bytes")
            return flags, message_id, seq, None, control
        codec = self.by_id.get(message_id)
        if codec is None:
            raise WireError("unknown_message", detail=f"no message has id {message_id}")
        if bool(flags & FLAG_RESPONSE) != codec.response:
            missing_or_set = "missing on" if codec.response else "set on"
            raise WireError("invalid_flags", message_name=codec.name, detail=f"RESPONSE {missing_or_set} {codec.name}")
        try:
            message = codec.decode(buf, HEADER_BYTES, end)
        except WireError as error:
            raise error.in_message(codec.name)
        return flags, message_id, seq, message, None

    def to_json(self, message: object) -> dict[str, Any]:
        codec = self._of(message)
        try:
            return codec.to_json(message)
        except WireError as error:
            raise error.in_message(codec.name)

    def from_json(self, name: object, data: Any) -> Any:
        codec = self._named(name)
        try:
            if not isinstance(data, dict):
                raise wrong_type("", data, "an object")
            return codec.from_json(data)
        except WireError as error:
            raise error.in_message(codec.name)

    def to_envelope(self, message: object, seq: int) -> dict[str, Any]:
        check_seq(seq)
        codec = self._of(message)
        return {"type": codec.name, "seq": seq, "payload": self.to_json(message)}

    def from_envelope(self, data: Any) -> tuple[Any, int]:
        if not isinstance(data, dict):
            raise wrong_type("", data, "an envelope object")
        for key in data:
            if key not in ("type", "seq", "payload"):
                raise invalid(str(key), "unknown key in envelope")
        name = data.get("type")
        if type(name) is not str:
            raise wrong_type("type", name, "a message name")
        seq = data.get("seq")
        if type(seq) is float and seq.is_integer():
            seq = int(seq)
        checked = check_seq(seq, "seq")
        return self.from_json(name, data.get("payload")), checked


class Deframer:
    """Splits a byte stream into frames (wire format section 10.1).

    Bytes accumulate across partial reads; a frame's header is checked as soon
    as its 14 bytes are there, before its payload is waited for, so at most one
    frame (<= max_frame_bytes) and the next header are ever held. A header
    error poisons the stream: the connection must close.
    """

    def __init__(self, wire_version: int, max_frame_bytes: int) -> None:
        self._wire_version = wire_version
        self._max_frame_bytes = max_frame_bytes
        self._buffer = bytearray()
        self._frame_size = -1
        self._failure: WireError | None = None

    @property
    def buffered(self) -> int:
        """Bytes of an incomplete frame held back."""
        return len(self._buffer)

    def push(self, data: bytes | bytearray | memoryview) -> list[bytes]:
        """Adds bytes; returns the frames they complete, in order."""
        if self._failure is not None:
            raise self._failure
        buf = self._buffer
        buf += data
        frames: list[bytes] = []
        pos = 0
        try:
            while True:
                if self._frame_size < 0:
                    if len(buf) - pos < HEADER_BYTES:
                        break
                    length = read_header(buf, pos, self._wire_version, self._max_frame_bytes)[3]
                    self._frame_size = HEADER_BYTES + length
                if len(buf) - pos < self._frame_size:
                    break
                frames.append(bytes(buf[pos : pos + self._frame_size]))
                pos += self._frame_size
                self._frame_size = -1
        except WireError as error:
            self._failure = error
            raise
        finally:
            del buf[:pos]
        return frames

    def finish(self) -> None:
        """Call at the end of the stream: `truncated` when it ended inside a frame."""
        if self._failure is not None:
            raise self._failure
        if self._buffer:
            raise WireError("truncated", detail=f"stream ended inside a frame ({len(self._buffer)} bytes held)")
