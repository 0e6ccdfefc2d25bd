"""Frames over one connection (TCP) or between two addresses (UDP).

A `FrameChannel` numbers the frames its side originates, correlates answers
with requests by sequence number (RESPONSE flag, same number), answers PING
with PONG, sends PING when it has been quiet for the keepalive interval and
gives up on a peer that has been silent for the idle timeout (wire format
sections 10 and 11). It does not know the protocol's rules: received
messages go to `on_message`, frames that do not decode to `on_invalid`.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Awaitable, Callable, Optional, Protocol

from ..codec import FLAG_RELIABLE, FLAG_RESPONSE, Frame, decode_frame, encode_control, encode_frame
from ..errors import WireError
from ..messages import Message
from .failures import ConnectionClosed, DeliveryFailed, RequestTimeout
from .headers import FrameHeader, peek_header
from .policy import SequenceCounter

log = logging.getLogger(__name__)

Sending = Callable[[], None]
"""Called once a message has encoded and before it is written (the client moves its role machine there)."""

OnMessage = Callable[[Message, int], Awaitable[None]]
"""Receives a message that is not an answer, with its sequence number."""
OnInvalid = Callable[[FrameHeader, WireError], Awaitable[None]]
"""Receives the header of a complete frame that did not decode, and why."""
OnStray = Callable[[Message, int], Awaitable[None]]
"""Receives an answer (RESPONSE flag) that answers no open request of this side, with its sequence number."""
OnAnswer = Callable[[Message], None]
"""Sees each answer as it arrives, before the requester resumes (so that state follows wire order)."""


class FrameLink(Protocol):
    """Where a channel's frames go: a stream, or datagrams to one address."""

    @property
    def datagram(self) -> bool:
        """True for UDP: RELIABLE frames, ACKs and retransmission."""

    async def write(self, data: bytes) -> None:
        """Sends one frame once."""

    def write_reliable(self, data: bytes, identity: tuple[bool, int]) -> "asyncio.Future[None]":
        """Sends one RELIABLE frame until it is acknowledged; the future fails with DeliveryFailed."""

    def answered(self, request_seq: int, frame: bytes) -> None:
        """The answer to a request was sent (kept to answer a duplicate of the request)."""

    def settle(self, identity: tuple[bool, int]) -> None:
        """Stops retransmitting a frame: its answer arrived, which proves it was received."""

    async def drain(self) -> None:
        """Waits until what was written has been handed to the network."""

    def close(self) -> None:
        """Drops the connection (or forgets the peer)."""


class FrameChannel:
    """Sequence numbers, request correlation and keepalive over one `FrameLink`."""

    def __init__(
        self,
        link: FrameLink,
        *,
        on_message: OnMessage,
        on_invalid: OnInvalid,
        on_answer: Optional[OnAnswer] = None,
        on_stray: Optional[OnStray] = None,
        name: str,
        keepalive_interval_ms: int,
        idle_timeout_ms: int,
    ) -> None:
        self.link = link
        self.name = name
        self._on_message = on_message
        self._on_invalid = on_invalid
        self._on_answer = on_answer
        self._on_stray = on_stray
        self._seq = SequenceCounter()
        self._pending: dict[int, asyncio.Future[Message]] = {}
        self._keepalive_interval = keepalive_interval_ms / 1000
        self._idle_timeout = idle_timeout_ms / 1000
        loop = asyncio.get_running_loop()
        self._loop = loop
        self.last_sent = loop.time()
        self.last_received = loop.time()
        self._keepalive: Optional[asyncio.Task[None]] = None
        self.closed = False

    def __repr__(self) -> str:
        return f"<channel {self.name}>"

    @property
    def waiting(self) -> bool:
        """Whether a request of this side waits for its answer."""
        return bool(self._pending)

    def start(self) -> None:
        """Starts the keepalive: PING when quiet, close when the peer is silent too long."""
        if self._keepalive is None and not self.closed:
            self._keepalive = asyncio.create_task(self._keep_alive(), name=f"keepalive {self.name}")

    # --- sending -------------------------------------------------------------

    async def send(self, message: Message, *, answer_to: Optional[int] = None, wait_ack: bool = False, sending: Optional[Sending] = None) -> int:
        """Sends a message: an answer to request number `answer_to`, or a new frame. Returns its sequence number.

        On UDP a reliable message is retransmitted until acknowledged; with
        `wait_ack` this waits for the ACK (DeliveryFailed when none comes).
        A message that does not encode raises the codec's error before
        `sending` is called or a sequence number is taken.
        """
        if self.closed:
            raise ConnectionClosed(f"{self.name} is closed")
        seq = answer_to if answer_to is not None else self._seq.peek()
        reliable = self.link.datagram and message.RELIABLE
        data = encode_frame(message, seq, FLAG_RELIABLE if reliable else 0)
        if sending is not None:
            sending()
        if answer_to is None:
            self._seq.next()
        if answer_to is not None:
            self.link.answered(answer_to, data)
        self.last_sent = self._loop.time()
        if reliable:
            delivery = self.link.write_reliable(data, (message.KIND == "response", seq))
            if wait_ack:
                await delivery
            else:
                delivery.add_done_callback(self._log_failed_delivery)
        else:
            await self._write(data)
        return seq

    async def _write(self, data: bytes) -> None:
        try:
            await self.link.write(data)
        except (ConnectionError, OSError) as error:
            raise ConnectionClosed(f"{self.name}: {error}") from error

    def _log_failed_delivery(self, delivery: "asyncio.Future[None]") -> None:
        if not delivery.cancelled() and delivery.exception() is not None:
            log.warning("%r: %s", self, delivery.exception())

    async def request(self, message: Message, timeout_ms: int, sending: Optional[Sending] = None) -> Message:
        """Sends a request and waits for the frame that answers it (same number, RESPONSE flag).

        A request that does not encode raises the codec's error before
        `sending` is called or a sequence number is taken.
        """
        if self.closed:
            raise ConnectionClosed(f"{self.name} is closed")
        seq = self._seq.peek()
        reliable = self.link.datagram and message.RELIABLE
        data = encode_frame(message, seq, FLAG_RELIABLE if reliable else 0)
        if sending is not None:
            sending()
        self._seq.next()
        answer: asyncio.Future[Message] = self._loop.create_future()
        self._pending[seq] = answer
        try:
            self.last_sent = self._loop.time()
            if reliable:
                delivery = self.link.write_reliable(data, (False, seq))
                delivery.add_done_callback(lambda d: self._delivery_done(seq, d))
            else:
                await self._write(data)
            return await asyncio.wait_for(answer, timeout_ms / 1000)
        except asyncio.TimeoutError:
            raise RequestTimeout(f"no answer to {message.NAME} (seq {seq}) within {timeout_ms} ms") from None
        finally:
            self._pending.pop(seq, None)

    def _delivery_done(self, seq: int, delivery: "asyncio.Future[None]") -> None:
        if delivery.cancelled() or delivery.exception() is None:
            return
        answer = self._pending.get(seq)
        if answer is not None and not answer.done():
            answer.set_exception(DeliveryFailed(str(delivery.exception())))

    async def _send_control(self, kind: str, seq: int) -> None:
        self.last_sent = self._loop.time()
        await self.link.write(encode_control(kind, seq))

    # --- receiving -----------------------------------------------------------

    async def receive(self, raw: bytes) -> None:
        """Handles one complete frame (cut from the stream, or one datagram)."""
        self.last_received = self._loop.time()
        try:
            frame = decode_frame(raw)
        except WireError as error:
            header = peek_header(raw)
            if header is not None:
                await self._on_invalid(header, error)
            return
        await self.receive_frame(frame)

    async def receive_frame(self, frame: Frame) -> None:
        self.last_received = self._loop.time()
        if frame.control == "ping":
            await self._send_control("pong", frame.seq)
        elif frame.control is not None:
            return  # PONG only proves the peer is alive; ACKs are the link's business
        elif frame.message is None:
            return
        elif frame.flags & FLAG_RESPONSE:
            self.link.settle((False, frame.seq))
            answer = self._pending.get(frame.seq)
            if answer is None or answer.done():
                if self._on_stray is not None:
                    await self._on_stray(frame.message, frame.seq)
                else:
                    log.debug("%r: %s answers no open request (seq %d)", self, frame.message.NAME, frame.seq)
            else:
                if self._on_answer is not None:
                    self._on_answer(frame.message)
                answer.set_result(frame.message)
        else:
            await self._on_message(frame.message, frame.seq)

    # --- keepalive and closing -------------------------------------------------

    async def _keep_alive(self) -> None:
        try:
            while not self.closed:
                now = self._loop.time()
                if now - self.last_received >= self._idle_timeout:
                    log.info("%r: nothing received for %d ms, closing", self, int(self._idle_timeout * 1000))
                    self.link.close()
                    self.close()
                    return
                if now - self.last_sent >= self._keepalive_interval:
                    try:
                        await self._send_control("ping", self._seq.next())
                    except (ConnectionError, ConnectionClosed) as error:
                        log.debug("%r: ping failed: %s", self, error)
                now = self._loop.time()
                wake = min(self.last_received + self._idle_timeout, self.last_sent + self._keepalive_interval)
                await asyncio.sleep(max(0.005, wake - now))
        except asyncio.CancelledError:
            pass

    def close(self, reason: str = "closed") -> None:
        """Fails every open request with ConnectionClosed and stops the keepalive."""
        if self.closed:
            return
        self.closed = True
        for answer in self._pending.values():
            if not answer.done():
                answer.set_exception(ConnectionClosed(f"{self.name} {reason}"))
        self._pending.clear()
        if self._keepalive is not None and self._keepalive is not asyncio.current_task():
            self._keepalive.cancel()
