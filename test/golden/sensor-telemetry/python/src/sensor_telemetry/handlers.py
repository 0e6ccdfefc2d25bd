# Generated once by protoforge; yours to edit.

"""Behaviour of sensor-telemetry: what the collector does with each message, and what the sensor does with the collector's own messages.

Generated once with a working default for every message; edit freely, protoforge
does not overwrite this file. The transports check authentication, the role
machines, the rate limit and the input before a handler runs.
"""

from __future__ import annotations

import itertools
import secrets
from collections import deque
from typing import Callable

from .messages import ErrorReply, Goodbye, Hello, HelloAck, Message, Report, ReportAck
from .transport.policy import now_ms
from .transport.session import ServerSession


class ServerHandlers:
    """What the collector does with each message a sensor sends.

    `session` is the sender's session: `session.last(Cls)` is its last message
    of a kind, `session.data` is yours, `session.hub` reaches the other sessions
    (`broadcast`, `join`, `leave`, `members`).
    """

    def __init__(self, clock: Callable[[], int] = now_ms) -> None:
        self.clock = clock
        """Milliseconds since the epoch for timestamps (injectable for tests)."""
        self.received: deque[Message] = deque(maxlen=1000)
        """Every message handled, newest last: the default store."""
        self._ids = itertools.count(1)

    def next_id(self) -> int:
        """A fresh id (1, 2, 3, ...) for ids the server hands out."""
        return next(self._ids)

    def random_bytes(self, size: int) -> bytes:
        """Unpredictable bytes for tokens."""
        return secrets.token_bytes(size)

    async def on_hello(self, session: ServerSession, message: Hello) -> HelloAck | ErrorReply:
        """Opens a session and authenticates the sensor.

        Answer with HelloAck, or ErrorReply to refuse.

        The default accepts every credential: check them here.
        """
        self.received.append(message)
        return HelloAck(session_id=self.next_id(), report_interval_ms=30000)

    async def on_report(self, session: ServerSession, message: Report) -> ReportAck | ErrorReply:
        """One temperature reading.

        Answer with ReportAck, or ErrorReply to refuse.
        """
        self.received.append(message)
        return ReportAck(stored_at=self.clock())

    async def on_goodbye(self, session: ServerSession, message: Goodbye) -> None:
        """Ends the session cleanly."""
        self.received.append(message)


class ClientHandlers:
    """What the sensor does with the messages the collector sends on its own (they also go to the client's `events` queue)."""

    def __init__(self) -> None:
        self.received: deque[Message] = deque(maxlen=1000)
        """Every message handled, newest last."""
