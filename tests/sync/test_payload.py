"""Reading a bundle's decrypted payload, step by step (app/sync/bundle.py ``_read_payload``): the manifest against
the signed header, each entry against its description, change batches, attachments, and the end of the payload.
The payload is really encrypted (the same chunked stream a bundle holds); only the file around it is left out."""

from __future__ import annotations

import hashlib
import io
import json
import os
import zlib

import pytest

from app.sync import bundle as fmt
from app.sync import suites
from app.sync.bundle import LIMITS, BundleRefused, Header, Limits

SENDER, RECIPIENT = "a" * 36, "b" * 36


def reader_over(*frames: bytes, trailing: bytes = b"") -> fmt._PayloadReader:
    """A reader over ``frames`` encrypted as a bundle's payload."""
    key = suites.CLASSIC.payload_aead(os.urandom(32), hashlib.sha256(b"header").digest())
    out = io.BytesIO()
    writer = fmt._ChunkWriter(out, key, hashlib.sha256())
    for frame in frames:
        writer.write(frame)
    writer.write(trailing)
    writer.close()
    return fmt._PayloadReader(io.BytesIO(out.getvalue()), 0, len(out.getvalue()), key)


def batch(changes: list, index: int = 1) -> fmt.PayloadEntry:
    return fmt.batch_entry(index, changes)


def blob(content: bytes) -> fmt.PayloadEntry:
    sha = hashlib.sha256(content).hexdigest()
    return fmt.blob_entry(sha, len(content), lambda: content)


def frames_of(entries: list[fmt.PayloadEntry]) -> list[bytes]:
    return [fmt._frame(e.kind, e.name, e.content()) for e in entries]


def header_and_manifest(entries: list[fmt.PayloadEntry], changes: int) -> tuple[Header, dict, bytes]:
    fields = {"bundle_id": "id-1", "sender": SENDER, "recipient": RECIPIENT, "bundle_seq": 1,
              "ranges": {SENDER: [0, changes]}, "ack": {}}
    manifest = fmt.build_manifest(fields, entries, changes)
    manifest_frame = fmt._frame(fmt.KIND_MANIFEST, fmt.MANIFEST_NAME, fmt.canonical_json(manifest).encode())
    payload_size = len(manifest_frame) + sum(len(f) for f in frames_of(entries))
    fields |= {"counts": {"entries": len(entries) + 1, "changes": changes}, "payload_size": payload_size}
    return Header(fmt.FORMAT_VERSION, fmt.SUITE_ID, fields, b""), manifest, manifest_frame


CHANGES = [{"origin": SENDER, "seq": 1}, {"origin": SENDER, "seq": 2}]


def test_a_whole_payload_is_read():
    entries = [batch(CHANGES), blob(b"photo")]
    header, manifest, first = header_and_manifest(entries, 2)
    opened = fmt._read_payload(reader_over(first, *frames_of(entries)), header, LIMITS)
    assert opened.changes == CHANGES and opened.blobs == {hashlib.sha256(b"photo").hexdigest(): b"photo"}
    assert opened.manifest == manifest


@pytest.mark.parametrize(("edit", "words"), [
    (lambda m: m.update(sender="c" * 36), "does not match its signed header (sender)"),
    (lambda m: m.update(ranges={}), "does not match its signed header (ranges)"),
    (lambda m: m.update(format=99), "does not match its signed header (format)"),
    (lambda m: m["entries"].append({}), "declares more content"),
])
def test_the_manifest_must_repeat_the_signed_header(edit, words):
    header, manifest, _ = header_and_manifest([batch(CHANGES)], 2)
    edit(manifest)
    with pytest.raises(BundleRefused, match=words.replace("(", r"\(").replace(")", r"\)")):
        fmt._check_manifest(manifest, header, LIMITS)


def test_a_manifest_that_is_not_one_is_damaged():
    header, _, _ = header_and_manifest([], 0)
    for frame in (fmt._frame(fmt.KIND_BATCH, fmt.MANIFEST_NAME, b"{}"),
                  fmt._frame(fmt.KIND_MANIFEST, fmt.MANIFEST_NAME, b"[1]"),
                  fmt._frame(fmt.KIND_MANIFEST, fmt.MANIFEST_NAME, b'{"entries": {}, "counts": {}}'),
                  fmt._frame(fmt.KIND_MANIFEST, fmt.MANIFEST_NAME, b"\xff")):
        with pytest.raises(BundleRefused, match="manifest is damaged"):
            fmt._read_manifest(reader_over(frame), header, LIMITS)


@pytest.mark.parametrize("item", ["x", {"size": -1, "raw_size": 0}, {"size": 1, "raw_size": "1"}, {}])
def test_an_entry_description_with_no_sizes_is_damaged(item):
    with pytest.raises(BundleRefused, match="manifest is damaged"):
        fmt._entry_spec(item, LIMITS)


def test_the_limit_of_an_entry_depends_on_its_kind():
    small = Limits(max_blob_bytes=10, max_batch_raw_bytes=20)
    assert fmt._entry_spec({"kind": "blob", "size": 1, "raw_size": 1}, small).limit == 10
    assert fmt._entry_spec({"kind": "batch", "size": 1, "raw_size": 1}, small).limit == 20


def _read_entries(entries, described=None, limits=LIMITS, trailing=b""):
    described = described if described is not None else [e.describe() for e in entries]
    return fmt._read_entries(reader_over(*frames_of(entries), trailing=trailing), described, limits)


def test_each_entry_must_match_its_description():
    good = batch(CHANGES)
    renamed = dict(good.describe(), name="changes/000002.json.z")
    with pytest.raises(BundleRefused, match="does not match its manifest"):
        _read_entries([good], [renamed])
    with pytest.raises(BundleRefused, match="does not match its SHA-256"):
        _read_entries([good], [dict(good.describe(), sha256="0" * 64)])
    with pytest.raises(BundleRefused, match="does not match its manifest"):  # a batch described as a blob
        _read_entries([good], [dict(good.describe(), kind="blob")])
    with pytest.raises(BundleRefused, match="larger than Fieldbook accepts"):
        _read_entries([good], limits=Limits(max_batch_raw_bytes=good.size - 1))
    with pytest.raises(BundleRefused, match="declares more content"):
        _read_entries([good], limits=Limits(max_total_raw_bytes=good.raw_size - 1))
    with pytest.raises(BundleRefused, match="declares more content"):
        _read_entries([good], limits=Limits(max_changes=1))


def test_a_batch_is_inflated_to_exactly_its_size_and_holds_objects():
    raw = json.dumps(CHANGES).encode()
    spec = fmt._EntrySpec("changes/1", "batch", 0, len(raw), "", LIMITS.max_batch_raw_bytes)
    assert fmt._read_batch(zlib.compress(raw), spec, LIMITS) == CHANGES
    bomb = zlib.compress(b"[" + b" " * 100_000 + b"]")
    with pytest.raises(BundleRefused, match="decompression bomb"):
        fmt._read_batch(bomb, fmt._EntrySpec("b", "batch", len(bomb), 10, "", 0), LIMITS)
    for text in (b'{"a": 1}', b"[1, 2]", b"\xff"):
        with pytest.raises(BundleRefused, match="is damaged"):
            fmt._read_batch(zlib.compress(text), fmt._EntrySpec("b", "batch", 0, len(text), "", 0), LIMITS)


def test_an_attachment_is_named_by_its_hash():
    content = b"photo"
    sha = hashlib.sha256(content).hexdigest()
    assert fmt._checked_blob(content, fmt._EntrySpec(f"blobs/{sha}", "blob", 5, 5, sha, 10)) == content
    for spec in (fmt._EntrySpec("blobs/other", "blob", 5, 5, sha, 10),
                 fmt._EntrySpec(f"blobs/{sha}", "blob", 5, 4, sha, 10),
                 fmt._EntrySpec("blobs/XYZ", "blob", 5, 5, "XYZ", 10)):
        with pytest.raises(BundleRefused, match="does not match its SHA-256"):
            fmt._checked_blob(content, spec)


def test_nothing_may_follow_the_last_entry_and_the_counts_must_agree():
    entries = [batch(CHANGES)]
    header, manifest, first = header_and_manifest(entries, 2)
    reader = reader_over(first, *frames_of(entries), trailing=b"more")
    fmt._read_manifest(reader, header, LIMITS)
    changes, _ = fmt._read_entries(reader, manifest["entries"], LIMITS)
    with pytest.raises(BundleRefused, match="longer or shorter"):
        fmt._check_payload_end(reader, header, manifest, changes)
    reader = reader_over(first, *frames_of(entries))
    fmt._read_manifest(reader, header, LIMITS)
    fmt._read_entries(reader, manifest["entries"], LIMITS)
    with pytest.raises(BundleRefused, match="manifest is damaged"):
        fmt._check_payload_end(reader, header, manifest, CHANGES[:1])
    fmt._check_payload_end(reader, header, manifest, CHANGES)
