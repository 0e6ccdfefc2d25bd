"""Role machines: which messages a role may send or receive in each state.

`machine.py` holds the spec's tables and `RoleMachine`; the stepping lives
here. A message without a transition in the current state is refused with a
StateError and leaves the state as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from .errors import StateError


@dataclass(frozen=True)
class MachineTable:
    """One role's machine: per state, (action, message name) -> next state."""

    role: str
    initial: str
    terminal: frozenset[str]
    transitions: Mapping[str, Mapping[tuple[str, str], str]]


class StateMachine:
    """Tracks one role's state and refuses messages its state has no transition for."""

    def __init__(self, table: MachineTable) -> None:
        self.table = table
        self.role = table.role
        self.state = table.initial

    @property
    def terminal(self) -> bool:
        """True once the machine reached a terminal state (the session is over)."""
        return self.state in self.table.terminal

    def can_send(self, name: str) -> bool:
        return ("send", name) in self.table.transitions.get(self.state, {})

    def can_receive(self, name: str) -> bool:
        return ("receive", name) in self.table.transitions.get(self.state, {})

    def send(self, name: str) -> None:
        """Moves on by sending `name`, or raises StateError."""
        self._step("send", name)

    def receive(self, name: str) -> None:
        """Moves on by receiving `name`, or raises StateError."""
        self._step("receive", name)

    def allowed(self) -> list[tuple[str, str]]:
        """The (action, message name) pairs the current state accepts."""
        return list(self.table.transitions.get(self.state, {}))

    def _step(self, action: str, name: str) -> None:
        target = self.table.transitions.get(self.state, {}).get((action, name))
        if target is None:
            raise StateError(self.role, self.state, name, action)
        self.state = target

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.role!r}, state={self.state!r})"
