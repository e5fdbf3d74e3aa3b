"""Import the household roster (花名册) from .xlsx, .xls or .ods: one row per household, or one row per member with the
relation to the head (与户主关系).

Households are matched by the head's citizen ID; a matched household gets only its changed fields written
(blank cells never erase what is recorded). Villages that do not exist yet under the street are created.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.cancel import CancelToken
from app.db.ids import TimeOrderedIds
from app.domain.codes import phone_error
from app.domain.names import pinyin_initials, pinyin_initials_many
from app.domain.permissions import Permission, has_permission
from app.domain.scope import in_scope, scope_street
from app.models import Household, Member, PovertyStatusChange, Street, Village
from app.models.enums import LabourCapacity, PovertyStatus, Sex
from app.reports.parsing import (
    LABOUR_WORDS,
    Problem,
    birth_date_and_male,
    citizen_id_from_cell,
    clean_text,
    find_street_in_text,
    is_blank,
    is_head_relation,
    match_poverty_status,
    match_street,
    match_word,
    parse_date,
    parse_int,
    parse_sex,
)
from app.reports.reader import SourceRow, Table
from app.reports.workbook import Progress, ProgressFn
from app.reports.xlsx_import import (
    ImportReport,
    RowSet,
    changes_for,
    get_text,
    get_value,
    rows_text,
    run_import,
)

HOUSEHOLD_ALIASES: dict[str, tuple[str, ...]] = {
    "street": ("街道", "镇街", "街道办", "街办", "街道名称", "所属街道", "镇(街道)", "街道(镇)", "乡镇", "乡镇(街道)",
               "镇办", "街道代码", "街道编码"),
    "village": ("村", "村(社区)", "行政村", "村名", "村名称", "社区", "村委会", "所属村", "村居", "村(居)", "村社区",
                "村(居)委会"),
    "group": ("组", "组别", "村民小组", "小组", "组名", "村组"),
    "head_name": ("户主姓名", "户主", "户主名称"),
    "name": ("姓名", "成员姓名", "家庭成员姓名", "家庭成员"),
    "citizen_id": ("身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证", "证件号", "居民身份证号码",
                   "居民身份证号", "身份证件号码", "成员身份证号", "成员身份证号码"),
    "head_citizen_id": ("户主身份证号", "户主身份证号码", "户主证件号码", "户主公民身份号码", "户主身份证"),
    "relation": ("与户主关系", "与户主的关系", "关系", "家庭关系", "成员关系"),
    "phone": ("联系电话", "手机号", "电话", "手机号码", "联系方式", "手机", "电话号码"),
    "address": ("地址", "家庭住址", "住址", "详细地址", "家庭地址", "户籍地址", "现住址"),
    "size": ("家庭人口", "家庭人口数", "人口", "人口数", "户人口", "家庭人数", "人数", "家庭成员数", "户人口数"),
    "poverty_status": ("贫困户属性", "户类型", "贫困状态", "户属性", "脱贫状态", "贫困户类型", "户别", "扶贫对象类型",
                       "贫困属性", "帮扶对象类型", "贫困户状态", "户状态"),
    "status_since": ("状态日期", "认定日期", "识别日期", "识别时间", "脱贫日期", "脱贫时间", "纳入日期", "纳入时间",
                     "状态变更日期"),
    "household_no": ("户编号", "户号", "户码", "家庭编号"),
    "sex": ("性别",),
    "birth_date": ("出生日期", "出生年月"),
    "labour": ("劳动能力", "劳动力状况", "劳动技能", "劳动力"),
}
REQUIRED = (("citizen_id", "head_citizen_id"), ("name", "head_name"))
LABELS = {"citizen_id": "身份证号", "name": "户主姓名"}
MAX_SIZE = 30


@dataclass
class MemberData:
    row: SourceRow
    name: str
    citizen_id: str | None
    relation: str
    is_head: bool
    sex: Sex | None = None
    birth_date: dt.date | None = None
    phone: str = ""
    labour: LabourCapacity | None = None


@dataclass
class HouseholdData:
    rows: list[SourceRow]
    values: dict[str, Any] = field(default_factory=dict)  # household columns read from the file (non-blank)
    members: list[MemberData] = field(default_factory=list)
    head_id: str = ""
    village_name: str = ""
    member_layout: bool = False


@dataclass
class Plan:
    report: ImportReport
    new_villages: list[dict[str, Any]] = field(default_factory=list)
    new_households: list[dict[str, Any]] = field(default_factory=list)
    new_members: list[dict[str, Any]] = field(default_factory=list)
    new_status_changes: list[dict[str, Any]] = field(default_factory=list)
    updates: list[tuple[Any, dict[str, Any]]] = field(default_factory=list)  # (ORM object, changed fields)
    new_id: TimeOrderedIds = field(default_factory=TimeOrderedIds)


def import_households(store: Any, path: Path | str, *, dry_run: bool = False, errors_out: Path | str | None = None,
                      as_of: dt.date | None = None, progress: ProgressFn | None = None,
                      cancel: CancelToken | None = None) -> ImportReport:
    """Import (or with ``dry_run`` only plan) a household roster; return what was (would be) done.

    Raises :class:`~app.reports.reader.UnreadableWorkbook` for a file that is not a readable roster,
    PermissionDenied without IMPORT_HOUSEHOLDS/EDIT_HOUSEHOLDS, Cancelled when ``cancel.cancelled`` turns true
    (nothing is written then). ``errors_out``: where to write refused rows (only if there are any).
    """
    if not (has_permission(store.user.role, Permission.IMPORT_HOUSEHOLDS)
            or has_permission(store.user.role, Permission.EDIT_HOUSEHOLDS)):
        store.require(Permission.IMPORT_HOUSEHOLDS)
    today = as_of or dt.date.today()
    own_street = scope_street(store)
    return run_import(store, path, (HOUSEHOLD_ALIASES, REQUIRED, LABELS),
                      plan=lambda session, table, ticker: _plan(session, table, own_street, today, ticker),
                      apply=lambda session, plan, ticker: _apply(store, session, plan, ticker),
                      dry_run=dry_run, errors_out=errors_out, progress=progress, cancel=cancel)


# -- reading rows ------------------------------------------------------------------------------------------------
def _plan(session: Session, table: Table, own_street: str | None, today: dt.date, ticker: Progress) -> Plan:
    report = ImportReport(kind="households", path=table.path, dry_run=True, rows_read=len(table.rows),
                          notes_skipped=table.skipped_notes,
                          reading_notes=table.notes())
    for category in ("households", "members", "villages", "status_changes"):
        report.count(category)
    plan = Plan(report)
    problems = RowSet()
    problems.seed(table)
    streets = {code: name for code, name in session.execute(sa.select(Street.code, Street.name))}
    default_street = own_street or find_street_in_text(table.title_text, streets)
    member_layout = table.has("relation")
    groups = _group_rows(table, member_layout, problems)
    households: list[HouseholdData] = []
    for rows in groups:
        data = _read_household(table, rows, member_layout, streets, default_street, problems)
        ticker.tick(len(rows))
        if data is not None:
            households.append(data)
    _check_duplicates(households, problems)
    _check_database(session, households, problems, own_street, streets)
    # a household is imported whole or not at all
    good: list[HouseholdData] = []
    for data in households:
        if any(problems.bad(r) for r in data.rows):
            for row in data.rows:
                if not problems.bad(row):
                    problems.add(row, Problem("group_other_row"))
        else:
            good.append(data)
    for orphan_rows in _orphans(groups, households):
        for row in orphan_rows:
            if not problems.bad(row):
                problems.add(row, Problem("group_other_row"))
    _plan_writes(session, plan, good, today, ticker)
    report.refused = problems.refused()
    report.partial = problems.partial()
    report.count("households").refused = len(report.refused)
    return plan


def _orphans(groups: list[list[SourceRow]], households: list[HouseholdData]) -> list[list[SourceRow]]:
    read = {id(data.rows[0]) for data in households}
    return [rows for rows in groups if rows and id(rows[0]) not in read]


def _group_rows(table: Table, member_layout: bool, problems: RowSet) -> list[list[SourceRow]]:
    """Rows of each household: one row each, or grouped by head ID / household number / head rows in order."""
    if not member_layout:
        return [[row] for row in table.rows]
    key_field = ("head_citizen_id" if table.has("head_citizen_id") and table.has("citizen_id")
                 else "household_no" if table.has("household_no") else None)
    if key_field:
        by_key: dict[str, list[SourceRow]] = defaultdict(list)
        for row in table.rows:
            key = get_text(table, row, key_field).upper() or f"row-{row.number}"
            by_key[key].append(row)
        return list(by_key.values())
    groups: list[list[SourceRow]] = []
    current: list[SourceRow] | None = None
    for row in table.rows:
        if is_head_relation(get_value(table, row, "relation")):
            current = [row]
            groups.append(current)
        elif current is None:
            problems.add(row, Problem("relation_no_head"))
            groups.append([row])
        else:
            current.append(row)
    return groups


@dataclass
class _Reading:
    """One household's rows as they are read: the table, the rows, the head's row, and where problems go."""

    table: Table
    rows: list[SourceRow]
    head_row: SourceRow
    problems: RowSet

    def first(self, name: str) -> Any:
        """The head row's value, else the first filled value of the household."""
        column = self.table.columns.get(name)
        if column is None:
            return None
        for row in (self.head_row,) if len(self.rows) == 1 else (self.head_row, *self.rows):
            value = row.value(column)
            if not is_blank(value):
                return value
        return None

    def refuse(self, problem: Problem) -> None:
        """A problem with a household column: it is the head row's."""
        self.problems.add(self.head_row, problem)


def _read_household(table: Table, rows: list[SourceRow], member_layout: bool, streets: dict[str, str],
                    default_street: str | None, problems: RowSet) -> HouseholdData | None:
    """One household from its rows, in named steps; each step adds the problems it finds to ``problems``."""
    head_row = _head_row(table, rows, member_layout, problems)
    if head_row is None:
        return None
    data = HouseholdData(rows=rows, member_layout=member_layout)
    reading = _Reading(table, rows, head_row, problems)
    _read_street(reading, data.values, streets, default_street)
    _read_place(reading, data)
    _read_phone(reading, data.values)
    _read_size(reading, data.values, member_layout)
    _read_poverty_status(reading, data.values)
    _read_members(reading, data, member_layout)
    return data


def _head_row(table: Table, rows: list[SourceRow], member_layout: bool, problems: RowSet) -> SourceRow | None:
    """The head's row (the only row of a one-row household); None, with a problem on each row, when none is."""
    heads = [r for r in rows if not member_layout or is_head_relation(get_value(table, r, "relation"))]
    if not heads:
        for row in rows:
            problems.add(row, Problem("relation_no_head"))
        return None
    if len(heads) > 1:
        for row in heads:
            problems.add(row, Problem("relation_two_heads"))
    return heads[0]


def _member_columns(table: Table, member_layout: bool) -> tuple[str, str]:
    """The columns of a member's name and citizen ID: the head's own columns in a one-row-per-household roster."""
    name_field = "head_name" if not member_layout and table.has("head_name") else "name"
    id_field = "head_citizen_id" if not member_layout and table.has("head_citizen_id") else "citizen_id"
    if not table.has(name_field):
        name_field = "head_name"
    if not table.has(id_field):
        id_field = "head_citizen_id"
    return name_field, id_field


def _read_street(reading: _Reading, values: dict[str, Any], streets: dict[str, str],
                 default_street: str | None) -> None:
    """The street named in the row, else the node's own or the one in the sheet's title."""
    street_value = reading.first("street")
    try:
        if street_value is not None:
            values["street_code"] = match_street(street_value, streets)
        elif default_street:
            values["street_code"] = default_street
        else:
            raise Problem("street_missing")
    except Problem as problem:
        reading.refuse(problem)


def _read_place(reading: _Reading, data: HouseholdData) -> None:
    """Village, group, address and household number (blank cells leave what is recorded)."""
    village = clean_text(reading.first("village"))
    if village:
        data.village_name = village
    for column, attr in (("group", "group_name"), ("address", "address"), ("household_no", "household_no")):
        text = clean_text(reading.first(column))
        if text:
            data.values[attr] = text


def _read_phone(reading: _Reading, values: dict[str, Any]) -> None:
    phone = clean_text(reading.first("phone")).replace(" ", "")
    if phone:
        if phone_error(phone):
            reading.refuse(Problem("phone_bad", {"value": phone}))
        values["phone"] = phone


def _read_size(reading: _Reading, values: dict[str, Any], member_layout: bool) -> None:
    """The household size as stated, else (one row per member) the number of rows."""
    size_value = reading.first("size")
    if size_value is None:
        if member_layout:
            values["size"] = len(reading.rows)
        return
    try:
        size = parse_int(size_value)
        if size is None or not 1 <= size <= MAX_SIZE:
            raise ValueError(size_value)
        values["size"] = size
    except (ValueError, TypeError):
        reading.refuse(Problem("size_bad", {"value": clean_text(size_value)}))


def _read_poverty_status(reading: _Reading, values: dict[str, Any]) -> None:
    """The poverty status and the day it took effect."""
    status_value = reading.first("poverty_status")
    if status_value is not None:
        try:
            values["poverty_status"] = match_poverty_status(status_value)
        except Problem as problem:
            reading.refuse(problem)
    try:
        since_column = reading.table.column("status_since")
        since = parse_date(reading.first("status_since"), since_column.header if since_column else "",
                           reading.table.epoch, month_ok=True)
        if since is not None:
            values["poverty_status_since"] = since
    except Problem as problem:  # an optional field: left out, the household is imported
        reading.problems.note(reading.head_row, problem)


def _read_members(reading: _Reading, data: HouseholdData, member_layout: bool) -> None:
    """Every member (one row each), or the head alone; the head's name and ID become the household's."""
    name_field, id_field = _member_columns(reading.table, member_layout)
    for row in reading.rows if member_layout else [reading.head_row]:
        member = _read_member(reading.table, row, name_field, id_field, member_layout, reading.problems)
        if member is None:
            continue
        data.members.append(member)
        if member.is_head and row is reading.head_row:
            data.values["head_name"] = member.name
            data.head_id = member.citizen_id or ""
            if not member.citizen_id and not reading.problems.bad(row):
                reading.problems.add(row, Problem("id_missing"))
    if not member_layout and data.members:
        data.members[0].phone = data.values.get("phone", "")


def _read_member(table: Table, row: SourceRow, name_field: str, id_field: str, member_layout: bool,
                 problems: RowSet) -> MemberData | None:
    name = get_text(table, row, name_field).replace(" ", "")
    relation = get_text(table, row, "relation") if member_layout else "户主"
    is_head = is_head_relation(relation) if member_layout else True
    if not name:
        problems.add(row, Problem("name_missing"))
    raw_id = get_value(table, row, id_field)
    citizen_id: str | None = None
    if raw_id is not None or is_head:
        try:
            citizen_id = citizen_id_from_cell(raw_id)
        except Problem as problem:
            problems.add(row, problem)
    member = MemberData(row=row, name=name, citizen_id=citizen_id, relation=relation or "", is_head=is_head)
    if citizen_id:
        member.birth_date, male = birth_date_and_male(citizen_id)
        member.sex = Sex.MALE if male else Sex.FEMALE
    else:
        try:
            male_or_none = parse_sex(get_value(table, row, "sex"))
            member.sex = None if male_or_none is None else Sex.MALE if male_or_none else Sex.FEMALE
        except Problem as problem:
            problems.add(row, problem)
        try:
            column = table.column("birth_date")
            member.birth_date = parse_date(get_value(table, row, "birth_date"), column.header if column else "",
                                           table.epoch, month_ok=True)
        except Problem as problem:  # an optional field: left out, the member is imported
            problems.note(row, problem)
    if member_layout:
        phone = get_text(table, row, "phone").replace(" ", "")
        if phone and not phone_error(phone):
            member.phone = phone
    labour = get_value(table, row, "labour")
    if labour is not None:
        try:
            member.labour = match_word(LABOUR_WORDS, labour, "labour_unknown")
        except Problem as problem:
            problems.add(row, problem)
    return member


def _check_duplicates(households: list[HouseholdData], problems: RowSet) -> None:
    """An ID twice in the file refuses every row carrying it: Fieldbook does not guess which one is right."""
    where: dict[str, list[int]] = defaultdict(list)
    for data in households:
        for member in data.members:
            if member.citizen_id:
                where[member.citizen_id].append(member.row.number)
    for data in households:
        for member in data.members:
            if member.citizen_id and len(where[member.citizen_id]) > 1:
                problems.add(member.row, Problem("dup_id_in_file", {"rows": rows_text(where[member.citizen_id])}))


def _check_database(session: Session, households: list[HouseholdData], problems: RowSet, own_street: str | None,
                    streets: dict[str, str]) -> None:
    ids = [m.citizen_id for d in households for m in d.members if m.citizen_id]
    heads: dict[str, tuple[uuid.UUID, bool]] = {}
    members: dict[str, set[uuid.UUID]] = defaultdict(set)
    for chunk in _chunks(ids):
        for head_cid, hid, deleted in session.execute(sa.select(Household.head_citizen_id, Household.id,
                                                                Household.deleted)
                                                      .where(Household.head_citizen_id.in_(chunk))):
            heads[head_cid] = (hid, deleted)
        for member_cid, hid in session.execute(sa.select(Member.citizen_id, Member.household_id)
                                        .join(Household, Household.id == Member.household_id)
                                        .where(Member.citizen_id.in_(chunk), Member.deleted.is_(False),
                                               Household.deleted.is_(False))):
            if member_cid:
                members[member_cid].add(hid)
    for data in households:
        street = data.values.get("street_code")
        if street and own_street and not in_scope(street, own_street):
            problems.add(data.rows[0], Problem("street_foreign", {"street": streets.get(street, street),
                                                                  "own": streets.get(own_street, own_street)}))
        if data.head_id and data.head_id in heads and heads[data.head_id][1]:
            problems.add(data.rows[0], Problem("household_deleted"))
        household_id = heads.get(data.head_id, (None, False))[0]
        for member in data.members:
            cid = member.citizen_id
            if not cid:
                continue
            elsewhere = {h for h in members.get(cid, set()) if h != household_id}
            head_of = heads.get(cid)
            if elsewhere or (head_of and head_of[0] != household_id and not head_of[1]):
                problems.add(member.row, Problem("id_in_other_household"))


def _chunks(values: list[str], size: int = 500) -> list[list[str]]:
    unique = sorted(set(values))
    return [unique[i:i + size] for i in range(0, len(unique), size)]


# -- planning writes ----------------------------------------------------------------------------------------------
def _plan_writes(session: Session, plan: Plan, households: list[HouseholdData], today: dt.date,
                 ticker: Progress) -> None:
    report = plan.report
    villages = {(street, name): vid for vid, street, name in
                session.execute(sa.select(Village.id, Village.street_code, Village.name)
                                .where(Village.deleted.is_(False)))}
    existing: dict[str, Household] = {}
    for chunk in _chunks([d.head_id for d in households]):
        for found in session.execute(sa.select(Household).where(Household.head_citizen_id.in_(chunk))).scalars():
            existing[found.head_citizen_id] = found
    existing_members: dict[uuid.UUID, list[Member]] = defaultdict(list)
    household_ids = [h.id for h in existing.values()]
    for i in range(0, len(household_ids), 500):
        for member in session.execute(sa.select(Member).where(Member.household_id.in_(household_ids[i:i + 500]),
                                                              Member.deleted.is_(False))).scalars():
            existing_members[member.household_id].append(member)

    for data in households:
        ticker.tick(len(data.rows))
        values = dict(data.values)
        street = values["street_code"]
        if data.village_name:
            key = (street, data.village_name)
            if key not in villages:
                villages[key] = uuid.uuid4()
                plan.new_villages.append({"id": villages[key], "street_code": street, "code": None,
                                          "name": data.village_name})
                report.count("villages").added += 1
            values["village_id"] = villages[key]
        household = existing.get(data.head_id)
        if household is None:
            _plan_new(plan, data, values, today)
        else:
            _plan_update(plan, data, values, household, existing_members[household.id], today)
    initials = pinyin_initials_many([row["head_name"] for row in plan.new_households])
    for row, letters in zip(plan.new_households, initials, strict=True):
        row["head_initials"] = letters


def _plan_new(plan: Plan, data: HouseholdData, values: dict[str, Any], today: dt.date) -> None:
    report = plan.report
    household_id = plan.new_id()
    status = values.get("poverty_status", PovertyStatus.REGISTERED)
    size = values.get("size", max(1, len(data.members)))
    plan.new_households.append({
        "id": household_id, "street_code": values["street_code"], "village_id": values.get("village_id"),
        "group_name": values.get("group_name", ""), "household_no": values.get("household_no", ""),
        "head_name": values["head_name"], "head_initials": "",  # filled for all at once (_plan_writes)
        "head_citizen_id": data.head_id, "phone": values.get("phone", ""), "address": values.get("address", ""),
        "size": size, "poverty_status": status, "poverty_status_since": values.get("poverty_status_since"),
        "note": "",
    })
    report.count("households").added += 1
    for position, member in enumerate(sorted(data.members, key=lambda m: not m.is_head)):
        plan.new_members.append(_member_row(plan, member, household_id, position))
        report.count("members").added += 1
    plan.new_status_changes.append({"id": plan.new_id(), "household_id": household_id, "status": status,
                                    "effective_on": values.get("poverty_status_since") or today,
                                    "note": "导入"})
    report.count("status_changes").added += 1


def _member_row(plan: Plan, member: MemberData, household_id: uuid.UUID, position: int) -> dict[str, Any]:
    return {"id": plan.new_id(), "household_id": household_id, "position": position, "name": member.name,
            "relation": "户主" if member.is_head else member.relation, "citizen_id": member.citizen_id,
            "sex": member.sex, "birth_date": member.birth_date, "phone": member.phone,
            "labour_capacity": member.labour or LabourCapacity.FULL, "is_head": member.is_head}


def _plan_update(plan: Plan, data: HouseholdData, values: dict[str, Any], household: Household,
                 members: list[Member], today: dt.date) -> None:
    report = plan.report
    wanted = {k: v for k, v in values.items() if k not in {"poverty_status", "poverty_status_since"}}
    if "head_name" in wanted:
        wanted["head_initials"] = pinyin_initials(wanted["head_name"])
    status = values.get("poverty_status")
    if status is not None and status != household.poverty_status:
        wanted["poverty_status"] = status
        wanted["poverty_status_since"] = values.get("poverty_status_since") or today
        plan.new_status_changes.append({"id": plan.new_id(), "household_id": household.id, "status": status,
                                        "effective_on": wanted["poverty_status_since"], "note": "导入"})
        report.count("status_changes").added += 1
    elif values.get("poverty_status_since") is not None:
        wanted["poverty_status_since"] = values["poverty_status_since"]
    changes = changes_for(household, wanted)
    if changes:
        plan.updates.append((household, changes))
        report.count("households").updated += 1
    else:
        report.count("households").unchanged += 1
    by_id = {m.citizen_id: m for m in members if m.citizen_id}
    by_name = {m.name: m for m in members if not m.citizen_id}
    next_position = max((m.position for m in members), default=-1) + 1
    for member in data.members:
        current = by_id.get(member.citizen_id) if member.citizen_id else by_name.get(member.name)
        if current is None:
            if not data.member_layout:
                continue  # a one-row-per-household roster describes the household, not its member list
            plan.new_members.append(_member_row(plan, member, household.id, next_position))
            next_position += 1
            report.count("members").added += 1
            continue
        member_wanted: dict[str, Any] = {"name": member.name}
        if member.citizen_id:
            member_wanted.update(citizen_id=member.citizen_id, sex=member.sex, birth_date=member.birth_date)
        if member.relation and not member.is_head:
            member_wanted["relation"] = member.relation
        if member.is_head != current.is_head:
            member_wanted["is_head"] = member.is_head
        if member.phone:
            member_wanted["phone"] = member.phone
        if member.labour is not None:
            member_wanted["labour_capacity"] = member.labour
        member_changes = changes_for(current, member_wanted)
        if member_changes:
            plan.updates.append((current, member_changes))
            report.count("members").updated += 1
        else:
            report.count("members").unchanged += 1


# -- applying ----------------------------------------------------------------------------------------------------
def _apply(store: Any, session: Session, plan: Plan, ticker: Progress) -> None:
    audit = store.audit
    audit.bulk_insert(session, Village, plan.new_villages)
    audit.bulk_insert(session, Household, plan.new_households)
    audit.bulk_insert(session, Member, plan.new_members)
    audit.bulk_insert(session, PovertyStatusChange, plan.new_status_changes)
    for obj, changes in plan.updates:
        for name, value in changes.items():
            setattr(obj, name, value)
    session.flush()
    ticker.finish()  # the last moment a cancel still rolls everything back
    report = plan.report
    if report.changed:
        audit.event(session, "import", {"kind": "households", **{
            f"{category}_{what}": getattr(counts, what) for category, counts in report.counts.items()
            for what in ("added", "updated") if getattr(counts, what)}, "refused": len(report.refused)})
