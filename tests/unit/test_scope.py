"""The one street-scope rule: a field node sees its own street, the hub sees all."""

from __future__ import annotations

from app.domain.scope import in_scope, scope_street, visible_streets
from app.domain.storelike import StoreLike
from app.models.places import BAQIAO_STREETS


def test_field_node_is_scoped_to_its_street(make_node):
    store = make_node(role="field", street="610111006")[0]
    assert scope_street(store) == "610111006"
    with store.read() as session:
        assert visible_streets(session, scope_street(store)) == [("610111006", "狄寨街道")]


def test_hub_sees_every_street(make_node):
    store = make_node(role="hub", street=None)[0]
    assert scope_street(store) is None
    with store.read() as session:
        assert visible_streets(session, scope_street(store)) == sorted(BAQIAO_STREETS)


def test_in_scope():
    assert in_scope("610111001", None) and in_scope("610111001", "610111001")
    assert not in_scope("610111002", "610111001") and not in_scope(None, "610111001")


def test_the_store_is_what_the_domain_expects(store):
    assert isinstance(store, StoreLike)
