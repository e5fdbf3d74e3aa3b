"""The ``validate`` step: the sender, the shape and ranges of every change, and the clocks."""

from __future__ import annotations

import datetime as dt

import pytest

from app.sync.bundle import LIMITS, BundleRefused
from app.sync.merge.context import ChangeRefused
from app.sync.merge.validate import check_clocks, check_peer, enrolled_sender, valid_change, validate_changes
from app.sync.tables import synced_models

from .conftest import FIELD, NOW_MS, OTHER_FIELD, change, field_peer, logged, rolled_back, stamp

TABLES = set(synced_models())
DAY = 86_400_000


def test_a_well_formed_change_is_valid():
    assert valid_change(change(), TABLES)
    assert valid_change(change(action="insert", old=None), TABLES)


@pytest.mark.parametrize("spoil", [
    lambda c: c.update(extra=1),
    lambda c: c.pop("actor"),
    lambda c: c.update(seq=True),
    lambda c: c.update(seq=0),
    lambda c: c.update(action="delete"),
    lambda c: c.update(table="sync_peers"),  # not a synced table
    lambda c: c.update(record=c["record"].upper()),  # not the canonical form
    lambda c: c.update(hlc=stamp(NOW_MS, OTHER_FIELD)),  # a stamp in the name of another node
    lambda c: c.update(hlc="yesterday"),
    lambda c: c.update(data={"old": {}}),
    lambda c: c.update(actor="x" * 65),
])
def test_a_change_of_another_shape_is_not_valid(spoil):
    bad = change()
    spoil(bad)
    assert not valid_change(bad, TABLES)
    with pytest.raises(BundleRefused, match="cannot read"):
        validate_changes([bad], {FIELD: [0, 5]}, sender=FIELD, at_hub=True, tables=TABLES)


def test_changes_inside_their_declared_ranges_pass():
    validate_changes([change(seq=1), change(seq=2)], {FIELD: [0, 2]}, sender=FIELD, at_hub=True, tables=TABLES)


def test_a_change_outside_the_declared_range_or_twice_is_refused():
    with pytest.raises(BundleRefused, match="outside the ranges"):
        validate_changes([change(seq=3)], {FIELD: [0, 2]}, sender=FIELD, at_hub=True, tables=TABLES)
    with pytest.raises(BundleRefused, match="outside the ranges"):
        validate_changes([change(seq=2)], {FIELD: [2, 5]}, sender=FIELD, at_hub=True, tables=TABLES)
    with pytest.raises(BundleRefused, match="same change twice"):
        validate_changes([change(seq=1), change(seq=1)], {FIELD: [0, 2]}, sender=FIELD, at_hub=True,
                         tables=TABLES)


def test_at_the_hub_a_field_node_sends_only_its_own_changes():
    other = change(origin=OTHER_FIELD)
    ranges = {FIELD: [0, 1], OTHER_FIELD: [0, 1]}
    with pytest.raises(BundleRefused, match="another node"):  # declared ranges of another origin
        validate_changes([change()], ranges, sender=FIELD, at_hub=True, tables=TABLES)
    with pytest.raises(BundleRefused):  # a change of another origin, not declared
        validate_changes([change(), other], {FIELD: [0, 1]}, sender=FIELD, at_hub=True, tables=TABLES)
    # a field node takes its hub's relays of every origin
    validate_changes([change(), other], ranges, sender="hub", at_hub=False, tables=TABLES)


def test_clocks_rising_and_close_pass_and_far_ahead_is_flagged(hub):
    fresh = [change(seq=1, millis=NOW_MS), change(seq=2, millis=NOW_MS + 2 * DAY)]
    with rolled_back(hub) as conn:
        assert check_clocks(conn, fresh, NOW_MS, LIMITS) == ([(fresh[1]["table"], fresh[1]["record"])], [])
        assert check_clocks(conn, fresh[:1], NOW_MS, LIMITS) == ([], [])


def test_a_clock_running_backwards_is_refused_and_one_far_ahead_is_set_aside_naming_the_record(hub):
    late, early = change(seq=1, millis=NOW_MS), change(seq=2, millis=NOW_MS - 1)
    with rolled_back(hub) as conn:
        with pytest.raises(ChangeRefused, match="ran backwards") as info:
            check_clocks(conn, [early, late], NOW_MS, LIMITS)  # sorted by sequence, not by position
        assert info.value.key == ("visits", early["record"])
        # (issue 17) a laptop whose date is wrong by weeks: its changes wait in quarantine, the bundle is not refused
        ahead = change(seq=1, millis=NOW_MS + 400 * DAY)
        flagged, too_far = check_clocks(conn, [ahead], NOW_MS, LIMITS)
        assert flagged == [] and [c for c, _ in too_far] == [ahead]
        assert "400 days ahead" in too_far[0][1].message and too_far[0][1].key == ("visits", ahead["record"])


def test_clocks_are_compared_with_what_the_log_holds_before(hub):
    from .conftest import add_household

    add_household(hub)
    own = logged(hub)[-1]
    again = dict(own, seq=own["seq"] + 1, hlc=stamp(1, hub.info.node_id))  # older than the logged change before it
    with rolled_back(hub) as conn, pytest.raises(ChangeRefused, match="ran backwards"):
        check_clocks(conn, [again], NOW_MS, LIMITS)


def test_only_an_enrolled_active_peer_of_the_right_kind_may_send(hub, make_node, tmp_path):
    field = make_node(role="field", folder=tmp_path / "field")[0]
    with hub.read() as session, pytest.raises(BundleRefused, match="not enrolled here"):
        enrolled_sender(session, hub, FIELD)
    check_peer(hub, field_peer())
    revoked = field_peer()
    revoked.revoked_at = dt.datetime(2024, 1, 1)
    with pytest.raises(BundleRefused, match="was revoked"):
        check_peer(hub, revoked)
    expired = field_peer()
    expired.expires_at = dt.datetime(2000, 1, 1)
    with pytest.raises(BundleRefused, match="has expired"):
        check_peer(hub, expired)
    with pytest.raises(BundleRefused, match="from its hub only"):
        check_peer(field, field_peer())


def test_a_stamp_ahead_is_flagged_once_not_again_after_this_node_has_seen_it(hub):
    """Issue 17 (found by the simulator): after one laptop three days ahead was listed, the hub's own clock has
    seen its time; later changes stamped after it are not flagged again at every node."""
    ahead = change(seq=1, millis=NOW_MS + 3 * DAY)
    with rolled_back(hub) as conn:
        assert check_clocks(conn, [ahead], NOW_MS, LIMITS)[0] == [(ahead["table"], ahead["record"])]
        assert check_clocks(conn, [ahead], NOW_MS, LIMITS, seen_ms=NOW_MS + 3 * DAY - 1000) == ([], [])
        far = change(seq=1, millis=NOW_MS + 40 * DAY)  # far ahead of the wall clock: still set aside
        assert len(check_clocks(conn, [far], NOW_MS, LIMITS, seen_ms=NOW_MS + 39 * DAY)[1]) == 1
