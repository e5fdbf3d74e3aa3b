"""The Chinese national algorithms (国密) suite ``gm`` uses: SM2 (GB/T 32918) from GmSSL through ``gmssl-pyx``,
SM3 (GB/T 32905) and SM4 (GB/T 32907) from ``cryptography``. Nothing here is hand-written cryptography: this module
only fixes encodings (raw r‖s signatures, the standard signer ID) and gives SM4-GCM the AEAD interface of
``ChaCha20Poly1305`` so the bundle's chunked stream is the same code for every suite.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator

import gmssl_pyx
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

#: GB/T 32918.2 / GM/T 0009: the default distinguishing identifier (ENTL = 128 bits) that enters Z_A
SM2_USER_ID = b"1234567812345678"
SM2_PUBLIC_BYTES = 64  # x ‖ y
SM2_PRIVATE_BYTES = 32
SM2_SIGNATURE_BYTES = 64  # r ‖ s, 32 bytes each, big-endian
#: GB/T 32918.4 with 32-byte plaintext: DER SM2Cipher (C1 x, y; C3; C2) is at most this long
SM2_MAX_WRAPPED = 160
SM4_KEY_BYTES = 16
TAG_BYTES = 16


_QUIET = threading.Lock()


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """GmSSL prints its C call trace to the process's standard error when a signature or a ciphertext does not
    check (``sm2_sign.c:265:sm2_fast_verify()``). A refused bundle is reported by Fieldbook in words; that trace
    would only confuse whoever reads the console, so descriptor 2 points at the null device for the call."""
    with _QUIET:
        try:
            sys.stderr.flush()
            saved = os.dup(2)
        except (OSError, ValueError, AttributeError):  # no console (a windowed Windows build): nothing to hide
            yield
            return
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(null, 2)
            finally:
                os.close(null)
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def sm2_generate() -> tuple[bytes, bytes]:
    """A fresh SM2 key pair on the recommended curve: (private d, public x‖y)."""
    public, private = gmssl_pyx.sm2_key_generate()
    return bytes(private), bytes(public)


def sm2_sign(private: bytes, public: bytes, message: bytes) -> bytes:
    """SM2 signature (GB/T 32918.2): e = SM3(Z_A ‖ message) with the standard user ID; returned as raw r‖s."""
    der = gmssl_pyx.sm2_sign(private, public, message, SM2_USER_ID)
    r, s = decode_dss_signature(bytes(der))
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def sm2_verify(public: bytes, message: bytes, signature: bytes) -> bool:
    if len(signature) != SM2_SIGNATURE_BYTES or len(public) != SM2_PUBLIC_BYTES:
        return False
    der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
    try:
        with _quiet_stderr():
            return bool(gmssl_pyx.sm2_verify(public, message, der, SM2_USER_ID))
    except gmssl_pyx.GmsslInnerError:  # InvalidValueError (a point off the curve, a zero r or s) is a subclass
        return False


def sm2_encrypt(public: bytes, plaintext: bytes) -> bytes:
    """SM2 public-key encryption (GB/T 32918.4), DER SM2Cipher in C1C3C2 order (GM/T 0009)."""
    return bytes(gmssl_pyx.sm2_encrypt(public, plaintext))


def sm2_decrypt(private: bytes, wrapped: bytes) -> bytes:
    """Raises ValueError if ``wrapped`` does not open (C1 off the curve, C3 ≠ SM3(x2 ‖ M ‖ y2), bad encoding)."""
    try:
        with _quiet_stderr():
            return bytes(gmssl_pyx.sm2_decrypt(private, wrapped))
    except gmssl_pyx.GmsslInnerError as exc:
        raise ValueError("SM2 decryption failed") from exc


def sm3(data: bytes) -> bytes:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize()


class SM4GCM:
    """SM4 in GCM mode (RFC 8998) with the ``encrypt(nonce, data, aad)`` / ``decrypt`` interface of
    ``cryptography``'s AEAD classes: 12-byte nonce, 16-byte tag appended; ``decrypt`` raises InvalidTag and returns
    nothing unless the tag verifies."""

    def __init__(self, key: bytes) -> None:
        if len(key) != SM4_KEY_BYTES:
            raise ValueError("SM4 keys are 16 bytes")
        self._key = key

    def encrypt(self, nonce: bytes, data: bytes, associated_data: bytes | None) -> bytes:
        encryptor = Cipher(algorithms.SM4(self._key), modes.GCM(nonce)).encryptor()
        if associated_data:
            encryptor.authenticate_additional_data(associated_data)
        sealed = encryptor.update(data) + encryptor.finalize()
        return sealed + encryptor.tag

    def decrypt(self, nonce: bytes, data: bytes, associated_data: bytes | None) -> bytes:
        if len(data) < TAG_BYTES:
            raise InvalidTag()
        decryptor = Cipher(algorithms.SM4(self._key), modes.GCM(nonce, data[-TAG_BYTES:])).decryptor()
        if associated_data:
            decryptor.authenticate_additional_data(associated_data)
        plain = decryptor.update(data[:-TAG_BYTES])
        decryptor.finalize()  # raises InvalidTag; only then is ``plain`` used
        return plain
