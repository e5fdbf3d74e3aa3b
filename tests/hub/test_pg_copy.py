"""New rows reach a PostgreSQL hub by COPY (issue 23.2): text with tabs, newlines, backslashes, quotes and rare
characters, empty and missing values, booleans, dates and times, and attachment bytes arrive exactly as written."""

from __future__ import annotations

import datetime as dt
import hashlib
import os

import pytest
import sqlalchemy as sa

from app.models import Attachment, AuditEntry, Household, Member, RecordAttachment, Visit
from app.models.enums import RecordKind
from app.models.records import attachment_id_for
from app.sync.http_client import sync_round
from tests.hub.conftest import unique_citizen_id
from tests.sync.conftest import add_visits, table_state

pytestmark = pytest.mark.slow
AWKWARD = ["tab\there", "line\nbreak\r\n", "back\\slash \\N \\x00", "quote ' \" ;", "𠀀𪚥 生僻字 🙂", "", " ",
           "\\.", "comma, \"csv\""]


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)  # the COPY path of a PostgreSQL hub
def test_awkward_values_arrive_at_a_postgresql_hub_as_written(mesh, backend):
    net = mesh(fields=1)
    (a,) = net.fields
    rows = [{"street_code": a.info.street_code, "head_name": text or "x",
             "head_citizen_id": unique_citizen_id(9000 + i), "address": text, "note": text * 3,
             "poverty_status_since": None} for i, text in enumerate(AWKWARD)]
    with a.write() as session:
        a.audit.bulk_insert(session, Household, rows)
    households = [h for h in table_state(a, Household)]
    with a.write() as session:
        for household in households[:3]:
            session.add(Member(household_id=household, name="成员\t一", citizen_id=None, is_head=True,
                               birth_date=dt.date(1960, 2, 29)))
    visit = add_visits(a, households[:1], 1)[0]
    photo = b"\x00\\\t\n\xff" + os.urandom(20_000)
    with a.write() as session:
        sha = hashlib.sha256(photo).hexdigest()  # a photo's id is its hash's (issue 16.3: the hub checks it)
        attachment = Attachment(id=attachment_id_for(sha), sha256=sha, mime="image/jpeg", size=len(photo),
                                data=photo)
        session.add(attachment)
        session.flush()
        session.add(RecordAttachment(record_kind=RecordKind.VISIT, record_id=visit, attachment_id=attachment.id))
    server = net.serve()
    report = sync_round(a, server.url)
    assert report.applied_at_hub > len(AWKWARD)
    for model in (Household, Member, Visit, RecordAttachment):
        assert table_state(net.hub, model) == table_state(a, model), model.__tablename__
    with net.hub.read() as session:
        assert session.execute(sa.select(Attachment.data)).scalar_one() == photo
        logged = session.execute(sa.select(sa.func.count()).select_from(AuditEntry)
                                 .where(AuditEntry.origin_node == a.info.node_id)).scalar()
    assert logged == report.applied_at_hub
    assert net.hub.check() == []
