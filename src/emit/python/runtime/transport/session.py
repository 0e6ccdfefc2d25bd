"""The server side of a conversation, whatever the transport.

A `ServerSession` is one peer of a server: its role machine, whether it has
authenticated, its rate limit, what it sent last and the groups it joined.
`handle` runs one received message through the rules of the protocol and the
application's handler and returns a `Verdict`: the answer to send, and
whether to close. The transports (tcp.py, udp.py, http.py) only move bytes.

A `Hub` holds the sessions of one server, for broadcasts to many of them.
"""

from __future__ import annotations

import abc
import asyncio
import itertools
import json
import logging
import re
from dataclasses import dataclass, field
from typing import Awaitable, Callable, Optional, TypeVar

from .. import protocol_info as info
from ..codec import to_json
from ..errors import StateError, WireError
from ..machine import RoleMachine
from ..messages import Message, MessageBase
from . import profile
from .options import Trace
from .policy import TokenBucket

log = logging.getLogger(__name__)

M = TypeVar("M", bound=MessageBase)

AUTH_REQUIRED = info.AUTH_MODE != "none" and info.AUTH_MESSAGE is not None
"""Whether a session must complete the authentication request before anything else."""

OPEN_MESSAGES: frozenset[str] = frozenset(
    [name for action, name in RoleMachine("responder").allowed() if action == "receive"]
    + [name for name in (info.AUTH_MESSAGE,) if name is not None]
)
"""What a session accepts before it has authenticated: the messages the server machine receives in its
initial state (e.g. a login, or the resumption of an earlier session), and the authentication request."""

_INITIAL_STATE: str = RoleMachine("responder").state
"""The server machine's initial state."""

ServerDispatch = Callable[["ServerSession", Message], Awaitable[Optional[Message]]]
"""Calls the application's handler for a message: its answer for a request, None otherwise."""


_FIELD_PATH = re.compile(r"([a-z0-9_]+)(?:\[\d+\])*")
"""A field's own value (or an element of it) in a WireError path after the message name: `text`, `tags[2]`."""


def field_error(error: WireError) -> Optional[str]:
    """The declared error the spec maps a broken constraint of a request's field to (its onInvalid), if any."""
    if error.code != "constraint_violated" or error.message_name is None or error.path is None:
        return None
    fields = profile.FIELD_ERROR_CODES.get(error.message_name)
    prefix = f"{error.message_name}."
    if not fields or not error.path.startswith(prefix):
        return None
    match = _FIELD_PATH.fullmatch(error.path[len(prefix) :])
    return fields.get(match.group(1)) if match is not None else None


def describe(message: Message, limit: int = 160) -> str:
    """`Name {json}`, cut to `limit` characters: one line for logs and traces."""
    text = json.dumps(to_json(message), ensure_ascii=False, separators=(",", ":"))
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return f"{message.NAME} {text}"


@dataclass
class Verdict:
    """What to do after a received message: send `answer` (to a request), then close if `close`."""

    answer: Optional[Message] = None
    close: bool = False
    reason: str = ""
    refused: bool = False
    """The message was refused (not authenticated, out of order, invalid, over the rate limit)."""
    timed_out: bool = False
    """The handler did not finish within the request timeout."""
    pushes: list[Message] = field(default_factory=list)


class Hub:
    """The sessions of one server, and named groups of them (rooms, topics) for broadcasts."""

    def __init__(self) -> None:
        self._sessions: dict[int, ServerSession] = {}
        self._groups: dict[str, dict[int, ServerSession]] = {}
        self._ids = itertools.count(1)

    def next_id(self) -> int:
        return next(self._ids)

    @property
    def sessions(self) -> list[ServerSession]:
        return list(self._sessions.values())

    def add(self, session: ServerSession) -> None:
        self._sessions[session.id] = session

    def remove(self, session: ServerSession) -> None:
        self._sessions.pop(session.id, None)
        for group in list(session.groups):
            self.leave(group, session)

    def join(self, group: str, session: ServerSession) -> None:
        self._groups.setdefault(group, {})[session.id] = session
        session.groups.add(group)

    def leave(self, group: str, session: ServerSession) -> None:
        members = self._groups.get(group)
        if members is not None:
            members.pop(session.id, None)
            if not members:
                del self._groups[group]
        session.groups.discard(group)

    def members(self, group: str) -> list[ServerSession]:
        return list(self._groups.get(group, {}).values())

    async def broadcast(self, message: Message, *, group: Optional[str] = None, exclude: Optional[ServerSession] = None) -> int:
        """Pushes `message` to every session (of `group`) that may receive it now; returns how many got it."""
        targets = self.members(group) if group is not None else self.sessions
        delivered = 0
        for session in targets:
            if session is exclude or not session.can_push(message):
                continue
            if await session.push(message):
                delivered += 1
        return delivered


class ServerSession(abc.ABC):
    """One peer of a server (a TCP connection, a UDP address, an HTTP client)."""

    def __init__(self, hub: Hub, peer: str, *, rate_limit: Optional[tuple[float, int]], trace: Optional[Trace]) -> None:
        self.hub = hub
        self.id = hub.next_id()
        self.peer = peer
        self.machine = RoleMachine("responder")
        self.authenticated = not AUTH_REQUIRED
        self.credential: Optional[str] = None
        self.groups: set[str] = set()
        self.data: dict[str, object] = {}
        """Free for the application's handlers: anything they keep per session."""
        self.closed = False
        self._last: dict[type[MessageBase], MessageBase] = {}
        self._bucket = TokenBucket(*rate_limit) if rate_limit is not None else None
        self._trace = trace
        self._after_answer: list[Message] = []

    def __repr__(self) -> str:
        return f"<session {self.id} {self.peer} {self.state}>"

    @property
    def state(self) -> str:
        return self.machine.state

    def last(self, cls: type[M]) -> Optional[M]:
        """The last message of class `cls` this session received, if any."""
        message = self._last.get(cls)
        return message if isinstance(message, cls) else None

    def remember(self, message: MessageBase) -> None:
        self._last[type(message)] = message

    # --- sending on the server's own initiative ---------------------------------

    def can_push(self, message: Message) -> bool:
        return not self.closed and self.authenticated and self.machine.can_send(message.NAME)

    async def push(self, message: Message) -> bool:
        """Sends an event (or other message of the server's own) if the role machine allows it now."""
        if not self.can_push(message):
            log.debug("%r: not pushing %s in state %s", self, message.NAME, self.state)
            return False
        self.machine.send(message.NAME)
        self.trace("->", message)
        try:
            await self._transmit(message)
        except Exception as error:  # the peer is gone or the message is invalid: the others go on
            log.warning("%r: pushing %s failed: %s", self, message.NAME, error)
            return False
        return True

    def push_after_answer(self, message: Message) -> None:
        """Pushes `message` once the answer to the request being handled is sent."""
        self._after_answer.append(message)

    @abc.abstractmethod
    async def _transmit(self, message: Message) -> None:
        """Sends a message the server originates (with a new sequence number)."""

    @abc.abstractmethod
    def close(self, reason: str = "") -> None:
        """Ends the session; the transport drops the connection or forgets the peer."""

    def trace(self, arrow: str, message: Message) -> None:
        if self._trace is not None:
            self._trace(f"[{self.id} {self.peer}] {arrow} {describe(message)}")

    # --- receiving -----------------------------------------------------------

    def admit(self) -> bool:
        """Spends one message of the rate limit; False when the peer is over it."""
        return self._bucket is None or self._bucket.take()

    def retry_after_ms(self) -> int:
        """How long until the rate limit admits another message."""
        return self._bucket.retry_after_ms() if self._bucket is not None else 0

    def over_limit(self, message: Message) -> Verdict:
        return self.refuse(message, "rate_limited", "too many messages; slow down", self.retry_after_ms())

    def refuse(self, message: Message, reason: str, detail: str, retry_after_ms: Optional[int] = None) -> Verdict:
        """Answers a request with the spec's error message, or closes when there is none.

        `reason` is one of not_authenticated, out_of_order, invalid, rate_limited, internal.
        A oneway or event over the rate limit is dropped when the spec has a rate_limited
        error; an invalid one is dropped; otherwise the session closes.
        """
        log.info("%r: refusing %s (%s): %s", self, message.NAME, reason, detail)
        if message.KIND == "request":
            answer = profile.error_answer(message, reason, detail, retry_after_ms)
            if answer is not None:
                return Verdict(answer=answer, reason=reason, refused=True)
        elif reason == "invalid" or (reason == "rate_limited" and profile.RATE_LIMIT_ANSWERABLE):
            return Verdict(reason=reason, refused=True)
        return Verdict(close=True, reason=f"{reason}: {detail}", refused=True)

    def refuse_invalid(self, message_id: int, error: WireError) -> Verdict:
        """A frame that did not decode: answered when it was a request with an error message.

        A broken constraint of a field the spec maps to an error (onInvalid) is answered with that error;
        the wire error code starts the detail.
        """
        answer = profile.invalid_answer(message_id, f"{error.code}: {error}", field_error(error))
        log.info("%r: invalid frame (message id %d): %s", self, message_id, error)
        return Verdict(answer=answer, reason="invalid", refused=True)

    async def handle(self, message: Message, dispatch: ServerDispatch, timeout_ms: int) -> Verdict:
        """Checks `message` against authentication and the role machine, runs its handler, returns the verdict."""
        self.trace("<-", message)
        if not self.authenticated and message.NAME not in OPEN_MESSAGES:
            return self.refuse(message, "not_authenticated", f"{message.NAME} before {info.AUTH_MESSAGE} succeeded")
        try:
            self.machine.receive(message.NAME)
        except StateError as error:
            return self.refuse(message, "out_of_order", str(error))
        self.remember(message)
        self._after_answer = []
        try:
            answer = await asyncio.wait_for(dispatch(self, message), timeout_ms / 1000)
        except asyncio.TimeoutError:
            verdict = self._failed(message, f"the handler of {message.NAME} took longer than {timeout_ms} ms")
            verdict.timed_out = True
            return verdict
        except Exception as error:  # a failing handler must not take the server down
            log.exception("%r: the handler of %s failed", self, message.NAME)
            return self._failed(message, f"the handler of {message.NAME} failed: {type(error).__name__}")
        if message.KIND != "request":
            if answer is not None:
                log.warning("%r: the handler of %s returned %s; %s takes no answer", self, message.NAME, answer.NAME, message.KIND)
            return self._finish(Verdict())
        if answer is None or (answer.NAME not in message.RESPONSES and answer.NAME != message.ERROR):
            got = "nothing" if answer is None else answer.NAME
            return self._failed(message, f"the handler of {message.NAME} returned {got}")
        if not self.machine.can_send(answer.NAME):
            return self._failed(message, f"{answer.NAME} may not be sent in state {self.state}")
        self.machine.send(answer.NAME)
        if message.NAME in OPEN_MESSAGES and answer.NAME != message.ERROR and self.state != _INITIAL_STATE:
            # The authentication request, or another request of the initial state that opens the session (a resumption).
            self.authenticated = True
            if message.NAME == info.AUTH_MESSAGE:
                self.credential = profile.credential_of(message)
        return self._finish(Verdict(answer=answer))

    def _finish(self, verdict: Verdict) -> Verdict:
        verdict.pushes = self._after_answer
        self._after_answer = []
        if self.machine.terminal:
            verdict.close = True
            verdict.reason = verdict.reason or f"conversation over (state {self.state})"
        return verdict

    def _failed(self, message: Message, detail: str) -> Verdict:
        self._after_answer = []
        verdict = self.refuse(message, "internal", detail)
        if verdict.answer is not None:
            if self.machine.can_send(verdict.answer.NAME):
                self.machine.send(verdict.answer.NAME)
            if self.machine.terminal:
                verdict.close = True
        return verdict
