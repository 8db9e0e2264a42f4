"""Business time (METRICS.md, time): days, ISO weeks, months, quarters and years cut in
the CRM's time zone, and periods as half-open ranges of whole days `[start, end)`."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone


class Grain:
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    choices = [(DAY, "日"), (WEEK, "周"), (MONTH, "月"), (QUARTER, "季度"), (YEAR, "年")]


def local_day(at: datetime) -> date:
    """The business day a moment falls on."""
    return timezone.localtime(at).date()


def day_start(day: date) -> datetime:
    """The first moment of a business day, aware, in the CRM's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    first = day.replace(day=1)
    return first.replace(year=first.year + 1, month=1) if first.month == 12 else first.replace(month=first.month + 1)


def bucket_start(day: date, grain: str) -> date:
    """The first day of the day's bucket of a grain (an ISO week starts on Monday)."""
    if grain == Grain.DAY:
        return day
    if grain == Grain.WEEK:
        return day - timedelta(days=day.weekday())
    if grain == Grain.MONTH:
        return day.replace(day=1)
    if grain == Grain.QUARTER:
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    if grain == Grain.YEAR:
        return day.replace(month=1, day=1)
    raise ValueError(f"unknown grain {grain}")


def next_bucket(start: date, grain: str) -> date:
    if grain == Grain.DAY:
        return start + timedelta(days=1)
    if grain == Grain.WEEK:
        return start + timedelta(days=7)
    if grain == Grain.MONTH:
        return next_month(start)
    if grain == Grain.QUARTER:
        return next_month(next_month(next_month(start)))
    if grain == Grain.YEAR:
        return start.replace(year=start.year + 1)
    raise ValueError(f"unknown grain {grain}")


@dataclass(frozen=True)
class Period:
    """The business days `[start, end)`: `end` is the first day after the period."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("a period ends after it starts")

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def starts_at(self) -> datetime:
        return day_start(self.start)

    @property
    def ends_at(self) -> datetime:
        return day_start(self.end)

    def previous(self) -> "Period":
        """The period of the same length just before this one; a period of whole months
        steps back by as many months (last month, last quarter)."""
        if self.start.day == 1 and self.end.day == 1:
            months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month
            start = self.start
            for _ in range(months):
                start = month_start(start - timedelta(days=1))
            return Period(start, self.start)
        return Period(self.start - timedelta(days=self.days), self.start)

    def buckets(self, grain: str) -> Iterator["Period"]:
        """The period cut by a grain; the first and last bucket may be partial."""
        start = self.start
        while start < self.end:
            end = min(next_bucket(bucket_start(start, grain), grain), self.end)
            yield Period(start, end)
            start = end

    def split_by_months(self) -> tuple[list["Period"], list["Period"]]:
        """The whole calendar months inside the period, and the days around them: the
        statistics read months from monthly rollups and the rest from daily ones."""
        months: list[Period] = []
        edges: list[Period] = []
        for piece in self.buckets(Grain.MONTH):
            whole = piece.start.day == 1 and piece.end == next_month(piece.start)
            (months if whole else edges).append(piece)
        return months, edges

    def calendar_pieces(self) -> list[tuple[str, "Period"]]:
        """The period cut into the fewest whole calendar years, quarters and months, with
        the days around them as runs of days (grain DAY): a year ending at a month's end
        is at most two months, three quarters and a month, not twelve months."""
        pieces: list[tuple[str, Period]] = []
        start = self.start
        while start < self.end:
            for grain in (Grain.YEAR, Grain.QUARTER, Grain.MONTH):
                end = next_bucket(start, grain)
                if bucket_start(start, grain) == start and end <= self.end:
                    break
            else:
                grain, end = Grain.DAY, min(next_month(start), self.end)
            pieces.append((grain, Period(start, end)))
            start = end
        return pieces


def today() -> date:
    return timezone.localdate()


def consecutive_periods(days: Iterable[date]) -> list[Period]:
    """Days joined into periods of consecutive days, in order."""
    periods: list[Period] = []
    for day in sorted(set(days)):
        if periods and periods[-1].end == day:
            periods[-1] = Period(periods[-1].start, day + timedelta(days=1))
        else:
            periods.append(Period(day, day + timedelta(days=1)))
    return periods
