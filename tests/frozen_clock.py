"""Controlling the case clock by day: a thin layer over the autouse ``case_clock`` fixture of
tests/conftest.py, which pins ``app.cases.lifecycle.local_now`` (the one clock of the case lifecycle)."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

CENTRE_ZONE = ZoneInfo("Asia/Shanghai")


class DayClock:
    def __init__(self, case_clock):
        self._case_clock = case_clock

    def set(self, day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
        """Local office time in the service centre on ``day``."""
        now = dt.datetime.combine(day, dt.time(hour, minute), CENTRE_ZONE)
        self._case_clock.set(now)
        return now

    @property
    def now(self) -> dt.datetime:
        return self._case_clock.now


@pytest.fixture()
def clock(case_clock):
    return DayClock(case_clock)
