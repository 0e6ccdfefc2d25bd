"""Server-Sent Events as the HTTP mapping uses them (wire format section 10.3).

One event per message: `event: <Message>`, `id: <sequence>`, `data: <the
envelope as compact JSON>`, then a blank line. A line starting with `:` is a
comment (the server's keepalive).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Optional

KEEPALIVE = b":\n\n"


def format_event(name: str, seq: int, envelope: dict[str, Any]) -> bytes:
    data = json.dumps(envelope, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return f"event: {name}\nid: {seq}\ndata: {data}\n\n".encode("utf-8")


@dataclass
class SseEvent:
    event: str
    id: Optional[str]
    data: str


class SseParser:
    """Reads an event stream line by line; `line` returns a complete event at its blank line."""

    def __init__(self) -> None:
        self._event = "message"
        self._id: Optional[str] = None
        self._data: list[str] = []

    def line(self, raw: str) -> Optional[SseEvent]:
        line = raw.rstrip("\r\n")
        if line == "":
            if not self._data:
                self._event = "message"
                return None
            event = SseEvent(self._event, self._id, "\n".join(self._data))
            self._event, self._data = "message", []
            return event
        if line.startswith(":"):
            return None
        field, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if field == "event":
            self._event = value
        elif field == "data":
            self._data.append(value)
        elif field == "id":
            self._id = value
        return None
