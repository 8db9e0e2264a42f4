"""The demo organisation: what `make run` loads and what the tests call the cast.

    康源医药 (company)            admin 系统管理员, executive 周志远
    ├── 华东大区 (department)     manager 王建国
    │   ├── 上海一组 (group)      supervisor 陈静, reps 李明, 张伟
    │   └── 杭州组 (group)        rep 刘洋
    └── 客服部 (department)       after_sales 赵敏

Everything is created through the services, as an admin would, so the audit trail and
the dated memberships are those of a real installation.
"""

from dataclasses import dataclass
from datetime import datetime

from crm.accounts.models import Role, User
from crm.accounts.services import create_first_admin, create_user
from crm.org.models import Department, DepartmentKind
from crm.org.services import create_department, update_department

DEMO_PASSWORD = "MallCrm#2026"


@dataclass
class DemoOrganisation:
    company: Department
    east_region: Department
    shanghai_group: Department
    hangzhou_group: Department
    service_department: Department
    admin: User
    executive: User
    manager: User
    supervisor: User
    rep_li: User
    rep_zhang: User
    rep_liu: User
    after_sales: User

    def people(self) -> dict[str, User]:
        return {
            "admin": self.admin,
            "executive": self.executive,
            "manager": self.manager,
            "supervisor": self.supervisor,
            "rep_li": self.rep_li,
            "rep_zhang": self.rep_zhang,
            "rep_liu": self.rep_liu,
            "after_sales": self.after_sales,
        }


def build_demo_organisation(password: str = DEMO_PASSWORD, joined_at: datetime | None = None) -> DemoOrganisation:
    """The organisation, everyone a member of their unit since `joined_at` (default: now),
    so that a history of orders from before today is credited to their groups."""
    admin = create_first_admin(
        username="admin", display_name="系统管理员", password=password, company_name="康源医药", joined_at=joined_at
    )
    company = Department.objects.get(parent__isnull=True)
    roles = {role.code: role for role in Role.objects.all()}

    def unit(name: str, kind: str, parent: Department, description: str) -> Department:
        return create_department(actor=admin, name=name, kind=kind, parent=parent, description=description)

    def person(username: str, display_name: str, department: Department, role: str) -> User:
        return create_user(
            actor=admin,
            username=username,
            display_name=display_name,
            password=password,
            department=department,
            roles=[roles[role]],
            email=f"{username}@kangyuan-pharma.example",
            joined_at=joined_at,
        )

    east = unit("华东大区", DepartmentKind.DEPARTMENT, company, "上海、江苏、浙江的药店客户")
    shanghai = unit("上海一组", DepartmentKind.GROUP, east, "上海市区单体药店与连锁药店")
    hangzhou = unit("杭州组", DepartmentKind.GROUP, east, "杭州及浙北地区")
    service = unit("客服部", DepartmentKind.DEPARTMENT, company, "售后服务、投诉与回访")

    executive = person("executive", "周志远", company, "executive")
    manager = person("manager", "王建国", east, "department_manager")
    supervisor = person("supervisor", "陈静", shanghai, "supervisor")
    rep_li = person("rep_li", "李明", shanghai, "sales_rep")
    rep_zhang = person("rep_zhang", "张伟", shanghai, "sales_rep")
    rep_liu = person("rep_liu", "刘洋", hangzhou, "sales_rep")
    after_sales = person("after_sales", "赵敏", service, "after_sales")

    update_department(actor=admin, department=east, manager=manager)
    update_department(actor=admin, department=shanghai, manager=supervisor)
    update_department(actor=admin, department=service, manager=after_sales)
    return DemoOrganisation(
        company=company,
        east_region=Department.objects.get(id=east.id),
        shanghai_group=Department.objects.get(id=shanghai.id),
        hangzhou_group=hangzhou,
        service_department=Department.objects.get(id=service.id),
        admin=admin,
        executive=executive,
        manager=manager,
        supervisor=supervisor,
        rep_li=rep_li,
        rep_zhang=rep_zhang,
        rep_liu=rep_liu,
        after_sales=after_sales,
    )
