"""TCP: frames back to back on a stream (wire format section 10.1).

`TcpServer` serves many clients at once, each connection a
`FramedServerSession`: frames are cut from the stream across partial reads by
the codec's Deframer, which checks the announced length against the maximum
frame size before any of the body is read. A header error closes the
connection; a complete frame that does not decode is answered or dropped and
the connection goes on. Closing the server stops accepting, closes every
session and waits for their tasks.

`TcpClient` is the other side: connect timeout, reconnection with backoff,
request/answer correlation, keepalive (see framed_client.py).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Awaitable, Callable, Optional, TypeVar

from ..codec import Deframer
from ..errors import WireError
from .failures import DeliveryFailed
from .client_base import ClientDispatch
from .framed_client import FramedClient
from .framed_server import FramedServerSession
from .options import ClientOptions, ServerOptions
from .session import Hub, ServerDispatch

log = logging.getLogger(__name__)

READ_CHUNK = 65536

S = TypeVar("S", bound="TcpServer")
FrameSink = Callable[[bytes], Awaitable[None]]
"""Receives each complete frame cut from a stream."""


class StreamLink:
    """A FrameLink over an asyncio stream.

    Unbounded (a client's link), a write waits until the transport's buffer is
    below its high-water mark. Bounded (a server's link, `max_buffered_bytes`),
    a write returns at once, so that an event for a peer that does not read
    never stalls the session that sends it; the server's read loop waits for
    `drain` before each read instead (a peer that sends without reading meets
    TCP backpressure), and a write that would take what waits for the peer
    over `max_buffered_bytes` drops the peer (`on_overflow` hears why).
    """

    datagram = False

    def __init__(self, writer: asyncio.StreamWriter, *, max_buffered_bytes: Optional[int] = None, on_overflow: Optional[Callable[[str], None]] = None) -> None:
        self.writer = writer
        self._lock = asyncio.Lock()
        self._max_buffered = max_buffered_bytes
        self._on_overflow = on_overflow

    async def write(self, data: bytes) -> None:
        if self.writer.is_closing():
            raise ConnectionResetError("the connection is closing")
        if self._max_buffered is None:
            self.writer.write(data)
            async with self._lock:
                await self.writer.drain()
            return
        waiting = self.writer.transport.get_write_buffer_size() + len(data)
        if waiting > self._max_buffered:
            detail = f"the peer does not read: {waiting} bytes would wait for it, over the limit of {self._max_buffered}"
            if self._on_overflow is not None:
                self._on_overflow(detail)
            self.writer.transport.abort()
            raise ConnectionResetError(detail)
        self.writer.write(data)

    def write_reliable(self, data: bytes, identity: tuple[bool, int]) -> "asyncio.Future[None]":
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        future.set_exception(DeliveryFailed("RELIABLE is never used on TCP"))
        return future

    def answered(self, request_seq: int, frame: bytes) -> None:
        pass

    def settle(self, identity: tuple[bool, int]) -> None:
        pass

    async def drain(self) -> None:
        if not self.writer.is_closing():
            async with self._lock:
                await self.writer.drain()

    def close(self) -> None:
        if not self.writer.is_closing():
            self.writer.close()


def _peer_name(writer: asyncio.StreamWriter) -> str:
    peer = writer.get_extra_info("peername")
    if isinstance(peer, tuple) and len(peer) >= 2:
        return f"{peer[0]}:{peer[1]}"
    return str(peer)


async def read_frames(reader: asyncio.StreamReader, deframer: Deframer, on_frame: FrameSink, before_read: Optional[Callable[[], Awaitable[None]]] = None) -> str:
    """Feeds the frames of a stream to `on_frame` until it ends; returns why it ended.

    `before_read` runs before each read (a server waits there while its peer does not read).
    """
    while True:
        try:
            if before_read is not None:
                await before_read()
            data = await reader.read(READ_CHUNK)
        except (ConnectionError, OSError) as error:
            return f"read failed: {error}"
        if not data:
            return "end of stream"
        try:
            frames = deframer.push(data)
        except WireError as error:
            return f"bad frame header: {error.code}: {error}"
        for frame in frames:
            await on_frame(frame)


class TcpServer:
    """Serves the protocol over TCP; `dispatch` runs the application's handlers."""

    transport_name = "tcp"

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0, dispatch: ServerDispatch, options: Optional[ServerOptions] = None) -> None:
        self.host = host
        self.port = port
        self.options = options if options is not None else ServerOptions()
        self.hub = Hub()
        self._dispatch = dispatch
        self._server: Optional[asyncio.Server] = None
        self._connections: set[asyncio.Task[None]] = set()
        self._sessions: set[FramedServerSession] = set()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.host}:{self.port}>"

    async def start(self) -> None:
        """Starts listening; with port 0 the system picks a port, then `port` holds it."""
        self._server = await asyncio.start_server(self._serve, self.host, self.port, limit=READ_CHUNK)
        sockets = self._server.sockets
        if sockets:
            self.port = int(sockets[0].getsockname()[1])
        log.info("%r: listening", self)

    async def __aenter__(self: S) -> S:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def serve_forever(self) -> None:
        if self._server is None:
            await self.start()
        assert self._server is not None
        await self._server.serve_forever()

    @property
    def sessions(self) -> list[FramedServerSession]:
        return list(self._sessions)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._connections.add(task)
        peer = _peer_name(writer)
        if len(self._sessions) >= self.options.max_sessions:
            log.warning("%r: refusing %s, %d sessions already", self, peer, len(self._sessions))
            writer.close()
            return
        trace = self.options.trace

        def overflow(detail: str) -> None:
            log.warning("%r: dropped: %s", session, detail)
            if trace is not None:
                trace(f"[{session.id} {peer}] dropped: {detail}")

        link = StreamLink(writer, max_buffered_bytes=self.options.max_buffered_bytes, on_overflow=overflow)
        session = FramedServerSession(self.hub, peer, link, dispatch=self._dispatch, options=self.options, on_close=self._sessions.discard)
        self._sessions.add(session)
        try:
            reason = await read_frames(reader, Deframer(self.options.max_frame_bytes), session.channel.receive, link.drain)
            log.info("%r: %s", session, reason)
        except asyncio.CancelledError:
            pass
        except Exception:  # one connection's failure never stops the server
            log.exception("%r: connection failed", session)
        finally:
            session.close("connection ended")
            await session.wait_closed()
            try:
                writer.close()
                await asyncio.wait_for(writer.wait_closed(), 1.0)
            except (ConnectionError, OSError, asyncio.TimeoutError):
                pass
            if task is not None:
                self._connections.discard(task)

    async def close(self) -> None:
        """Graceful shutdown: stop accepting, close every session, wait for their tasks."""
        if self._server is not None:
            self._server.close()
        for session in list(self._sessions):
            await session.drain()
            session.close("server shutting down")
        tasks = list(self._connections)
        if tasks:
            done, pending = await asyncio.wait(tasks, timeout=self.options.shutdown_timeout_ms / 1000)
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.wait(pending, timeout=1.0)
        if self._server is not None:
            try:
                await asyncio.wait_for(self._server.wait_closed(), self.options.shutdown_timeout_ms / 1000)
            except asyncio.TimeoutError:
                log.warning("%r: listener did not close in time", self)
            self._server = None


class TcpClient(FramedClient):
    """A client over TCP."""

    transport_name = "tcp"

    def __init__(self, host: str, port: int, *, dispatch: Optional[ClientDispatch] = None, options: Optional[ClientOptions] = None) -> None:
        super().__init__(host, port, dispatch=dispatch, options=options)
        self._reader: Optional[asyncio.StreamReader] = None
        self._writer: Optional[asyncio.StreamWriter] = None
        self._reading: Optional[asyncio.Task[None]] = None

    async def _open(self) -> StreamLink:
        reader, writer = await asyncio.open_connection(self.host, self.port)
        self._reader, self._writer = reader, writer
        return StreamLink(writer)

    def _start_reading(self) -> None:
        self._reading = asyncio.create_task(self._read(), name="tcp client reader")

    async def _read(self) -> None:
        reader = self._reader
        if reader is None:
            return
        try:
            reason = await read_frames(reader, Deframer(self.options.max_frame_bytes), self._feed)
        except asyncio.CancelledError:
            return
        self._lost(reason)

    async def _closed(self) -> None:
        if self._reading is not None and self._reading is not asyncio.current_task():
            self._reading.cancel()
        if self._writer is not None:
            try:
                await asyncio.wait_for(self._writer.wait_closed(), 1.0)
            except (ConnectionError, OSError, asyncio.TimeoutError):
                pass
