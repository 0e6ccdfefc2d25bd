"""A client that speaks binary frames: what the TCP and UDP clients share.

It connects with a timeout and retries with exponential backoff (RETRY_*),
correlates answers with requests by sequence number, answers the server's
requests through `dispatch`, and keeps the connection alive. With
`auto_reconnect` a lost connection is re-opened in the background (a new
connection starts a new conversation) and `on_reconnect` is awaited, e.g. to
authenticate again.
"""

from __future__ import annotations

import abc
import asyncio
import logging
from typing import Awaitable, Callable, Optional

from ..errors import WireError
from ..machine import RoleMachine
from ..messages import Message
from .channel import FrameChannel, FrameLink
from .client_base import ClientBase, ClientDispatch
from .failures import ConnectFailed, ConnectionClosed
from .headers import FrameHeader
from .options import ClientOptions
from .policy import retry_delays_ms

log = logging.getLogger(__name__)


class FramedClient(ClientBase):
    """The initiator's side of a conversation over frames."""

    transport_name = "frames"

    def __init__(self, host: str, port: int, *, dispatch: Optional[ClientDispatch] = None, options: Optional[ClientOptions] = None) -> None:
        super().__init__(host, port, dispatch=dispatch, options=options)
        self.on_reconnect: Optional[Callable[[], Awaitable[None]]] = None
        """Awaited after an automatic reconnection, e.g. to authenticate again."""
        self._channel: Optional[FrameChannel] = None
        self._link: Optional[FrameLink] = None
        self._inbox: asyncio.Queue[Optional[tuple[Message, int]]] = asyncio.Queue(maxsize=64)
        self._worker: Optional[asyncio.Task[None]] = None
        self._reconnecting: Optional[asyncio.Task[None]] = None
        self._closing = False
        self._lost_connection = False
        self._early: list[tuple[Message, int]] = []

    @property
    def connected(self) -> bool:
        return self._channel is not None and not self._channel.closed

    # --- connecting ----------------------------------------------------------

    @abc.abstractmethod
    async def _open(self) -> FrameLink:
        """Opens the connection (or datagram endpoint)."""

    @abc.abstractmethod
    def _start_reading(self) -> None:
        """Starts handing received frames to `_feed`, and a lost connection to `_lost`."""

    async def connect(self) -> None:
        """Connects within the connect timeout, retrying with exponential backoff; raises ConnectFailed."""
        if self.connected:
            return
        self._closing = False
        retry = self.options.retry
        delays = retry_delays_ms(retry.max_attempts, retry.initial_backoff_ms, retry.max_backoff_ms, retry.multiplier)
        attempts = max(1, len(delays))
        for attempt in range(1, attempts + 1):
            try:
                link = await asyncio.wait_for(self._open(), self.options.connect_timeout_ms / 1000)
                break
            except (OSError, asyncio.TimeoutError) as error:
                log.info("%r: connecting, attempt %d of %d failed: %s", self, attempt, attempts, error or type(error).__name__)
                if attempt >= attempts:
                    raise ConnectFailed(f"could not connect to {self.host}:{self.port} after {attempts} attempts") from error
                await asyncio.sleep(delays[attempt - 1] / 1000)
        self._link = link
        self._lost_connection = False
        self.machine = RoleMachine("initiator")
        self._inbox = asyncio.Queue(maxsize=64)
        self._early = []
        self._channel = FrameChannel(
            link,
            on_message=self._arrived,
            on_invalid=self._invalid,
            on_answer=self._answered,
            name=f"{self.transport_name} client of {self.host}:{self.port}",
            keepalive_interval_ms=self.options.keepalive_interval_ms,
            idle_timeout_ms=self.options.idle_timeout_ms,
        )
        self._worker = asyncio.create_task(self._work(), name="client inbox")
        self._start_reading()
        self._channel.start()

    async def close(self) -> None:
        """Closes the connection; open requests fail with ConnectionClosed."""
        self._closing = True
        for task in (self._reconnecting, self._worker):
            if task is not None and task is not asyncio.current_task():
                task.cancel()
        if self._link is not None:
            try:
                await self._link.drain()
            except (ConnectionError, OSError):
                pass
        self._shutdown("closed by the client")
        await self._closed()

    async def _closed(self) -> None:
        """Waits for the transport to finish closing (transports override it)."""

    def _shutdown(self, reason: str) -> None:
        if self._channel is not None:
            self._channel.close(reason)
        if self._link is not None:
            self._link.close()

    def _lost(self, reason: str) -> None:
        """The connection went away (the peer closed it, or the idle timeout did) without `close`."""
        if self._closing or self._lost_connection or self._channel is None:
            return
        self._lost_connection = True
        log.info("%r: connection lost: %s", self, reason)
        self._shutdown(reason)
        if self._worker is not None:
            self._worker.cancel()
        if self.options.auto_reconnect and self._reconnecting is None:
            self._reconnecting = asyncio.create_task(self._reconnect(), name="reconnect")

    async def _reconnect(self) -> None:
        try:
            await self.connect()
            if self.on_reconnect is not None:
                await self.on_reconnect()
        except ConnectFailed as error:
            log.warning("%r: %s", self, error)
        finally:
            self._reconnecting = None

    def _require_channel(self) -> FrameChannel:
        if self._channel is None or self._channel.closed:
            raise ConnectionClosed(f"not connected to {self.host}:{self.port}")
        return self._channel

    # --- sending -------------------------------------------------------------

    async def request(self, message: Message) -> Message:
        """Sends a request and returns its answer (a response or the error message).

        Raises StateError when the role machine does not allow the request now,
        RequestTimeout, ConnectionClosed, or DeliveryFailed (UDP).
        """
        channel = self._require_channel()
        self._check_request(message)
        return await channel.request(message, self.options.request_timeout_ms, sending=lambda: self._sending(message))

    async def send(self, message: Message) -> None:
        """Sends a oneway or event; on UDP a reliable one is acknowledged before this returns."""
        channel = self._require_channel()
        self._check_send(message)
        await channel.send(message, wait_ack=True, sending=lambda: self._sending(message))

    # --- receiving -----------------------------------------------------------

    async def _feed(self, raw: bytes) -> None:
        if self._channel is not None:
            await self._channel.receive(raw)

    async def _arrived(self, message: Message, seq: int) -> None:
        # The role machine moves here, in arrival order; handlers run in the worker.
        channel = self._channel
        if channel is not None and channel.waiting and not self.machine.can_receive(message.NAME):
            self._early.append((message, seq))  # datagrams may overtake the answer this state needs
            return
        if self._accept(message):
            await self._inbox.put((message, seq))

    def _answered(self, answer: Message) -> None:
        """An answer arrived: the role machine moves, then events that came early get their turn."""
        self._received(answer)
        early, self._early = self._early, []
        for message, seq in early:
            if not self._accept(message):
                continue
            try:
                self._inbox.put_nowait((message, seq))
            except asyncio.QueueFull:
                asyncio.get_running_loop().create_task(self._inbox.put((message, seq)))

    async def _invalid(self, header: FrameHeader, error: WireError) -> None:
        log.warning("%r: dropped an invalid frame (message id %d, seq %d): %s", self, header.message_id, header.seq, error)

    async def _work(self) -> None:
        while True:
            item = await self._inbox.get()
            if item is None:
                return
            message, seq = item
            try:
                answer = await self._handle_pushed(message)
                if answer is not None:
                    await self._require_channel().send(answer, answer_to=seq)
            except Exception:  # a failing handler must not stop the client
                log.exception("%r: handling %s failed", self, message.NAME)
