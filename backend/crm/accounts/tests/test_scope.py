"""What each person's roles come to: `User.resolved_scope()` for the cast and for the
department and chosen-departments scopes."""

import pytest

from crm.accounts.models import Role, User
from crm.accounts.services import create_role
from crm.core.scope import ResolvedScope
from crm.org.services import create_department


def scope_of(user: User) -> ResolvedScope:
    # A fresh instance: the scope is cached on the object.
    return User.objects.get(id=user.id).resolved_scope()


def give_role(cast, person: User, data_scope: str, departments=()) -> None:  # type: ignore[no-untyped-def]
    role = create_role(
        actor=cast.admin,
        code=f"scope_{data_scope}",
        name=data_scope,
        permissions=[],
        data_scope=data_scope,
        scope_departments=list(departments),
        field_permissions=[],
    )
    person.roles.set([role])


@pytest.mark.parametrize("name", ["admin", "executive", "after_sales"])
def test_the_all_scope_sees_everything(cast, name):
    assert scope_of(cast.people()[name]) == ResolvedScope(everything=True)


def test_the_manager_sees_his_department_and_its_groups(cast):
    members = {cast.manager, cast.supervisor, cast.rep_li, cast.rep_zhang, cast.rep_liu}
    assert scope_of(cast.manager) == ResolvedScope(
        everything=False,
        person_ids=frozenset(person.id for person in members),
        department_ids=frozenset({cast.east_region.id, cast.shanghai_group.id, cast.hangzhou_group.id}),
    )


def test_the_supervisor_sees_his_group(cast):
    assert scope_of(cast.supervisor) == ResolvedScope(
        everything=False,
        person_ids=frozenset({cast.supervisor.id, cast.rep_li.id, cast.rep_zhang.id}),
        department_ids=frozenset({cast.shanghai_group.id}),
    )


@pytest.mark.parametrize("name", ["rep_li", "rep_zhang", "rep_liu"])
def test_a_rep_sees_only_themselves(cast, name):
    rep = cast.people()[name]

    assert scope_of(rep) == ResolvedScope(everything=False, person_ids=frozenset({rep.id}), department_ids=frozenset())


def test_the_admin_sees_everything_through_his_role_not_a_superuser_flag(cast):
    admin = User.objects.get(id=cast.admin.id)

    assert admin.is_superuser is False
    assert admin.resolved_scope().everything is True


def test_the_department_scope_from_a_group_reaches_its_department_and_sibling_groups(cast):
    give_role(cast, cast.rep_li, "department")

    assert scope_of(cast.rep_li).department_ids == {cast.east_region.id, cast.shanghai_group.id, cast.hangzhou_group.id}


def test_the_department_scope_stops_at_sub_departments_and_below_does_not(cast):
    jiangsu = create_department(actor=cast.admin, name="江苏分部", kind="department", parent=cast.east_region)
    nanjing = create_department(actor=cast.admin, name="南京组", kind="group", parent=jiangsu)
    own_groups = {cast.east_region.id, cast.shanghai_group.id, cast.hangzhou_group.id}

    give_role(cast, cast.rep_li, "department")
    assert scope_of(cast.rep_li).department_ids == own_groups

    assert scope_of(cast.manager).department_ids == own_groups | {jiangsu.id, nanjing.id}


def test_the_group_scope_of_someone_in_a_department_is_that_department(cast):
    give_role(cast, cast.manager, "group")

    assert scope_of(cast.manager).department_ids == {cast.east_region.id}


def test_chosen_departments_reach_their_subtrees(cast):
    give_role(cast, cast.rep_liu, "chosen_departments", [cast.east_region, cast.service_department])

    members = {cast.manager, cast.supervisor, cast.rep_li, cast.rep_zhang, cast.rep_liu, cast.after_sales}
    assert scope_of(cast.rep_liu) == ResolvedScope(
        everything=False,
        person_ids=frozenset(person.id for person in members),
        department_ids=frozenset(
            {cast.east_region.id, cast.shanghai_group.id, cast.hangzhou_group.id, cast.service_department.id}
        ),
    )


def test_chosen_departments_do_not_depend_on_where_the_holder_is(cast):
    give_role(cast, cast.rep_liu, "chosen_departments", [cast.service_department])

    assert scope_of(cast.rep_liu).department_ids == {cast.service_department.id}


def test_several_roles_add_up(cast):
    cast.rep_li.roles.add(Role.objects.get(code="supervisor"))
    extra = create_role(
        actor=cast.admin,
        code="service_reader",
        name="客服查看",
        permissions=[],
        data_scope="chosen_departments",
        scope_departments=[cast.service_department],
        field_permissions=[],
    )
    cast.rep_li.roles.add(extra)

    assert scope_of(cast.rep_li).department_ids == {cast.shanghai_group.id, cast.service_department.id}


def test_a_move_changes_the_scope(cast, as_person):
    as_person("admin").post(
        f"/api/v1/users/{cast.supervisor.id}/move/", {"department": cast.hangzhou_group.id, "reason": "调任"}
    )

    assert scope_of(cast.supervisor).department_ids == {cast.hangzhou_group.id}
    assert {row["username"] for row in as_person("supervisor").get("/api/v1/users/").json()["results"]} == {
        "supervisor",
        "rep_liu",
    }


def test_nobody_logged_out_sees_anything(cast):
    assert list(User.objects.visible_to(None)) == []
