"""The JSON value rules of the mapping (wire format section 9).

64-bit integers and timestamps are decimal strings, other integers integral
JSON numbers, floats finite numbers, bytes canonical base64 with padding.
`parse_json` and `dump_json` read and write JSON text for the mapping.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any

from ._wire import INT_RANGES, as_float32, as_float64, bad_int, bad_length, invalid, wrong_type
from .errors import WireError

_SIGNED_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]{0,19})")
_UNSIGNED_DECIMAL = re.compile(r"(?:0|[1-9][0-9]{0,19})")



def json_bool(value: Any, path: str) -> bool:
    if type(value) is not bool:
        raise wrong_type(path, value, "true or false")
    return value


def json_int(value: Any, path: str, type_name: str) -> int:
    """A JSON number that is integral (5, 5.0, 5e0) and in the type's range."""
    if type(value) is int:
        result = value
    elif type(value) is float and value.is_integer():
        result = int(value)
    else:
        raise bad_int(path, value, type_name)
    lo, hi = INT_RANGES[type_name]
    if not lo <= result <= hi:
        raise bad_int(path, value, type_name)
    return result


def json_int64(value: Any, path: str, type_name: str) -> int:
    """int64, uint64 and timestamp: a decimal string, `-?(0|[1-9][0-9]*)`, no `-0`, in range."""
    shape = _UNSIGNED_DECIMAL if type_name == "uint64" else _SIGNED_DECIMAL
    if type(value) is not str or shape.fullmatch(value) is None or value == "-0":
        raise wrong_type(path, value, f"a decimal string ({type_name})")
    result = int(value)
    lo, hi = INT_RANGES[type_name]
    if not lo <= result <= hi:
        raise bad_int(path, value, type_name)
    return result


def json_float(value: Any, path: str, bits: int) -> float:
    """A JSON number that is finite after rounding (to float32 for 32 bits)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise wrong_type(path, value, "a number")
    return as_float32(value, path) if bits == 32 else as_float64(value, path)


def json_bytes(value: Any, path: str, lo: int = 0, hi: int | None = None) -> bytes:
    """Canonical standard base64 with padding (decoded, re-encoded, compared)."""
    if type(value) is not str:
        raise wrong_type(path, value, "a base64 string")
    try:
        result = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise invalid(path, "not standard base64 with padding") from None
    if base64.b64encode(result).decode("ascii") != value:
        raise invalid(path, "not canonical base64 (unused bits must be zero)")
    if len(result) < lo or (hi is not None and len(result) > hi):
        raise bad_length(path, len(result), lo, hi)
    return result


def b64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def parse_json(text: str | bytes) -> Any:
    """`json.loads` for the JSON mapping: refuses NaN and Infinity, keeps the sign of `-0`."""
    try:
        return json.loads(text, parse_constant=_no_constant, parse_int=_json_int_literal)
    except WireError:
        raise
    except (ValueError, RecursionError) as error:
        raise invalid("", f"not valid JSON: {error}") from None


def dump_json(value: Any) -> str:
    """Compact JSON text of a payload or envelope (non-ASCII characters kept)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _no_constant(name: str) -> Any:
    raise invalid("", f"{name} is not JSON")


def _json_int_literal(text: str) -> int | float:
    return -0.0 if text == "-0" else int(text)
