"""Every kind of bad bundle is refused with a clear message, and nothing changes in the database but the line
that keeps the refused bundle in the exchange history (issue 17: refused bundles no longer vanish)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import zlib

import pytest
import sqlalchemy as sa

from app.models import Bank, Conflict, Household, Loan, QuarantinedChange, ReceivedBundle, Visit
from app.sync import bundle as fmt
from app.sync import enroll, suites
from app.sync.bundle import BundleRefused, Limits
from app.sync.export import collect
from app.sync.importer import import_bundle
from app.sync.keys import NodeKeys, node_keys

from .conftest import OTHER_STREET, add_households, add_visits, audit_len, craft, refusal_audit, table_state


def _pair(net, suite: str = "classic"):
    n = net(fields=2, suite=suite)
    households = add_households(n.hub, 3)
    n.send(n.hub, n.fields[0])
    n.send(n.hub, n.fields[1])
    add_visits(n.fields[0], households, 2)
    return n, households


@pytest.fixture
def pair(net):
    return _pair(net)


@pytest.fixture(params=suites.NAMES)
def suite_pair(net, request):
    """The same hub and two field nodes, exchanging bundles in each suite in turn (the attack tests run for every
    suite: docs/bundle-format.md "Suites")."""
    n, households = _pair(net, request.param)
    assert fmt.read_header(n.export(n.fields[0], n.hub)).cipher.name == request.param
    return n, households


def _refused(store, path, fragment: str, **kwargs) -> str:
    entries, kept = refusal_audit(store)
    state = table_state(store, Visit)
    with pytest.raises(BundleRefused) as info:
        import_bundle(store, path, **kwargs)
    assert fragment in str(info.value), str(info.value)
    assert "\n" not in str(info.value)
    assert refusal_audit(store) == (entries, kept + 1)
    assert table_state(store, Visit) == state
    return str(info.value)


def test_flipped_byte_anywhere_is_refused_before_any_write(suite_pair, tmp_path):
    n, _ = suite_pair
    hub, a = n.hub, n.fields[0]
    path = n.export(a, hub)
    data = path.read_bytes()
    before = refusal_audit(hub)
    rng = random.Random(7)
    tries = 3000 if n.suite == "classic" else 800  # the other suites: fewer, the machine is shared
    positions = range(len(data)) if len(data) <= tries else sorted(rng.sample(range(len(data)), tries))
    bad = tmp_path / "bad.fbb"
    for position in positions:
        mutated = bytearray(data)
        mutated[position] ^= 1 << rng.randrange(8)
        bad.write_bytes(bytes(mutated))
        with pytest.raises(BundleRefused):
            import_bundle(hub, bad)
    assert refusal_audit(hub) == (before[0], before[1] + len(positions))
    with hub.read() as session:
        assert session.execute(sa.select(ReceivedBundle)).first() is None
    assert import_bundle(hub, path).applied == 6
    assert hub.check() == []


def _multi_chunk_bundle(n, tmp_path):
    """A bundle whose payload spans several 64 KiB chunks (a 200 KB attachment-like blob)."""
    a, hub = n.fields[0], n.hub
    blob = os.urandom(200_000)
    sha = hashlib.sha256(blob).hexdigest()
    extra = [fmt.blob_entry(sha, len(blob), lambda: blob)]
    return craft(a, hub, tmp_path / "multi", entries_extra=extra, suite=n.suite)


def _chunk_boundaries(path):
    header = fmt.read_header(path)
    with open(path, "rb") as handle:
        handle.seek(len(header.raw))
        wrapped = int.from_bytes(handle.read(2), "big")
    start = len(header.raw) + 2 + wrapped
    end = path.stat().st_size - header.cipher.signature_size
    return start, end, list(range(start, end + 1, fmt.CHUNK + fmt.TAG))


def test_truncated_at_every_chunk_boundary_is_refused(suite_pair, tmp_path):
    n, _ = suite_pair
    path = _multi_chunk_bundle(n, tmp_path)
    _start, end, boundaries = _chunk_boundaries(path)
    assert len(boundaries) >= 4
    data = path.read_bytes()
    bad = tmp_path / "short.fbb"
    for cut in sorted({b + d for b in boundaries for d in (-1, 0, 1)} | {end, end + 1, len(data) - 1}):
        if 0 < cut < len(data):
            bad.write_bytes(data[:cut])
            _refused(n.hub, bad, "")


def test_truncated_but_re_signed_payload_is_refused_for_missing_final_chunk(suite_pair, tmp_path):
    """Even a file the sender itself signed is refused when its payload ends without the final chunk."""
    n, _ = suite_pair
    a, hub = n.fields[0], n.hub
    path = _multi_chunk_bundle(n, tmp_path)
    _start, _end, boundaries = _chunk_boundaries(path)
    data = path.read_bytes()
    keys = node_keys(a)
    suite = suites.by_name(n.suite)
    bad = tmp_path / "resigned.fbb"
    for cut in boundaries[1:-1]:
        body = data[:cut]
        digest = suite.new_digest()
        digest.update(body)
        signature = suite.sign(keys, fmt.SIGNATURE_DOMAIN + digest.digest())
        bad.write_bytes(body + signature)
        message = _refused(hub, bad, "")
        assert "truncated" in message or "last part" in message or "shorter" in message


def test_bundle_for_another_node(suite_pair):
    n, _ = suite_pair
    path = n.export(n.fields[0], n.hub)
    _refused(n.fields[1], path, "addressed to another node")


def test_bundle_from_unknown_node(suite_pair, make_node, tmp_path):
    n, _ = suite_pair
    stranger, _ = make_node(role="field", folder=tmp_path / "stranger")
    path = craft(stranger, n.hub, tmp_path / "x", changes=[], suite=n.suite)
    _refused(n.hub, path, "not enrolled here")


def test_bundle_from_revoked_node(suite_pair):
    n, _ = suite_pair
    path = n.export(n.fields[0], n.hub)
    node, roster = enroll.revoke(n.hub, n.fields[0].info.node_id[:8])
    assert node == n.fields[0].info.node_id and roster == 3
    _refused(n.hub, path, "was revoked")
    assert enroll.revoke(n.hub, node)[1] == 3, "revoking twice changes nothing"


def test_bundle_signed_by_the_wrong_key(suite_pair, tmp_path):
    n, _ = suite_pair
    path = craft(n.fields[0], n.hub, tmp_path / "x", sign_with=NodeKeys.generate(n.fields[0].info.node_id),
                 suite=n.suite)
    _refused(n.hub, path, "signature does not verify")


def test_bundle_re_signed_by_another_enrolled_node(suite_pair, tmp_path):
    """Node b wraps node a's changes in its own signed bundle but keeps a's name inside: refused."""
    n, _ = suite_pair
    a, b, hub = n.fields[0], *n.fields[1:], n.hub
    a_id = a.info.node_id
    path = craft(b, hub, tmp_path / "x", changes=[], manifest_edit=lambda m: m.update(sender=a_id), suite=n.suite)
    _refused(hub, path, "inner manifest does not match")


def test_changes_of_another_node_inside_a_field_bundle(suite_pair, tmp_path):
    n, _ = suite_pair
    a, b, hub = n.fields[0], n.fields[1], n.hub
    with a.engine.connect() as conn, a.read() as session:
        from app.models import Peer

        changes, _, _ = collect(conn, a, session.get(Peer, hub.info.node_id))
    path = craft(b, hub, tmp_path / "x", changes=changes, suite=n.suite)
    _refused(hub, path, "only its own")


def test_replayed_older_bundle_is_a_no_op_and_order_does_not_matter(suite_pair, tmp_path):
    n, households = suite_pair
    a, hub = n.fields[0], n.hub
    first = n.export(a, hub)
    add_visits(a, households[:1], 3)
    second = n.export(a, hub)
    assert import_bundle(hub, second).applied == 9, "bundles are cumulative"
    length = audit_len(hub)
    report = import_bundle(hub, first)
    assert report.applied == 0 and report.skipped == 6 and audit_len(hub) > length  # only the import event
    assert import_bundle(hub, first).already
    assert table_state(hub, Visit) == table_state(a, Visit)
    assert hub.check() == []


def test_unknown_format_version_and_suite(pair, tmp_path):
    n, _ = pair
    path = n.export(n.fields[0], n.hub)
    data = bytearray(path.read_bytes())
    bad = tmp_path / "v.fbb"
    data[8:10] = (2).to_bytes(2, "big")
    bad.write_bytes(bytes(data))
    _refused(n.hub, bad, "format version 2")
    data[8:10] = (1).to_bytes(2, "big")
    data[10:12] = (7).to_bytes(2, "big")
    bad.write_bytes(bytes(data))
    _refused(n.hub, bad, "cipher suite 7")
    bad.write_bytes(b"PK\x03\x04" + bytes(200))
    _refused(n.hub, bad, "not a Fieldbook bundle")


def test_counts_and_sizes_beyond_limits(pair, tmp_path):
    n, _ = pair
    path = n.export(n.fields[0], n.hub)
    _refused(n.hub, path, "more content", limits=Limits(max_changes=5))
    _refused(n.hub, path, "larger than Fieldbook accepts", limits=Limits(max_file_bytes=100))
    _refused(n.hub, path, "header is damaged or too large", limits=Limits(max_header_bytes=50))
    _refused(n.hub, path, "larger than Fieldbook accepts", limits=Limits(max_manifest_bytes=10))


def test_decompression_bomb(pair, tmp_path):
    n, _ = pair
    a, hub = n.fields[0], n.hub
    raw = b"[" + b" " * 80_000_000 + b"]"
    stored = zlib.compress(raw, 9)
    sha = hashlib.sha256(stored).hexdigest()
    honest = fmt.PayloadEntry(fmt.KIND_BATCH, "changes/000001.json.z", len(stored), len(raw), sha, data=stored)
    _refused(hub, craft(a, hub, tmp_path / "x1", changes=[], entries_extra=[honest]), "larger than Fieldbook")
    lying = fmt.PayloadEntry(fmt.KIND_BATCH, "changes/000001.json.z", len(stored), 1000, sha, data=stored)
    _refused(hub, craft(a, hub, tmp_path / "x2", changes=[], entries_extra=[lying]), "decompression bomb")


def test_attachment_whose_hash_does_not_match(pair, tmp_path):
    n, _ = pair
    a, hub = n.fields[0], n.hub
    blob = b"not the photo you are looking for"
    claimed = hashlib.sha256(b"the photo").hexdigest()
    entry = fmt.PayloadEntry(fmt.KIND_BLOB, f"blobs/{claimed}", len(blob), len(blob),
                             hashlib.sha256(blob).hexdigest(), data=blob)
    _refused(hub, craft(a, hub, tmp_path / "x", changes=[], entries_extra=[entry], verify_blobs=False),
             "does not match its SHA-256")
    entry.sha256 = claimed
    _refused(hub, craft(a, hub, tmp_path / "y", changes=[], entries_extra=[entry], verify_blobs=False),
             "does not match its SHA-256")


def test_field_node_writing_a_loan_is_refused_naming_the_record(pair):
    n, households = pair
    a, hub = n.fields[0], n.hub
    with hub.write() as session:
        session.add(Bank(code="B1", name="长安银行"))
    n.send(hub, a)
    with a.write() as session:
        bank = session.execute(sa.select(Bank)).scalar_one()
        loan = Loan(bank_id=bank.id, contract_no="C-1", household_id=households[0], borrower_name="户主",
                    borrower_citizen_id="11010519491231002X", street_code="610111001", amount_fen=5_000_000,
                    disbursed_on=dt.date(2024, 1, 1), term_months=36, matures_on=dt.date(2027, 1, 1))
        session.add(loan)
    message = _refused(hub, n.export(a, hub), str(loan.id))
    assert "loans" in message and "bank" in message.lower()


def test_field_node_overwriting_a_submitted_record_is_refused(pair):
    n, _ = pair
    a, hub = n.fields[0], n.hub
    with a.write() as session:
        visit = session.execute(sa.select(Visit)).scalars().first()
        visit.findings = "改写"
    _refused(hub, n.export(a, hub), str(visit.id))


def test_field_node_writing_outside_its_street_is_refused(pair):
    n, _ = pair
    a, hub = n.fields[0], n.hub
    with a.write() as session:
        household = Household(street_code=OTHER_STREET, head_name="外街", head_citizen_id="11010519491231002X")
        session.add(household)
    _refused(hub, n.export(a, hub), "outside its street")


def test_field_changes_to_a_household_become_proposals(pair):
    n, households = pair
    a, hub = n.fields[0], n.hub
    with a.write() as session:
        session.get(Household, households[0]).phone = "13912345678"
    report = n.send(a, hub)
    assert report.proposals == 1 and report.applied == 6
    with hub.read() as session:
        assert session.get(Household, households[0]).phone == ""
    assert hub.check() == []


def test_clock_years_ahead_is_set_aside_in_quarantine(pair, tmp_path):
    """Issue 17: a stamp years ahead no longer refuses the bundle (the laptop's work would never arrive again); the
    change waits in quarantine naming the clock, nothing of it is applied, and the bundle counts as received."""
    n, households = pair
    a, hub = n.fields[0], n.hub
    n.send(a, hub)
    real = a.clock._wall
    a.clock._wall = lambda: real() + 3 * 365 * 86_400_000
    add_visits(a, households[:1], 1)
    state = table_state(hub, Visit)
    report = import_bundle(hub, n.export(a, hub))
    assert (report.applied, report.quarantined) == (0, 1)
    assert table_state(hub, Visit) == state
    with hub.read() as session:
        waiting = session.execute(sa.select(QuarantinedChange)).scalars().all()
    assert len(waiting) == 1 and "days ahead" in waiting[0].reason
    assert hub.check() == []


def test_clock_two_days_ahead_is_applied_and_listed(pair):
    n, households = pair
    a, hub = n.fields[0], n.hub
    real = a.clock._wall
    a.clock._wall = lambda: real() + 2 * 86_400_000
    add_visits(a, households[:1], 1)
    before = hub.clock.now()
    report = n.send(a, hub)
    assert report.applied == 7 and len(report.flagged) >= 1
    with hub.read() as session:
        assert session.execute(sa.select(Conflict).where(Conflict.kind == "clock_ahead")).first() is not None
    assert hub.clock.now() > before
    assert hub.check() == []


def test_clock_years_behind_is_applied_and_stamps_stay_monotonic(pair):
    n, households = pair
    a, hub = n.fields[0], n.hub
    n.send(a, hub)
    a.clock._wall = lambda: 946_684_800_000  # 2000-01-01: a dead RTC battery
    ids = add_visits(a, households[:1], 1)
    before = hub.clock.now()
    report = n.send(a, hub)
    assert report.applied == 1
    assert hub.clock.now() > before
    with hub.read() as session:
        assert session.get(Visit, ids[0]) is not None
    assert hub.check() == []


def test_clock_running_backwards_is_refused(pair, tmp_path):
    n, _ = pair
    a, hub = n.fields[0], n.hub
    with a.engine.connect() as conn, a.read() as session:
        from app.models import Peer

        changes, _, _ = collect(conn, a, session.get(Peer, hub.info.node_id))
    changes[2]["hlc"], changes[3]["hlc"] = changes[3]["hlc"], changes[2]["hlc"]
    _refused(hub, craft(a, hub, tmp_path / "x", changes=changes), "ran backwards")


def test_stamp_in_the_name_of_another_node_is_refused(pair, tmp_path):
    n, _ = pair
    a, hub = n.fields[0], n.hub
    with a.engine.connect() as conn, a.read() as session:
        from app.models import Peer

        changes, _, _ = collect(conn, a, session.get(Peer, hub.info.node_id))
    millis, counter, _ = changes[0]["hlc"].split("-", 2)
    changes[0]["hlc"] = f"{millis}-{counter}-{hub.info.node_id}"
    _refused(hub, craft(a, hub, tmp_path / "x", changes=changes), "cannot read")


def test_field_bundle_claiming_ranges_of_another_origin_is_refused(pair, tmp_path):
    """Otherwise a field node could make the hub believe it holds another node's changes, and skip them."""
    n, _ = pair
    a, b, hub = n.fields[0], n.fields[1], n.hub
    ranges = {a.info.node_id: [0, 6], b.info.node_id: [0, 10**9]}
    _refused(hub, craft(a, hub, tmp_path / "x", ranges=ranges), "another node")


def test_change_outside_the_declared_range_is_refused(pair, tmp_path):
    n, _ = pair
    a, hub = n.fields[0], n.hub
    _refused(hub, craft(a, hub, tmp_path / "x", ranges={a.info.node_id: [0, 3]}), "outside the ranges")


def _relabelled(path, out, suite_id: int, name: str | None) -> None:
    """``path`` with another suite id in its prefix and, unless ``name`` is None, another suite name in its header
    (the header length adjusted), everything else byte for byte as the sender wrote it."""
    data = path.read_bytes()
    header = fmt.read_header(path)
    raw_json = header.raw[fmt.PREFIX.size:]
    if name is not None:
        raw_json = raw_json.replace(f'"suite":"{header.cipher.name}"'.encode(), f'"suite":"{name}"'.encode())
    prefix = fmt.PREFIX.pack(fmt.MAGIC, header.version, suite_id, len(raw_json))
    out.write_bytes(prefix + raw_json + data[len(header.raw):])


def test_downgrade_relabelled_with_another_suite_is_refused(suite_pair, tmp_path):
    """A bundle re-labelled with another (weaker) suite, in the prefix and the header alike, no longer verifies:
    the label is signed, and the signature is checked in the suite the label names. A label that says one suite in
    the prefix and another in the header is refused as such."""
    n, _ = suite_pair
    path = n.export(n.fields[0], n.hub)
    bad = tmp_path / "relabelled.fbb"
    for other in suites.SUITES.values():
        if other.name == n.suite:
            continue
        _relabelled(path, bad, other.id, other.name)
        message = _refused(n.hub, bad, "")
        # the signature, checked in the suite the label names, fails (or the file is too short for its signature)
        assert "signature does not verify" in message or "header is damaged" in message, message
        _relabelled(path, bad, other.id, None)
        message = _refused(n.hub, bad, "")
        assert "names the suite" in message or "header is damaged" in message, message
    assert import_bundle(n.hub, path).applied == 6


def test_classic_bundle_without_a_suite_name_still_reads(pair, tmp_path, monkeypatch):
    """Bundles written before suites had names carry none in the header: they are classic, and still read."""
    n, _ = pair
    with monkeypatch.context() as patch:  # the writer of version 1 before issue 24: no "suite" in the header
        patch.setattr(fmt, "SUITE_FIELD", "written_by_the_old_writer")
        path = craft(n.fields[0], n.hub, tmp_path / "old")
    assert b'"suite"' not in fmt.read_header(path).raw
    assert fmt.read_header(path).cipher is suites.CLASSIC
    assert import_bundle(n.hub, path).applied == 6
