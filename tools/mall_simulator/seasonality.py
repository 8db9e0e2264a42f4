"""When pharmacies order: the weekly rhythm, the cold and flu season, the Spring Festival
shutdown and the hours of a working day."""

from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta

from tools.mall_simulator.events import SHANGHAI

# 春节 (the first day of the lunar year): the mall nearly stops around it, and pharmacies
# stock up in the weeks before.
SPRING_FESTIVALS = [
    date(2024, 2, 10),
    date(2025, 1, 29),
    date(2026, 2, 17),
    date(2027, 2, 6),
    date(2028, 1, 26),
    date(2029, 2, 13),
    date(2030, 2, 3),
]

# Monday … Sunday: purchasing is office work, light on Saturdays and rare on Sundays.
WEEKDAY_FACTORS = [1.1, 1.05, 1.0, 1.0, 1.05, 0.6, 0.35]

# Hours 0–23: orders cluster in the morning and early afternoon.
HOUR_WEIGHTS = [
    0.1,
    0.05,
    0.02,
    0.02,
    0.02,
    0.05,
    0.2,
    0.6,
    1.5,
    2.5,
    2.8,
    2.2,
    1.2,
    1.5,
    2.2,
    2.4,
    2.0,
    1.5,
    0.9,
    0.8,
    0.9,
    0.7,
    0.4,
    0.2,
]


def winter_intensity(day: date) -> float:
    """0 in mid-July to 1 in mid-January: how deep into the cold season the day is."""
    day_of_year = day.timetuple().tm_yday
    return (1 + math.cos(2 * math.pi * (day_of_year - 15) / 365.25)) / 2


def spring_festival_factor(day: date) -> float:
    """How the Spring Festival scales the day's orders."""
    for festival in SPRING_FESTIVALS:
        offset = (day - festival).days
        if -3 <= offset <= 6:
            return 0.12
        if -8 <= offset <= 10:
            return 0.5
        if -25 <= offset < -8:
            return 1.25
    return 1.0


def order_factor(day: date) -> float:
    """The day's orders relative to an ordinary weekday in spring."""
    return WEEKDAY_FACTORS[day.weekday()] * spring_festival_factor(day) * (0.85 + 0.35 * winter_intensity(day))


def moment_in_day(rng: random.Random, day: date) -> datetime:
    """A moment of the day in Shanghai, weighted to business hours."""
    hour = rng.choices(range(24), weights=HOUR_WEIGHTS)[0]
    start = datetime.combine(day, time(hour), tzinfo=SHANGHAI)
    return start + timedelta(seconds=rng.randrange(3600))


def days_between(start: datetime, end: datetime) -> list[date]:
    """The Shanghai calendar days that [start, end) touches."""
    first = start.astimezone(SHANGHAI).date()
    last = (end - timedelta(microseconds=1)).astimezone(SHANGHAI).date()
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
