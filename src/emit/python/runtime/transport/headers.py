"""Reading a frame header without decoding the payload (wire format sections 1, 2 and 6).

The datagram transport acknowledges a RELIABLE frame once its header passes
steps 1 to 7 of section 6, even if the payload turns out invalid; servers use
the header of an undecodable frame to answer the request it carried.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Optional

from .. import protocol_info as info
from ..codec import FLAG_ACK, FLAG_PING, FLAG_PONG, FLAG_RELIABLE, FLAG_RESPONSE

HEADER_BYTES = 14
MAGIC = b"PF"
_VALID_FLAGS = frozenset({0x00, 0x01, 0x02, 0x04, 0x05, 0x06, 0x08, 0x10})
_HEADER = struct.Struct(">2sBBHII")


@dataclass(frozen=True)
class FrameHeader:
    flags: int
    message_id: int
    seq: int
    payload_length: int

    @property
    def reliable(self) -> bool:
        return bool(self.flags & FLAG_RELIABLE)

    @property
    def response(self) -> bool:
        return bool(self.flags & FLAG_RESPONSE)

    @property
    def control(self) -> bool:
        return bool(self.flags & (FLAG_ACK | FLAG_PING | FLAG_PONG))

    @property
    def identity(self) -> tuple[bool, int]:
        """(RESPONSE bit, sequence): what duplicate suppression and ACKs refer to."""
        return (self.response, self.seq)


def read_header(data: bytes, max_frame_bytes: int = info.MAX_FRAME_BYTES) -> Optional[FrameHeader]:
    """The header of one complete frame, or None when steps 1 to 7 of section 6 fail."""
    if len(data) < HEADER_BYTES:
        return None
    magic, version, flags, message_id, seq, length = _HEADER.unpack_from(data)
    if magic != MAGIC or version != info.WIRE_VERSION or flags not in _VALID_FLAGS:
        return None
    if length > max_frame_bytes - HEADER_BYTES or len(data) != HEADER_BYTES + length:
        return None
    return FrameHeader(flags=flags, message_id=message_id, seq=seq, payload_length=length)


def peek_header(data: bytes) -> Optional[FrameHeader]:
    """The header fields of whatever `data` starts with, unchecked (for logging and error answers)."""
    if len(data) < HEADER_BYTES:
        return None
    _, _, flags, message_id, seq, length = _HEADER.unpack_from(data)
    return FrameHeader(flags=flags, message_id=message_id, seq=seq, payload_length=length)
