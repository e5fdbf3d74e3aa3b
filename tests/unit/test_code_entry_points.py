"""One normalisation of typed codes at every entry point (issue 20): the household form and edit, the imports, the
search boxes and values arriving in a bundle all store and find a citizen ID typed with full-width digits, spaces or
a lower-case x as its 18 ASCII characters; credit codes likewise."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.domain.households import household_problems, save_household
from app.domain.programs.enterprises import EnterpriseInput, save_enterprise
from app.domain.registry import HouseholdQuery, LoanQuery, find_households, find_loans
from app.errors import ValidationError
from app.models import Enterprise, Household, Member
from app.reports.import_households import import_households
from app.sync.merge.values import storage_converter, to_python
from tests.records_data import make_household, make_loan
from tests.unit.test_import_workbooks import build_workbook

ID = "11010519491231002X"
FULL_WIDTH = "１１０１０５１９４９１２３１００２ｘ"
SPACED = "110105 19491231 002x"
OTHER = "610111197503080015"
CREDIT = "91350100M000100Y43"


def test_the_form_accepts_a_full_width_id_and_the_edit_stores_ascii(store):
    household = make_household(store)
    assert household_problems({"head_name": "王建国", "head_citizen_id": FULL_WIDTH}) == {}
    save_household(store, household, {"head_name": "王建国", "head_citizen_id": FULL_WIDTH,
                                      "phone": "１３９１２３４５６７８"})
    with store.read() as session:
        row = session.get(Household, household)
        head = session.execute(sa.select(Member).where(Member.household_id == household,
                                                       Member.is_head.is_(True))).scalar_one()
    assert (row.head_citizen_id, head.citizen_id, row.phone) == (ID, ID, "13912345678")


def test_a_full_width_id_cannot_slip_past_the_duplicate_check(store):
    make_household(store, citizen_id=ID, head="张三")
    other = make_household(store, citizen_id=OTHER, head="李四")
    for typed in (FULL_WIDTH, SPACED):
        with pytest.raises(ValidationError, match="Another household already has"):
            save_household(store, other, {"head_name": "李四", "head_citizen_id": typed})


def test_arabic_indic_digits_do_not_pass_the_form():
    typed = "".join(chr(0x0660 + int(c)) for c in ID[:17]) + "X"
    assert "head_citizen_id" in household_problems({"head_name": "王建国", "head_citizen_id": typed})


def test_the_household_import_stores_ascii(make_node, tmp_path):
    hub = make_node(role="hub", street=None)[0]
    path = build_workbook(tmp_path / "roster.xlsx", ["街道", "姓名", "与户主关系", "身份证号"],
                          [["纺织城", "全角户", "户主", FULL_WIDTH],
                           ["纺织城", "空格户", "户主", "6101 1119 7503 0800 15"]])
    report = import_households(hub, path)
    assert report.counts["households"].added == 2 and not report.refused
    with hub.read() as session:
        assert set(session.execute(sa.select(Household.head_citizen_id)).scalars()) == {ID, OTHER}


def test_search_finds_an_id_typed_full_width_or_spaced(store):
    household = make_household(store, citizen_id=ID)
    make_loan(store, household)
    with store.read() as session:
        for typed in ("１９４９１２３１", "1949 1231 002x", "110105１９４９"):
            assert [r.id for r in find_households(session, HouseholdQuery(text=typed)).rows] == [household]
            assert len(find_loans(session, LoanQuery(text=typed)).rows) == 1


def test_values_arriving_in_a_bundle_are_normalised():
    for table, column in ((Household, "head_citizen_id"), (Member, "citizen_id")):
        col = sa.inspect(table).local_table.c[column]
        assert storage_converter(col, {})(FULL_WIDTH) == ID
        assert to_python(col, SPACED, {}) == ID
    name = sa.inspect(Household).local_table.c["head_name"]
    assert storage_converter(name, {})("王　建国") == "王　建国"  # only code columns are touched


def test_credit_codes_however_typed_are_stored_clean(make_node):
    hub = make_node(role="hub", street=None)[0]
    save_enterprise(hub, EnterpriseInput(name="灞桥养殖合作社", credit_code="９１３５ ０１００-Ｍ０００１００ｙ４３"))
    with hub.read() as session:
        assert session.execute(sa.select(Enterprise.credit_code)).scalar_one() == CREDIT
    with pytest.raises(ValidationError, match="division code"):
        save_enterprise(hub, EnterpriseInput(name="错误代码企业", credit_code="91AB0100M000100Y43"))
    col = sa.inspect(Enterprise).local_table.c["credit_code"]
    assert storage_converter(col, {})("9135 0100 m000 100y 43") == CREDIT
