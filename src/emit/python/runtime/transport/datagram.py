"""Datagram reliability (wire format section 10.2), for the UDP client and server.

`Retransmitter` resends a RELIABLE frame with exponential backoff until it
is acknowledged and fails it with DeliveryFailed after the last attempt.
`DatagramLink` sends one peer's frames (a FrameLink); `DatagramInbox`
handles what arrives from that peer: ACKs settle retransmissions, a sound
RELIABLE datagram is acknowledged (also a duplicate, whose delivered answer
is sent again) and delivered once, anything else is queued in order.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Callable, Optional

from ..codec import FLAG_ACK, encode_control
from .failures import DeliveryFailed
from .headers import read_header
from .options import RetryPolicy
from .policy import DuplicateWindow, retry_delays_ms

log = logging.getLogger(__name__)

Address = tuple[str, int]
DropFilter = Callable[[bytes], bool]
"""Returns True for an outgoing datagram that should be lost (tests)."""

PEER_QUEUE = 256


def delays_of(retry: RetryPolicy) -> list[int]:
    delays = retry_delays_ms(retry.max_attempts, retry.initial_backoff_ms, retry.max_backoff_ms, retry.multiplier)
    return delays or [retry.initial_backoff_ms]


class Retransmitter:
    """Resends RELIABLE frames until they are acknowledged."""

    def __init__(self, send: Callable[[bytes], None], delays_ms: list[int]) -> None:
        self._send = send
        self._delays = delays_ms
        self._open: dict[tuple[bool, int], tuple[asyncio.Future[None], asyncio.Task[None]]] = {}

    def send(self, data: bytes, identity: tuple[bool, int]) -> "asyncio.Future[None]":
        self.settle(identity)
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        task = asyncio.create_task(self._run(data, identity, future), name=f"retransmit {identity}")
        self._open[identity] = (future, task)
        return future

    async def _run(self, data: bytes, identity: tuple[bool, int], future: "asyncio.Future[None]") -> None:
        try:
            for wait in self._delays:
                self._send(data)
                await asyncio.wait({future}, timeout=wait / 1000)
                if future.done():
                    return
            entry = self._open.get(identity)
            if entry is not None and entry[0] is future:
                del self._open[identity]
            if not future.done():
                kind = "answer" if identity[0] else "frame"
                future.set_exception(DeliveryFailed(f"{kind} {identity[1]} was not acknowledged after {len(self._delays)} attempts"))
        except asyncio.CancelledError:
            if not future.done():
                future.cancel()

    def settle(self, identity: tuple[bool, int]) -> None:
        """The frame was acknowledged (or answered): stop resending it."""
        entry = self._open.pop(identity, None)
        if entry is not None:
            future, task = entry
            if not future.done():
                future.set_result(None)
            task.cancel()

    def close(self) -> None:
        for future, task in self._open.values():
            task.cancel()
            if not future.done():
                future.cancel()
        self._open.clear()


class DatagramLink:
    """A FrameLink to one address over a datagram transport."""

    datagram = True

    def __init__(
        self,
        transport: asyncio.DatagramTransport,
        address: Optional[Address],
        retry: RetryPolicy,
        *,
        drop: Optional[DropFilter] = None,
        on_close: Optional[Callable[[], None]] = None,
    ) -> None:
        self.transport = transport
        self.address = address
        self.drop = drop
        delays = delays_of(retry)
        self.retransmitter = Retransmitter(self.send_now, delays)
        self.window = DuplicateWindow(1024, sum(delays))
        self._on_close = on_close
        self.closed = False

    def send_now(self, data: bytes) -> None:
        if self.closed or self.transport.is_closing():
            return
        if self.drop is not None and self.drop(data):
            log.debug("dropped an outgoing datagram of %d bytes (loss simulation)", len(data))
            return
        if self.address is None:
            self.transport.sendto(data)
        else:
            self.transport.sendto(data, self.address)

    async def write(self, data: bytes) -> None:
        self.send_now(data)

    def write_reliable(self, data: bytes, identity: tuple[bool, int]) -> "asyncio.Future[None]":
        return self.retransmitter.send(data, identity)

    def answered(self, request_seq: int, frame: bytes) -> None:
        self.window.remember_answer((False, request_seq), frame)

    def settle(self, identity: tuple[bool, int]) -> None:
        self.retransmitter.settle(identity)

    async def drain(self) -> None:
        pass

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.retransmitter.close()
        if self._on_close is not None:
            self._on_close()


class DatagramInbox:
    """What arrives from one address: ACKs settle retransmissions, RELIABLE frames are ACKed
    and de-duplicated, everything else waits in order for `deliver`."""

    def __init__(self, link: DatagramLink, max_frame_bytes: int) -> None:
        self.link = link
        self.max_frame_bytes = max_frame_bytes
        self.queue: asyncio.Queue[bytes] = asyncio.Queue(maxsize=PEER_QUEUE)

    def accept(self, data: bytes) -> bool:
        """Handles one datagram at once; False when it was dropped."""
        header = read_header(data, self.max_frame_bytes)
        if header is None:
            log.debug("dropped an invalid datagram of %d bytes", len(data))
            return False
        if header.flags & FLAG_ACK:
            if header.message_id != 0 or header.payload_length != 0:
                log.debug("dropped an ACK with a message id or a payload (invalid_flags, trailing_bytes)")
                return False
            self.link.settle(header.identity)
            return True
        if self.queue.full():
            log.warning("dropped a datagram: the peer's queue is full")
            return False
        if header.reliable:
            self.link.send_now(encode_control("ack", header.seq, response=header.response))
            if self.link.window.seen(header.identity):
                answer = self.link.window.answer(header.identity)
                if answer is not None:
                    self.link.send_now(answer)
                return True
            self.link.window.add(header.identity)
        self.queue.put_nowait(data)
        return True
