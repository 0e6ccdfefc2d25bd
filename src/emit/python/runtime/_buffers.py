"""Strings, bytes and counts in payloads (wire format sections 3, 3.1 and 4.1).

Writers append a uint32 length and the content to the frame being built,
checking the frame limit as they go; readers check every length or count
against the bytes left before they read or allocate anything.
"""

from __future__ import annotations

import struct

from ._wire import U32, bad_items, bad_length, too_large, truncated, wrong_type
from .errors import WireError



def put_str(out: bytearray, value: object, path: str, lo: int, hi: int | None, limit: int) -> None:
    """Appends a uint32 byte length and the UTF-8 of `value` (wire format 3 and 4.1)."""
    if not isinstance(value, str):
        raise wrong_type(path, value, "a str")
    try:
        data = value.encode("utf-8")
    except UnicodeEncodeError:
        raise WireError("invalid_utf8", path, detail="string contains a lone surrogate, which has no UTF-8 encoding") from None
    length = len(data)
    if len(out) + 4 + length > limit:
        raise too_large(path, len(out) + 4 + length, limit)
    if length < lo or (hi is not None and length > hi):
        raise bad_length(path, length, lo, hi)
    out += U32.pack(length)
    out += data


def put_bytes(out: bytearray, value: object, path: str, lo: int, hi: int | None, limit: int) -> None:
    """Appends a uint32 length and the bytes."""
    if not isinstance(value, (bytes, bytearray)):
        raise wrong_type(path, value, "bytes")
    length = len(value)
    if length < lo or (hi is not None and length > hi):
        raise bad_length(path, length, lo, hi)
    if len(out) + 4 + length > limit:
        raise too_large(path, len(out) + 4 + length, limit)
    out += U32.pack(length)
    out += value


def put_count(out: bytearray, value: object, path: str, lo: int, hi: int | None, limit: int) -> int:
    """Checks a list (type and minItems/maxItems) and appends its uint32 count."""
    if not isinstance(value, (list, tuple)):
        raise wrong_type(path, value, "a list")
    count = len(value)
    if count < lo or (hi is not None and count > hi):
        raise bad_items(path, count, lo, hi)
    if len(out) + 4 > limit:
        raise too_large(path, len(out) + 4, limit)
    out += U32.pack(count)
    return count




def read_str(buf: bytes, pos: int, end: int, path: str, lo: int = 0, hi: int | None = None) -> tuple[str, int]:
    """A string: its uint32 length, checked against the bytes left (wire format 3.1) and
    lo..hi, then strict UTF-8. Returns it and the position after it."""
    if end - pos < 4:
        raise truncated(path, 4, end - pos)
    length: int = U32.unpack_from(buf, pos)[0]
    pos += 4
    if length > end - pos:
        raise WireError("truncated", path, detail=f"string length {length} exceeds the {end - pos} bytes left")
    if length < lo or (hi is not None and length > hi):
        raise bad_length(path, length, lo, hi)
    try:
        value = buf[pos : pos + length].decode("utf-8")
    except UnicodeDecodeError:
        raise WireError("invalid_utf8", path, detail="string is not well-formed UTF-8") from None
    return value, pos + length


def read_bytes(buf: bytes, pos: int, end: int, path: str, lo: int = 0, hi: int | None = None) -> tuple[bytes, int]:
    """A bytes value (a copy): its uint32 length, checked as for strings. Returns it and the position after it."""
    if end - pos < 4:
        raise truncated(path, 4, end - pos)
    length: int = U32.unpack_from(buf, pos)[0]
    pos += 4
    if length > end - pos:
        raise WireError("truncated", path, detail=f"bytes length {length} exceeds the {end - pos} bytes left")
    if length < lo or (hi is not None and length > hi):
        raise bad_length(path, length, lo, hi)
    return buf[pos : pos + length], pos + length


def read_count(buf: bytes, pos: int, end: int, path: str, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """A list's item count: at most one item per byte left (every item takes one at least), then minItems/maxItems."""
    if end - pos < 4:
        raise truncated(path, 4, end - pos)
    count: int = U32.unpack_from(buf, pos)[0]
    pos += 4
    if count > end - pos:
        raise WireError("truncated", path, detail=f"list count {count} exceeds the {end - pos} bytes left")
    if count < lo or (hi is not None and count > hi):
        raise bad_items(path, count, lo, hi)
    return count, pos


def read_ints(buf: bytes, pos: int, end: int, count: int, code: str, size: int, path: str) -> tuple[list[int], int]:
    """`count` integers of one struct format code (`h`, `Q`, ...) at once; for unconstrained int lists."""
    have = end - pos
    if count * size > have:
        raise truncated(f"{path}[{have // size}]", size, have % size)
    values: list[int] = list(struct.unpack_from(f">{count}{code}", buf, pos))
    return values, pos + count * size
