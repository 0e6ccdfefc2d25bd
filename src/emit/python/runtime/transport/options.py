"""Settings of the servers and clients, with the spec's values as defaults.

Every duration is in milliseconds, like the spec's `timing` section. Tests
and applications override single settings with dataclasses.replace or by
passing keyword arguments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

from .. import protocol_info as info

Trace = Callable[[str], None]
"""Receives one line per message sent or received (the demo prints them)."""


def _spec_rate_limit() -> Optional[tuple[float, int]]:
    if info.RATE_LIMIT_PER_SECOND is None or info.RATE_LIMIT_BURST is None:
        return None
    return (float(info.RATE_LIMIT_PER_SECOND), int(info.RATE_LIMIT_BURST))


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry: connecting, and resending reliable datagrams."""

    max_attempts: int = info.RETRY_MAX_ATTEMPTS
    initial_backoff_ms: int = info.RETRY_INITIAL_BACKOFF_MS
    max_backoff_ms: int = info.RETRY_MAX_BACKOFF_MS
    multiplier: float = info.RETRY_MULTIPLIER


@dataclass(frozen=True)
class ServerOptions:
    """Settings of a server."""

    keepalive_interval_ms: int = info.KEEPALIVE_INTERVAL_MS
    idle_timeout_ms: int = info.IDLE_TIMEOUT_MS
    request_timeout_ms: int = info.REQUEST_TIMEOUT_MS
    rate_limit: Optional[tuple[float, int]] = field(default_factory=_spec_rate_limit)
    """(messages per second, burst) per session; None for no limit."""
    max_frame_bytes: int = info.MAX_FRAME_BYTES
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    queue_size: int = 64
    """Messages of one session waiting for their handler; reading pauses when it is full."""
    max_sessions: int = 10000
    shutdown_timeout_ms: int = 5000
    max_buffered_bytes: int = max(1024 * 1024, 2 * info.MAX_FRAME_BYTES)
    """Bytes that may wait for one TCP peer to read them; a write beyond drops the peer."""
    trace: Optional[Trace] = None


@dataclass(frozen=True)
class ClientOptions:
    """Settings of a client."""

    connect_timeout_ms: int = info.CONNECT_TIMEOUT_MS
    request_timeout_ms: int = info.REQUEST_TIMEOUT_MS
    keepalive_interval_ms: int = info.KEEPALIVE_INTERVAL_MS
    idle_timeout_ms: int = info.IDLE_TIMEOUT_MS
    max_frame_bytes: int = info.MAX_FRAME_BYTES
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    auto_reconnect: bool = False
    """Reconnect with backoff when the connection is lost (a new connection starts a new conversation)."""
    event_queue_size: int = 1024
    trace: Optional[Trace] = None
