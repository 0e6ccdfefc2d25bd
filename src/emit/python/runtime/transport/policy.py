"""Timing and flow policies shared by the transports.

Sequence numbers (wire format section 11), the retransmission and reconnection
schedule (section 10.2), the token bucket of the rate limit and the window of
recently delivered datagrams used for duplicate suppression. Clocks are
injectable so that tests do not depend on the wall clock.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from typing import Callable

MAX_SEQUENCE = 0xFFFFFFFF

Clock = Callable[[], float]
"""A monotonic clock in seconds (time.monotonic or the event loop's time)."""


def now_ms() -> int:
    """Milliseconds since the Unix epoch, UTC: the value of a timestamp field."""
    return time.time_ns() // 1_000_000


class SequenceCounter:
    """The numbers one side gives the frames it originates: 1, 2, ... 2**32 - 1, then 1 again."""

    def __init__(self, start: int = 1) -> None:
        if not 1 <= start <= MAX_SEQUENCE:
            raise ValueError(f"sequence numbers run from 1 to {MAX_SEQUENCE}")
        self._next = start

    def peek(self) -> int:
        """The number `next` will give, without taking it."""
        return self._next

    def next(self) -> int:
        value = self._next
        self._next = 1 if value >= MAX_SEQUENCE else value + 1
        return value


def retry_delays_ms(max_attempts: int, initial_ms: int, max_ms: int, multiplier: float) -> list[int]:
    """How long to wait after each attempt: d1 = min(initial, max), d(k+1) = min(dk * multiplier, max), rounded half up."""
    delays: list[int] = []
    delay = float(min(initial_ms, max_ms))
    for _ in range(max(0, max_attempts)):
        delays.append(math.floor(delay + 0.5))
        delay = min(delay * multiplier, float(max_ms))
    return delays


class TokenBucket:
    """A rate limit of `rate` messages per second with bursts of up to `burst` messages."""

    def __init__(self, rate: float, burst: int, clock: Clock = time.monotonic) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("a token bucket needs a positive rate and a burst of at least 1")
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._tokens = float(burst)
        self._updated = clock()

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(float(self.burst), self._tokens + (now - self._updated) * self.rate)
        self._updated = now

    def take(self) -> bool:
        """Spends one token; False when none is left (the message is over the limit)."""
        self._refill()
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return True
        return False

    def retry_after_ms(self) -> int:
        """How long until the next token is there."""
        self._refill()
        missing = max(0.0, 1.0 - self._tokens)
        return max(1, math.ceil(missing / self.rate * 1000))


class DuplicateWindow:
    """Identities of delivered reliable frames, with the answer sent to each (wire format 10.2).

    An identity is (RESPONSE bit, sequence) of one peer. It is forgotten only
    when more than `capacity` newer ones are kept and it is older than
    `span_ms`, the sender's whole retransmission span.
    """

    def __init__(self, capacity: int = 1024, span_ms: int = 0, clock: Clock = time.monotonic) -> None:
        self.capacity = capacity
        self.span = span_ms / 1000.0
        self._clock = clock
        self._seen: OrderedDict[tuple[bool, int], tuple[float, bytes | None]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._seen)

    def seen(self, key: tuple[bool, int]) -> bool:
        return key in self._seen

    def add(self, key: tuple[bool, int]) -> None:
        self._seen[key] = (self._clock(), None)
        self._seen.move_to_end(key)
        self._trim()

    def remember_answer(self, key: tuple[bool, int], frame: bytes) -> None:
        """Keeps the answer frame sent for a delivered request, to re-send it to a duplicate."""
        entry = self._seen.get(key)
        if entry is not None:
            self._seen[key] = (entry[0], frame)

    def answer(self, key: tuple[bool, int]) -> bytes | None:
        entry = self._seen.get(key)
        return None if entry is None else entry[1]

    def _trim(self) -> None:
        now = self._clock()
        while len(self._seen) > self.capacity:
            key, (added, _) = next(iter(self._seen.items()))
            if now - added < self.span:
                break
            del self._seen[key]


def fit_text(text: str, max_bytes: int | None, min_bytes: int = 0, filler: str = ".") -> str:
    """`text` cut (at a character boundary) to at most `max_bytes` UTF-8 bytes and padded to `min_bytes`."""
    if max_bytes is not None:
        while len(text.encode("utf-8")) > max_bytes:
            text = text[:-1]
    while len(text.encode("utf-8")) < min_bytes:
        text += filler
    return text
