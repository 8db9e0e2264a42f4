"""Server-side paging of every list: `?page=` and `?page_size=` (at most 200).

Counting every row a list matches costs as much as reading them: a million customers or
ten million orders take seconds to count, and nobody pages through more than a few
hundred pages. So counting stops at COUNT_CAP rows; beyond it the answer says
`count_capped` and the UI shows "超过 10,000 条" (narrow the filter to see more exactly).
The order list (ten million rows, seen by their customer's owner or their credited rep)
counts only a few pages ahead of the one asked for (`CountAheadPagination`), and so does a
search (`SearchCountAheadPagination`): one looks for the first hits, not their number.
A deep page is read by its ids first (`CappedPaginator.page`).

A list whose scope is a union of a few conditions, each served by an index in the list's
order (a rep's orders: those of the customers they own, and those credited to them), is
read branch by branch and merged (`page_branches`): as one query the database walks the
whole table in date order to find the one order in two hundred that is the rep's."""

from collections.abc import Sequence
from functools import cached_property, partial
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    def __init__(self, *args: Any, cap: int = COUNT_CAP, branches: Sequence[QuerySet] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cap = cap
        self.branches = branches if _merge_order(self.object_list) is not None else ()

    @cached_property
    def count(self) -> int:
        """How many rows match, counting no further than one past the cap."""
        rows = self.object_list
        if self.branches:
            # Each branch read to one past the cap: their union passes it exactly when the
            # list does.
            return min(len(self._merged_ids), self.cap + 1)
        if isinstance(rows, QuerySet):
            # COUNT(*) over a LIMITed subquery of ids: without the list's ORDER BY and
            # columns, which would sort every matching row just to count it.
            return rows.order_by().values("pk")[: self.cap + 1].count()
        return len(rows)

    def page(self, number: Any) -> Any:
        """A page beyond the first few is found by its ids first, then only its rows are
        read: the ids come from an index alone, where the rows in order would be read one
        by one from the table until the page's offset (a supervisor's page 50 read 37,000
        customers to keep 1,000). A list paged by its branches has every page's ids merged
        from theirs. The rows are read through the same scoped query."""
        rows = self.object_list
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if not isinstance(rows, QuerySet) or self.orphans:
            return super().page(number)
        if self.branches:
            ids = self._merged_ids[bottom : bottom + self.per_page]
        elif bottom < DEFERRED_FROM:
            return super().page(number)
        else:
            ids = list(rows.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        found = {row.pk: row for row in rows.filter(pk__in=ids)}
        return Page([found[pk] for pk in ids if pk in found], number, self)

    @cached_property
    def _merged_ids(self) -> list[Any]:
        """The list's first ids up to one past the cap, merged from each branch's first as
        many in the list's order (which their indexes serve), counted and paged from alike:
        the cap is a few pages beyond the one asked for (`CountAheadPagination`)."""
        fields, descending = _merge_order(self.object_list) or ((), False)
        keyed: dict[Any, tuple[Any, ...]] = {}
        for branch in self.branches:
            for *key, pk in branch.values_list(*fields, "pk")[: self.cap + 1]:
                keyed[pk] = tuple(key)
        return sorted(keyed, key=keyed.__getitem__, reverse=descending)[: self.cap + 1]


def _merge_order(rows: Any) -> tuple[tuple[str, ...], bool] | None:
    """The list's order as (fields, descending), when branches can be merged in it in
    Python: columns of the row itself that are never null, all in one direction."""
    if not isinstance(rows, QuerySet):
        return None
    order = [str(name) for name in (rows.query.order_by or rows.model._meta.ordering)]
    directions = {name.startswith("-") for name in order}
    fields = tuple(name.lstrip("-") for name in order)
    if not fields or len(directions) != 1:
        return None
    for name in fields:
        field = rows.model._meta.pk if name == "pk" else _local_field(rows.model, name)
        if field is None or field.null:
            return None
    return fields, directions.pop()


def _local_field(model: Any, name: str) -> Any:
    try:
        return model._meta.get_field(name) if "__" not in name else None
    except FieldDoesNotExist:
        return None


# From which offset a page is read by its ids first.
DEFERRED_FROM = 200


class PagePagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 200
    django_paginator_class = CappedPaginator

    def count_cap(self, request: Any) -> int:
        return COUNT_CAP

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> Any:
        branches = view.page_branches() if hasattr(view, "page_branches") else ()
        self.django_paginator_class = partial(  # type: ignore[assignment]
            CappedPaginator, cap=self.count_cap(request), branches=branches
        )
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data: Any) -> Response:
        assert self.page is not None
        paginator = self.page.paginator
        assert isinstance(paginator, CappedPaginator)
        counted = paginator.count
        return Response(
            {
                "count": min(counted, paginator.cap),
                "count_capped": counted > paginator.cap,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        paged = super().get_paginated_response_schema(schema)
        paged["properties"]["count_capped"] = {
            "type": "boolean",
            "description": "more rows match than were counted; `count` says where counting stopped",
        }
        paged["required"] = ["count", "count_capped", "results"]
        return paged


class CountAheadPagination(PagePagination):
    """Counts up to PAGES_AHEAD pages beyond the one asked for: enough to page on, cheap
    on ten million rows however the scope reaches them."""

    PAGES_AHEAD = 4

    def count_cap(self, request: Any) -> int:
        page = request.query_params.get(self.page_query_param, "1")
        number = int(page) if page.isdigit() else 1
        return (number + self.PAGES_AHEAD) * (self.get_page_size(request) or self.page_size)


class SearchCountAheadPagination(PagePagination):
    """Counts up to the cap, but only a few pages ahead when the list is searched."""

    def count_cap(self, request: Any) -> int:
        if request is not None and request.query_params.get("search", "").strip():
            return CountAheadPagination().count_cap(request)
        return COUNT_CAP
