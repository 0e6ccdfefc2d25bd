"""Wire primitives the generated codec is built on (wire format sections 1 to 7).

The per-message encoders and decoders in `_binary.py` and `_json.py` are
generated straight from the spec; what they share lives here and next door:
the header constants and flags, big-endian structs, spec patterns, the errors
they raise with their paths, and the checks of application values. Reading
and writing strings, bytes and counts is in `_buffers.py`, the JSON value
rules in `_json_values.py`, frames and the deframer in `_frames.py`.

Paths given to the helpers are relative to the struct or message being
encoded or decoded ("" for the value itself); callers move errors outward
with `WireError.at` and `WireError.in_message`.
"""

from __future__ import annotations

import math
import re
import struct
from typing import Any, Callable

from .errors import WireError

HEADER_BYTES = 14
MAGIC = 0x5046
"""The first two bytes of every frame, "PF", as a big-endian uint16."""

FLAG_RELIABLE = 0x01
FLAG_ACK = 0x02
FLAG_RESPONSE = 0x04
FLAG_PING = 0x08
FLAG_PONG = 0x10
KNOWN_FLAGS = 0x1F
CONTROL_FLAGS = FLAG_ACK | FLAG_PING | FLAG_PONG
CONTROL_FLAG: dict[str, int] = {"ack": FLAG_ACK, "ping": FLAG_PING, "pong": FLAG_PONG}
MAX_SEQUENCE = 0xFFFFFFFF

HEADER = struct.Struct(">HBBHII")
I8 = struct.Struct(">b")
U8 = struct.Struct(">B")
I16 = struct.Struct(">h")
U16 = struct.Struct(">H")
I32 = struct.Struct(">i")
U32 = struct.Struct(">I")
I64 = struct.Struct(">q")
U64 = struct.Struct(">Q")
F32 = struct.Struct(">f")
F64 = struct.Struct(">d")

INT_RANGES: dict[str, tuple[int, int]] = {
    "int8": (-(2**7), 2**7 - 1),
    "uint8": (0, 2**8 - 1),
    "int16": (-(2**15), 2**15 - 1),
    "uint16": (0, 2**16 - 1),
    "int32": (-(2**31), 2**31 - 1),
    "uint32": (0, 2**32 - 1),
    "int64": (-(2**63), 2**63 - 1),
    "uint64": (0, 2**64 - 1),
    "timestamp": (-(2**63), 2**63 - 1),
}


class Pattern:
    """A field's `pattern`: `source` as the spec writes it (ECMAScript), matched
    against the whole string by `fullmatch`, its translation to Python's `re`."""

    __slots__ = ("source", "fullmatch")

    def __init__(self, python_pattern: str, source: str) -> None:
        self.source = source
        self.fullmatch: Callable[[str], re.Match[str] | None] = re.compile(python_pattern, re.ASCII).fullmatch


# --- errors -------------------------------------------------------------------


def describe(value: object) -> str:
    """A short description of a value for error messages."""
    if isinstance(value, (str, bytes, bytearray)) and len(value) > 40:
        return f"a {type(value).__name__} of length {len(value)}"
    if isinstance(value, (bool, int, float, str, bytes, bytearray)) or value is None:
        return repr(value)
    return f"a value of type {type(value).__name__}"


def invalid(path: str, detail: str) -> WireError:
    return WireError("invalid_value", path, detail=detail)


def wrong_type(path: str, value: object, expected: str) -> WireError:
    return WireError("invalid_value", path, detail=f"expected {expected}, got {describe(value)}")


def bad_int(path: str, value: object, type_name: str) -> WireError:
    lo, hi = INT_RANGES[type_name]
    return WireError("invalid_value", path, detail=f"expected an int in {lo}..{hi} ({type_name}), got {describe(value)}")


def bad_bool(path: str, byte: int) -> WireError:
    return WireError("invalid_value", path, detail=f"bool byte 0x{byte:02x}, expected 0x00 or 0x01")


def bad_presence(path: str, byte: int) -> WireError:
    return WireError("invalid_value", path, detail=f"presence byte 0x{byte:02x}, expected 0x00 or 0x01")


def bad_enum_value(path: str, value: int, enum_name: str) -> WireError:
    return WireError("invalid_value", path, detail=f"{value} is not a value of enum {enum_name}")


def not_finite(path: str, value: float) -> WireError:
    return WireError("invalid_value", path, detail=f"float is {value}; only finite values are allowed")


def _bounds(what: str, lo: float | None, hi: float | None, value: float) -> str:
    if lo is not None and value < lo:
        return f"{what} is below min {lo}"
    return f"{what} is above max {hi}"


def out_of_range(path: str, value: float, lo: float | None, hi: float | None) -> WireError:
    """`min`/`max` broken (wire format section 5)."""
    return WireError("constraint_violated", path, detail=_bounds(str(value), lo, hi, value))


def bad_length(path: str, length: int, lo: int, hi: int | None) -> WireError:
    """`minLength`/`maxLength` broken; lengths are in bytes (UTF-8 bytes for strings)."""
    return WireError("constraint_violated", path, detail=_bounds(f"length of {length} bytes", lo, hi, length))


def bad_items(path: str, count: int, lo: int, hi: int | None) -> WireError:
    """`minItems`/`maxItems` broken."""
    return WireError("constraint_violated", path, detail=_bounds(f"{count} items", lo, hi, count))


def pattern_mismatch(path: str, value: str, pattern: Pattern) -> WireError:
    return WireError("constraint_violated", path, detail=f"{describe(value)} does not match pattern /{pattern.source}/")


def truncated(path: str, need: int, have: int) -> WireError:
    return WireError("truncated", path, detail=f"needs {need} more byte{'' if need == 1 else 's'}, {have} left")


def truncated_run(have: int, fields: tuple[tuple[str, int], ...]) -> WireError:
    """`truncated` at the first of consecutive fixed-width fields that does not fit in `have` bytes."""
    for path, size in fields:
        if have < size:
            return truncated(path, size, have)
        have -= size
    raise AssertionError("truncated_run: every field fits")


def trailing(count: int) -> WireError:
    """Bytes left after the last field of a payload (the path is the message's)."""
    return WireError("trailing_bytes", "", detail=f"{count} bytes after the last field")


def too_large(path: str, size: int, limit: int) -> WireError:
    return WireError("frame_too_large", path, detail=f"encoding needs {size} bytes, more than the {limit} allowed")


def missing(path: str, is_null: bool) -> WireError:
    return WireError("invalid_value", path, detail="required field is null" if is_null else "required field is missing")


def unknown_key(data: dict[Any, Any], known: frozenset[str], struct_name: str) -> WireError:
    """The first key of `data` that is not a field (JSON readers refuse unknown keys)."""
    key = next(k for k in data if k not in known)
    return WireError("invalid_value", str(key), detail=f"unknown field in struct {struct_name}")


# --- application values ----------------------------------------------------------


def as_float64(value: object, path: str) -> float:
    """A finite float (an int is converted); anything else is `invalid_value`."""
    if type(value) is float:
        result = value
    elif isinstance(value, int) and not isinstance(value, bool):
        try:
            result = float(value)
        except OverflowError:
            raise invalid(path, f"{value} is outside the range of float64") from None
    else:
        raise wrong_type(path, value, "a float")
    if not math.isfinite(result):
        raise not_finite(path, result)
    return result


def as_float32(value: object, path: str) -> float:
    """`as_float64`, rounded to the nearest float32 (which must stay finite), widened back."""
    result = as_float64(value, path)
    try:
        rounded: float = F32.unpack(F32.pack(result))[0]
    except OverflowError:
        raise invalid(path, f"{result} is outside the range of float32") from None
    return rounded


def check_str(value: object, path: str, lo: int = 0, hi: int | None = None) -> str:
    """A string with a UTF-8 form (no lone surrogates) of lo..hi bytes."""
    if not isinstance(value, str):
        raise wrong_type(path, value, "a str")
    if value.isascii():
        length = len(value)
    else:
        try:
            length = len(value.encode("utf-8"))
        except UnicodeEncodeError:
            raise WireError("invalid_utf8", path, detail="string contains a lone surrogate, which has no UTF-8 encoding") from None
    if length < lo or (hi is not None and length > hi):
        raise bad_length(path, length, lo, hi)
    return value


def check_list(value: object, path: str, lo: int = 0, hi: int | None = None) -> None:
    """A list (or tuple) of lo..hi items (minItems/maxItems; the field's outermost list only)."""
    if not isinstance(value, (list, tuple)):
        raise wrong_type(path, value, "a list")
    if len(value) < lo or (hi is not None and len(value) > hi):
        raise bad_items(path, len(value), lo, hi)


def check_bytes(value: object, path: str, lo: int = 0, hi: int | None = None) -> bytes:
    """A bytes value of lo..hi bytes; a bytearray is copied to bytes."""
    if not isinstance(value, (bytes, bytearray)):
        raise wrong_type(path, value, "bytes")
    if len(value) < lo or (hi is not None and len(value) > hi):
        raise bad_length(path, len(value), lo, hi)
    return bytes(value)
