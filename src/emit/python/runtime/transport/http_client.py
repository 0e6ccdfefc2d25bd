"""An HTTP client with aiohttp (wire format 10.3).

Requests and oneways are POSTed as JSON with a sequence number of this
client's own; the answer comes back in the response. Messages the server
sends on its own arrive on the Server-Sent Event stream, which the client
opens once it has authenticated (at once when the protocol does not
authenticate) and re-opens with backoff when it drops.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from typing import Any, Optional

import aiohttp

from .. import protocol_info as info
from ..codec import from_envelope, to_json
from ..errors import WireError
from ..messages import Message
from . import profile
from .client_base import ClientBase, ClientDispatch
from .failures import ConnectFailed, ConnectionClosed, HttpStatusError, RequestTimeout
from .options import ClientOptions
from .policy import SequenceCounter, retry_delays_ms
from .session import AUTH_REQUIRED
from .sse import SseParser

log = logging.getLogger(__name__)

SESSION_HEADER = "X-Protoforge-Session"
SEQ_HEADER = "X-Protoforge-Seq"


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


class HttpClient(ClientBase):
    """A client over HTTP."""

    transport_name = "http"

    def __init__(self, host: str, port: int, *, dispatch: Optional[ClientDispatch] = None, options: Optional[ClientOptions] = None) -> None:
        super().__init__(host, port, dispatch=dispatch, options=options)
        self.base_url = f"http://{host}:{port}/{info.PROTOCOL_NAME}"
        self.session_id = secrets.token_hex(16)
        """Names this client's session on the server (X-Protoforge-Session)."""
        self.credential: Optional[str] = None
        """The bearer token: the credential of the authentication request, once sent."""
        self._http: Optional[aiohttp.ClientSession] = None
        self._seq = SequenceCounter()
        self._stream: Optional[asyncio.Task[None]] = None
        self._stream_open = asyncio.Event()
        self._last_event_id: Optional[str] = None
        self._in_flight = 0
        self._early: list[Message] = []

    @property
    def connected(self) -> bool:
        return self._http is not None and not self._http.closed

    async def connect(self) -> None:
        """Prepares the HTTP session; without authentication also opens the event stream (with retries)."""
        if self.connected:
            return
        timeout = aiohttp.ClientTimeout(total=None, sock_connect=self.options.connect_timeout_ms / 1000)
        self._http = aiohttp.ClientSession(timeout=timeout)
        self._seq = SequenceCounter()
        if not AUTH_REQUIRED:
            await self._start_events()

    async def close(self) -> None:
        if self._stream is not None:
            self._stream.cancel()
            try:
                await self._stream
            except (asyncio.CancelledError, Exception):
                pass
            self._stream = None
        if self._http is not None:
            await self._http.close()
            self._http = None

    def _headers(self, seq: Optional[int] = None) -> dict[str, str]:
        headers = {SESSION_HEADER: self.session_id}
        if seq is not None:
            headers[SEQ_HEADER] = str(seq)
            headers["Content-Type"] = "application/json"
        if self.credential is not None:
            headers["Authorization"] = f"Bearer {self.credential}"
        return headers

    def _require_http(self) -> aiohttp.ClientSession:
        if self._http is None or self._http.closed:
            raise ConnectionClosed(f"not connected to {self.host}:{self.port}")
        return self._http

    @staticmethod
    def _body(message: Message) -> bytes:
        """The JSON envelope of `message`; the codec's error when it does not encode."""
        return json.dumps(to_json(message), ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")

    async def _post(self, message: Message, body: bytes) -> tuple[int, Any]:
        http = self._require_http()
        seq = self._seq.next()
        timeout = aiohttp.ClientTimeout(total=self.options.request_timeout_ms / 1000, sock_connect=self.options.connect_timeout_ms / 1000)
        try:
            async with http.post(f"{self.base_url}/messages/{message.NAME}", data=body, headers=self._headers(seq), timeout=timeout) as response:
                text = await response.text()
                status = response.status
        except asyncio.TimeoutError:
            raise RequestTimeout(f"no answer to {message.NAME} (seq {seq}) within {self.options.request_timeout_ms} ms") from None
        except aiohttp.ClientError as error:
            raise ConnectionClosed(f"{message.NAME} could not be sent: {error}") from error
        data: Any = None
        if text:
            try:
                data = json.loads(text, parse_constant=_reject_constant)
            except ValueError:
                data = None
        if status >= 400:
            code = data.get("error", "http") if isinstance(data, dict) else "http"
            detail = data.get("message", text) if isinstance(data, dict) else text
            raise HttpStatusError(status, str(code), str(detail))
        return seq, data

    async def request(self, message: Message) -> Message:
        """POSTs a request and returns its answer (a response or the error message).

        Raises StateError when the role machine does not allow it now,
        HttpStatusError, RequestTimeout or ConnectionClosed.
        """
        self._check_request(message)
        self._require_http()
        body = self._body(message)
        self._sending(message)
        authenticating = AUTH_REQUIRED and message.NAME == info.AUTH_MESSAGE
        if authenticating:
            self.credential = profile.credential_of(message)
        self._in_flight += 1
        try:
            seq, data = await self._post(message, body)
        finally:
            self._in_flight -= 1
        try:
            answer, answer_seq = from_envelope(data)
        except WireError as error:
            raise HttpStatusError(200, error.code, f"the answer is not a valid envelope: {error}") from error
        if answer_seq != seq:
            log.warning("%r: the answer to seq %d carries seq %d", self, seq, answer_seq)
        self._received(answer)
        await self._replay_early()
        if authenticating and answer.NAME != message.ERROR:
            await self._start_events()
        return answer

    async def _replay_early(self) -> None:
        """Events that came on the stream before the answer their state needs."""
        early, self._early = self._early, []
        for message in early:
            await self._deliver_event(message)

    async def send(self, message: Message) -> None:
        """POSTs a oneway (202 Accepted)."""
        self._check_send(message)
        self._require_http()
        body = self._body(message)
        self._sending(message)
        await self._post(message, body)

    # --- the event stream ------------------------------------------------------

    async def _start_events(self) -> None:
        if self._stream is not None and not self._stream.done():
            return
        self._stream_open.clear()
        self._stream = asyncio.create_task(self._read_events(), name="http event stream")
        opened = asyncio.ensure_future(self._stream_open.wait())
        done, _ = await asyncio.wait({opened, self._stream}, timeout=self.options.connect_timeout_ms / 1000, return_when=asyncio.FIRST_COMPLETED)
        if opened not in done:
            opened.cancel()
            if self._stream.done() and not self._stream.cancelled() and self._stream.exception() is not None:
                error = self._stream.exception()
                raise ConnectFailed(f"the event stream of {self.host}:{self.port} could not be opened: {error}")

    async def _read_events(self) -> None:
        retry = self.options.retry
        delays = retry_delays_ms(retry.max_attempts, retry.initial_backoff_ms, retry.max_backoff_ms, retry.multiplier) or [retry.initial_backoff_ms]
        failures = 0
        while self._http is not None and not self._http.closed:
            headers = self._headers()
            headers["Accept"] = "text/event-stream"
            if self._last_event_id is not None:
                headers["Last-Event-ID"] = self._last_event_id
            try:
                async with self._http.get(f"{self.base_url}/events", headers=headers, timeout=aiohttp.ClientTimeout(total=None, sock_connect=self.options.connect_timeout_ms / 1000)) as response:
                    if response.status != 200:
                        raise HttpStatusError(response.status, "events", await response.text())
                    self._stream_open.set()
                    failures = 0
                    parser = SseParser()
                    async for raw in response.content:
                        event = parser.line(raw.decode("utf-8"))
                        if event is not None:
                            self._last_event_id = event.id
                            await self._event(event.data)
                    log.info("%r: the event stream ended", self)
                    return
            except (aiohttp.ClientError, HttpStatusError, asyncio.TimeoutError) as error:
                failures += 1
                if failures > len(delays):
                    raise ConnectFailed(f"the event stream failed {failures} times: {error}") from error
                log.info("%r: event stream: %s; retrying", self, error)
                await asyncio.sleep(delays[failures - 1] / 1000)

    async def _event(self, data: str) -> None:
        try:
            message, _ = from_envelope(json.loads(data, parse_constant=_reject_constant))
        except (ValueError, WireError) as error:
            log.warning("%r: dropped an invalid event: %s", self, error)
            return
        if self._in_flight > 0 and not self.machine.can_receive(message.NAME):
            self._early.append(message)  # its state follows the answer still on its way
            return
        await self._deliver_event(message)

    async def _deliver_event(self, message: Message) -> None:
        try:
            answer = await self._deliver(message)
        except Exception:  # a failing handler must not stop the stream
            log.exception("%r: handling %s failed", self, message.NAME)
            return
        if answer is not None:
            log.warning("%r: the HTTP mapping cannot carry the answer %s to the server", self, answer.NAME)
