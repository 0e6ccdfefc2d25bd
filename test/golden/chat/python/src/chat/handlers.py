# Generated once by protoforge; yours to edit.

"""Behaviour of chat: what the server does with each message, and what the client does with the server's own messages.

Generated once with a working default for every message; edit freely, protoforge
does not overwrite this file. The transports check authentication, the role
machines, the rate limit and the input before a handler runs.
"""

from __future__ import annotations

import itertools
import secrets
from collections import deque
from typing import Callable

from .behaviour import Behaviour
from .messages import (
    ErrorReply,
    JoinOk,
    JoinRoom,
    KickOk,
    KickUser,
    Kicked,
    LeaveOk,
    LeaveRoom,
    Login,
    LoginOk,
    Logout,
    MemberTyping,
    Message,
    MessageAccepted,
    PresenceChange,
    PresenceUpdate,
    Resume,
    ResumeOk,
    RoomMessage,
    SendMessage,
    SetStatus,
    Typing,
)
from .transport.policy import now_ms
from .transport.session import ServerSession


class ServerHandlers:
    """What the server does with each message a client sends.

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
        self.behaviour = Behaviour(clock)
        """The spec's behaviour (behaviour.py, regenerated): the default handlers call it."""

    def next_id(self) -> int:
        """A fresh id (1, 2, 3, ...) for ids the server hands out."""
        return next(self._ids)

    def random_bytes(self, size: int) -> bytes:
        """Unpredictable bytes for tokens."""
        return secrets.token_bytes(size)

    async def on_login(self, session: ServerSession, message: Login) -> LoginOk | ErrorReply:
        """Authenticates a user with username and password and opens a session.

        Answer with LoginOk, or ErrorReply to refuse.

        The default is the spec's behaviour (behaviour.py); call it to keep its checks. It accepts every credential: check them here.
        """
        self.received.append(message)
        return await self.behaviour.login(session, message)

    async def on_resume(self, session: ServerSession, message: Resume) -> ResumeOk | ErrorReply:
        """On a new connection after a lost one: restores the session, with its rooms, instead of logging in again.

        Answer with ResumeOk, or ErrorReply to refuse.

        The default is the spec's behaviour (behaviour.py); call it to keep its checks.
        """
        self.received.append(message)
        return await self.behaviour.resume(session, message)

    async def on_logout(self, session: ServerSession, message: Logout) -> None:
        """Ends the session: the user leaves all rooms and the session token becomes invalid.

        The default is the spec's behaviour (behaviour.py); call it to keep its checks.
        """
        self.received.append(message)
        await self.behaviour.logout(session, message)

    async def on_join_room(self, session: ServerSession, message: JoinRoom) -> JoinOk | ErrorReply:
        """Joins a room; the other members get a PresenceUpdate (joined).

        Answer with JoinOk, or ErrorReply to refuse.

        The default is the spec's behaviour (behaviour.py); call it to keep its checks.
        """
        self.received.append(message)
        return await self.behaviour.join_room(session, message)

    async def on_leave_room(self, session: ServerSession, message: LeaveRoom) -> LeaveOk | ErrorReply:
        """Leaves a room; the other members get a PresenceUpdate (left).

        Answer with LeaveOk, or ErrorReply to refuse.

        The default is the spec's behaviour (behaviour.py); call it to keep its checks.
        """
        self.received.append(message)
        return await self.behaviour.leave_room(session, message)

    async def on_send_message(self, session: ServerSession, message: SendMessage) -> MessageAccepted | ErrorReply:
        """Posts a message to a room the user is in; the server broadcasts it to every member, the sender included.

        Answer with MessageAccepted, or ErrorReply to refuse.

        The default is the spec's behaviour (behaviour.py); call it to keep its checks.
        """
        self.received.append(message)
        return await self.behaviour.send_message(session, message)

    async def on_set_status(self, session: ServerSession, message: SetStatus) -> None:
        """Changes the user's status; members of the user's rooms get a PresenceUpdate (status_changed)."""
        self.received.append(message)
        login = session.last(Login)
        for group in sorted(session.groups):
            await session.hub.broadcast(PresenceUpdate(
                room=group,
                username=login.username if login is not None else "bob",
                change=PresenceChange.STATUS_CHANGED,
                status=message.status,
            ), group=group, exclude=session)

    async def on_typing(self, session: ServerSession, message: Typing) -> None:
        """The user is typing in a room (active true; repeated every 3 s while typing) or stopped (active false). Best effort: may be lost.

        The default is the spec's behaviour (behaviour.py); call it to keep its checks.
        """
        self.received.append(message)
        await self.behaviour.typing(session, message)

    async def on_kick_user(self, session: ServerSession, message: KickUser) -> KickOk | ErrorReply:
        """A moderator removes a user from a room; the user gets Kicked, the other members a PresenceUpdate (kicked).

        Answer with KickOk, or ErrorReply to refuse.

        The default is the spec's behaviour (behaviour.py); call it to keep its checks.
        """
        self.received.append(message)
        return await self.behaviour.kick_user(session, message)


class ClientHandlers:
    """What the client does with the messages the server sends on its own (they also go to the client's `events` queue)."""

    def __init__(self) -> None:
        self.received: deque[Message] = deque(maxlen=1000)
        """Every message handled, newest last."""

    async def on_room_message(self, message: RoomMessage) -> None:
        """A message posted to one of the user's rooms, pushed to every member of the room."""
        self.received.append(message)

    async def on_presence_update(self, message: PresenceUpdate) -> None:
        """A member of one of the user's rooms came, went or changed status. Not sent about the user's own joins and leaves."""
        self.received.append(message)

    async def on_member_typing(self, message: MemberTyping) -> None:
        """Another member is typing (or stopped). Receivers hide the indicator 6 s after the last active notice. Best effort: may be lost."""
        self.received.append(message)

    async def on_kicked(self, message: Kicked) -> None:
        """The user was removed from a room by a moderator; no more events of the room follow. The user may join again."""
        self.received.append(message)
