"""The bundle suites' algorithms against their published test vectors, the suite registry, and what happens when
one end holds no keys for a suite (issue 24; docs/bundle-format.md "Suites")."""

from __future__ import annotations

import json
import os

import gmssl_pyx
import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from app.errors import ValidationError
from app.models import Peer
from app.sync import bundle as fmt
from app.sync import gm, suite_keys, suites
from app.sync.bundle import BundleRefused
from app.sync.export import export_bundles
from app.sync.importer import import_bundle
from app.sync.keys import NodeKeys

from .conftest import add_households, enroll_field

# GB/T 32918.5-2017 Annex A (GM/T 0003.5-2012), recommended curve sm2p256v1, user ID 1234567812345678
SM2_D = bytes.fromhex("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8")
SM2_P = bytes.fromhex("09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020"
                      "CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13")
SM2_MSG = b"message digest"
SM2_Z = bytes.fromhex("B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3")
SM2_E = bytes.fromhex("F0B43E94BA45ACCAACE692ED534382EB17E6AB5A19CE7B31F4486FDFC0D28640")
SM2_RS = bytes.fromhex("F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3"
                       "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA")
# the encryption example: "encryption standard" -> C1 (x, y), C3, C2; DER SM2Cipher (GM/T 0009) C1C3C2
SM2_C1 = bytes.fromhex("04EBFC718E8D1798620432268E77FEB6415E2EDE0E073C0F4F640ECD2E149A73"
                       "E858F9D81E5430A57B36DAAB8F950A3C64E6EE6A63094D99283AFF767E124DF0")
SM2_C3 = bytes.fromhex("59983C18F809E262923C53AEC295D30383B54E39D609D160AFCB1908D0BD8766")
SM2_C2 = bytes.fromhex("21886CA989CA9C7D58087307CA93092D651EFA")
# sm2p256v1 parameters (GB/T 32918.5 section 2)
SM2_A = bytes.fromhex("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC")
SM2_B = bytes.fromhex("28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93")
SM2_G = bytes.fromhex("32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7"
                      "BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0")


def _der_int(value: bytes) -> bytes:
    value = value.lstrip(b"\0") or b"\0"
    if value[0] & 0x80:
        value = b"\0" + value
    return b"\x02" + bytes([len(value)]) + value


def _der_cipher() -> bytes:
    body = (_der_int(SM2_C1[:32]) + _der_int(SM2_C1[32:]) + b"\x04\x20" + SM2_C3 + b"\x04" + bytes([len(SM2_C2)])
            + SM2_C2)
    return b"\x30" + bytes([len(body)]) + body


def test_sm3_gb_t_32905_vectors():
    assert gm.sm3(b"abc").hex() == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    assert gm.sm3(b"abcd" * 16).hex() == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"
    data = os.urandom(1000)
    assert gm.sm3(data) == bytes(gmssl_pyx.sm3_hash(data)), "cryptography and GmSSL agree"
    digest = suites.GM.new_digest()
    digest.update(data[:10])
    digest.update(data[10:])
    assert digest.digest() == gm.sm3(data) == suites.GM.header_digest(data)


def test_sm4_gb_t_32907_example_and_gcm_rfc_8998():
    key = bytes.fromhex("0123456789abcdeffedcba9876543210")
    encryptor = Cipher(algorithms.SM4(key), modes.ECB()).encryptor()
    assert encryptor.update(key).hex() == "681edf34d206965e86b3e94f536e4246"
    decryptor = Cipher(algorithms.SM4(key), modes.ECB()).decryptor()
    assert decryptor.update(bytes.fromhex("681edf34d206965e86b3e94f536e4246")) == key
    # RFC 8998 appendix A.1 (SM4-GCM)
    plain = bytes.fromhex("AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD"
                          "EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA")
    nonce, aad = bytes.fromhex("00001234567800000000ABCD"), bytes.fromhex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2")
    aead = gm.SM4GCM(key)
    sealed = aead.encrypt(nonce, plain, aad)
    assert sealed[:16].hex().upper() == "17F399F08C67D5EE19D0DC9969C4BB7D"
    assert sealed[-16:].hex().upper() == "83DE3541E4C2B58177E065A9BF7B62EC"
    assert aead.decrypt(nonce, sealed, aad) == plain
    for bad_nonce, bad_sealed, bad_aad in [(nonce[:-1] + b"\x01", sealed, aad), (nonce, sealed[:-1], aad),
                                           (nonce, bytes([sealed[0] ^ 1]) + sealed[1:], aad), (nonce, sealed, None),
                                           (nonce, sealed[:15], aad)]:
        with pytest.raises(InvalidTag):
            aead.decrypt(bad_nonce, bad_sealed, bad_aad)


def test_sm2_signature_gb_t_32918_example():
    """The published signature verifies with the standard user ID; our signatures are over the same e = SM3(Z ‖ M)
    (cross-checked against GmSSL's digest-level verification with the published Z and e)."""
    assert gm.sm2_verify(SM2_P, SM2_MSG, SM2_RS)
    assert not gm.sm2_verify(SM2_P, SM2_MSG + b"x", SM2_RS)
    assert not gm.sm2_verify(SM2_P, SM2_MSG, SM2_RS[:-1] + bytes([SM2_RS[-1] ^ 1]))
    assert not gm.sm2_verify(SM2_P, SM2_MSG, SM2_RS[:63])
    assert not gm.sm2_verify(bytes(64), SM2_MSG, SM2_RS), "a public key off the curve is refused, not raised"
    entl = (len(gm.SM2_USER_ID) * 8).to_bytes(2, "big")
    z = gm.sm3(entl + gm.SM2_USER_ID + SM2_A + SM2_B + SM2_G + SM2_P)
    assert z == SM2_Z and gm.sm3(z + SM2_MSG) == SM2_E
    signature = gm.sm2_sign(SM2_D, SM2_P, SM2_MSG)
    assert len(signature) == 64 and gm.sm2_verify(SM2_P, SM2_MSG, signature)
    der = _der_int(signature[:32]) + _der_int(signature[32:])
    assert gmssl_pyx.sm2_verify_sm3_digest(SM2_P, SM2_E, b"\x30" + bytes([len(der)]) + der)
    assert not gmssl_pyx.sm2_verify(SM2_P, SM2_MSG, b"\x30" + bytes([len(der)]) + der, b"1234567812345679")


def test_sm2_encryption_gb_t_32918_example():
    assert gm.sm2_decrypt(SM2_D, _der_cipher()) == b"encryption standard"
    file_key = os.urandom(32)
    wrapped = gm.sm2_encrypt(SM2_P, file_key)
    assert len(wrapped) <= gm.SM2_MAX_WRAPPED and gm.sm2_decrypt(SM2_D, wrapped) == file_key
    for bad in (wrapped[:-1] + bytes([wrapped[-1] ^ 1]), wrapped[:40], b""):
        with pytest.raises(ValueError):
            gm.sm2_decrypt(SM2_D, bad)


@pytest.mark.parametrize("suite", suites.SUITES.values(), ids=lambda s: s.name)
def test_each_suite_wraps_seals_and_signs(suite):
    me, them = NodeKeys.generate("a" * 36), NodeKeys.generate("b" * 36)
    header_digest = suite.header_digest(b"prefix")
    file_key = os.urandom(32)
    wrapped = suite.wrap(file_key, them.public, header_digest)
    assert len(wrapped) < 2**16
    assert suite.unwrap(wrapped, them, header_digest) == file_key
    with pytest.raises((InvalidTag, ValueError)):
        suite.unwrap(wrapped, me, header_digest)  # another node's key
    aead = suite.payload_aead(file_key, header_digest)
    nonce = bytes(12)
    assert aead.decrypt(nonce, aead.encrypt(nonce, b"chunk", None), None) == b"chunk"
    with pytest.raises(InvalidTag):
        suite.payload_aead(file_key, suite.header_digest(b"other")).decrypt(nonce, aead.encrypt(nonce, b"c", None),
                                                                            None)
    signature = suite.sign(me, b"message")
    assert len(signature) == suite.signature_size
    assert suite.verify(me.public, signature, b"message")
    assert not suite.verify(me.public, signature, b"messagf")
    assert not suite.verify(them.public, signature, b"message")
    assert not suite.verify(me.public, signature[:-1], b"message")


def test_pq_signature_needs_both_halves():
    me = NodeKeys.generate("a" * 36)
    signature = suites.PQ.sign(me, b"m")
    classic_half, mldsa_half = signature[:64], signature[64:]
    forged_mldsa = suites.PQ.sign(NodeKeys.generate("a" * 36), b"m")[64:]
    assert not suites.PQ.verify(me.public, classic_half + forged_mldsa, b"m")
    assert not suites.PQ.verify(me.public, bytes(64) + mldsa_half, b"m")


def test_registry():
    assert [s.id for s in suites.SUITES.values()] == [1, 2, 3] and suites.NAMES == ("classic", "gm", "pq")
    assert fmt.SUPPORTED[fmt.FORMAT_VERSION] == {1, 2, 3} and suites.CLASSIC.id == fmt.SUITE_ID
    assert all(name.split(":")[0] in suites.NAMES for name in fmt.SUITE_NAMES.values())
    with pytest.raises(ValidationError, match="Unknown bundle suite rc4"):
        suites.by_name("rc4")
    assert suite_keys.parse_public({"sm2_sign": "AAAA", "mlkem768": 5}) == {}


def _strip_suite_keys(store, node_id):
    """The certificate as Fieldbook wrote it before issue 24: no suite keys in it."""
    with store.write() as session:
        peer = session.get(Peer, node_id)
        document = json.loads(peer.certificate)
        document["body"].pop("suite_keys", None)
        document["body"].get("hub", {}).pop("suite_keys", None)
        peer.certificate = json.dumps(document)


@pytest.mark.parametrize("suite", ["gm", "pq"])
def test_a_node_enrolled_before_suites_must_enrol_again(net, tmp_path, suite):
    n = net(fields=1)
    hub, field = n.hub, n.fields[0]
    add_households(hub, 1)
    _strip_suite_keys(hub, field.info.node_id)
    _strip_suite_keys(field, hub.info.node_id)
    with pytest.raises(suites.SuiteKeysMissing, match=f"has no keys for suite {suite}; it must enrol again"):
        export_bundles(hub, tmp_path / "out", to=field.info.node_id, suite=suite)
    with pytest.raises(suites.SuiteKeysMissing, match=f"This node has no keys for suite {suite}"):
        export_bundles(field, tmp_path / "out", suite=suite)
    assert export_bundles(hub, tmp_path / "out", to=field.info.node_id)[0].path, "classic still works"
    # a bundle in the suite from a node whose certificate here has no keys for it is refused, naming the cause
    enroll_field(hub, field, tmp_path / "again")
    path = export_bundles(field, tmp_path / "out2", suite=suite)[0].path
    _strip_suite_keys(hub, field.info.node_id)
    with pytest.raises(BundleRefused, match="holds no keys for it"):
        import_bundle(hub, path)
    enroll_field(hub, field, tmp_path / "again2")  # enrolling again (same keys) carries the suite keys
    assert fmt.read_header(path).cipher.name == suite
    assert import_bundle(hub, path).changes == 0
    assert import_bundle(field, export_bundles(hub, tmp_path / "out3", to=field.info.node_id,
                                               suite=suite)[0].path).applied == 1
