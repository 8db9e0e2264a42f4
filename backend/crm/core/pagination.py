"""Server-side paging of every list: `?page=` and `?page_size=` (at most 200).

Counting every row a list matches costs as much as reading them: a million customers or
ten million orders take seconds to count, and nobody pages through more than a few
hundred pages. So counting stops at COUNT_CAP rows; beyond it the answer says
`count_capped` and the UI shows "10,000+" (narrow the filter to see more exactly)."""

from functools import cached_property
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        """How many rows match, counting no further than one past COUNT_CAP."""
        rows = self.object_list
        if isinstance(rows, QuerySet):  # COUNT(*) over a LIMITed subquery
            return rows[: COUNT_CAP + 1].count()
        return len(rows)


class PagePagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 200
    django_paginator_class = CappedPaginator

    def get_paginated_response(self, data: Any) -> Response:
        assert self.page is not None
        counted = self.page.paginator.count
        return Response(
            {
                "count": min(counted, COUNT_CAP),
                "count_capped": counted > COUNT_CAP,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        paged = super().get_paginated_response_schema(schema)
        paged["properties"]["count_capped"] = {
            "type": "boolean",
            "description": f"more than {COUNT_CAP:,} rows match; count stops there",
        }
        paged["required"] = ["count", "count_capped", "results"]
        return paged
