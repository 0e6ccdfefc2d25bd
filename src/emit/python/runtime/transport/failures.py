"""Failures of the transports, as data: each has a short code and a message.

Protocol-level failures (bad frames, out-of-order messages) are the layer's
WireError and StateError; these are the transport's own: connecting,
timeouts, lost connections, undelivered datagrams and HTTP errors.
"""

from __future__ import annotations


class TransportError(Exception):
    """Base of every transport failure; `code` names it for programs."""

    code = "transport"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConnectFailed(TransportError):
    """No connection could be made, after every attempt allowed by the retry policy."""

    code = "connect_failed"


class ConnectionClosed(TransportError):
    """The connection closed (or was never opened) while a message was on its way."""

    code = "closed"


class RequestTimeout(TransportError):
    """No answer came within the request timeout."""

    code = "timeout"


class DeliveryFailed(TransportError):
    """A reliable datagram was never acknowledged, after every retransmission."""

    code = "delivery_failed"


class UnexpectedAnswer(TransportError):
    """The peer answered a request with a message the spec does not allow as its answer."""

    code = "unexpected_answer"

    def __init__(self, request: str, answer: str) -> None:
        super().__init__(f"{request} was answered with {answer}, which is not one of its declared answers")
        self.request = request
        self.answer = answer


class HttpStatusError(TransportError):
    """An HTTP request failed with a 4xx or 5xx status and a JSON error body."""

    code = "http_status"

    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(f"HTTP {status} {error}: {message}")
        self.status = status
        self.error = error
