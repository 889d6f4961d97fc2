"""A hybrid logical clock: the order of operations, right even when a laptop's clock is wrong.

A stamp is milliseconds of wall time, a counter and the device, spelled so that string
order is clock order. A laptop never stamps below a stamp it has seen, so an edit made
after taking in another laptop's work always sorts after it, whatever either clock says.
"""

from __future__ import annotations

from dataclasses import dataclass

from pmo_journal.core import clock

WIDTH_MS = 15
WIDTH_COUNTER = 6


@dataclass(frozen=True, order=True)
class Stamp:
    millis: int
    counter: int
    device: str

    def spelled(self) -> str:
        return f"{self.millis:0{WIDTH_MS}d}.{self.counter:0{WIDTH_COUNTER}d}.{self.device}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        millis, counter, device = text.split(".", 2)
        return cls(int(millis), int(counter), device)


def wall_millis() -> int:
    return int(clock.utcnow().timestamp() * 1000)


def next_stamp(last: str | None, *, device: str, wall: int) -> str:
    """The stamp after ``last`` (the newest seen here) for an event at ``wall`` ms."""
    wall = max(0, wall)
    if last is None:
        return Stamp(wall, 0, device).spelled()
    previous = Stamp.parse(last)
    if wall > previous.millis:
        return Stamp(wall, 0, device).spelled()
    return Stamp(previous.millis, previous.counter + 1, device).spelled()


def newest(*stamps: str | None) -> str | None:
    present = [stamp for stamp in stamps if stamp]
    return max(present) if present else None
