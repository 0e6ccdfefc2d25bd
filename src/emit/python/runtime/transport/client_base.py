"""What every client shares, whatever the transport.

The initiator's role machine (a message it does not allow now is refused
with StateError before anything is sent), the last message of each kind
received (`last`), events the server sends on its own (to `dispatch` and to
the `events` queue) and the trace of messages.
"""

from __future__ import annotations

import abc
import asyncio
import logging
from typing import Awaitable, Callable, Optional, TypeVar

from ..errors import StateError
from ..machine import RoleMachine
from ..messages import Message, MessageBase
from .options import ClientOptions
from .session import describe

log = logging.getLogger(__name__)

M = TypeVar("M", bound=MessageBase)
C = TypeVar("C", bound="ClientBase")

ClientDispatch = Callable[[Message], Awaitable[Optional[Message]]]
"""Calls the application's handler for a message the server sent on its own: the answer to a request, else None."""


class ClientBase(abc.ABC):
    """The initiator's side of a conversation."""

    transport_name = "?"

    def __init__(self, host: str, port: int, *, dispatch: Optional[ClientDispatch] = None, options: Optional[ClientOptions] = None) -> None:
        self.host = host
        self.port = port
        self.options = options if options is not None else ClientOptions()
        self.machine = RoleMachine("initiator")
        self.events: asyncio.Queue[Message] = asyncio.Queue(maxsize=self.options.event_queue_size)
        """Every event (and other message) the server sent on its own, in arrival order."""
        self._dispatch = dispatch
        self._last: dict[type[MessageBase], MessageBase] = {}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.host}:{self.port} {self.machine.state}>"

    async def __aenter__(self: C) -> C:
        await self.connect()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    @property
    def state(self) -> str:
        """The state of the initiator's role machine."""
        return self.machine.state

    @property
    @abc.abstractmethod
    def connected(self) -> bool:
        """Whether messages can be sent now."""

    @abc.abstractmethod
    async def connect(self) -> None:
        """Connects (retrying with backoff); raises ConnectFailed."""

    @abc.abstractmethod
    async def close(self) -> None:
        """Closes; open requests fail with ConnectionClosed."""

    @abc.abstractmethod
    async def request(self, message: Message) -> Message:
        """Sends a request and returns its answer (a response or the error message)."""

    @abc.abstractmethod
    async def send(self, message: Message) -> None:
        """Sends a oneway or event."""

    def last(self, cls: type[M]) -> Optional[M]:
        """The last message of class `cls` received from the server, if any."""
        message = self._last.get(cls)
        return message if isinstance(message, cls) else None

    async def next_event(self, timeout_ms: Optional[int] = None) -> Message:
        """The next message the server sent on its own; asyncio.TimeoutError after `timeout_ms`."""
        wait = self.options.request_timeout_ms if timeout_ms is None else timeout_ms
        return await asyncio.wait_for(self.events.get(), wait / 1000)

    def _check_request(self, message: Message) -> None:
        if message.KIND != "request":
            raise ValueError(f"{message.NAME} is a {message.KIND}; use send()")

    def _check_send(self, message: Message) -> None:
        if message.KIND in ("request", "response"):
            raise ValueError(f"{message.NAME} is a {message.KIND}; use request()")

    def _sending(self, message: Message) -> None:
        """Moves the role machine for a message that has encoded and is about to go (StateError: it does not go).

        Called only after encoding, so a message that fails to encode leaves the machine where it was.
        """
        self.machine.send(message.NAME)
        self._trace("->", message)

    def _received(self, message: Message) -> None:
        """Records an answer or event and moves the role machine."""
        self._trace("<-", message)
        self._last[type(message)] = message
        try:
            self.machine.receive(message.NAME)
        except StateError as error:
            log.warning("%r: %s", self, error)

    def _accept(self, message: Message) -> bool:
        """Moves the role machine for a message the server sent on its own; False (dropped) when it may not come now."""
        if not self.machine.can_receive(message.NAME):
            log.warning("%r: dropped %s, not expected in state %s", self, message.NAME, self.machine.state)
            return False
        self._received(message)
        return True

    async def _deliver(self, message: Message) -> Optional[Message]:
        """A message the server sent on its own: checked by the role machine, then `_handle_pushed`."""
        if not self._accept(message):
            return None
        return await self._handle_pushed(message)

    async def _handle_pushed(self, message: Message) -> Optional[Message]:
        """An accepted message the server sent on its own: to the handlers and the `events` queue; returns the answer to a request."""
        answer = await self._dispatch(message) if self._dispatch is not None else None
        if message.KIND == "request":
            if answer is None or not self.machine.can_send(answer.NAME):
                log.warning("%r: no answer to the server's %s", self, message.NAME)
                return None
            self.machine.send(answer.NAME)
            self._trace("->", answer)
            return answer
        if self.events.full():
            dropped = self.events.get_nowait()
            log.warning("%r: event queue full, dropped the oldest (%s)", self, dropped.NAME)
        self.events.put_nowait(message)
        return None

    def _trace(self, arrow: str, message: Message) -> None:
        if self.options.trace is not None:
            self.options.trace(f"{arrow} {describe(message)}")
