"""What a bundle may cost the node that reads it (issue 16, finding 7): a small signed bundle may not inflate to
gigabytes, a device or a pipe is not a bundle file, and JSON nested thousands deep is refused like any damage."""

from __future__ import annotations

import hashlib
import os
import tracemalloc
import zlib

import pytest

from app.sync import bundle as fmt
from app.sync.bundle import LIMITS, BundleRefused, Limits
from app.sync.importer import import_bundle

from .conftest import add_households, craft, refusal_audit


@pytest.fixture
def pair(net):
    n = net(fields=1)
    return n, n.fields[0], n.hub


def _batch(index: int, raw_size: int, stored: bytes) -> fmt.PayloadEntry:
    return fmt.PayloadEntry(fmt.KIND_BATCH, f"changes/{index:06d}.json.z", len(stored), raw_size,
                            hashlib.sha256(stored).hexdigest(), data=stored)


def test_the_budget_grows_with_the_file_and_stops_at_the_ceiling():
    small = LIMITS.raw_budget(2 * 1024**2)
    assert small == LIMITS.raw_floor_bytes + 32 * 1024**2 < 64 * 1024**2
    assert LIMITS.raw_budget(10 * 1024**3) == LIMITS.max_total_raw_bytes
    assert Limits(raw_per_file_byte=2, raw_floor_bytes=10).raw_budget(100) == 210


def test_a_two_megabyte_bundle_of_batches_inflating_to_64_mib_each_is_refused_before_inflating(pair, tmp_path):
    """The finding: 30 batches of 64 MiB of spaces, about 2 MB signed, used to take the hub to 2.3 GB."""
    _n, a, hub = pair
    raw_size = 64 * 1024**2
    stored = zlib.compress(b"[" + b" " * (raw_size - 2) + b"]", 9)
    entries = [_batch(i, raw_size, stored) for i in range(1, 31)]
    path = craft(a, hub, tmp_path / "bomb", changes=[], entries_extra=entries)
    assert path.stat().st_size < 3 * 1024**2
    entries, kept = refusal_audit(hub)
    tracemalloc.start()
    try:
        with pytest.raises(BundleRefused, match="decompression bomb"):
            import_bundle(hub, path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024**2, f"{peak / 1024**2:.0f} MiB while refusing a 2 MB bundle"
    assert refusal_audit(hub) == (entries, kept + 1), "nothing but the refusal's line in the history"


def test_a_batch_that_lies_about_its_size_is_stopped_after_one_step(pair, tmp_path):
    _n, a, hub = pair
    stored = zlib.compress(b"[" + b" " * (60 * 1024**2) + b"]", 9)
    lying = _batch(1, 1000, stored)
    path = craft(a, hub, tmp_path / "lie", changes=[], entries_extra=[lying])
    tracemalloc.start()
    try:
        with pytest.raises(BundleRefused, match="decompression bomb"):
            import_bundle(hub, path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * fmt.INFLATE_STEP + 8 * 1024**2


def test_an_honest_bundle_inflating_many_times_its_size_still_imports(pair):
    n, a, hub = pair
    add_households(a, 40)
    path = n.export(a, hub)
    header = fmt.read_header(path)
    assert header["payload_size"] < LIMITS.raw_budget(path.stat().st_size)
    assert import_bundle(hub, path).applied == 40


@pytest.mark.parametrize("raw", [b"[" * 5000 + b"]" * 5000, b"[{" * 3000, b'[{"a": NaN}]', b"[Infinity]"])
def test_json_nested_thousands_deep_or_not_numbers_is_damage_not_a_crash(pair, tmp_path, raw):
    _n, a, hub = pair
    stored = zlib.compress(raw)
    path = craft(a, hub, tmp_path / "deep", changes=[], entries_extra=[_batch(1, len(raw), stored)])
    with pytest.raises(BundleRefused, match="is damaged"):
        import_bundle(hub, path)


def test_a_header_nested_too_deeply_is_damaged(tmp_path):
    raw = b"[" * 3000 + b"]" * 3000
    data = fmt.PREFIX.pack(fmt.MAGIC, fmt.FORMAT_VERSION, fmt.SUITE_ID, len(raw)) + raw + b"\0" * 200
    path = tmp_path / "deep.fbb"
    path.write_bytes(data)
    with pytest.raises(BundleRefused, match="header is damaged"):
        fmt.read_header(path)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="a POSIX device")
def test_importing_a_device_is_refused_before_reading_it(pair):
    """The finding: ``bundle import /dev/zero`` wrote without limit into tmp/ (a device's size is 0)."""
    _n, _a, hub = pair
    with pytest.raises(BundleRefused, match="not a regular file"):
        import_bundle(hub, fmt.Path("/dev/zero"))
    assert not any(hub.paths.tmp.iterdir())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_importing_a_pipe_neither_hangs_nor_reads(pair, tmp_path):
    _n, _a, hub = pair
    pipe = tmp_path / "bundle.fbb"
    os.mkfifo(pipe)
    with pytest.raises(BundleRefused, match="not a regular file"):
        import_bundle(hub, pipe)


def test_importing_a_folder_or_nothing_says_so(pair, tmp_path):
    _n, _a, hub = pair
    with pytest.raises(BundleRefused, match="does not exist"):
        import_bundle(hub, tmp_path / "missing.fbb")
    with pytest.raises(BundleRefused, match="folder"):
        import_bundle(hub, tmp_path)
