# Generated once by protoforge; yours to edit.

"""Behaviour of file-transfer: what the receiver does with each message, and what the uploader does with the receiver's own messages.

Generated once with a working default for every message; edit freely, protoforge
does not overwrite this file. The transports check authentication, the role
machines, the rate limit and the input before a handler runs.
"""

from __future__ import annotations

import itertools
import secrets
from collections import deque
from typing import Callable

from .messages import (
    Cancel,
    Cancelled,
    Chunk,
    ChunkAck,
    Complete,
    CompleteOk,
    ErrorReply,
    Goodbye,
    Hello,
    Message,
    Offer,
    OfferAccepted,
    ResumeUpload,
    UploadStatus,
    Welcome,
)
from .transport.policy import now_ms
from .transport.session import ServerSession


class ServerHandlers:
    """What the receiver does with each message a uploader sends.

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

    async def on_hello(self, session: ServerSession, message: Hello) -> Welcome | ErrorReply:
        """Opens a session and authenticates the uploader with a bearer token.

        Answer with Welcome, or ErrorReply to refuse.

        The default accepts every credential: check them here.
        """
        self.received.append(message)
        return Welcome(
            max_file_size=1048576,
            max_chunk_size=32000,
            upload_ttl_ms=600000,
        )

    async def on_goodbye(self, session: ServerSession, message: Goodbye) -> None:
        """Ends the session. An unfinished upload stays resumable until its TTL runs out."""
        self.received.append(message)

    async def on_offer(self, session: ServerSession, message: Offer) -> OfferAccepted | ErrorReply:
        """Offers a file. Offering again a file the receiver already holds unfinished (same name, size and sha256 from the same uploader) resumes that upload.

        Answer with OfferAccepted, or ErrorReply to refuse.
        """
        self.received.append(message)
        return OfferAccepted(
            upload_id=self.next_id(),
            resume_offset=0,
            chunk_size=message.chunk_size,
        )

    async def on_resume_upload(self, session: ServerSession, message: ResumeUpload) -> UploadStatus | ErrorReply:
        """After a reconnect, or after a refused chunk: asks where an upload stands, to continue it.

        Answer with UploadStatus, or ErrorReply to refuse.
        """
        self.received.append(message)
        offer = session.last(Offer)
        return UploadStatus(
            upload_id=message.upload_id,
            file_name=offer.file_name if offer is not None else "report.txt",
            size=offer.size if offer is not None else 4096,
            committed_offset=0,
            chunk_size=offer.chunk_size if offer is not None else 4096,
            expires_at=self.clock() + 3_600_000,
        )

    async def on_chunk(self, session: ServerSession, message: Chunk) -> ChunkAck | ErrorReply:
        """The bytes [offset, offset + length of data) of the file. A chunk below the committed offset is a retransmission: acknowledged again, not written again.

        Answer with ChunkAck, or ErrorReply to refuse.
        """
        self.received.append(message)
        return ChunkAck(upload_id=message.upload_id, committed_offset=0)

    async def on_complete(self, session: ServerSession, message: Complete) -> CompleteOk | ErrorReply:
        """All bytes are sent: the receiver checks the size and the SHA-256 of the stored file, then publishes it.

        Answer with CompleteOk, or ErrorReply to refuse.
        """
        self.received.append(message)
        offer = session.last(Offer)
        return CompleteOk(
            upload_id=message.upload_id,
            size=offer.size if offer is not None else 4096,
            sha256=offer.sha256 if offer is not None else b"`CB\xd9s:\xe9\x83{\xcd\xcc\xca\x1cw\xb4\xfb,\x1b\\\x9d\x03\xb4Ri\xd2\xacT\x92\xef\xdd\x09\"",
            stored_at=self.clock(),
        )

    async def on_cancel(self, session: ServerSession, message: Cancel) -> Cancelled | ErrorReply:
        """Abandons the upload; the receiver deletes what it stored.

        Answer with Cancelled, or ErrorReply to refuse.
        """
        self.received.append(message)
        return Cancelled(upload_id=message.upload_id)


class ClientHandlers:
    """What the uploader does with the messages the receiver sends on its own (they also go to the client's `events` queue)."""

    def __init__(self) -> None:
        self.received: deque[Message] = deque(maxlen=1000)
        """Every message handled, newest last."""
