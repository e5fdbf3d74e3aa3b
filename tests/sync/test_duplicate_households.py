"""Two cadres register the same household (same citizen ID) on two laptops before either has synced.

Today the second laptop's bundle is refused as a whole with a clear message and the hub is left intact; the
duplicate must be resolved by hand (see the note on the data-exchange issue) before that laptop syncs again.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.errors import FieldbookError
from app.models import Household

from .conftest import audit_len, citizen_id


def test_same_household_from_two_laptops_does_not_break_the_hub(net):
    n = net(fields=2)
    hub, first, second = n.hub, n.fields[0], n.fields[1]
    for store in (first, second):
        with store.write() as session:
            session.add(Household(street_code=first.info.street_code, head_name="重复户",
                                  head_citizen_id=citizen_id(424242)))
    n.send(first, hub)
    before = audit_len(hub)
    with pytest.raises(FieldbookError, match="head_citizen_id"):
        n.send(second, hub)
    assert audit_len(hub) == before
    with hub.read() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(Household)
                               .where(Household.head_citizen_id == citizen_id(424242))).scalar() == 1
    assert hub.check() == []
