"""Customer value over the trailing windows 近12个月 and 近3年 kept like a calendar period's
(decision 0009): per customer its purchases over the window as it stands now
(`CustomerTrailing`, summed from the window's calendar pieces) and per current owner their
summary (`CustomerValueSummary`, the window's name as its grain). A period that is not
one calendar period costs a grouping of every buyer in it (seconds for the whole company
over a year); a trailing window is the one such period people ask for every day.

Keeping it right (DESIGN.md rule 7): each refresh pass re-sums the window rows of the
customers who bought on the changed days, moves those of customers who changed owner, and
when the business day has turned slides each window: only the customers who bought on the
days that left the window or entered it have other figures now."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from django.db import connection, transaction

from crm.analytics.customer_pieces import COLUMNS, cycle_sql, grouped_sql
from crm.analytics.customer_rollups import FIGURE_COLUMNS, TRAILING_YEARS, SummaryKeys, summed
from crm.analytics.models import CustomerSalesDay, CustomerTrailing, CustomerValueSummary, TrailingWindow
from crm.analytics.rollup_sql import delete_rows, insert_selected, written_anew
from crm.core.periods import Period, today
from crm.core.scope import ResolvedScope
from crm.customers.models import Customer

EVERYONE = ResolvedScope(everything=True)


def trailing_period(name: str, day: date) -> Period:
    """The days a window covers on `day`: up to the day after it, from the same date as
    that day `years` earlier (a 29 February that year lacks starts on 1 March, as the UI
    counts)."""
    end = day + timedelta(days=1)
    years = TRAILING_YEARS[name]
    try:
        start = end.replace(year=end.year - years)
    except ValueError:
        start = date(end.year - years, 3, 1)
    return Period(start, end)


def held_window(period: Period) -> str | None:
    """The trailing window that is exactly this period now, if one is."""
    if period.days < 365:  # no window is shorter: no query
        return None
    held = TrailingWindow.objects.filter(start=period.start, end=period.end).values_list("name", flat=True)
    return held.first()


def _write(name: str, period: Period, customers: set[int] | None) -> None:
    """The window's rows for these customers (None: everyone), summed over its pieces."""
    grouped = grouped_sql(period, EVERYONE, customers, with_owner=True)
    if grouped is None:
        return
    sql, parameters = grouped
    quote = connection.ops.quote_name
    customer, amount, purchases, first, last = (quote(column) for column in COLUMNS)
    selected = (
        f"SELECT %s AS {quote('window_name')}, {customer} AS {quote('buyer')}, {quote('holder')}, {amount}, "
        f"{purchases}, {first}, {last}, {cycle_sql()} AS {quote('cycle')} FROM ({sql}) grouped"
    )
    insert_selected(
        CustomerTrailing,
        selected,
        [name, *parameters],
        {**FIGURE_COLUMNS, "window": "window_name"},
        # Everyone (a window written whole): each owner's rows together, as a scope reads them.
        clustered_by=["holder"] if customers is None else None,
    )


def _owners(name: str, customers: set[int]) -> set[int | None]:
    return set(
        CustomerTrailing.objects.filter(window=name, customer_id__any_of=customers)
        .values_list("owner_id", flat=True)
        .distinct()
    )


def _sum_whole(name: str, start: date) -> None:
    """Every owner's summary of the window anew (it was written whole, or its start moved)."""
    delete_rows(CustomerValueSummary.objects.filter(grain=name))
    summed(name, CustomerTrailing.objects.filter(window=name), start)


def _left_or_entered(old: Period, new: Period) -> list[Period]:
    """The days in one of the two periods and not in the other."""
    parts = []
    for one, other in ((old, new), (new, old)):
        if one.start < other.start:
            parts.append(Period(one.start, min(one.end, other.start)))
        if one.end > other.end:
            parts.append(Period(max(one.start, other.end), one.end))
    return parts


def _buyers_on(periods: Iterable[Period]) -> set[int]:
    buyers: set[int] = set()
    for period in periods:
        days = CustomerSalesDay.objects.filter(day__gte=period.start, day__lt=period.end)
        buyers.update(days.values_list("customer_id", flat=True).distinct())
    return buyers


def refresh_trailing_windows(buyers: set[int], days: Iterable[date], moved: Iterable[int] | None) -> SummaryKeys:
    """Each window as it stands today: the rows of customers who changed owner (`moved`)
    given to their owner now, and those of the customers who bought on these changed days
    (and, when the day has turned, of those whose days left or entered the window) summed
    anew; answers the owners whose summaries changed. A window not held yet, or slid, has
    its summaries summed whole here."""
    days = set(days)
    keys = _move(moved) if moved is not None else defaultdict(set)
    held = {window.name: window for window in TrailingWindow.objects.select_for_update()}
    for name in TRAILING_YEARS:
        wanted = trailing_period(name, today())
        window = held.get(name)
        if window is None:
            _write_whole(name, wanted)
            continue
        was = Period(window.start, window.end)
        customers = set(buyers) if any(wanted.start <= day < wanted.end for day in days) else set()
        slid = was != wanted
        if slid:
            customers |= _buyers_on(_left_or_entered(was, wanted))
        touched = keys[(name, wanted.start)]
        if customers:
            touched |= _owners(name, customers)  # the owners of the rows replaced…
            delete_rows(CustomerTrailing.objects.filter(window=name, customer_id__any_of=customers))
            _write(name, wanted, customers)
            touched |= _owners(name, customers)  # …and of the rows written
        if slid:
            TrailingWindow.objects.filter(name=name).update(start=wanted.start, end=wanted.end)
            _sum_whole(name, wanted.start)
            keys.pop((name, was.start), None)  # summed whole: no owner's summary is left to do
            keys.pop((name, wanted.start), None)
    return {key: owners for key, owners in keys.items() if owners}


def _move(customer_ids: Iterable[int]) -> SummaryKeys:
    """The window rows of customers whose owner changed, given to their current owner;
    answers the windows and owners (old and new) whose summaries changed."""
    current = dict(Customer.objects.filter(id__in=set(customer_ids)).values_list("id", "owner_id"))
    starts = dict(TrailingWindow.objects.values_list("name", "start"))
    keys: SummaryKeys = defaultdict(set)
    moving: dict[tuple[str, int | None], set[int]] = defaultdict(set)
    rows = CustomerTrailing.objects.filter(customer_id__in=current).values_list("customer_id", "window", "owner_id")
    for customer_id, name, holder in rows:
        if holder != current[customer_id] and name in starts:
            keys[(name, starts[name])].update({holder, current[customer_id]})
            moving[(name, current[customer_id])].add(customer_id)
    for (name, new_owner), customers in moving.items():
        CustomerTrailing.objects.filter(window=name, customer_id__in=customers).update(owner_id=new_owner)
    return keys


def _write_whole(name: str, period: Period) -> None:
    """Every customer's row of the window over these days, the window's days, and its summaries."""
    delete_rows(CustomerTrailing.objects.filter(window=name))
    _write(name, period, None)
    TrailingWindow.objects.update_or_create(name=name, defaults={"start": period.start, "end": period.end})
    _sum_whole(name, period.start)


def rebuild_trailing_windows() -> None:
    """Every window anew as it stands today, with its summaries (after the calendar periods
    it is summed from); on PostgreSQL into a new copy of the rows, which the summaries read."""
    with transaction.atomic(), written_anew(CustomerTrailing):
        for name in TRAILING_YEARS:
            _write_whole(name, trailing_period(name, today()))
