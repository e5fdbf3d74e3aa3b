"""The hub's private keys at rest (issue 23.3): sealed under a key derived from the data key, so a PostgreSQL
database (or a dump of it) never holds them in clear; the users' passwords still open them, a password change keeps
them, and a database's keys do not open under another node's data key."""

from __future__ import annotations

import base64

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives import serialization

from app.db.store import Store
from app.errors import StoreError
from app.models import NodeKey
from app.sync.hub.database import init_server_database
from app.sync.keys import SEALED, node_keys
from tests.conftest import ADMIN, FAST_KDF, PASSWORD

pytestmark = pytest.mark.slow
RAW = (serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())


def _private(keys) -> tuple[bytes, bytes]:
    return keys.sign.private_bytes(*RAW), keys.box.private_bytes(*RAW)


def _server_rows(url: str) -> list[tuple[bytes, bytes]]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            return [(bytes(a), bytes(b)) for a, b in conn.exec_driver_sql(
                "SELECT sign_private, box_private FROM node_keys")]
    finally:
        engine.dispose()


def test_a_hub_moved_to_postgresql_keeps_its_keys_sealed_there(make_node, tmp_path, pg_url):
    hub, _ = make_node(role="hub", folder=tmp_path / "hub")
    keys = node_keys(hub)
    sign, box = _private(keys)
    with hub.write() as session:  # as an older version wrote them: in clear inside the SQLCipher file
        row = session.get(NodeKey, 1)
        row.sign_private, row.box_private = sign, box
    init_server_database(hub, pg_url)
    hub.close()
    ((stored_sign, stored_box),) = _server_rows(pg_url)
    assert stored_sign.startswith(SEALED) and stored_box.startswith(SEALED)
    assert sign not in stored_sign and box not in stored_box
    opened = Store.open(tmp_path / "hub", ADMIN, PASSWORD, db_url=pg_url)
    try:
        assert _private(node_keys(opened)) == (sign, box)
        opened.change_password(PASSWORD, "another long password 42", kdf=FAST_KDF)
    finally:
        opened.close()
    again = Store.open(tmp_path / "hub", ADMIN, "another long password 42", db_url=pg_url)
    try:
        assert node_keys(again).fingerprint == keys.fingerprint, "the password change rewrapped the data key only"
    finally:
        again.close()


def test_keys_left_in_clear_on_the_server_are_sealed_at_first_use(make_node, tmp_path, pg_url):
    hub, _ = make_node(role="hub", folder=tmp_path / "hub")
    sign, box = _private(node_keys(hub))
    init_server_database(hub, pg_url)
    hub.close()
    engine = sa.create_engine(pg_url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE node_keys SET sign_private = :s, box_private = :b"), {"s": sign, "b": box})
    engine.dispose()
    opened = Store.open(tmp_path / "hub", ADMIN, PASSWORD, db_url=pg_url)
    try:
        assert _private(node_keys(opened)) == (sign, box)
    finally:
        opened.close()
    ((stored_sign, stored_box),) = _server_rows(pg_url)
    assert stored_sign.startswith(SEALED) and sign not in stored_sign and box not in stored_box


def test_new_keys_are_sealed_and_open_only_with_their_own_data_key(make_node, tmp_path):
    one, _ = make_node(role="hub", folder=tmp_path / "one")
    other, _ = make_node(role="hub", folder=tmp_path / "other")
    keys = node_keys(one)
    with one.read() as session:
        row = session.get(NodeKey, 1)
        stored = (bytes(row.sign_private), bytes(row.box_private))
    assert stored[0].startswith(SEALED) and keys.sign.private_bytes(*RAW) not in stored[0]
    with other.write() as session:  # one node's sealed keys copied into another's database
        session.add(NodeKey(id=1, sign_private=stored[0], box_private=stored[1], fingerprint=keys.fingerprint))
    with pytest.raises(StoreError, match="cannot be opened with its data key"):
        node_keys(other)


def _server_suite_private(url: str) -> bytes:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            return bytes(conn.exec_driver_sql("SELECT suite_private FROM node_keys").scalar_one())
    finally:
        engine.dispose()


def test_the_hubs_suite_keys_are_sealed_like_the_others(make_node, tmp_path, pg_url):
    """Issue 24 with 23.3: the SM2, ML-KEM and ML-DSA private keys (``suite_private``) are sealed in the node's own
    database, stay sealed on PostgreSQL, are sealed at first use when left in clear there, and still open."""
    hub, _ = make_node(role="hub", folder=tmp_path / "hub")
    keys = node_keys(hub)
    assert keys.suites is not None
    clear = keys.suites.dump()
    secrets = [base64.b64encode(k).decode() for k in (keys.suites.sm2_sign[0], keys.suites.sm2_box[0],
                                                       keys.suites.mlkem_seed, keys.suites.mldsa_seed)]
    with hub.read() as session:
        local = bytes(session.get(NodeKey, 1).suite_private)
    assert local.startswith(SEALED) and not any(s.encode() in local for s in secrets)
    init_server_database(hub, pg_url)
    hub.close()
    stored = _server_suite_private(pg_url)
    assert stored.startswith(SEALED) and clear not in stored and not any(s.encode() in stored for s in secrets)
    engine = sa.create_engine(pg_url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:  # as a version before the sealing wrote it
        conn.execute(sa.text("UPDATE node_keys SET suite_private = :p"), {"p": clear})
    engine.dispose()
    opened = Store.open(tmp_path / "hub", ADMIN, PASSWORD, db_url=pg_url)
    try:
        reopened = node_keys(opened)
        assert reopened.suites is not None and reopened.suites.dump() == clear
    finally:
        opened.close()
    stored = _server_suite_private(pg_url)
    assert stored.startswith(SEALED) and not any(s.encode() in stored for s in secrets)
