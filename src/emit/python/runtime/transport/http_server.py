"""HTTP with aiohttp: requests as POST with JSON, server events as Server-Sent Events (wire format 10.3).

    POST /<protocol>/messages/<Message>   the payload JSON; X-Protoforge-Seq; Authorization: Bearer <credential>
      200 + the answer's envelope (requests), 202 (oneways)
    GET  /<protocol>/events                text/event-stream of the messages the server sends on its own

Failures are 4xx/5xx with {"error": code, "message": text}: 400 bad payload or
sequence header, 401 a bearer that is not the session's credential, 404 unknown
message, 405 method, 409 session ended, 413 body over the maximum frame size,
415 content type, 429 rate limit (with retry_after_ms), 500, 504.

A client's session is named by its X-Protoforge-Session header (any string the
client picks), else by its credential, else by its address. A message the
session's state does not allow is answered like on TCP (wire format 10.4): 200
with the request's error message (not_authenticated before authentication), or
409 when it has none, ending the session. Once the authentication request has
succeeded, its credential is the bearer token of every request.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import re
import socket
from typing import Any, Callable, Optional, TypeVar

from aiohttp import web

from .. import protocol_info as info
from ..codec import MESSAGE_CLASSES, from_json, to_envelope
from ..errors import WireError
from ..messages import Message
from . import profile
from .options import ServerOptions
from .policy import SequenceCounter
from .session import AUTH_REQUIRED, Hub, ServerDispatch, ServerSession
from .sse import KEEPALIVE, format_event

log = logging.getLogger(__name__)

SESSION_HEADER = "X-Protoforge-Session"
SEQ_HEADER = "X-Protoforge-Seq"
S = TypeVar("S", bound="HttpServer")


def error_response(status: int, error: str, message: str, headers: Optional[dict[str, str]] = None, extra: Optional[dict[str, Any]] = None) -> web.Response:
    return web.json_response({"error": error, "message": message, **(extra or {})}, status=status, headers=headers)


def rate_limited(retry_after_ms: float, message: str) -> web.Response:
    """429 rate_limited: Retry-After in whole seconds (at least 1) and retry_after_ms in the body (wire format 10.3)."""
    ms = max(0, math.ceil(retry_after_ms))
    return error_response(429, "rate_limited", message, {"Retry-After": str(max(1, -(-ms // 1000)))}, {"retry_after_ms": ms})


def bearer_of(request: web.Request) -> Optional[str]:
    value = request.headers.get("Authorization", "")
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


class HttpServerSession(ServerSession):
    """One HTTP client: its requests are handled one at a time; pushes wait for its event stream."""

    def __init__(self, hub: Hub, key: str, peer: str, options: ServerOptions, on_close: Callable[["HttpServerSession"], None]) -> None:
        super().__init__(hub, peer, rate_limit=options.rate_limit, trace=options.trace)
        self.key = key
        self.lock = asyncio.Lock()
        self.outbox: asyncio.Queue[Optional[bytes]] = asyncio.Queue(maxsize=1024)
        self.streams = 0
        self.last_active = asyncio.get_running_loop().time()
        self._seq = SequenceCounter()
        self._on_close = on_close
        hub.add(self)

    async def _transmit(self, message: Message) -> None:
        seq = self._seq.next()
        if self.outbox.full():
            self.outbox.get_nowait()
            log.warning("%r: event stream backlog full, dropped the oldest event", self)
        self.outbox.put_nowait(format_event(message.NAME, seq, to_envelope(message, seq)))

    def close(self, reason: str = "") -> None:
        if self.closed:
            return
        self.closed = True
        log.info("%r: closing%s", self, f": {reason}" if reason else "")
        self.hub.remove(self)
        if self.outbox.full():
            self.outbox.get_nowait()
        self.outbox.put_nowait(None)
        self._on_close(self)


class HttpServer:
    """Serves the protocol over HTTP; `dispatch` runs the application's handlers."""

    transport_name = "http"

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0, dispatch: ServerDispatch, options: Optional[ServerOptions] = None) -> None:
        self.host = host
        self.port = port
        self.options = options if options is not None else ServerOptions()
        self.hub = Hub()
        self.dispatch = dispatch
        self.prefix = f"/{info.PROTOCOL_NAME}"
        self._sessions: dict[str, HttpServerSession] = {}
        self._runner: Optional[web.AppRunner] = None
        self._janitor: Optional[asyncio.Task[None]] = None
        self._stream_tasks: set[asyncio.Task[Any]] = set()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.host}:{self.port}>"

    @property
    def sessions(self) -> list[HttpServerSession]:
        return list(self._sessions.values())

    def application(self) -> web.Application:
        app = web.Application(client_max_size=self.options.max_frame_bytes)
        app.router.add_route("*", f"{self.prefix}/messages/{{name}}", self._messages)
        app.router.add_route("*", f"{self.prefix}/events", self._events)
        return app

    async def start(self) -> None:
        """Starts listening; with port 0 the system picks a port, then `port` holds it."""
        sock = socket.socket(socket.AF_INET6 if ":" in self.host else socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        self.port = int(sock.getsockname()[1])
        self._runner = web.AppRunner(self.application(), access_log=None, handle_signals=False, shutdown_timeout=self.options.shutdown_timeout_ms / 1000)
        await self._runner.setup()
        await web.SockSite(self._runner, sock).start()
        self._janitor = asyncio.create_task(self._sweep(), name="http session janitor")
        log.info("%r: listening", self)

    async def __aenter__(self: S) -> S:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def serve_forever(self) -> None:
        if self._runner is None:
            await self.start()
        await asyncio.Event().wait()

    async def close(self) -> None:
        """Graceful shutdown: close every session (ending its event stream), then the listener."""
        if self._janitor is not None:
            self._janitor.cancel()
        for session in list(self._sessions.values()):
            session.close("server shutting down")
        if self._stream_tasks:
            await asyncio.wait(list(self._stream_tasks), timeout=self.options.shutdown_timeout_ms / 1000)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # --- sessions ------------------------------------------------------------

    def _key(self, request: web.Request) -> str:
        named = request.headers.get(SESSION_HEADER)
        if named:
            return f"session:{named[:128]}"
        bearer = bearer_of(request)
        if bearer is not None:
            return f"credential:{bearer}"
        return f"address:{request.remote}"

    def _session(self, request: web.Request, create: bool) -> Optional[HttpServerSession]:
        key = self._key(request)
        session = self._sessions.get(key)
        if session is None and create and len(self._sessions) < self.options.max_sessions:
            session = HttpServerSession(self.hub, key, str(request.remote), self.options, self._forget)
            self._sessions[key] = session
        if session is not None:
            session.last_active = asyncio.get_running_loop().time()
        return session

    def _forget(self, session: HttpServerSession) -> None:
        if self._sessions.get(session.key) is session:
            del self._sessions[session.key]

    async def _sweep(self) -> None:
        idle = self.options.idle_timeout_ms / 1000
        while True:
            await asyncio.sleep(min(max(idle / 4, 0.01), 5.0))
            now = asyncio.get_running_loop().time()
            for session in list(self._sessions.values()):
                if session.streams == 0 and now - session.last_active >= idle:
                    session.close("idle")

    # --- POST /<protocol>/messages/<Message> -----------------------------------

    async def _messages(self, request: web.Request) -> web.StreamResponse:
        if request.method != "POST":
            return error_response(405, "method_not_allowed", "messages are sent with POST", {"Allow": "POST"})
        name = request.match_info["name"]
        cls = MESSAGE_CLASSES.get(name)
        if cls is None or cls.SENDER != "initiator" or cls.KIND == "response":
            return error_response(404, "unknown_message", f"{name} is not a message the {info.INITIATOR_NAME} sends")
        if request.content_type != "application/json":
            return error_response(415, "unsupported_media_type", "the body must be application/json")
        seq_text = request.headers.get(SEQ_HEADER, "")
        seq = int(seq_text) if re.fullmatch(r"(0|[1-9][0-9]{0,9})", seq_text) else -1
        if not 0 <= seq <= 0xFFFFFFFF:
            return error_response(400, "bad_request", f"{SEQ_HEADER} must be a sequence number (uint32)")
        limit = self.options.max_frame_bytes
        if request.content_length is not None and request.content_length > limit:
            return error_response(413, "frame_too_large", f"the body is larger than {limit} bytes")
        try:
            body = await request.content.read(limit + 1)
            while len(body) <= limit and not request.content.at_eof():
                more = await request.content.read(limit + 1 - len(body))
                if not more:
                    break
                body += more
        except (ConnectionError, asyncio.IncompleteReadError) as error:
            log.info("%s: body not received: %s", request.remote, error)
            return error_response(400, "bad_request", "the body did not arrive")
        if len(body) > limit:
            return error_response(413, "frame_too_large", f"the body is larger than {limit} bytes")
        session = self._session(request, create=True)
        if session is None:
            return rate_limited(1000, "the server serves its maximum of sessions")
        bearer = bearer_of(request)
        # Only a session that authenticated with a credential is bound to it; before that, the
        # session's state machine answers (a request it does not allow gets not_authenticated).
        if AUTH_REQUIRED and session.authenticated and session.credential is not None and bearer != session.credential:
            return error_response(401, "unauthorized", "send Authorization: Bearer <credential>" if bearer is None else "the credential does not match the session's")
        if not session.admit():
            return rate_limited(session.retry_after_ms(), "too many requests; slow down")
        try:
            data = json.loads(body.decode("utf-8"), parse_constant=_reject_constant)
        except (UnicodeDecodeError, ValueError):
            return error_response(400, "bad_request", "the body is not valid JSON")
        try:
            message = from_json(name, data)
        except WireError as error:
            return error_response(400, error.code, str(error))
        if AUTH_REQUIRED and not session.authenticated and bearer is not None:
            credential = profile.credential_of(message)
            if credential is not None and credential != bearer:
                return error_response(401, "unauthorized", "the bearer token is not the credential of the request")
        async with session.lock:
            opening = not session.authenticated
            verdict = await session.handle(message, self.dispatch, self.options.request_timeout_ms)
            # A session opened by another request than the authentication one (a resumption) is bound to the bearer it came with, if any.
            if opening and session.authenticated and session.credential is None and bearer is not None:
                session.credential = bearer
            if verdict.timed_out:
                return error_response(504, "timeout", f"no answer within {self.options.request_timeout_ms} ms")
            if verdict.answer is not None:
                session.trace("->", verdict.answer)
            for pushed in verdict.pushes:
                await session.push(pushed)
            if verdict.close:
                session.close(verdict.reason)
        # Refused without an error message to say so (wire format 10.4): the session is over.
        if verdict.refused and verdict.close and verdict.answer is None:
            return error_response(409, "session_closed", verdict.reason or f"{name} ended the session")
        if message.KIND == "request":
            if verdict.answer is None:
                return error_response(400, "bad_request", verdict.reason or f"{name} was refused")
            return web.json_response(to_envelope(verdict.answer, seq), dumps=_dumps)
        if verdict.refused:
            return error_response(400, "bad_request", verdict.reason or f"{name} was refused")
        return web.Response(status=202)

    # --- GET /<protocol>/events ------------------------------------------------

    async def _events(self, request: web.Request) -> web.StreamResponse:
        if request.method != "GET":
            return error_response(405, "method_not_allowed", "the event stream is read with GET", {"Allow": "GET"})
        session = self._session(request, create=not AUTH_REQUIRED)
        if AUTH_REQUIRED and (session is None or not session.authenticated or (session.credential is not None and bearer_of(request) != session.credential)):
            return error_response(401, "unauthorized", f"authenticate with {info.AUTH_MESSAGE} first")
        if session is None:
            return rate_limited(1000, "the server serves its maximum of sessions")
        task = asyncio.current_task()
        if task is not None:
            self._stream_tasks.add(task)
        response = web.StreamResponse(status=200, headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"})
        await response.prepare(request)
        session.streams += 1
        keepalive = self.options.keepalive_interval_ms / 1000
        try:
            while True:
                try:
                    item = await asyncio.wait_for(session.outbox.get(), keepalive)
                except asyncio.TimeoutError:
                    await response.write(KEEPALIVE)
                    continue
                if item is None:
                    break
                await response.write(item)
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            session.streams -= 1
            session.last_active = asyncio.get_running_loop().time()
            if task is not None:
                self._stream_tasks.discard(task)
        return response


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
