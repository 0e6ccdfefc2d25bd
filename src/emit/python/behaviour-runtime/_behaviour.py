"""The state of the behaviour engine, whatever the spec (behaviour.py holds the spec's rules).

Sessions by identity (live, or away and resumable by a single-use token),
groups by kind and key with their members, attributes and a bounded history
of numbered items, and the answers to idempotent requests per session.
Membership is kept by identity, so a session that loses its connection keeps
its groups (events to it are dropped while it is away) and a resume with its
token restores them. Events go out through the sessions' own `push`.
"""

from __future__ import annotations

import asyncio
import itertools
import secrets
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Callable, Hashable, Optional

from .messages import Message
from .transport.session import Hub, ServerSession

SWEEP_INTERVAL_S = 0.05
"""How often, at most, a message makes the engine look for lost connections (the hub tells it of each at once too)."""


@dataclass
class Member:
    """A member of a group: who, and the attributes it holds there."""

    identity: str
    attributes: set[str] = field(default_factory=set)


@dataclass
class Recorded:
    """An item of a group's history, with its number and the event that carried it."""

    item_id: int
    item: object
    event: Optional[Message] = None


@dataclass
class GroupState:
    """One group: its members in the order they joined, and its recent history."""

    members: dict[str, Member] = field(default_factory=dict)
    history: deque[Recorded] = field(default_factory=deque)


@dataclass
class SessionState:
    """A session: its identity, its connection (None while away) and its resume token."""

    identity: str
    conn: Optional[ServerSession]
    token: Optional[bytes] = None
    away_since: Optional[int] = None
    answered: OrderedDict[tuple[str, Hashable], Message] = field(default_factory=OrderedDict)
    sequences: dict[str, int] = field(default_factory=dict)

    @property
    def live(self) -> bool:
        return self.conn is not None and not self.conn.closed


class BehaviourState:
    """Sessions, groups, histories and idempotency records shared by every connection of one server."""

    def __init__(self, clock: Callable[[], int], *, resume_window_ms: Optional[int], restores: tuple[str, ...] = ()) -> None:
        self.clock = clock
        self.resume_window_ms = resume_window_ms
        """How long a session that lost its connection may be resumed; None: it ends with its connection."""
        self.restores = restores
        """The kinds of group a resumed session gets back."""
        self._sessions: dict[str, SessionState] = {}
        self._by_conn: dict[ServerSession, SessionState] = {}
        self._tokens: dict[bytes, SessionState] = {}
        self._groups: dict[str, dict[Hashable, GroupState]] = {}
        self._ids = itertools.count(1)
        self._item_ids = itertools.count(1)
        self._swept = -SWEEP_INTERVAL_S
        self._watched: Optional[Hub] = None
        self._pending: set[asyncio.Task[None]] = set()

    def next_id(self) -> int:
        """A fresh id (1, 2, 3, ...) for ids the server hands out."""
        return next(self._ids)

    def random_bytes(self, size: int) -> bytes:
        """Unpredictable bytes."""
        return secrets.token_bytes(size)

    # --- sessions ----------------------------------------------------------------

    def _watch(self, hub: Hub) -> None:
        """Hears of a lost connection when the transport takes it off the hub, instead of at the next message."""
        if self._watched is hub:
            return
        self._watched = hub
        remove = hub.remove

        def removed(session: ServerSession) -> None:
            remove(session)
            if session in self._by_conn:
                self._sweep_soon(0.0)

        setattr(hub, "remove", removed)

    def _sweep_soon(self, delay_s: float) -> None:
        """Sweeps after `delay_s` (at once: a connection was lost; later: a resume window ends)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return

        def start() -> None:
            self._swept = -SWEEP_INTERVAL_S
            task = loop.create_task(self.sweep())
            self._pending.add(task)
            task.add_done_callback(self._pending.discard)

        loop.call_later(delay_s, start)

    def session_for(self, conn: ServerSession) -> SessionState:
        """The session of a connection; one named after the connection when it has not opened one."""
        self._watch(conn.hub)
        s = self._by_conn.get(conn)
        if s is None:
            s = SessionState(identity=f"#{conn.id}", conn=conn)
            self._by_conn[conn] = s
        return s

    def identity_free(self, identity: str) -> bool:
        """No live session has `identity`."""
        s = self._sessions.get(identity)
        return s is None or not s.live

    def open_session(self, conn: ServerSession, identity: str) -> SessionState:
        """`conn` is now `identity`'s session; a session of it waiting to be resumed is forgotten."""
        self._watch(conn.hub)
        held = self._sessions.get(identity)
        if held is not None:
            self._forget(held)
        s = SessionState(identity=identity, conn=conn)
        self._sessions[identity] = s
        self._by_conn[conn] = s
        return s

    def issue_token(self, s: SessionState) -> bytes:
        """A new resume token of `s`; the one it had before is no longer valid."""
        if s.token is not None:
            self._tokens.pop(s.token, None)
        s.token = secrets.token_bytes(32)
        self._tokens[s.token] = s
        return s.token

    def token_owner(self, token: bytes) -> Optional[SessionState]:
        """The session `token` resumes, if the token is known, unused and inside its window.

        A session whose connection still looks live (a half-open connection the server has not seen go yet) is
        returned too: the resumption takes it over.
        """
        s = self._tokens.get(token)
        if s is None:
            return None
        if s.live:
            return s
        if s.conn is not None:  # lost since the last sweep: away from now
            self._by_conn.pop(s.conn, None)
            s.conn = None
            s.away_since = self.clock()
        return None if self._expired(s) else s

    def resume_session(self, conn: ServerSession, s: SessionState) -> SessionState:
        """`conn` takes over `s` (closing the connection it had, if any): its token is spent, its groups of the
        restored kinds come back."""
        if s.token is not None:
            self._tokens.pop(s.token, None)
            s.token = None
        previous = s.conn
        if previous is not None and previous is not conn:
            self._by_conn.pop(previous, None)
            for groups in self._groups.values():
                for key, group in groups.items():
                    if s.identity in group.members:
                        previous.hub.leave(str(key), previous)
            previous.close("its session was resumed on another connection")
        s.conn = conn
        s.away_since = None
        self._by_conn[conn] = s
        for kind, groups in self._groups.items():
            for key, group in groups.items():
                if s.identity not in group.members:
                    continue
                if kind in self.restores:
                    conn.hub.join(str(key), conn)
                else:
                    del group.members[s.identity]
        return s

    async def end_session(self, s: SessionState) -> None:
        """`s` ends: it leaves every group (the others are told), its token and identity are free."""
        for kind, groups in self._groups.items():
            for key, group in groups.items():
                if group.members.pop(s.identity, None) is None:
                    continue
                if s.conn is not None:
                    s.conn.hub.leave(str(key), s.conn)
                await self.session_ended(s, kind, key)
        self._forget(s)

    async def session_ended(self, s: SessionState, kind: str, key: Hashable) -> None:
        """Sends what a session's end sends to a group it left (behaviour.py says what)."""

    async def sweep(self) -> None:
        """Notices lost connections: their sessions wait to be resumed, or end (at once, or past the window).

        Runs when the hub takes a connection off (at once) and when a resume window ends, and on a message at most
        every SWEEP_INTERVAL_S, so that a busy server does not walk every session on every message; the checks
        that need it now (a name in use, a token presented) look at the connection itself.
        """
        now = time.monotonic()
        if now - self._swept < SWEEP_INTERVAL_S:
            return
        self._swept = now
        for conn, s in list(self._by_conn.items()):
            if not conn.closed:
                continue
            del self._by_conn[conn]
            if s.conn is not conn or self._sessions.get(s.identity) is not s:
                continue
            s.conn = None
            if self.resume_window_ms is None or s.token is None:
                await self.end_session(s)
            else:
                s.away_since = self.clock()
                self._sweep_soon(self.resume_window_ms / 1000 + SWEEP_INTERVAL_S)
        for s in list(self._sessions.values()):
            if s.conn is None and self._expired(s):
                await self.end_session(s)

    def _expired(self, s: SessionState) -> bool:
        window = self.resume_window_ms
        return s.away_since is not None and window is not None and self.clock() - s.away_since > window

    def _forget(self, s: SessionState) -> None:
        if s.token is not None:
            self._tokens.pop(s.token, None)
        for groups in self._groups.values():
            for group in groups.values():
                group.members.pop(s.identity, None)
        if self._sessions.get(s.identity) is s:
            del self._sessions[s.identity]
        if s.conn is not None and self._by_conn.get(s.conn) is s:
            del self._by_conn[s.conn]

    # --- groups ------------------------------------------------------------------

    def group(self, kind: str, key: Hashable) -> GroupState:
        """The group of `kind` named `key` (an empty one at first)."""
        return self._groups.setdefault(kind, {}).setdefault(key, GroupState())

    def is_member(self, kind: str, key: Hashable, identity: str) -> bool:
        return identity in self.group(kind, key).members

    def has_attribute(self, kind: str, key: Hashable, identity: str, attribute: str) -> bool:
        member = self.group(kind, key).members.get(identity)
        return member is not None and attribute in member.attributes

    def group_count(self, kind: str, identity: str) -> int:
        """How many groups of `kind` `identity` belongs to."""
        return sum(1 for g in self._groups.get(kind, {}).values() if identity in g.members)

    def members(self, kind: str, key: Hashable) -> list[Member]:
        """The members, in the order they joined."""
        return list(self.group(kind, key).members.values())

    def keys_of(self, s: SessionState, kind: str) -> list[Hashable]:
        """The keys of the groups of `kind` `s` belongs to."""
        return [key for key, g in self._groups.get(kind, {}).items() if s.identity in g.members]

    def join(self, s: SessionState, kind: str, key: Hashable, first: tuple[str, ...]) -> None:
        """`s` joins; it holds the attributes `first` when the group had no member."""
        group = self.group(kind, key)
        group.members[s.identity] = Member(s.identity, set(first) if not group.members else set())
        if s.conn is not None:
            s.conn.hub.join(str(key), s.conn)

    def leave(self, s: SessionState, kind: str, key: Hashable) -> None:
        self.remove(kind, key, s.identity)

    def remove(self, kind: str, key: Hashable, identity: str) -> None:
        """The member `identity` leaves the group."""
        self.group(kind, key).members.pop(identity, None)
        s = self._sessions.get(identity)
        if s is not None and s.conn is not None:
            s.conn.hub.leave(str(key), s.conn)

    # --- history -----------------------------------------------------------------

    def new_item_id(self) -> int:
        """The number of the next recorded item (one sequence for every group)."""
        return next(self._item_ids)

    def record(self, kind: str, key: Hashable, item_id: int, item: object, size: int) -> Recorded:
        """Keeps `item` in the group's history, the last `size` only."""
        history = self.group(kind, key).history
        recorded = Recorded(item_id, item)
        history.append(recorded)
        while len(history) > size:
            history.popleft()
        return recorded

    def history(self, kind: str, key: Hashable) -> list[object]:
        """The recorded items, oldest first."""
        return [r.item for r in self.group(kind, key).history]

    def missed(self, s: SessionState, after: Optional[int]) -> list[Message]:
        """The events of items recorded in `s`'s restored groups after item `after` (None: all), oldest first."""
        after = 0 if after is None else after
        found: list[Recorded] = []
        for kind in self.restores:
            for key in self.keys_of(s, kind):
                found.extend(r for r in self.group(kind, key).history if r.item_id > after and r.event is not None)
        return [r.event for r in sorted(found, key=lambda r: r.item_id) if r.event is not None]

    # --- events ------------------------------------------------------------------

    async def send(self, kind: str, key: Hashable, event: Message, to: str, subject: str) -> None:
        """Pushes `event` to the group's live members: all, all but `subject` (others), or `subject` alone."""
        for member in self.members(kind, key):
            if (to == "others" and member.identity == subject) or (to == "subject" and member.identity != subject):
                continue
            s = self._sessions.get(member.identity)
            if s is not None and s.conn is not None and s.live:
                await s.conn.push(event)

    # --- idempotency and sequences -----------------------------------------------

    def answered(self, s: SessionState, request: str, key: Hashable) -> Optional[Message]:
        """The answer `s` got to `request` with idempotency key `key`, if it sent one."""
        return s.answered.get((request, key))

    def remember(self, s: SessionState, request: str, key: Hashable, answer: Message, limit: int) -> None:
        """Keeps the answer for retries; a session keeps the last `limit` keys."""
        s.answered[(request, key)] = answer
        while len(s.answered) > limit:
            s.answered.popitem(last=False)

    def sequence(self, s: SessionState, name: str, number: int) -> int:
        """Takes sequence number `number`; returns how many numbers were skipped since the last one."""
        last = s.sequences.get(name)
        s.sequences[name] = number
        return 0 if last is None or number <= last else number - last - 1
