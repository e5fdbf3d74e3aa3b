"""The bundle file: signed, encrypted, chunked, one file per peer (byte format in docs/bundle-format.md).

Writing is encrypt-then-sign: the payload is encrypted for the recipient, then header and ciphertext are signed by
the sender. Reading refuses anything it can before decrypting: size, magic, format version, cipher suite, header
shape, recipient, sender (enrolled, not revoked) and the signature over the whole file; only then is the file key
unwrapped and the payload decrypted chunk by chunk, and every entry checked against the manifest (size, SHA-256,
decompressed size), with every limit below enforced while reading so a hostile file cannot make us allocate more.

Every limit lives in :data:`LIMITS`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import struct
import tempfile
import uuid
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidTag

from app.db.audit import canonical_json
from app.db.fileio import fsync_dir
from app.errors import FieldbookError
from app.i18n import translate
from app.sync import strict, suites
from app.sync.keys import NodeKeys, PublicKeys
from app.sync.suites import AEAD, Digest, Suite


@dataclass(frozen=True)
class Limits:
    """Everything a bundle may be at most, and the clock skew merging tolerates. One place, on purpose."""

    max_file_bytes: int = 4 * 1024**3
    max_header_bytes: int = 64 * 1024
    max_manifest_bytes: int = 16 * 1024**2
    #: payload entries (manifest + change batches + attachments)
    max_entries: int = 200_000
    max_changes: int = 2_000_000
    max_blob_bytes: int = 64 * 1024**2
    #: one change batch, decompressed (a decompression bomb stops here)
    max_batch_raw_bytes: int = 64 * 1024**2
    #: everything decrypted and decompressed together, whatever the file's size
    max_total_raw_bytes: int = 8 * 1024**3
    #: ... and at most this many bytes per byte of the bundle file, plus ``raw_floor_bytes`` (change batches compress
    #: 3-8 fold, attachments not at all; a 2 MB bundle may not inflate to gigabytes: :meth:`raw_budget`)
    raw_per_file_byte: int = 16
    raw_floor_bytes: int = 4 * 1024**2
    #: changes per batch when writing
    batch_changes: int = 5_000
    #: stamps further ahead of this node's wall clock are listed for review (still applied)
    clock_flag_ahead_ms: int = 24 * 3600 * 1000
    #: stamps further ahead than this are refused: the sender's clock is wrong
    clock_refuse_ahead_ms: int = 30 * 24 * 3600 * 1000

    def raw_budget(self, file_size: int) -> int:
        """How many bytes a bundle file of ``file_size`` bytes may hold once decompressed, all entries together."""
        return min(self.max_total_raw_bytes, self.raw_floor_bytes + self.raw_per_file_byte * max(0, file_size))


LIMITS = Limits()

MAGIC = b"FBBUNDLE"
FORMAT_VERSION = 1
SUITE_ID = suites.CLASSIC.id  # the default suite; every suite: app/sync/suites.py
SUPPORTED = {FORMAT_VERSION: set(suites.SUITES)}
#: how ``bundle inspect`` names the suites it knows (the header names any suite by number)
SUITE_NAMES = {suite.id: f"{suite.name}: {suite.description}" for suite in suites.SUITES.values()}
SUFFIX = ".fbb"
CHUNK = 64 * 1024
TAG = 16
SIGNATURE = 64  # the classic suite's; each suite's: Suite.signature_size
PREFIX = struct.Struct(">8sHHI")  # magic, format version, suite, header length
SIGNATURE_DOMAIN = b"fieldbook bundle v1 signature\x00"
MANIFEST_NAME = "manifest.json"
KIND_MANIFEST, KIND_BATCH, KIND_BLOB = 1, 2, 3
ENTRY = struct.Struct(">BH")  # kind, name length; then name, then u64 size, then content
SIZE = struct.Struct(">Q")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class BundleRefused(FieldbookError):
    """A bundle that is not imported (damaged, forged, not for us, from a revoked node, breaking a rule).

    ``source`` and ``params`` keep the untranslated message (context "Sync") and its parameters, so the refusal
    can be stored and shown later in the reader's language (:meth:`reason`)."""

    exit_code = 9
    source: str = ""
    params: dict[str, str] | None = None

    def keep_source(self, text: str, params: dict[str, object]) -> None:
        self.source, self.params = text, {key: str(value) for key, value in params.items()}

    def reason(self) -> str:
        """The refusal as stored: JSON of the untranslated message and its parameters (or the message itself)."""
        if self.source:
            return json.dumps({"text": self.source, "params": self.params or {}}, ensure_ascii=False)
        return json.dumps({"message": self.message}, ensure_ascii=False)


def reason_text(stored: str) -> str:
    """A stored :meth:`BundleRefused.reason` in the reader's language."""
    try:
        value = json.loads(stored)
    except (ValueError, TypeError):
        return str(stored)
    if not isinstance(value, dict):
        return str(stored)
    if isinstance(value.get("text"), str):
        params = value.get("params")
        try:
            return translate("Sync", value["text"], **(params if isinstance(params, dict) else {}))
        except (KeyError, IndexError, ValueError):
            return str(value["text"])
    return str(value.get("message", ""))


def refusal(text: str, **params: object) -> BundleRefused:
    """A BundleRefused with ``text`` translated (context "Sync") and kept untranslated for later."""
    exc = BundleRefused(translate("Sync", text, **params))
    exc.keep_source(text, params)
    return exc


_refuse = refusal


# -- header ---------------------------------------------------------------------------------------------------
HEADER_FIELDS: dict[str, type | tuple[type, ...]] = {
    "bundle_id": str, "sender": str, "sender_key": str, "recipient": str, "recipient_key": str,
    "bundle_seq": int, "created_at": str, "ranges": dict, "ack": dict, "counts": dict, "payload_size": int,
    "roster": int,
}
#: the suite's name in the header (absent in bundles written before suites had names: then the suite is classic)
SUITE_FIELD = "suite"


@dataclass
class Header:
    version: int
    suite: int
    fields: dict[str, Any]
    raw: bytes  # bytes 0 .. end of the header JSON
    digest: bytes = b""

    def __post_init__(self) -> None:
        known = suites.SUITES.get(self.suite)
        self.digest = known.header_digest(self.raw) if known else hashlib.sha256(self.raw).digest()

    @property
    def cipher(self) -> Suite:
        return suites.SUITES[self.suite]

    def __getitem__(self, key: str) -> Any:
        return self.fields[key]


def _valid_vector(value: Any, pair: bool) -> bool:
    if not isinstance(value, dict):
        return False
    for key, item in value.items():
        if not isinstance(key, str) or len(key) > 64:
            return False
        items = item if pair else [item]
        if pair and (not isinstance(item, list) or len(item) != 2):
            return False
        if not all(isinstance(i, int) and not isinstance(i, bool) and 0 <= i < 2**62 for i in items):
            return False
    return True


def read_prefix(handle: IO[bytes], file_size: int, limits: Limits = LIMITS) -> tuple[bytes, int, int, int]:
    """The fixed start of a bundle: (its bytes, format version, suite, header length); BundleRefused if the file is
    no bundle or its header length cannot be right. Any version and suite pass (``bundle inspect`` names them)."""
    prefix = handle.read(PREFIX.size)
    if len(prefix) < PREFIX.size or prefix[:8] != MAGIC:
        raise _refuse("This file is not a Fieldbook bundle.")
    _, version, suite, length = PREFIX.unpack(prefix)
    if length > limits.max_header_bytes or PREFIX.size + length + 2 + SIGNATURE + TAG > file_size:
        raise _refuse("The bundle's header is damaged or too large.")
    return prefix, version, suite, length


def parse_header(handle: IO[bytes], file_size: int, limits: Limits = LIMITS) -> Header:
    """Read and check the readable part of a bundle (no cryptography yet)."""
    prefix = handle.read(PREFIX.size)
    if len(prefix) < PREFIX.size or prefix[:8] != MAGIC:
        raise _refuse("This file is not a Fieldbook bundle.")
    _, version, suite, length = PREFIX.unpack(prefix)
    if version not in SUPPORTED:
        raise _refuse("The bundle uses format version {version}, which this Fieldbook does not read; "
                      "update Fieldbook on both computers.", version=version)
    if suite not in SUPPORTED[version]:
        raise _refuse("The bundle uses cipher suite {suite}, which this Fieldbook does not know.", suite=suite)
    signature_size = suites.SUITES[suite].signature_size
    if length > limits.max_header_bytes or PREFIX.size + length + 2 + signature_size + TAG > file_size:
        raise _refuse("The bundle's header is damaged or too large.")
    raw = handle.read(length)
    try:
        fields = strict.loads(raw, max_depth=4)
    except ValueError as exc:
        raise _refuse("The bundle's header is damaged or too large.") from exc
    if not isinstance(fields, dict) or any(not isinstance(fields.get(k), t) or isinstance(fields.get(k), bool)
                                           for k, t in HEADER_FIELDS.items()):
        raise _refuse("The bundle's header is damaged or too large.")
    if not (_valid_vector(fields["ranges"], pair=True) and _valid_vector(fields["ack"], pair=False)
            and _valid_vector(fields["counts"], pair=False)):
        raise _refuse("The bundle's header is damaged or too large.")
    if fields.get(SUITE_FIELD, suites.CLASSIC.name) != suites.SUITES[suite].name:
        raise _refuse("The bundle's header names the suite {name}, but its prefix says suite {suite}; it was not "
                      "imported.", name=str(fields.get(SUITE_FIELD))[:20], suite=suite)
    return Header(version, suite, fields, prefix + raw)


def read_header(path: Path, limits: Limits = LIMITS) -> Header:
    with open(path, "rb") as handle:
        return parse_header(handle, os.fstat(handle.fileno()).st_size, limits)


# -- payload entries ------------------------------------------------------------------------------------------
@dataclass
class PayloadEntry:
    """One entry of the payload: a change batch (zlib-compressed JSON) or an attachment (raw bytes)."""

    kind: int
    name: str
    size: int
    raw_size: int
    sha256: str
    data: bytes | None = None
    load: Callable[[], bytes] | None = None

    def content(self) -> bytes:
        return self.data if self.data is not None else (self.load() if self.load else b"")

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "kind": "batch" if self.kind == KIND_BATCH else "blob", "size": self.size,
                "raw_size": self.raw_size, "sha256": self.sha256}


def batch_entry(index: int, changes: Sequence[dict[str, Any]]) -> PayloadEntry:
    raw = canonical_json(list(changes)).encode("utf-8")
    stored = zlib.compress(raw, 6)
    return PayloadEntry(KIND_BATCH, f"changes/{index:06d}.json.z", len(stored), len(raw),
                        hashlib.sha256(stored).hexdigest(), data=stored)


def blob_entry(sha256: str, size: int, load: Callable[[], bytes]) -> PayloadEntry:
    return PayloadEntry(KIND_BLOB, f"blobs/{sha256}", size, size, sha256, load=load)


def build_manifest(header: dict[str, Any], entries: Sequence[PayloadEntry], changes: int) -> dict[str, Any]:
    return {"format": FORMAT_VERSION, "bundle_id": header["bundle_id"], "sender": header["sender"],
            "recipient": header["recipient"], "bundle_seq": header["bundle_seq"], "ranges": header["ranges"],
            "ack": header["ack"], "counts": {"changes": changes,
                                             "blobs": sum(1 for e in entries if e.kind == KIND_BLOB)},
            "entries": [e.describe() for e in entries]}


def _framing(name: str) -> int:
    return ENTRY.size + len(name.encode("utf-8")) + SIZE.size


# -- writing --------------------------------------------------------------------------------------------------
def _nonce(counter: int, final: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if final else b"\x00")


class _ChunkWriter:
    """Encrypts a plaintext stream in 64 KiB chunks (age's STREAM) and hashes what it writes."""

    def __init__(self, out: IO[bytes], aead: AEAD, digest: Digest) -> None:
        self.out, self.aead, self.digest = out, aead, digest
        self.buffer = bytearray()
        self.counter = 0

    def write(self, data: bytes) -> None:
        self.buffer += data
        while len(self.buffer) > CHUNK:  # keep at least one byte back: the last chunk must be final
            self._emit(bytes(self.buffer[:CHUNK]), final=False)
            del self.buffer[:CHUNK]

    def _emit(self, plain: bytes, final: bool) -> None:
        sealed = self.aead.encrypt(_nonce(self.counter, final), plain, None)
        self.counter += 1
        self.out.write(sealed)
        self.digest.update(sealed)

    def close(self) -> None:
        self._emit(bytes(self.buffer), final=True)
        self.buffer.clear()


def write_bundle(folder: Path, file_name: str, sender: NodeKeys, recipient: PublicKeys, header: dict[str, Any],
                 manifest: dict[str, Any], entries: Sequence[PayloadEntry],
                 crash_hook: Callable[[str], None] | None = None, verify_blobs: bool = True,
                 suite: Suite = suites.CLASSIC) -> Path:
    """Write the bundle to a temporary name in ``folder``, fsync it, rename it to ``file_name``; return the path.

    ``header`` needs every field of HEADER_FIELDS but ``counts`` and ``payload_size``, which are filled in here.
    ``suite``: both ends must hold its keys (:func:`app.sync.suites.require_keys`).
    """
    manifest_bytes = canonical_json(manifest).encode("utf-8")
    payload_size = _framing(MANIFEST_NAME) + len(manifest_bytes) + sum(_framing(e.name) + e.size for e in entries)
    header = dict(header)
    header["payload_size"] = payload_size
    header["counts"] = {"entries": len(entries) + 1, "changes": int(manifest["counts"]["changes"]),
                        "blobs": int(manifest["counts"]["blobs"])}
    header[SUITE_FIELD] = suite.name
    header_json = canonical_json(header).encode("utf-8")
    prefix = PREFIX.pack(MAGIC, FORMAT_VERSION, suite.id, len(header_json)) + header_json
    digest_of_header = suite.header_digest(prefix)
    file_key = os.urandom(32)
    wrapped = suite.wrap(file_key, recipient, digest_of_header)
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".fieldbook-", suffix=".partial", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            whole = suite.new_digest()
            head = prefix + struct.pack(">H", len(wrapped)) + wrapped
            out.write(head)
            whole.update(head)
            stream = _ChunkWriter(out, suite.payload_aead(file_key, digest_of_header), whole)
            stream.write(_frame(KIND_MANIFEST, MANIFEST_NAME, manifest_bytes))
            for index, entry in enumerate(entries):
                content = entry.content()
                if len(content) != entry.size:
                    raise RuntimeError(f"payload entry {entry.name} changed size while writing")
                if verify_blobs and entry.kind == KIND_BLOB and hashlib.sha256(content).hexdigest() != entry.sha256:
                    raise RuntimeError(f"attachment {entry.name} does not match its hash")
                stream.write(_frame(entry.kind, entry.name, content))
                if crash_hook and index == len(entries) // 2:
                    crash_hook("write")
            stream.close()
            signature = suite.sign(sender, SIGNATURE_DOMAIN + whole.digest())
            out.write(signature)
            out.flush()
            os.fsync(out.fileno())
        if crash_hook:
            crash_hook("rename")
        final = folder / file_name
        os.replace(tmp, final)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    fsync_dir(folder)
    return final


def _frame(kind: int, name: str, content: bytes) -> bytes:
    encoded = name.encode("utf-8")
    return ENTRY.pack(kind, len(encoded)) + encoded + SIZE.pack(len(content)) + content


# -- reading --------------------------------------------------------------------------------------------------
@dataclass
class Opened:
    header: Header
    manifest: dict[str, Any]
    changes: list[dict[str, Any]]
    blobs: dict[str, bytes]
    sha256: str
    flags: list[str] = field(default_factory=list)


def verify_and_open(path: Path, me: NodeKeys, sender_keys: Callable[[Header], PublicKeys],
                    limits: Limits = LIMITS) -> Opened:
    """Check ``path`` completely and return its decrypted content, or raise BundleRefused.

    ``sender_keys`` returns the enrolled keys of the header's sender (raising BundleRefused for an unknown, revoked
    or expired node). Nothing is decrypted before the signature over the whole file has verified with them.
    """
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError as exc:
        raise _refuse("The file {path} does not exist.", path=path) from exc
    with handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limits.max_file_bytes:
            raise _refuse("The bundle is larger than Fieldbook accepts ({size} bytes).", size=size)
        header = parse_header(handle, size, limits)
        fields = header.fields
        if fields["recipient"] != me.node_id or fields["recipient_key"] != me.fingerprint:
            raise _refuse("This bundle is addressed to another node ({node}); it was not imported.",
                          node=fields["recipient"])
        counts = fields["counts"]
        if (counts.get("entries", 0) > limits.max_entries or counts.get("changes", 0) > limits.max_changes
                or fields["payload_size"] > limits.max_total_raw_bytes):
            raise _refuse("The bundle declares more content than Fieldbook accepts.")
        signer = sender_keys(header)
        if fields["sender_key"] != signer.fingerprint:
            raise _refuse("The bundle names a key of {node} that is not the enrolled one; it was not imported.",
                          node=fields["sender"])
        suite = header.cipher
        if suite.missing(signer):
            raise _refuse("The bundle uses suite {suite}, but the certificate of {node} holds no keys for it; the "
                          "node must enrol again.", suite=suite.name, node=fields["sender"])
        # signature over everything before it (encrypt-then-sign), checked before any decryption
        file_sha = signed_digest(handle, size, signer)
        if file_sha is None:
            raise _refuse("The bundle's signature does not verify: it was damaged or altered, or it was not "
                          "written by {node}.", node=fields["sender"])
        # from here on the bytes are exactly what the enrolled sender wrote
        handle.seek(len(header.raw))
        (wrapped_len,) = struct.unpack(">H", handle.read(2))
        wrapped = handle.read(wrapped_len)
        try:
            file_key = suite.unwrap(wrapped, me, header.digest)
        except (InvalidTag, ValueError) as exc:
            raise _refuse("The bundle cannot be decrypted with this node's key.") from exc
        body_start = len(header.raw) + 2 + wrapped_len
        reader = _PayloadReader(handle, body_start, size - suite.signature_size,
                                suite.payload_aead(file_key, header.digest))
        opened = _read_payload(reader, header, limits, limits.raw_budget(size))
        opened.sha256 = file_sha
        return opened


def signed_digest(handle: IO[bytes], size: int, signer: PublicKeys) -> str | None:
    """The bundle's identity (SHA-256 over the signed part's digest and the signature) if ``signer``'s signature
    over everything before it verifies, in the suite the file's signed prefix names; else None. Reads the whole
    file once, decrypts nothing."""
    handle.seek(0)
    prefix = handle.read(PREFIX.size)
    suite = suites.SUITES.get(PREFIX.unpack(prefix)[2]) if len(prefix) == PREFIX.size else None
    if suite is None or size < suite.signature_size:
        return None
    whole = suite.new_digest()
    whole.update(prefix)
    remaining = size - suite.signature_size - len(prefix)
    while remaining > 0:
        block = handle.read(min(1024 * 1024, remaining))
        if not block:
            break
        whole.update(block)
        remaining -= len(block)
    signature = handle.read(suite.signature_size)
    if remaining or not suite.verify(signer, signature, SIGNATURE_DOMAIN + whole.digest()):
        return None
    return hashlib.sha256(whole.digest() + signature).hexdigest()


def open_regular_file(path: Path, limits: Limits = LIMITS) -> tuple[int, int]:
    """Open ``path`` for reading if it is a regular file within the size limit; return (descriptor, size).

    A device (/dev/zero), a pipe or a socket has no size and never ends: it is refused before a byte is read. The
    file is opened without blocking (a pipe with no writer would hang) and checked on the open descriptor, so it
    cannot be swapped for a device between the check and the read."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError as exc:
        raise _refuse("The file {path} does not exist.", path=path) from exc
    except IsADirectoryError as exc:
        raise _refuse("{path} is not a bundle file but a folder.", path=path) from exc
    except OSError as exc:
        raise _refuse("The file {path} cannot be read: {reason}", path=path, reason=exc.strerror or exc) from exc
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        os.close(descriptor)
        raise _refuse("{path} is not a regular file (a device, pipe or folder); only bundle files are read.",
                      path=path)
    if info.st_size > limits.max_file_bytes:
        os.close(descriptor)
        raise _refuse("The bundle is larger than Fieldbook accepts ({size} bytes).", size=info.st_size)
    return descriptor, info.st_size


class _PayloadReader:
    """Decrypts chunk by chunk on demand; refuses a payload that ends without its final chunk."""

    def __init__(self, handle: IO[bytes], start: int, end: int, aead: AEAD) -> None:
        self.handle, self.pos, self.end, self.aead = handle, start, end, aead
        self.counter = 0
        self.buffer = bytearray()
        self.done = False
        self.total = 0
        if end - start < TAG:
            raise _refuse("The bundle is truncated: its last part is missing.")

    def _next_chunk(self) -> None:
        if self.done:
            raise _refuse("The bundle's content is longer or shorter than its header says.")
        length = min(CHUNK + TAG, self.end - self.pos)
        final = self.pos + length == self.end
        self.handle.seek(self.pos)
        sealed = self.handle.read(length)
        if len(sealed) != length or length < TAG:
            raise _refuse("The bundle is truncated: its last part is missing.")
        try:
            plain = self.aead.decrypt(_nonce(self.counter, final), sealed, None)
        except InvalidTag as exc:
            if final:
                raise _refuse("The bundle is truncated or damaged: its last part is missing.") from exc
            raise _refuse("The bundle's content is damaged.") from exc
        if final and not plain and self.counter > 0:
            raise _refuse("The bundle's content is damaged.")
        self.pos += length
        self.counter += 1
        self.done = final
        self.buffer += plain
        self.total += len(plain)

    def read(self, n: int) -> bytes:
        while len(self.buffer) < n:
            self._next_chunk()
        out = bytes(self.buffer[:n])
        del self.buffer[:n]
        return out

    def at_end(self) -> bool:
        return self.done and not self.buffer


def _read_entry(reader: _PayloadReader, limit: int) -> tuple[int, str, bytes]:
    kind, name_len = ENTRY.unpack(reader.read(ENTRY.size))
    name = reader.read(name_len).decode("utf-8", errors="replace")
    (size,) = SIZE.unpack(reader.read(SIZE.size))
    if size > limit:
        raise _refuse("An entry of the bundle is larger than Fieldbook accepts ({name}).", name=name)
    return kind, name, reader.read(size)


#: a batch is inflated this much at a time, so a lie about its size is caught after one step, not at the end
INFLATE_STEP = 1024 * 1024


def _decompress(data: bytes, raw_size: int, limits: Limits, name: str) -> bytes:
    """``data`` inflated step by step to exactly ``raw_size`` bytes (which the caller has counted against the
    bundle's budget); anything longer, shorter or damaged is refused as soon as it shows."""
    if raw_size > limits.max_batch_raw_bytes:
        raise _refuse("An entry of the bundle is larger than Fieldbook accepts ({name}).", name=name)
    inflater = zlib.decompressobj()
    out = bytearray()
    pending = data
    try:
        while True:
            piece = inflater.decompress(pending, INFLATE_STEP)
            out += piece
            pending = inflater.unconsumed_tail
            if len(out) > raw_size or inflater.eof or not (piece or pending):
                break
    except zlib.error as exc:
        raise _refuse("The bundle's entry {name} is damaged.", name=name) from exc
    if len(out) != raw_size or inflater.unconsumed_tail or not inflater.eof:
        raise _refuse("The bundle's entry {name} does not have the size its manifest gives; it was not "
                      "imported (it may be a decompression bomb).", name=name)
    return bytes(out)


MANIFEST_KEYS = ("bundle_id", "sender", "recipient", "bundle_seq", "ranges", "ack")


def _read_payload(reader: _PayloadReader, header: Header, limits: Limits, budget: int | None = None) -> Opened:
    """The decrypted payload: the manifest (which must repeat the signed header), then every entry it lists, each
    checked as it is read, then nothing more. ``budget``: how many bytes all entries may inflate to together
    (:meth:`Limits.raw_budget` of the file's size)."""
    manifest = _read_manifest(reader, header, limits)
    changes, blobs = _read_entries(reader, manifest["entries"], limits, budget)
    _check_payload_end(reader, header, manifest, changes)
    return Opened(header, manifest, changes, blobs, "")


def _read_manifest(reader: _PayloadReader, header: Header, limits: Limits) -> dict[str, Any]:
    """The first entry, parsed and checked against the signed header (sender, recipient, ranges, counts...)."""
    kind, name, manifest_bytes = _read_entry(reader, limits.max_manifest_bytes)
    try:
        if kind != KIND_MANIFEST or name != MANIFEST_NAME:
            raise ValueError("manifest first")
        manifest = strict.loads(manifest_bytes, max_depth=8)
        if not isinstance(manifest["entries"], list) or not isinstance(manifest.get("counts"), dict):
            raise ValueError("entries")
    except (ValueError, KeyError, TypeError) as exc:
        raise _refuse("The bundle's manifest is damaged.") from exc
    _check_manifest(manifest, header, limits)
    return dict(manifest)


def _check_manifest(manifest: dict[str, Any], header: Header, limits: Limits) -> None:
    fields = header.fields
    for key in MANIFEST_KEYS:
        if manifest.get(key) != fields[key]:
            raise _refuse("The bundle's inner manifest does not match its signed header ({field}); it was not "
                          "imported.", field=key)
    if manifest.get("format") != header.version:
        raise _refuse("The bundle's inner manifest does not match its signed header ({field}); it was not "
                      "imported.", field="format")
    described = manifest["entries"]
    if len(described) + 1 > limits.max_entries or len(described) + 1 != fields["counts"].get("entries"):
        raise _refuse("The bundle declares more content than Fieldbook accepts.")


@dataclass(frozen=True)
class _EntrySpec:
    """One entry as the manifest describes it, with the size limit that applies to it."""

    name: Any
    kind: Any  # "batch" | "blob" (anything else does not match what is read)
    size: int
    raw_size: int
    sha256: str
    limit: int


def _entry_spec(item: Any, limits: Limits) -> _EntrySpec:
    """A manifest item with sizes that are counts, within the limit of its kind."""
    if not isinstance(item, dict):
        raise _refuse("The bundle's manifest is damaged.")
    size, raw_size = item.get("size"), item.get("raw_size")
    if not (isinstance(size, int) and isinstance(raw_size, int) and size >= 0 and raw_size >= 0):
        raise _refuse("The bundle's manifest is damaged.")
    limit = limits.max_blob_bytes if item.get("kind") == "blob" else limits.max_batch_raw_bytes
    return _EntrySpec(item.get("name"), item.get("kind"), size, raw_size, str(item.get("sha256", "")), limit)


def _read_entries(reader: _PayloadReader, described: list[Any], limits: Limits, budget: int | None = None
                  ) -> tuple[list[dict[str, Any]], dict[str, bytes]]:
    """Every entry the manifest lists, in its order: each checked against its description (name, size, SHA-256)
    before it is used; change batches inflated and parsed, attachments kept by their hash. What they declare
    they inflate to must fit ``budget`` all together (checked before anything is inflated; each batch then
    inflates to exactly its declared size or is refused)."""
    changes: list[dict[str, Any]] = []
    blobs: dict[str, bytes] = {}
    specs = [_entry_spec(item, limits) for item in described]
    for spec in specs:
        if spec.size > spec.limit or (spec.kind == "batch" and spec.raw_size > limits.max_batch_raw_bytes):
            raise _refuse("An entry of the bundle is larger than Fieldbook accepts ({name}).", name=spec.name)
    declared = sum(spec.raw_size for spec in specs)
    if declared > limits.max_total_raw_bytes:
        raise _refuse("The bundle declares more content than Fieldbook accepts.")
    if budget is not None and declared > budget:
        raise _refuse("The bundle would inflate to {size} bytes, far more than a bundle of its size holds; it was "
                      "not imported (it may be a decompression bomb).", size=declared)
    for spec in specs:
        kind, name, content = _read_entry(reader, spec.limit)
        if name != spec.name or len(content) != spec.size:
            raise _refuse("The bundle's entry {name} does not match its manifest.", name=name)
        if hashlib.sha256(content).hexdigest() != spec.sha256:
            raise _refuse("The bundle's entry {name} does not match its SHA-256; it was not imported.", name=name)
        if kind == KIND_BATCH and spec.kind == "batch":
            changes.extend(_read_batch(content, spec, limits))
            if len(changes) > limits.max_changes:
                raise _refuse("The bundle declares more content than Fieldbook accepts.")
        elif kind == KIND_BLOB and spec.kind == "blob":
            blobs[spec.sha256] = _checked_blob(content, spec)
        else:
            raise _refuse("The bundle's entry {name} does not match its manifest.", name=name)
    return changes, blobs


def _read_batch(content: bytes, spec: _EntrySpec, limits: Limits) -> list[dict[str, Any]]:
    """A change batch: inflated to exactly its declared size, a JSON list of objects."""
    try:
        batch = strict.loads_fast(_decompress(content, spec.raw_size, limits, spec.name))
    except ValueError as exc:
        raise _refuse("The bundle's entry {name} is damaged.", name=spec.name) from exc
    if not isinstance(batch, list) or not all(isinstance(c, dict) for c in batch):
        raise _refuse("The bundle's entry {name} is damaged.", name=spec.name)
    return batch


def _checked_blob(content: bytes, spec: _EntrySpec) -> bytes:
    """An attachment: stored as it is, named by its SHA-256."""
    if not _HEX64.match(spec.sha256) or spec.name != f"blobs/{spec.sha256}" or spec.raw_size != spec.size:
        raise _refuse("The attachment {name} does not match its SHA-256; it was not imported.", name=spec.name)
    return content


def _check_payload_end(reader: _PayloadReader, header: Header, manifest: dict[str, Any],
                       changes: list[dict[str, Any]]) -> None:
    """Nothing after the last entry, the payload exactly as long as the header says, the change counts right."""
    if not reader.at_end():
        # the rest must be empty: read the final chunk if it has not been read yet
        with contextlib.suppress(BundleRefused):
            if not reader.buffer and not reader.done:
                reader._next_chunk()
        if not reader.at_end():
            raise _refuse("The bundle's content is longer or shorter than its header says.")
    if reader.total != header.fields["payload_size"]:
        raise _refuse("The bundle's content is longer or shorter than its header says.")
    if len(changes) != manifest["counts"].get("changes") or len(changes) != header.fields["counts"].get("changes"):
        raise _refuse("The bundle's manifest is damaged.")


def new_bundle_id() -> str:
    return str(uuid.uuid4())


def iter_bundle_files(paths: Sequence[Path]) -> Iterator[Path]:
    """Files given, and the bundles inside folders given (sorted, so imports are repeatable)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.iterdir() if p.suffix == SUFFIX and p.is_file())
        else:
            yield path
