"""The statistics screens, composed from the metrics: who each subject is, breakdowns
side by side, rankings, the dashboard. Every function takes the viewer's resolved scope
and passes it on; none reads a rollup itself."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q

from crm.accounts.models import User
from crm.analytics import churn_figures, customer_figures, metrics
from crm.analytics.composition import customer_composition
from crm.analytics.credit import Narrowing
from crm.analytics.development_figures import Development, development, development_series
from crm.analytics.metrics import SalesTotals
from crm.analytics.product_figures import inventory_turnover, product_series
from crm.analytics.product_ranking import RankedProduct, rank_products
from crm.analytics.stock import stock_totals
from crm.commerce.models import Category, Product
from crm.core.periods import Period, month_start, today
from crm.core.scope import ResolvedScope
from crm.customers.models import ChurnCase, ChurnCaseStatus, Customer
from crm.customers.selectors import churn_window_days
from crm.dictionary.models import DictionaryEntry
from crm.org.models import Department, DepartmentKind
from crm.org.selectors import subtree_ids


def figures(totals: SalesTotals, development: Development) -> dict[str, Any]:
    """One subject's figures, as the API gives them."""
    return {**vars(totals), **vars(development), "conversion_rate": development.conversion_rate}


def performance(period: Period, grain: str, *, scope: ResolvedScope, narrowing: Narrowing) -> dict[str, Any]:
    """销售员业绩 (and a group's or a department's): totals against the previous period,
    and the series by grain."""
    where = narrowing.credited_q()
    previous = period.previous()

    def totals_of(piece: Period) -> dict[str, Any]:
        sales = metrics.sales_totals(piece, scope=scope, where=where).get(None, SalesTotals())
        developed = development(piece, scope=scope, by="company", where=where).get(None, Development())
        return figures(sales, developed)

    sales_series = metrics.sales_series(period, grain, scope=scope, where=where)
    developed_series = development_series(period, grain, scope=scope, where=where)
    return {
        "period": period,
        "previous_period": previous,
        "totals": totals_of(period),
        "previous_totals": totals_of(previous),
        "series": [
            {"start": bucket.start, "end": bucket.end, **figures(sales, developed)}
            for (bucket, sales), (_, developed) in zip(sales_series, developed_series, strict=True)
        ],
    }


def subject_names(subject: str, ids: set[Any]) -> dict[Any, str]:
    ids = {key for key in ids if key is not None}
    if subject == "rep":
        return dict(User.objects.filter(id__in=ids).values_list("id", "display_name"))
    if subject in ("group", "department"):
        return dict(Department.objects.filter(id__in=ids).values_list("id", "name"))
    if subject == "product":
        return {row.id: str(row) for row in Product.objects.filter(id__in=ids).only("id", "name", "spec")}
    if subject == "category":
        return dict(Category.objects.filter(id__in=ids).values_list("id", "name"))
    if subject == "customer":
        return dict(Customer.objects.filter(id__in=ids).values_list("id", "company_name"))
    raise ValueError(subject)


def _people_in_scope(scope: ResolvedScope, narrowing: Narrowing) -> set[int]:
    """The sales people a breakdown by rep lists even without figures: members of sales
    groups other than the group's own supervisor, within the scope and the narrowing
    (a supervisor who sells is listed by their figures)."""
    people = (
        User.objects.within(scope)
        .filter(is_active=True, department__kind=DepartmentKind.GROUP)
        .exclude(managed_departments=F("department"))
    )
    if narrowing.rep:
        people = people.filter(id=narrowing.rep)
    if narrowing.group:
        people = people.filter(department_id=narrowing.group)
    if narrowing.department:
        unit = Department.objects.filter(id=narrowing.department).first()
        people = people.filter(department_id__in=subtree_ids(unit) if unit else set())
    return set(people.values_list("id", flat=True))


def _units_in_scope(by: str, scope: ResolvedScope, narrowing: Narrowing) -> set[int]:
    """The groups or departments a breakdown lists even without figures: those in scope,
    inside the narrowing."""
    kind = DepartmentKind.GROUP if by == "group" else DepartmentKind.DEPARTMENT
    units = Department.objects.filter(kind=kind)
    if not scope.everything:
        units = units.filter(id__any_of=scope.department_ids)
    if narrowing.group:
        units = units.filter(id=narrowing.group)
    if narrowing.department:
        unit = Department.objects.filter(id=narrowing.department).first()
        units = units.filter(id__in=subtree_ids(unit) if unit else set())
    if narrowing.rep:
        units = units.none()
    return set(units.values_list("id", flat=True))


def breakdown(period: Period, by: str, *, scope: ResolvedScope, narrowing: Narrowing) -> list[dict[str, Any]]:
    """按人 / 按组 / 按部门: each subject's figures side by side, ranked by sales amount.
    People and units in scope are listed even when they sold nothing; unattributed sales
    are not a subject (they count in company totals only)."""
    where = narrowing.credited_q()
    sales = metrics.sales_totals(period, scope=scope, by=by, where=where)
    developed = development(period, scope=scope, by=by, where=where)
    listed = _people_in_scope(scope, narrowing) if by == "rep" else _units_in_scope(by, scope, narrowing)
    keys = (set(sales) | set(developed) | listed) - {None}
    names = subject_names(by, keys)
    ranks = metrics.competition_ranks({key: sales.get(key, SalesTotals()).sales_amount for key in keys})
    rows = [
        {
            "id": key,
            "name": names.get(key, ""),
            "rank": ranks[key],
            **figures(sales.get(key, SalesTotals()), developed.get(key, Development())),
        }
        for key in keys
    ]
    return sorted(rows, key=lambda row: (row["rank"], row["name"]))


RANKED_FIGURES = {
    "rep": ["sales_amount", "sales_order_count", "order_count", "developed", "converted", "conversion_rate"],
    "group": ["sales_amount", "sales_order_count", "order_count", "developed", "converted", "conversion_rate"],
    "department": ["sales_amount", "sales_order_count", "order_count", "developed", "converted", "conversion_rate"],
    "product": ["sales_amount", "quantity"],
    "category": ["sales_amount", "quantity"],
    "customer": ["sales_amount", "purchase_count"],
}


def ranking(
    period: Period,
    subject: str,
    figure: str,
    *,
    descending: bool,
    limit: int,
    scope: ResolvedScope,
    narrowing: Narrowing,
) -> list[dict[str, Any]]:
    """业绩排名: subjects ranked by one figure in either direction; equal values share a
    rank and the next skips (1, 2, 2, 4). Ranking upwards finds who is behind: subjects
    in scope with nothing in the period are ranked too."""
    if subject == "customer":
        ranked = customer_figures.top_customers(
            period, scope=scope, where=narrowing.credited_q(), figure=figure, descending=descending, limit=limit
        )
        customer_names = subject_names(subject, {key for key, _, _ in ranked})
        return [
            {"rank": rank, "id": key, "name": customer_names.get(key, ""), "value": _text(getattr(value, figure))}
            for key, rank, value in ranked
        ]
    if subject in ("product", "category"):
        ranking = rank_products(period, scope=scope, by=subject, narrowing=narrowing, figure=figure, limit=limit)
        products = ranking.best if descending else ranking.slowest
        names = subject_names(subject, {product.id for product in products})
        return [
            {
                "rank": product.rank,
                "id": product.id,
                "name": names.get(product.id, ""),
                "value": _text(getattr(product.totals, figure)),
            }
            for product in products
        ]
    values = _values(period, subject, figure, scope=scope, narrowing=narrowing)
    ranks = metrics.competition_ranks(values, descending=descending)
    ordered = sorted(values, key=lambda key: (ranks[key], key))[:limit]
    names = subject_names(subject, set(ordered))
    return [{"rank": ranks[key], "id": key, "name": names.get(key, ""), "value": _text(values[key])} for key in ordered]


def _text(value: Decimal | int | None) -> str | None:
    return None if value is None else str(value)


def _values(
    period: Period, subject: str, figure: str, *, scope: ResolvedScope, narrowing: Narrowing
) -> dict[Any, Decimal | int | None]:
    if subject in ("rep", "group", "department"):
        rows = breakdown(period, subject, scope=scope, narrowing=narrowing)
        return {row["id"]: row[figure] for row in rows}
    raise ValueError(subject)


def dashboard(user: User) -> dict[str, Any]:
    """工作台: my figures (today, this month to date against last month), orders by status,
    development this month, my rank in my group, churn warnings and follow-ups due; with a
    wider scope, the people in it side by side."""
    scope = user.resolved_scope()
    now = today()
    this_month = Period(month_start(now), now + timedelta(days=1))
    last_month = Period(month_start(this_month.start - timedelta(days=1)), this_month.start)
    same_day = min(last_month.start + timedelta(days=now.day), last_month.end)
    nobody = Narrowing()

    pieces = {
        "today": Period(now, now + timedelta(days=1)),
        "this_month": this_month,
        "last_month": last_month,
        "last_month_to_date": Period(last_month.start, same_day),
    }
    sales = metrics.sales_totals_within(list(pieces.values()), scope=scope)
    answer: dict[str, Any] = {
        name: figures(totals, development(piece, scope=scope, by="company").get(None, Development()))
        for (name, piece), totals in zip(pieces.items(), sales, strict=True)
    }
    answer |= {
        "group_rank": _group_rank(user, this_month),
        "churn_warnings": ChurnCase.objects.visible_to(user)
        .filter(status__in=[ChurnCaseStatus.OPEN, ChurnCaseStatus.DEFERRED])
        .count(),
        "follow_ups_due": Customer.objects.visible_to(user).filter(next_follow_up_on__lte=now).count(),
        "people": [],
    }
    if scope.everything or len(scope.person_ids) > 1:
        answer["people"] = breakdown(this_month, "rep", scope=scope, narrowing=nobody)[:50]
    return answer


def _group_rank(user: User, period: Period) -> dict[str, Any] | None:
    """The viewer's place among the members of their sales group by sales amount this
    month: a position, never the others' figures."""
    group = user.department
    if group is None or group.kind != DepartmentKind.GROUP:
        return None
    members = set(User.objects.filter(department=group, is_active=True).values_list("id", flat=True))
    group_scope = ResolvedScope(everything=False, person_ids=frozenset(members), department_ids=frozenset())
    sales = metrics.sales_totals(period, scope=group_scope, by="rep")
    ranks = metrics.competition_ranks({member: sales.get(member, SalesTotals()).sales_amount for member in members})
    return {"rank": ranks.get(user.id), "of": len(members), "group_name": group.name}


def products(
    period: Period,
    by: str,
    *,
    scope: ResolvedScope,
    narrowing: Narrowing,
    limit: int,
    grain: str = "month",
    product: int | None = None,
    category: int | None = None,
) -> dict[str, Any]:
    """产品销售: products (or categories) by sales amount, best sellers first, and the
    slowest sellers (ranked upwards, those that sold nothing included for a viewer who sees
    the whole company), each with its sales quantity; with `product` or `category`, that
    one's sales over time by grain."""
    ranking = rank_products(period, scope=scope, by=by, narrowing=narrowing, limit=limit)
    shown = {product.id for product in ranking.best} | {product.id for product in ranking.slowest}
    names = subject_names(by, shown)
    categories = _categories(shown) if by == "product" else {}
    # Stock is the company's: its turnover is against the company's sales, so only a
    # viewer who sees those gets it.
    company = scope.everything and not narrowing
    stock = stock_totals(period, shown) if company and by == "product" else {}

    def row(product: RankedProduct) -> dict[str, Any]:
        average = stock[product.id].average if product.id in stock else None
        return {
            "id": product.id,
            "name": names.get(product.id, ""),
            "category_name": categories.get(product.id, ""),
            "rank": product.rank,
            "sales_amount": product.totals.sales_amount,
            "quantity": product.totals.quantity,
            "average_stock": average,
            "inventory_turnover": inventory_turnover(product.totals.quantity, average),
        }

    series: list[dict[str, Any]] = []
    if product or category:
        only = Q(product_id=product) if product else Q(product__category_id=category)
        series = [
            {"start": bucket.start, "end": bucket.end, "sales_amount": total.sales_amount, "quantity": total.quantity}
            for bucket, total in product_series(period, grain, scope=scope, narrowing=narrowing, only=only)
        ]
    return {
        "period": period,
        "by": by,
        "series": series,
        "sales_amount": ranking.totals.sales_amount,
        "quantity": ranking.totals.quantity,
        "best": [row(product) for product in ranking.best],
        "slowest": [row(product) for product in ranking.slowest],
    }


def _categories(product_ids: set[int]) -> dict[int, str]:
    rows = Product.objects.filter(id__in=product_ids).values_list("id", "category__name")
    return {product_id: name or "" for product_id, name in rows}


def customer_value(
    period: Period,
    *,
    scope: ResolvedScope,
    narrowing: Narrowing,
    limit: int,
    grain: str = "month",
    customer: int | None = None,
) -> dict[str, Any]:
    """客户价值: the customers the viewer may see, by their purchases in the period: top
    customers, purchase counts, average purchase cycle, the purchase-frequency distribution,
    and the composition (构成) by pharmacy type and region."""
    where = narrowing.credited_q()
    summary, top = customer_figures.summary_and_top_customers(period, scope=scope, where=where, limit=limit)
    fields = ("id", "company_name", "pharmacy_type", "province", "owner__display_name")
    customers: dict[int, dict[str, Any]] = {}
    for row in Customer.objects.filter(id__in=[key for key, _, _ in top]).values(*fields):
        customers[row["id"]] = dict(row)
    spend = (
        [
            {"start": bucket.start, "end": bucket.end, "sales_amount": amount, "cumulative_spend": cumulative}
            for bucket, amount, cumulative in customer_figures.customer_spend_series(
                period, grain, customer, scope=scope
            )
        ]
        if customer
        else []
    )
    return {
        "period": period,
        "customer_series": spend,
        "purchasing_customers": summary.purchasing_customers,
        "sales_amount": summary.sales_amount,
        "purchase_count": summary.purchase_count,
        "average_purchase_cycle_days": summary.average_purchase_cycle_days,
        "frequency": [{"band": band, "customers": count} for band, count in summary.frequency.items()],
        "top": [
            {
                "rank": rank,
                "id": key,
                "name": customers.get(key, {}).get("company_name", ""),
                "pharmacy_type": customers.get(key, {}).get("pharmacy_type", ""),
                "province": customers.get(key, {}).get("province", ""),
                "owner_name": customers.get(key, {}).get("owner__display_name") or "",
                "sales_amount": value.sales_amount,
                "purchase_count": value.purchase_count,
                "purchase_cycle_days": value.purchase_cycle_days,
            }
            for key, rank, value in top
        ],
        "composition": customer_composition(scope=scope, registered_before=period.ends_at),
    }


def churn(period: Period, grain: str, *, scope: ResolvedScope, user: User) -> dict[str, Any]:
    """客户流失: churn as of the period's end and per bucket, customers lost per bucket,
    and the reasons of the cases confirmed lost in the period (the workflow's record,
    which never changes the figures)."""
    series = churn_figures.churn_series(period, grain, scope=scope)
    at_end = series[-1][1].at_end if series else churn_figures.churn_as_of(period.ends_at, scope=scope)
    confirmed = (
        ChurnCase.objects.visible_to(user)
        .filter(status=ChurnCaseStatus.CONFIRMED, decided_at__gte=period.starts_at, decided_at__lt=period.ends_at)
        .values("reason_code")
        .annotate(cases=Count("id"))
        .order_by("-cases", "reason_code")
    )
    labels = dict(DictionaryEntry.objects.filter(type="lost_reason").values_list("code", "label"))
    return {
        "period": period,
        "window_days": churn_window_days(),
        "registered": at_end.registered,
        "lost": at_end.lost,
        "churn_rate": at_end.churn_rate,
        "became_lost": sum(bucket.became_lost for _, bucket in series),
        "series": [
            {
                "start": bucket.start,
                "end": bucket.end,
                "became_lost": point.became_lost,
                "registered": point.at_end.registered,
                "lost": point.at_end.lost,
                "churn_rate": point.at_end.churn_rate,
            }
            for bucket, point in series
        ],
        "reasons": [
            {
                "code": row["reason_code"],
                "name": labels.get(row["reason_code"], row["reason_code"]),
                "cases": row["cases"],
            }
            for row in confirmed
        ],
    }
