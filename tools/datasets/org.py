"""The sales organisation of a dataset, written through the ORM (it is small): the
company, regional departments with their sales groups, 客服部, everyone's dated
memberships, and a few reps who changed group once."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime

from crm.accounts.demo import DEMO_PASSWORD
from crm.accounts.models import Role, User
from crm.core.grants import renew_grants
from crm.org.models import Department, DepartmentKind, Membership
from django.contrib.auth.hashers import make_password

from tools.mall_simulator.names import person_name

REGIONS: list[tuple[str, list[str], str]] = [
    (
        "华东大区",
        ["上海", "杭州", "南京", "苏州", "合肥", "宁波", "济南", "福州"],
        "上海、江苏、浙江、安徽、山东、福建",
    ),
    ("华南大区", ["广州", "深圳", "厦门", "南宁", "东莞", "海口"], "广东、广西、海南"),
    ("华北大区", ["北京", "天津", "石家庄", "太原", "青岛"], "北京、天津、河北、山西"),
    ("西南大区", ["成都", "重庆", "昆明", "贵阳"], "四川、重庆、云南、贵州"),
    ("华中大区", ["武汉", "长沙", "郑州", "南昌"], "湖北、湖南、河南、江西"),
    ("西北大区", ["西安", "兰州", "银川", "乌鲁木齐"], "陕西、甘肃、宁夏、新疆"),
]
ORDINALS = "一二三四五六七八九十"
INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
# The demo cast's usernames go to the first holder of each role, so scripts written
# against `load_demo` log in here too.
DEMO_REP_NAMES = ["rep_li", "rep_zhang", "rep_liu"]
NEVER = 2**62


@dataclass
class OrgPlan:
    """What the rest of the dataset needs to know about the organisation."""

    admin_id: int
    rep_ids: list[int]
    # Per rep: (moved_at or NEVER, group before, department before, group after, department after).
    rep_timeline: list[tuple[int, int, int, int, int]]
    supervisor_of_group: dict[int, int]
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (role, username, unit)
    moved_reps: int = 0
    users: int = 0
    departments: int = 0
    memberships: int = 0


def _at(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def _group_sizes(rng: random.Random, reps: int) -> list[int]:
    """Reps split into groups of 5–8 (one smaller group when there are fewer than 5)."""
    if reps <= 8:
        return [reps]
    count = max(1, round(reps / 6.5))
    sizes = [reps // count + (1 if index < reps % count else 0) for index in range(count)]
    for _ in range(count * 3):
        giver, taker = rng.randrange(count), rng.randrange(count)
        if giver != taker and sizes[giver] > 5 and sizes[taker] < 8:
            sizes[giver] -= 1
            sizes[taker] += 1
    return sizes


def build_organisation(
    rng: random.Random, *, reps: int, regions: int, after_sales: int, executives: int, start: int, end: int
) -> OrgPlan:
    """Create units and people; everyone joined before `start` (epoch seconds)."""
    roles = {role.code: role for role in Role.objects.all()}
    password = make_password(DEMO_PASSWORD)
    used_codes: set[str] = set()
    used_names: set[str] = set()

    def invite_code() -> str:
        while True:
            code = "".join(rng.choice(INVITE_ALPHABET) for _ in range(8))
            if code not in used_codes:
                used_codes.add(code)
                return code

    def display_name() -> str:
        for _ in range(20):
            name = person_name(rng)
            if name not in used_names:
                break
        used_names.add(name)
        return name

    def unit(name: str, kind: str, parent: Department | None, description: str = "") -> Department:
        department = Department.objects.create(name=name, kind=kind, parent=parent, description=description)
        department.path = f"{parent.path if parent else '/'}{department.id}/"
        department.save(update_fields=["path"])
        return department

    company = unit("康源医药", DepartmentKind.COMPANY, None, "医药 B2B 商城运营公司")
    service = unit("客服部", DepartmentKind.DEPARTMENT, company, "售后服务、投诉与回访")
    region_units: list[tuple[Department, list[str]]] = []
    for name, cities, description in REGIONS[: max(1, min(regions, len(REGIONS)))]:
        region_units.append((unit(name, DepartmentKind.DEPARTMENT, company, description), cities))
    groups: list[Department] = []
    group_region: dict[int, Department] = {}
    per_city: dict[str, int] = {}
    sizes = _group_sizes(rng, reps)
    for index in range(len(sizes)):
        # East China, where most customers are, gets every other group.
        others = len(region_units) - 1
        region, cities = region_units[0 if index % 2 == 0 or not others else 1 + (index // 2) % others]
        city = cities[per_city.get(region.name, 0) % len(cities)]
        per_city[region.name] = per_city.get(region.name, 0) + 1
        ordinal = sum(1 for group in groups if group.name.startswith(city))
        group = unit(f"{city}{ORDINALS[ordinal % 10]}组", DepartmentKind.GROUP, region, f"{city}及周边药店、诊所")
        groups.append(group)
        group_region[group.id] = region

    people: list[tuple[User, str, Department]] = []
    counters: dict[str, int] = {}

    def person(role: str, department: Department, demo_name: str) -> User:
        counters[role] = counters.get(role, 0) + 1
        number = counters[role]
        if role == "sales_rep":
            username = DEMO_REP_NAMES[number - 1] if number <= len(DEMO_REP_NAMES) else f"rep{number:04d}"
        else:
            username = demo_name if number == 1 else f"{demo_name}{number:02d}"
        user = User(
            username=username,
            display_name=display_name(),
            email=f"{username}@kangyuan-pharma.example",
            invite_code=invite_code(),
            password=password,
            department=department,
            date_joined=_at(start - rng.randrange(30, 700) * 86400),
        )
        people.append((user, role, department))
        return user

    admin = person("admin", company, "admin")
    for _ in range(executives):
        person("executive", company, "executive")
    managers = {region.id: person("department_manager", region, "manager") for region, _ in region_units}
    supervisors: dict[int, User] = {}
    rep_users: list[tuple[User, Department]] = []
    for group, size in zip(groups, sizes, strict=True):
        supervisors[group.id] = person("supervisor", group, "supervisor")
        for _ in range(size):
            rep_users.append((person("sales_rep", group, "rep"), group))
    service_staff = [person("after_sales", service, "after_sales") for _ in range(after_sales)]

    User.objects.bulk_create([user for user, _, _ in people])
    saved = {user.username: user for user in User.objects.all()}
    for index, (user, role, department) in enumerate(people):
        people[index] = (saved[user.username], role, department)
    through = User.roles.through
    through.objects.bulk_create([through(user_id=user.id, role_id=roles[role].id) for user, role, _ in people])

    # Managers of the units.
    company.manager = saved[people[1][0].username] if executives else saved[admin.username]
    company.save(update_fields=["manager"])
    for region, _ in region_units:
        region.manager = saved[managers[region.id].username]
        region.save(update_fields=["manager"])
    for group in groups:
        group.manager = saved[supervisors[group.id].username]
        group.save(update_fields=["manager"])
    if service_staff:
        service.manager = saved[service_staff[0].username]
        service.save(update_fields=["manager"])

    # Memberships: since joining; ~3% of reps (at least one) moved group once mid-period.
    movers = set(rng.sample(range(len(rep_users)), min(len(rep_users), max(1, round(0.03 * len(rep_users))))))
    if len(groups) < 2:
        movers = set()
    memberships: list[Membership] = []
    rep_index = {saved[user.username].id: index for index, (user, _) in enumerate(rep_users)}
    rep_ids = [saved[user.username].id for user, _ in rep_users]
    rep_timeline: list[tuple[int, int, int, int, int]] = [(NEVER, 0, 0, 0, 0)] * len(rep_users)
    admin_id = saved[admin.username].id
    moved_users: list[User] = []
    for user, _role, department in people:
        joined = int(user.date_joined.timestamp())
        rep_number = rep_index.get(user.id)
        if rep_number is None or rep_number not in movers:
            memberships.append(
                Membership(person=user, department=department, started_at=_at(joined), reason="新建用户")
            )
            if rep_number is not None:
                region_id = group_region[department.id].id
                rep_timeline[rep_number] = (NEVER, department.id, region_id, department.id, region_id)
            continue
        moved_at = start + int((end - start) * rng.uniform(0.2, 0.8))
        target = rng.choice([group for group in groups if group.id != department.id])
        memberships.append(
            Membership(
                person=user, department=department, started_at=_at(joined), ended_at=_at(moved_at), reason="新建用户"
            )
        )
        memberships.append(
            Membership(person=user, department=target, started_at=_at(moved_at), reason="销售组调整", actor_id=admin_id)
        )
        rep_timeline[rep_number] = (
            moved_at,
            department.id,
            group_region[department.id].id,
            target.id,
            group_region[target.id].id,
        )
        user.department = target
        moved_users.append(user)
    Membership.objects.bulk_create(memberships)
    User.objects.bulk_update(moved_users, ["department"])
    # Written around the services, which would have renewed everyone's kept grants.
    renew_grants()

    logins = [(role, user.username, department.name) for user, role, department in people]
    return OrgPlan(
        admin_id=admin_id,
        rep_ids=rep_ids,
        rep_timeline=rep_timeline,
        supervisor_of_group={group.id: saved[supervisors[group.id].username].id for group in groups},
        logins=logins,
        moved_reps=len(moved_users),
        users=len(people),
        departments=2 + len(region_units) + len(groups),
        memberships=len(memberships),
    )
