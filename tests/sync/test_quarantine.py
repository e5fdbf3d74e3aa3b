"""One change that cannot be applied never blocks the rest (issue 17): it waits in quarantine with its reason, the
rest of the bundle and every later bundle apply, and a person applies it after fixing the cause or discards it with
a note. A change refused for a security reason still refuses its whole bundle, and the refusal stays in the
exchange history."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from app.domain.households import save_household
from app.domain.records import submit
from app.errors import ValidationError
from app.models import AuditEntry, Household, Loan, QuarantinedChange, RefusedBundle, Visit
from app.models.enums import RecordKind
from app.reports.import_households import import_households
from app.sync import status
from app.sync.bundle import BundleRefused
from app.sync.merge.review import discard_quarantined, retry_quarantined
from tests.unit.test_import_workbooks import build_workbook
from tests.unit.test_records import visit_values

from .conftest import OTHER_STREET, add_households, citizen_id

HEADER = ["身份证号", "户主姓名", "村", "街道"]


def pending(store) -> list[QuarantinedChange]:
    with store.read() as session:
        return list(session.execute(sa.select(QuarantinedChange).where(QuarantinedChange.status == "pending")
                                    .order_by(QuarantinedChange.origin_seq)).scalars())


def household_of(store, cid: str):
    with store.read() as session:
        return session.execute(sa.select(Household.id).where(Household.head_citizen_id == cid)).scalar()


def visit(store, household, day: int):
    on = dt.date(2024, 5, day)
    return submit(store, RecordKind.VISIT, visit_values(visited_on=on), household_id=household, today=on).record_id


def test_a_household_the_hub_holds_in_another_street_waits_and_the_rest_applies(net, tmp_path):
    n = net(fields=1)
    hub, laptop = n.hub, n.fields[0]
    clash, fine = citizen_id(600_001), citizen_id(600_002)
    with hub.write() as session:  # the hub knows this ID from another street (a typo, as it turns out)
        session.add(Household(street_code=OTHER_STREET, head_name="别街户", head_citizen_id=clash))
    path = build_workbook(tmp_path / "r.xlsx", HEADER, [[clash, "冲突户", "东村", "纺织城街道"],
                                                         [fine, "正常户", "东村", "纺织城街道"]])
    import_households(laptop, path)
    waiting, applied = household_of(laptop, clash), household_of(laptop, fine)
    visit(laptop, waiting, 2)
    visit(laptop, applied, 3)

    report = n.send(laptop, hub)
    assert report.quarantined == 4  # the household, its head, its status entry, its visit; nothing else
    assert report.applied == 5  # the village, the other household with its head and status, its visit
    assert any("repeats the head_citizen_id" in r for r in report.reasons)
    assert hub.check() == []
    entries = pending(hub)
    assert {e.table_name for e in entries} == {"households", "members", "poverty_status_changes", "visits"}

    # a later bundle applies; a new visit of the waiting household waits with it
    visit(laptop, applied, 4)
    visit(laptop, waiting, 5)
    later = n.send(laptop, hub)
    assert (later.applied, later.quarantined) == (1, 1)
    assert any("in quarantine" in r for r in later.reasons)

    # the hub corrects its own record; applying the household again takes everything waiting for it along
    with hub.read() as session:
        other = session.execute(sa.select(Household.id).where(Household.street_code == OTHER_STREET)).scalar()
    save_household(hub, other, {"head_name": "别街户", "head_citizen_id": citizen_id(600_003)})
    insert = next(e for e in pending(hub) if e.table_name == "households")
    outcome = retry_quarantined(hub, [insert.id])
    assert (outcome.applied, outcome.still_held) == (5, 0)
    assert pending(hub) == []
    with hub.read() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(Visit)
                               .where(Visit.household_id == waiting)).scalar() == 2
    assert hub.check() == []
    assert n.send(laptop, hub).skipped >= 0  # the laptop goes on as before
    n.send(hub, laptop)
    assert laptop.check() == []


def test_a_quarantined_change_is_discarded_with_a_note_and_audited(net, tmp_path):
    n = net(fields=1)
    hub, laptop = n.hub, n.fields[0]
    clash = citizen_id(600_011)
    with hub.write() as session:
        session.add(Household(street_code=OTHER_STREET, head_name="别街户", head_citizen_id=clash))
    import_households(laptop, build_workbook(tmp_path / "r.xlsx", HEADER, [[clash, "冲突户", "东村", "纺织城街道"]]))
    n.send(laptop, hub)
    entries = pending(hub)
    with pytest.raises(ValidationError):
        discard_quarantined(hub, [e.id for e in entries], "  ")
    assert discard_quarantined(hub, [e.id for e in entries], "重复登记，以别街户为准") == len(entries)
    assert pending(hub) == []
    with hub.read() as session:
        event = session.execute(sa.select(AuditEntry).where(AuditEntry.action == "quarantine_discarded")).scalar_one()
        assert "重复登记" in event.data
    again = n.export(laptop, hub)  # the same changes come again: they stay discarded
    from app.sync.importer import import_bundle

    assert import_bundle(hub, again).quarantined == 0 and pending(hub) == []


def test_a_security_refusal_still_refuses_the_whole_bundle_and_is_kept_in_the_history(net):
    n = net(fields=1)
    hub, laptop = n.hub, n.fields[0]
    household = add_households(laptop, 1)[0]
    with laptop.write() as session:  # a laptop writing the bank's record: forged or broken, never quarantined
        from app.models import Bank

        bank = Bank(code="X", name="某银行")
        session.add(bank)
        session.flush()
        session.add(Loan(bank_id=bank.id, contract_no="C-1", household_id=household, borrower_name="某",
                         borrower_citizen_id="x", street_code="610111001", amount_fen=1, term_months=12,
                         disbursed_on=dt.date(2024, 1, 1), matures_on=dt.date(2025, 1, 1)))
    with pytest.raises(BundleRefused, match="only the bank"):
        n.send(laptop, hub)
    assert pending(hub) == []
    with hub.read() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(Household)).scalar() == 0
        refused = session.execute(sa.select(RefusedBundle)).scalar_one()
        assert refused.sender == laptop.info.node_id and "only the bank" in refused.reason
    rows = [r for r in status.history(hub) if r.state == status.REFUSED]
    assert len(rows) == 1 and "only the bank" in rows[0].reason and rows[0].peer_id == laptop.info.node_id


def test_the_command_line_lists_applies_and_discards_what_waits(net, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    from tests.conftest import ADMIN, PASSWORD

    root = Path(__file__).resolve().parents[2]

    def run(*args: str) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDBOOK_")}
        env.update({"FIELDBOOK_DATA_DIR": str(tmp_path / "hub"), "FIELDBOOK_USER": ADMIN,
                    "FIELDBOOK_PASSWORD": PASSWORD, "FIELDBOOK_LANG": "en", "QT_QPA_PLATFORM": "offscreen"})
        return subprocess.run([sys.executable, str(root / "main.py"), *args], capture_output=True, text=True,
                              env=env, timeout=120, stdin=subprocess.DEVNULL, cwd=tmp_path)

    n = net(fields=1)
    hub, laptop = n.hub, n.fields[0]
    clash = citizen_id(600_021)
    with hub.write() as session:
        session.add(Household(street_code=OTHER_STREET, head_name="别街户", head_citizen_id=clash))
    import_households(laptop, build_workbook(tmp_path / "r.xlsx", HEADER, [[clash, "冲突户", "东村", "纺织城街道"]]))
    path = n.export(laptop, hub)
    done = run("bundle", "import", str(path))
    assert done.returncode == 0, done.stderr
    assert "wait in quarantine" in done.stdout and "repeats the head_citizen_id" in done.stdout
    listed = run("bundle", "quarantine", "list")
    assert listed.returncode == 0 and len(listed.stdout.strip().splitlines()) == 3  # household, head, status
    first = listed.stdout.split()[0]
    kept = run("bundle", "quarantine", "apply", first)  # nothing was fixed: it stays, saying why
    assert kept.returncode == 0 and "0 changes applied; 3 still wait" in kept.stdout
    refused = run("bundle", "quarantine", "discard", first)
    assert refused.returncode == 7 and "--reason" in refused.stderr and "Traceback" not in refused.stderr
    gone = run("bundle", "quarantine", "discard", first, "--reason", "重复")
    assert gone.returncode == 0 and "1 changes discarded" in gone.stdout


def test_a_kept_refusal_is_shown_in_the_readers_language(net):
    """The reason is kept untranslated and shown in the interface's language: no English in the Chinese window."""
    from app import i18n

    n = net(fields=1)
    hub, laptop = n.hub, n.fields[0]
    path = n.export(laptop, hub)
    from app.sync.enroll import revoke
    from app.sync.importer import import_bundle

    revoke(hub, laptop.info.node_id)
    with pytest.raises(BundleRefused, match="revoked"):
        import_bundle(hub, path)
    i18n.install("zh_CN")
    try:
        row = next(r for r in status.history(hub) if r.state == status.REFUSED)
        assert "吊销" in row.reason and "revoked" not in row.reason
    finally:
        i18n.install("en")
