"""Anomaly lifecycle, drafts that survive a crash, and photos stored encrypted inside the database."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from app.domain import attachments as att
from app.domain import records as rec
from app.errors import PermissionDenied, ValidationError
from app.models import Attachment, AuditEntry, Draft, DraftPhoto, RecordAttachment
from app.models.enums import AnomalyKind, AnomalyStatus, RecordKind, Severity
from app.models.records import Anomaly
from tests import records_data
from tests.records_data import TODAY, audit_intact, jpeg_bytes, make_household, make_loan, png_noise

make_users = records_data.make_users  # the fixture

S = AnomalyStatus


def anomaly_values(**changes):
    values = {"found_on": TODAY, "kind": AnomalyKind.BUSINESS_FAILURE, "severity": Severity.HIGH,
              "description": "肉牛生病死亡3头", "measures": "", "assigned_to": "cadre"}
    values.update(changes)
    return values


@pytest.fixture
def store(make_node):
    """A hub: the cadre records and the supervisor closes on one node, and closing an anomaly is done only at the hub
    (issue 16, app/models/ownership.py; this module ran on a field node before the ownership table said so)."""
    return make_node(role="hub", street=None)[0]


@pytest.fixture
def household(store):
    return make_household(store)


# -- anomalies -------------------------------------------------------------------------------------------
def test_anomaly_lifecycle_with_who_when_and_note(store, household, make_users):
    cadre, boss = make_users
    done = rec.submit(cadre, RecordKind.ANOMALY, anomaly_values(), household_id=household, today=TODAY)
    rec.advance_anomaly(cadre, done.record_id, S.ACKNOWLEDGED, "已知悉")
    with pytest.raises(ValidationError, match="measures"):
        rec.advance_anomaly(cadre, done.record_id, S.MEASURES_TAKEN, "")
    rec.advance_anomaly(cadre, done.record_id, S.MEASURES_TAKEN, "联系畜牧站防疫，申请保险理赔")
    rec.advance_anomaly(cadre, done.record_id, S.RESOLVED, "理赔到账")
    with pytest.raises(PermissionDenied):
        rec.advance_anomaly(cadre, done.record_id, S.CLOSED, "结案")
    with pytest.raises(ValidationError, match="needs a note"):
        rec.advance_anomaly(boss, done.record_id, S.CLOSED, "  ")
    rec.advance_anomaly(boss, done.record_id, S.CLOSED, "核实无误，结案")
    steps = rec.anomaly_steps(store, done.record_id)
    assert [(s.from_status, s.to_status, s.actor, s.note) for s in steps] == [
        (None, S.REPORTED, "cadre", ""),
        (S.REPORTED, S.ACKNOWLEDGED, "cadre", "已知悉"),
        (S.ACKNOWLEDGED, S.MEASURES_TAKEN, "cadre", "联系畜牧站防疫，申请保险理赔"),
        (S.MEASURES_TAKEN, S.RESOLVED, "cadre", "理赔到账"),
        (S.RESOLVED, S.CLOSED, "boss", "核实无误，结案"),
    ]
    assert all(isinstance(s.at, dt.datetime) for s in steps)
    with store.read() as session:
        assert session.get(Anomaly, done.record_id).status is S.CLOSED
        actions = session.execute(sa.select(AuditEntry.actor, AuditEntry.action).where(
            AuditEntry.table_name == "anomaly_steps").order_by(AuditEntry.seq)).all()
    assert actions[-1] == ("boss", "insert")
    with pytest.raises(ValidationError, match="closed already"):
        rec.advance_anomaly(boss, done.record_id, S.CLOSED, "again")
    assert rec.open_anomaly_count(store) == 0
    assert audit_intact(store) == []


def test_a_field_node_does_not_close_anomalies(make_node, tmp_path):
    """Issue 16.2: whatever accounts a laptop holds (its administrator has every permission), closing is the hub's."""
    field = make_node(role="field", folder=tmp_path / "field")[0]
    done = rec.submit(field, RecordKind.ANOMALY, anomaly_values(), household_id=make_household(field), today=TODAY)
    for status, note in ((S.ACKNOWLEDGED, "已知悉"), (S.MEASURES_TAKEN, "处理"), (S.RESOLVED, "理赔到账")):
        rec.advance_anomaly(field, done.record_id, status, note)
    with pytest.raises(PermissionDenied, match="at the hub"):
        rec.advance_anomaly(field, done.record_id, S.CLOSED, "结案")


def test_anomaly_steps_cannot_be_skipped(store, household):
    done = rec.submit(store, RecordKind.ANOMALY, anomaly_values(), household_id=household, today=TODAY)
    with pytest.raises(ValidationError, match="next step is \"Acknowledged\""):
        rec.advance_anomaly(store, done.record_id, S.RESOLVED, "x")
    assert rec.open_anomaly_count(store) == 1


def test_amended_anomaly_keeps_its_steps_and_status(store, household):
    done = rec.submit(store, RecordKind.ANOMALY, anomaly_values(), household_id=household, today=TODAY)
    rec.advance_anomaly(store, done.record_id, S.ACKNOWLEDGED, "ok")
    new = rec.amend(store, RecordKind.ANOMALY, done.record_id, anomaly_values(description="死亡4头"), "数量更正",
                    today=TODAY)
    rec.advance_anomaly(store, new.record_id, S.MEASURES_TAKEN, "补栏")
    with store.read() as session:
        assert session.get(Anomaly, new.record_id).status is S.MEASURES_TAKEN
    assert [s.to_status for s in rec.anomaly_steps(store, new.record_id)] == [
        S.REPORTED, S.ACKNOWLEDGED, S.MEASURES_TAKEN]
    assert rec.list_records(store, [RecordKind.ANOMALY])[0].status == "Measures taken"


# -- drafts --------------------------------------------------------------------------------------------------
def test_draft_round_trip_and_submit_removes_it(store, household):
    data = {"found_on": TODAY, "description": "写了一半", "amount_raw": "12,0", "household": household}
    draft_id = rec.save_draft(store, RecordKind.ANOMALY, data, household_id=household)
    rec.save_draft(store, RecordKind.ANOMALY, dict(data, description="写了一大半"), draft_id=draft_id)
    [found] = rec.find_drafts(store, RecordKind.ANOMALY, household_id=household, any_target=False)
    assert found.id == draft_id and found.head_name == "王建国"
    loaded = rec.load_draft(store, draft_id)
    assert loaded.data == dict(data, description="写了一大半") and loaded.kind is RecordKind.ANOMALY
    assert rec.find_drafts(store, RecordKind.VISIT) == []
    rec.submit(store, RecordKind.ANOMALY, anomaly_values(), household_id=household, draft_id=draft_id, today=TODAY)
    assert rec.find_drafts(store) == []


def test_drafts_belong_to_their_user(store, household, make_users):
    cadre, boss = make_users
    draft_id = rec.save_draft(cadre, RecordKind.VISIT, {"findings": "x"}, household_id=household)
    assert rec.find_drafts(boss) == []
    with pytest.raises(PermissionDenied):
        rec.save_draft(boss, RecordKind.VISIT, {"findings": "y"}, draft_id=draft_id)
    with pytest.raises(ValidationError):
        rec.load_draft(boss, draft_id)


def test_drafts_survive_closing_the_store(store, household, node_dir):
    from app.db.store import Store
    from tests.conftest import ADMIN, PASSWORD

    draft_id = rec.save_draft(store, RecordKind.VISIT, {"findings": "断电前写的"}, household_id=household)
    store.engine.dispose()  # a power cut: no logout, nothing flushed by hand
    reopened = Store.open(node_dir, ADMIN, PASSWORD)
    try:
        assert rec.load_draft(reopened, draft_id).data == {"findings": "断电前写的"}
    finally:
        reopened.engine.dispose()


# -- attachments ---------------------------------------------------------------------------------------------
def test_not_an_image_refused_by_content_not_extension(tmp_path):
    fake = tmp_path / "IMG_0001.JPG"
    fake.write_bytes(b"%PDF-1.4 this is a document, not a photo")
    with pytest.raises(ValidationError, match="is not a picture"):
        att.read_image_file(fake)
    broken = tmp_path / "cut.jpg"
    broken.write_bytes(jpeg_bytes()[:40])
    with pytest.raises(ValidationError, match="cannot be read"):
        att.read_image_file(broken)
    real = tmp_path / "photo.txt"  # a real JPEG with a wrong extension is still a photo
    real.write_bytes(jpeg_bytes())
    assert att.read_image_file(real).mime == "image/jpeg"


def test_large_image_is_shrunk_and_too_large_refused():
    big = png_noise(800, 600)
    assert len(big) > 1_000_000
    image = att.prepare_image(big, "big.png", max_bytes=1_000_000)
    assert image.downscaled and image.mime == "image/jpeg" and len(image.data) <= 1_000_000
    assert image.thumbnail.startswith(b"\xff\xd8") and (image.width, image.height) == (800, 600)
    with pytest.raises(ValidationError, match="larger than"):
        att.prepare_image(big, "big.png", max_bytes=20_000)
    small = att.prepare_image(jpeg_bytes(), "small.jpg")
    assert not small.downscaled and small.data == jpeg_bytes(), "kept byte for byte"


def test_photos_stored_encrypted_and_content_addressed(store, household, node_dir, tmp_path):
    photo = jpeg_bytes(320, 240, marker="evidence-photo-01")
    image = att.prepare_image(photo, "IMG_0101.JPG")
    draft_id = rec.save_draft(store, RecordKind.ANOMALY, {"description": "..."}, household_id=household)
    rec.add_draft_photo(store, draft_id, image)
    rec.add_draft_photo(store, draft_id, image)  # the same picture twice is one photo
    assert len(rec.draft_photos(store, draft_id)) == 1
    first = rec.submit(store, RecordKind.ANOMALY, anomaly_values(), household_id=household, draft_id=draft_id,
                       today=TODAY)
    second = rec.submit(store, RecordKind.ANOMALY, anomaly_values(description="另一起"), household_id=household,
                        photos=[image], today=TODAY)
    with store.read() as session:
        stored = session.execute(sa.select(Attachment)).scalars().all()
        links = session.execute(sa.select(RecordAttachment)).scalars().all()
        assert session.execute(sa.select(sa.func.count()).select_from(DraftPhoto)).scalar() == 0
        assert session.execute(sa.select(sa.func.count()).select_from(Draft)).scalar() == 0
        assert att.attachment_bytes(session, stored[0].id) == photo
        assert att.verify_attachments(session) == []
        logged = session.execute(sa.select(AuditEntry.data).where(AuditEntry.table_name == "attachments")).scalar()
    assert len(stored) == 1 and stored[0].sha256 == image.sha256 and stored[0].id == image.attachment_id
    assert {link.record_id for link in links} == {first.record_id, second.record_id}
    assert image.sha256 in logged and len(logged) < 2000, "the log keeps the hash, not the bytes"
    [info] = rec.record_attachments(store, RecordKind.ANOMALY, first.record_id)
    assert info.original_name == "IMG_0101.JPG" and info.thumbnail.startswith(b"\xff\xd8")
    # amendments carry the photos over unless dropped
    amended = rec.amend(store, RecordKind.ANOMALY, first.record_id, anomaly_values(), "补充", today=TODAY)
    assert len(rec.record_attachments(store, RecordKind.ANOMALY, amended.record_id)) == 1
    dropped = rec.amend(store, RecordKind.ANOMALY, amended.record_id, anomaly_values(), "删照片",
                        keep_attachments=[], today=TODAY)
    assert rec.record_attachments(store, RecordKind.ANOMALY, dropped.record_id) == []
    # nothing of the picture is readable in the node's files, while open or after closing
    needles = [photo[200:264], photo[-200:-136], image.thumbnail[100:164]]
    for phase in ("open", "closed"):
        for path in node_dir.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert not any(n in data for n in needles), f"{path.name} holds picture bytes ({phase})"
        store.close()
    assert audit_intact(store) == []


def test_loan_timeline_and_due_list(store, household):
    loan = make_loan(store, household, disbursed=dt.date(2023, 7, 1), months=24)
    assert [item.loan_id for item in rec.loans_due_for_assessment(store, today=TODAY)] == [loan]
    rec.submit(store, RecordKind.MATURITY_ASSESSMENT,
               {"assessed_on": TODAY, "assessors": "张", "ability": "able", "reason": "", "proposed_disposal": "repay",
                "decision": "", "decided_by": "", "decided_on": None, "reported_to_finance_on": None},
               household_id=household, loan_id=loan, today=TODAY)
    assert rec.loans_due_for_assessment(store, today=TODAY) == []
