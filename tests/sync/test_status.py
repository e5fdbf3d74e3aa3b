"""The Data exchange's data without widgets (app/sync/status.py, app/sync/folder.py): the stick jobs write and read
bundles, say what happened in plain words, and the history, the unsent count and the snapshot follow."""

from __future__ import annotations

import pytest

from app.cancel import CancelToken
from app.sync import folder, status
from app.sync.folder import ALL_NODES

from .conftest import add_households, add_visits


def Token(progress: list | None = None) -> CancelToken:
    """A job's token that remembers the progress it was told in ``progress``."""
    return CancelToken(on_progress=lambda *report: progress.append(report) if progress is not None else None)


@pytest.fixture
def pair(net):
    n = net(fields=1)
    return n.hub, n.fields[0]


def test_a_stick_carries_a_laptops_records_to_the_hub_and_back(pair, tmp_path):
    hub, field = pair
    add_visits(field, add_households(field, 1), 2)
    stick = tmp_path / "stick"
    assert status.unsent(field) == status.Unsent("field", True, records=3)

    progress: list = []
    written = folder.write_bundles(field, stick, None, Token(progress))
    assert [r.changes for r in written.written] == [3] and written.nothing_for == []
    assert "3 changes and 0 photos written" in folder.export_text(written)
    assert progress[-1][:2] == (1, 1)
    [sent] = status.history(field)
    assert (sent.direction, sent.state, sent.changes) == ("sent", status.SENT, 3)

    paths, others, unreadable = folder.scan_for_bundles(hub, [stick])
    assert (len(paths), others, unreadable) == (1, 0, 0)
    read = folder.read_bundles(hub, paths, Token())
    assert [r.applied for r in read.imported] == [3]
    assert folder.import_text(read).startswith("1 bundles read: 3 changes received, 3 applied")
    assert status.unsent(hub) == status.Unsent("hub", True, nodes=0)  # the laptop's own changes: nothing to relay

    back = folder.write_bundles(hub, stick, ALL_NODES, Token())
    assert len(back.written) == 1
    paths, others, _ = folder.scan_for_bundles(field, [stick])
    assert (len(paths), others) == (1, 1)  # its own bundle to the hub is for another node
    folder.read_bundles(field, paths, Token(), for_others=others)
    assert status.unsent(field).records == 0
    assert {(r.direction, r.state) for r in status.history(field)} == {("sent", status.ACKNOWLEDGED),
                                                                        ("received", status.RECEIVED)}
    snap = status.snapshot(field, review=True)
    assert snap.hub_name == "银行枢纽" and snap.unsent.records == 0 and len(snap.history) == 2


def test_a_refused_file_is_remembered_and_does_not_stop_the_others(pair, tmp_path):
    hub, field = pair
    add_households(field, 1)
    stick = tmp_path / "stick"
    folder.write_bundles(field, stick, None, Token())
    [good] = stick.glob("*.fbb")
    bad = stick / "damaged.fbb"
    raw = bytearray(good.read_bytes())
    raw[len(raw) // 2] ^= 1
    bad.write_bytes(bytes(raw))
    summary = folder.read_bundles(hub, [bad, good], Token())
    assert [o.path for o in summary.refused] == [bad] and len(summary.imported) == 1
    lines = folder.import_lines(summary)
    assert any(refusal and "Refused damaged.fbb" in text for text, refusal in lines)
    refused = [r for r in status.history(hub) if r.state == status.REFUSED]
    assert [(r.file, r.peer_id, r.peer_name) for r in refused] == [("damaged.fbb", field.info.node_id, "外业0")]


def test_nothing_new_for_a_peer_writes_nothing(pair, tmp_path):
    hub, _field = pair
    folder.write_bundles(hub, tmp_path / "first", None, Token())  # the acknowledgement alone, once
    again = folder.write_bundles(hub, tmp_path / "again", None, Token())
    assert again.written == [] and again.nothing_for == ["外业0"]
    assert folder.export_text(again) == "Nothing new to send to 外业0."
