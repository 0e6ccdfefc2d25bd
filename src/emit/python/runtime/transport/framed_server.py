"""A server session that speaks binary frames: what TCP and UDP servers share.

Frames arrive through the session's `FrameChannel`. The rate limit is applied
as they arrive; messages within it wait in a bounded queue for one worker,
so each session handles its messages one at a time, in order, as its role
machine expects, while PING/PONG are still answered at once.

On a stream, a frame the server cannot attribute to a request it may answer
ends the connection (wire format 10.4): `invalid_flags`, an unknown message
id, a message only the server sends. On datagrams such frames are dropped.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Callable, Optional

from ..codec import MESSAGE_BY_ID
from ..errors import WireError
from ..messages import Message
from .channel import FrameChannel, FrameLink
from .failures import ConnectionClosed
from .headers import FrameHeader
from .options import ServerOptions
from .session import Hub, ServerDispatch, ServerSession, Verdict

log = logging.getLogger(__name__)

CLOSING_ERRORS = frozenset({"invalid_flags", "unknown_message"})
"""Errors of a complete frame that end a stream (wire format 10.1 and 10.4): no request is known to answer."""


class FramedServerSession(ServerSession):
    """One TCP connection or one UDP peer of a server."""

    def __init__(
        self,
        hub: Hub,
        peer: str,
        link: FrameLink,
        *,
        dispatch: ServerDispatch,
        options: ServerOptions,
        on_close: Callable[["FramedServerSession"], None],
    ) -> None:
        super().__init__(hub, peer, rate_limit=options.rate_limit, trace=options.trace)
        self.link = link
        self.options = options
        self.channel = FrameChannel(
            link,
            on_message=self._arrived,
            on_invalid=self._invalid,
            on_stray=self._stray,
            name=f"session {self.id} ({peer})",
            keepalive_interval_ms=options.keepalive_interval_ms,
            idle_timeout_ms=options.idle_timeout_ms,
        )
        self._dispatch = dispatch
        self._on_close = on_close
        self._queue: asyncio.Queue[Optional[tuple[Message, int]]] = asyncio.Queue(maxsize=options.queue_size)
        self._worker = asyncio.create_task(self._work(), name=f"session {self.id}")
        self.channel.start()
        hub.add(self)

    async def _transmit(self, message: Message) -> None:
        await self.channel.send(message)

    async def _arrived(self, message: Message, seq: int) -> None:
        if self.closed:
            return
        if message.SENDER != "initiator" and not self.link.datagram:
            self.trace("<-", message)
            await self._apply(self._foreign(message), seq)
            return
        if not self.admit():
            self.trace("<-", message)
            await self._apply(self.over_limit(message), seq)
            return
        await self._queue.put((message, seq))

    async def _stray(self, message: Message, seq: int) -> None:
        """An answer to no open request: from the client, a message only the server sends closes a stream."""
        if message.SENDER == "initiator" or self.link.datagram:
            log.debug("%r: %s answers no open request (seq %d)", self, message.NAME, seq)
            return
        self.trace("<-", message)
        await self._apply(self._foreign(message), seq)

    def _foreign(self, message: Message) -> Verdict:
        log.info("%r: %s is sent by the server, not the client", self, message.NAME)
        return Verdict(close=True, reason=f"{message.NAME} is sent by the server, not the client", refused=True)

    async def _invalid(self, header: FrameHeader, error: WireError) -> None:
        if error.code in CLOSING_ERRORS:
            if self.link.datagram:
                log.info("%r: dropped an invalid datagram: %s", self, error)
                return
            await self._apply(Verdict(close=True, reason=f"{error.code}: {error}", refused=True), header.seq)
            return
        cls = MESSAGE_BY_ID.get(header.message_id)
        if cls is None or cls.KIND != "request" or header.response:
            log.info("%r: dropped an invalid frame: %s", self, error)
            return
        await self._apply(self.refuse_invalid(header.message_id, error), header.seq)

    async def _work(self) -> None:
        while not self.closed:
            item = await self._queue.get()
            if item is None:
                return
            message, seq = item
            try:
                verdict = await self.handle(message, self._dispatch, self.options.request_timeout_ms)
                await self._apply(verdict, seq)
            except Exception:  # a bug here must end this session only, never the server
                log.exception("%r: failed on %s", self, message.NAME)
                self.close("internal failure")

    async def _apply(self, verdict: Verdict, seq: int) -> None:
        try:
            if verdict.answer is not None:
                self.trace("->", verdict.answer)
                await self.channel.send(verdict.answer, answer_to=seq)
            for message in verdict.pushes:
                await self.push(message)
        except WireError as error:
            log.error("%r: could not encode the answer: %s", self, error)
        except (ConnectionError, OSError, ConnectionClosed) as error:
            log.info("%r: sending failed: %s", self, error)
            verdict.close = True
        if verdict.close:
            if verdict.reason:
                log.info("%r: closing: %s", self, verdict.reason)
            await self.drain()
            self.close(verdict.reason)

    async def drain(self) -> None:
        """Lets what was written reach the peer before the link closes (streams only)."""
        try:
            await self.link.drain()
        except (ConnectionError, OSError):
            pass

    def close(self, reason: str = "") -> None:
        if self.closed:
            return
        self.closed = True
        self.channel.close(reason or "closed")
        self.hub.remove(self)
        if self._worker is not asyncio.current_task():
            self._worker.cancel()
        self.link.close()
        self._on_close(self)

    async def wait_closed(self) -> None:
        """Waits until the worker has finished."""
        if not self._worker.done():
            try:
                await self._worker
            except asyncio.CancelledError:
                pass
