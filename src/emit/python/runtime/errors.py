"""The errors of the protocol layer, as data: a short `code` and where it happened.

`WireError` is raised for bytes or JSON that do not decode and for values
that cannot be encoded; its codes are those of wire format section 7, shared
by every implementation. `StateError` is raised when a role machine refuses a
message in its current state.
"""

from __future__ import annotations

WIRE_ERROR_CODES: tuple[str, ...] = (
    "truncated",
    "bad_magic",
    "unsupported_version",
    "invalid_flags",
    "unknown_message",
    "frame_too_large",
    "trailing_bytes",
    "invalid_value",
    "invalid_utf8",
    "constraint_violated",
)
"""Every code a WireError can have (wire format section 7)."""


class ProtocolError(Exception):
    """Base of the protocol layer's errors; `code` names the failure for programs."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)
        self.code = code
        self.detail = detail

    def __str__(self) -> str:
        return self.detail or self.code


class WireError(ProtocolError):
    """Bytes or JSON that do not decode, or a value that cannot be encoded.

    `path` locates the value (`Report.readings[2].value`; None for header
    errors), `message_name` is the message being decoded or encoded once it
    is known.
    """

    def __init__(self, code: str, path: str | None = None, message_name: str | None = None, detail: str = "") -> None:
        super().__init__(code, detail)
        self.path = path
        self.message_name = message_name

    def __str__(self) -> str:
        text = self.detail or self.code
        return f"{self.path}: {text}" if self.path else text

    def __repr__(self) -> str:
        return f"WireError({self.code!r}, path={self.path!r}, message_name={self.message_name!r}, detail={self.detail!r})"

    def at(self, segment: str, index: int | None = None) -> WireError:
        """Moves the error one level out: `at("readings", 2)` turns `value` into
        `readings[2].value`, `at("", 3)` turns `[1]` into `[3][1]`.

        Returns the same error, so that `raise error.at(...)` keeps its traceback.
        """
        if index is not None:
            segment = f"{segment}[{index}]"
        rest = self.path or ""
        if rest == "":
            self.path = segment
        elif rest.startswith("["):
            self.path = segment + rest
        else:
            self.path = f"{segment}.{rest}"
        return self

    def in_message(self, message_name: str) -> WireError:
        """Locates the error in a message: the path starts with the message name."""
        self.at(message_name)
        self.message_name = message_name
        return self


class StateError(ProtocolError):
    """A role machine refused a message: the state has no transition for it."""

    def __init__(self, role: str, state: str, message_name: str, action: str | None = None) -> None:
        verb = f"{action} " if action else "handle "
        super().__init__("unexpected_message", f"the {role} cannot {verb}{message_name} in state {state}")
        self.role = role
        self.state = state
        self.message_name = message_name
        self.action = action
